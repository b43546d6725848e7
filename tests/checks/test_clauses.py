"""The shallow clause reader: which subject and verb it finds, and where it stays silent."""

import pytest

from lihua.checks.clauses import clauses, sentences, verb_tense


def _pairs(text: str) -> list[tuple[str, str, str]]:
    return [(" ".join(t.text for t in c.subject), c.person, c.verb.text) for c in clauses(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("My uncle and aunt runs a small shop.", ("My uncle and aunt", "plural", "runs")),
    ("Most of them was tired.", ("Most of them", "plural", "was")),
    ("Each of the boys has a ticket.", ("Each of the boys", "singular", "has")),
    ("This old bridge have stood here for years.", ("This old bridge", "singular", "have")),
    ("Last Friday our class visited a farm.", ("our class", "unknown", "visited")),
    ("By noon our hands were covered with mud.", ("our hands", "plural", "were")),
    ("The trip not only opened my eyes but also taught me a lot.", ("The trip", "singular", "opened")),
    ("My sister fries eggs every morning.", ("My sister", "singular", "fries")),
    ("Li Ming hurt his ankle.", ("Li Ming", "singular", "hurt")),
])
def test_reads_the_subject_and_its_verb(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _pairs(text)


@pytest.mark.parametrize("text", [
    "Reading books makes me happy.",          # a gerund subject: its object is not the subject
    "The bus stop near my home is new.",      # "stop" is part of the noun, "near" a preposition
    "Mooncakes are round.",                   # an unknown capitalised plural is not a name
])
def test_stays_silent_on_what_it_cannot_read(text: str) -> None:
    subjects = {pair[0] for pair in _pairs(text)}
    assert not subjects & {"Reading books", "The bus", "Mooncakes"}


def test_and_between_two_nouns_does_not_open_a_clause() -> None:
    assert ("patience", "singular", "are") not in _pairs("I learned that teamwork and patience are important.")


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert len(sentences("Mr. Li met us at No. 3 Middle School. We thanked him.")) == 2


@pytest.mark.parametrize(("text", "tense"), [
    ("We went home.", "past"), ("We go home.", "present"), ("She go home.", "bare"),
    ("We put it down.", "either"), ("We can go.", "modal"),
])
def test_verb_tense(text: str, tense: str) -> None:
    assert verb_tense(clauses(text)[0]) == tense


@pytest.mark.parametrize(("text", "count"), [
    ("We met at 9 a.m. and then left.", 1),
    ("I said no. Then he left.", 2),
    ("We bought pens, books etc. and left.", 1),
])
def test_abbreviations_end_a_sentence_only_when_they_should(text: str, count: int) -> None:
    assert len(sentences(text)) == count


def test_clauses_come_in_text_order_with_how_openings() -> None:
    found = clauses("I know how hard my father works and you can help me.")
    assert [c.verb.start for c in found] == sorted(c.verb.start for c in found)


def test_agreement_reads_over_a_chinese_gloss_and_keeps_it() -> None:
    from lihua import check_text

    text = "My hand 真的 were cold."
    spans = [f for f in check_text(text) if f.rule_id == "learner.parsed.subject-agreement"]
    assert [(text[f.span.start:f.span.end], f.replacements[0]) for f in spans] == [("were", "was")]


@pytest.mark.parametrize(("text", "flagged"), [
    ("My mother is kind and he helps me.", True),      # "and" alone does not pair pronouns
    ("Every student knows what he or she wants.", False),
    ("Mr Li is kind. She helps me.", True),            # the title tells the sex across sentences
])
def test_pronoun_sex(text: str, flagged: bool) -> None:
    from lihua import check_text

    assert any(f.rule_id == "learner.pronoun.sex-agreement" for f in check_text(text)) is flagged
