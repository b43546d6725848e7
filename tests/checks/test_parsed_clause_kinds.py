"""The checks that once read the regex clause reader, now on the parse: story and habit tense,
joined verbs, manner adverbs, noun phrases and whom a pronoun means. Each kind they find, and the
look-alikes they leave alone."""

from __future__ import annotations

import pytest

from lihua.checks.parsed import PARSED_CHECKS
from lihua.checks.rulebook import load_rules


def _options(check: str) -> dict:
    return next(rule.options for rule in load_rules() if rule.check == check)


def _fixes(check: str, text: str) -> list[tuple[str, str | None]]:
    return [(text[a:b], fix) for a, b, fix, _ in PARSED_CHECKS[check](text, None, _options(check))]


_HABITS = "Every spring my family plants trees. My father digs the holes. I carry the tools. We water them. "


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        (_HABITS + "We worked hard and go home.", ("worked", "work")),
        (_HABITS + "My brother helped us.", ("helped", "helps")),  # a singular subject takes the -s form
        (_HABITS + "We sang songs.", ("sang", "sing")),  # a past-only word the tagger reads as a present
    ],
)
def test_present_tense_finds_a_lone_past_verb_among_habits(text: str, fix: tuple[str, str]) -> None:
    assert _fixes("present-tense", text) == [fix]


@pytest.mark.parametrize(
    "tail",
    [
        "Last year we planted twenty trees.",  # a past time named in the sentence
        "We planted them and we watered them.",  # two past clauses: a memory
        "My teacher said it was useful.",  # a verb of telling
        "The trees that we planted grow well.",  # a relative clause
        "We put them in the ground.",  # a form that is also the present
        "Did you know we planted them?",  # a question
    ],
)
def test_present_tense_leaves_memories_alone(tail: str) -> None:
    assert _fixes("present-tense", _HABITS + tail) == []


def test_present_tense_judges_each_paragraph_on_its_own() -> None:
    assert _fixes("present-tense", _HABITS + "\nWe worked hard.") == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("Grandma taught me how to fold the dough and pinching the edges.", ("pinching", "pinch")),
        ("We should turn off the lights and closed the windows.", ("closed", "close")),
        ("The boy picked up the bottle and throw it away.", ("throw", "threw")),
        ("You have to believe in yourself and not depending on others.", ("depending", "depend")),
        ("She makes mistakes and learn from them.", ("learn", "learns")),
    ],
)
def test_parallel_verbs_share_a_form(text: str, fix: tuple[str, str]) -> None:
    assert _fixes("parallel-verbs", text) == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "I like reading and swimming.",
        "She told us to wait and left.",  # "left" pairs with "told"
        "Everybody needs to love themselves and feel safe.",  # the nearer verb may be the partner
        "I could not help but smile.",
        "He has a chance to win but imagine losing.",  # have: the auxiliary checks' business
        "We may have travelled far or graduated early.",  # a perfect: the auxiliary decides
        "He came in and he sits down.",  # a clause with its own subject
        "The ideas they gave us and use every day are good.",  # a clause inside a noun phrase
    ],
)
def test_parallel_verbs_leave_other_pairs_alone(text: str) -> None:
    assert _fixes("parallel-verbs", text) == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("The doctor explained the results to us patient.", ("patient", "patiently")),
        ("She danced so graceful that everyone clapped.", ("graceful", "gracefully")),
        ("The boss does not pay us good.", ("good", "well")),
    ],
)
def test_manner_adverb_after_a_verb(text: str, fix: tuple[str, str]) -> None:
    assert _fixes("manner-adverb", text) == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "The news made everyone happy.",
        "It was so beautiful.",  # a copula: the adjective describes the subject
        "We studied in silent rooms.",
        "I like it, like every student.",  # "like" is no adjective here
        "We should work in quiet.",  # after a preposition the word stands for a noun
    ],
)
def test_manner_adverb_leaves_adjectives_alone(text: str) -> None:
    assert _fixes("manner-adverb", text) == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("On Sunday we had big picnic in the park.", ("big picnic", "a big picnic")),
        ("It was unforgettable trip.", ("unforgettable trip", "an unforgettable trip")),
    ],
)
def test_missing_article_before_an_adjective(text: str, fix: tuple[str, str]) -> None:
    assert _fixes("missing-article", text) == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "We had great fun and worked hard.",
        "It was last year's best trip.",  # a possessive determines the noun
        "My friend's new bike is red.",
        "She won first prize.",
    ],
)
def test_missing_article_leaves_determined_and_mass_nouns_alone(text: str) -> None:
    assert _fixes("missing-article", text) == []


def test_coordinated_plural_finds_the_one_singular() -> None:
    assert _fixes("coordinated-plural", "We sold books, pens and notebook.") == [("notebook", "notebooks")]


@pytest.mark.parametrize(
    "text",
    [
        "We need teachers and run the club.",  # "and" joins two verbs
        "It reflects the costs and consumers' wishes.",  # a possessive: the list is of what follows
        "We bought apples and bread.",
    ],
)
def test_coordinated_plural_leaves_other_lists_alone(text: str) -> None:
    assert _fixes("coordinated-plural", text) == []


def test_adjective_preposition_within_a_sentence() -> None:
    assert _fixes("adjective-preposition", "My cousin is crazy at cars.") == [("at", "about")]
    assert _fixes("adjective-preposition", "He is famous. Of all of us, he works most.") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("My mother is kind and he helps me.", True),  # "and" alone does not pair pronouns
        ("Every student knows what he or she wants.", False),
        ("Mr Li is kind. She helps me.", True),  # the title tells the sex across sentences
        ("Mr. Li is kind. She helps me.", True),  # with its full stop too
        ("My aunt met a friend. He is tall.", False),  # a person of either sex stands between
        ("A photo of Martin with my sister and one of him with me.", False),  # a name, also a word
    ],
)
def test_pronoun_sex(text: str, flagged: bool) -> None:
    assert bool(_fixes("pronoun-sex", text)) is flagged


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("We are old enough to take care of themselves.", ("themselves", "ourselves")),
        ("I believe you can help myself with the speech.", ("myself", "me")),
    ],
)
def test_reflexive_refers_to_the_subject_of_its_clause(text: str, fix: tuple[str, str]) -> None:
    assert _fixes("reflexive-subject", text) == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "My mother taught me to cook by myself.",
        "I agree that we should just be yourself.",  # a reflexive as the predicate: no subject to read
        "Students finish the work themselves.",
    ],
)
def test_reflexive_subject_leaves_other_reflexives_alone(text: str) -> None:
    assert _fixes("reflexive-subject", text) == []


def test_agreement_reads_over_a_chinese_gloss_and_keeps_it() -> None:
    from lihua import check_text

    text = "My hand 真的 were cold."
    spans = [f for f in check_text(text) if f.rule_id == "learner.parsed.subject-agreement"]
    assert [(text[f.span.start : f.span.end], f.replacements[0]) for f in spans] == [("were", "was")]
