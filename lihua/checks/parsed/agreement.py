"""Subject–verb agreement read from the parse: every subject the parser finds and its finite verb.

Covers plain subjects ("the garden have"), joined ones ("my mother and father is"), quantified
ones ("one of the boys are", "each of them have", "most of the money are"), passives ("many
instruments was used"), who/which/that standing for their noun ("the people who lives"), and
there-be, which agrees with the first noun after it ("There is many people"). Nouns whose verb
may be either (family, team) and amounts ("two hours is") are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import (
    AUX,
    SUBJECT,
    agreeing_form,
    data,
    in_quotes,
    penn,
    subject_number,
    verb_number,
    word_set,
)
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_RELATIVE = frozenset({"who", "which", "that"})
_QUANTIFIER_HEADS = word_class("quantifier_heads")
_COUNTING = frozenset(data()["nouns"]["plural_words"]) | {"most", "some", "all"}
_PERSONS = frozenset(data()["nouns"]["person_nouns"]) | frozenset(data()["nouns"]["more_people"])
_THINGS = frozenset(data()["relatives"]["thing_nouns"]) | frozenset(data()["relatives"]["place_nouns"])


def _finite(analysis: Analysis, subject: Token) -> Token | None:
    """The finite word that agrees with `subject`: its clause's first auxiliary or copula, or the verb."""
    head = analysis.head(subject)
    if head.i == subject.i:
        return None
    kids = analysis.children(head)
    if any(c.dep == "mark" and c.lower == "to" for c in kids):
        return None
    auxes = sorted((c for c in kids if c.dep in AUX), key=lambda c: c.i)
    verb = auxes[0] if auxes else head
    if not auxes and head.dep in word_class("relations_without_own_subject"):
        return None  # "The bus stop near my home is new": no finite verb of its own
    if verb.i < subject.i or penn(verb) == "MD" or verb.text[:1] in "'’":
        return None  # a question, a modal, or a contraction ("there's")
    if verb.pos not in {"VERB", "AUX"} or not verb.text.isalpha():
        return None
    return verb


def _subjunctive(analysis: Analysis, subject: Token, verb: Token) -> bool:
    """'If I were you', 'I wish she were here', 'I suggest that he go': no agreement to check."""
    clause = analysis.head(subject)
    sentence = analysis.sentence_tokens(subject.sent)
    before = {t.lower for t in sentence if t.i < subject.i}
    if verb.lower == "were" and before & word_class("subjunctive_openers"):
        return True
    ruler = analysis.head(clause)
    return (verb.tag == "VB" or verb.lower == verb.lemma) and (
        ruler.lemma in word_set("subjunctive_verbs") or ruler.lemma in {"important", "necessary", "essential"})


def _is_gerund(token: Token) -> bool:
    """A gerund, whatever the tagger made of it ("understanding concepts", "learnng facts")."""
    return token.tag == "VBG" or token.feature("VerbForm") == "Ger" or (
        token.lower.endswith("ing") and "VBG" in lexicon.verb_tags(token.lower)) or (
        token.text.islower() and token.lower.endswith("ng") and len(token.lower) > 4
        and not lexicon.readings(token.lower))  # a misspelt -ing form ("learnng") the lexicon cannot know


def _attached(analysis: Analysis, token: Token, subject: Token) -> bool:
    """A noun between subject and verb hangs from the subject by a preposition or a clause
    ("the flowers in our garden", "the girl who I met"), not loose ("activities where attendance")."""
    node = token
    for _ in range(12):
        if node.i == subject.i:
            return False
        if node.dep in {"acl", "acl:relcl", "conj", "compound", "amod", "nmod:poss", "det"} or any(
                c.dep == "case" for c in analysis.children(node)):
            return True
        if node.is_root:
            return False
        node = analysis.head(node)
    return False


def _own_start(analysis: Analysis, subject: Token) -> int | None:
    """Where the subject's own words begin, or None when it is a preposition's object.

    A phrase that opens the sentence may be glued to the subject by the parser ("In the past many
    instruments was used": "past" read as an adjective of "instruments"); a determiner or quantifier
    after a noun or adjective there opens the subject's own words."""
    tokens = analysis.tokens
    inside = [t for t in analysis.subtree(subject) if t.i <= subject.i]
    cases = [c for c in analysis.children(subject) if c.dep == "case"]
    if not cases:
        return inside[0].i if inside else subject.i
    opening = cases[0]
    if opening.i != analysis.sentences[subject.sent].first:
        return None
    for token in inside:
        if token.i > opening.i + 1 and (token.tag in {"DT", "PRP$"} or token.lower in _COUNTING) \
                and tokens[token.i - 1].pos in {"NOUN", "ADJ", "PROPN"}:
            return token.i
    return None


def _reads_cleanly(analysis: Analysis, subject: Token, verb: Token) -> bool:
    """The parse leaves little doubt that `subject` is the subject of `verb`: it is no object of a
    preposition, no part of a broken "and" ("my classmates and I"), no gerund's object ("using
    textbooks is"), and every word between it and the verb belongs to it or is an adverb."""
    tokens = analysis.tokens
    kids = analysis.children(subject)
    start = _own_start(analysis, subject)
    if start is None:
        return False
    if any(c.dep == "cc" and c.i < subject.i for c in kids):
        return False  # "the plan and the time … are": the second half of an "and" the parser split
    if subject.lower in word_set("verb_object_pronouns") and any(
            c.dep == "compound" and c.i < subject.i for c in kids):
        return False  # "help others is": a bare verb and its object, read as one noun
    inside = {t.i for t in analysis.subtree(subject) if t.i >= start}
    left = min(inside)
    if left and tokens[left - 1].sent == subject.sent:
        previous = tokens[left - 1]
        if _is_gerund(previous) or previous.lower in {"and", "or", "nor"} and left > 1 and tokens[left - 2].pos in {
                "NOUN", "PROPN", "PRON"}:
            return False  # "using textbooks is", "global warming and the greenhouse effect have"
        if previous.lemma in word_class("causative_and_perception_verbs") or (
                previous.pos == "VERB" and previous.lemma not in word_set("clause_verbs")):
            return False  # "makes the other country need", "to explore these lanes is": an object
    if any(_is_gerund(tokens[i]) for i in inside if i < subject.i):
        return False
    for j in range(subject.i + 1, verb.i):
        between = tokens[j]
        if not between.text.isascii():
            continue  # a Chinese gloss between subject and verb ("My hand 真的 were cold")
        if between.pos == "SCONJ" or between.pos == "PRON" and between.feature("Case") == "Nom":
            return False
        if j not in inside and between.pos not in {"ADV", "PART", "PUNCT", "AUX"}:
            return False
        if between.pos in {"NOUN", "PROPN"} and not _attached(analysis, between, subject):
            return False
    before = tokens[verb.i - 1]
    # "morning exercises and eye exercises": a noun read as a verb
    return not (verb.i - 1 != subject.i and before.pos == "NOUN" and before.tag == "NN"
                and lexicon.noun_number(verb.lower) == "plural")


def _antecedent(analysis: Analysis, relative: Token) -> Token | None:
    """The noun a subject who/which/that stands for: the word right before it (a comma may come between
    for who; ', which' may stand for a whole clause, so it is left alone)."""
    if relative.feature("PronType") != "Rel" and relative.tag not in {"WP", "WDT"}:
        return None
    j = relative.i - 1
    tokens = analysis.tokens
    if j >= 0 and tokens[j].text == "," and relative.lower == "who":
        j -= 1
    if j < 0 or tokens[j].sent != relative.sent:
        return None
    noun = tokens[j]
    if noun.pos not in {"NOUN", "PRON", "PROPN", "NUM"} or (noun.pos == "PROPN" and relative.lower != "who"):
        return None
    if noun.lower in _QUANTIFIER_HEADS | {"those", "that", "this"} and not (
            noun.lower == "one" and any(c.lower in {"the", "this", "that"} for c in analysis.children(noun))):
        return None  # "one of those who…" either way; "the one who takes" is one
    if any(c.dep == "case" for c in analysis.children(noun)) and not (
        relative.lower == "who" and noun.lemma in _PERSONS and analysis.head(noun).lemma in _THINGS
    ):
        return None  # "the rocks near the coast which are": which noun it stands for is unclear — but
        # "a meal for my mother, who works": only the person can be "who"
    if relative.lower != "who" and (lexicon.is_uncountable(noun.lower) or noun.lemma in word_set("clause_nouns")):
        return None  # "research which are" (the noun may be the slip), "a reason that…" (no relative)
    return noun


def _phrase(analysis: Analysis, subject: Token, verb: Token) -> str:
    """The words of the subject before its verb ("my mother and father"), or the subject word."""
    sentence = analysis.sentences[subject.sent]
    span = [t for t in analysis.subtree(subject) if sentence.first <= t.i < verb.i and t.pos != "PUNCT"]
    if not span:
        return subject.text
    text = analysis.text[span[0].start:span[-1].end]
    return text if len(text) <= 60 and "\n" not in text else subject.text


def _there_noun(analysis: Analysis, verb: Token) -> Token | None:
    """The first noun after 'there is/are', over its determiners and adjectives."""
    tokens = analysis.tokens
    last = analysis.sentences[verb.sent].last
    for j in range(verb.i + 1, min(last, verb.i + 6)):
        token = tokens[j]
        if token.pos in {"NOUN", "PRON"}:
            return token if token.lower not in word_class("quantity_nouns") else None
        if token.pos not in {"DET", "ADJ", "NUM", "ADV", "PART"}:
            return None
    return None


def _hit(analysis: Analysis, verb: Token, number: str, subject: str, word: Token | None = None) -> Hit | None:
    """The verb's span and its agreeing form; with the subject word too when it stands right before."""
    agrees = verb_number(verb)
    if not agrees or number in agrees:
        return None
    fix = agreeing_form(verb, number)
    if not fix:
        return None
    values = {"subject": subject, "verb": verb.text}
    if word is not None and word.pos == "NOUN" and word.i == verb.i - 1 and analysis.text[word.end:verb.start] == " ":
        # "the employer ask": the noun may be the slip as much as the verb; "he go": only the verb is
        return word.start, verb.end, f"{word.text} {fix}", values
    return verb.start, verb.end, fix, values


def subject_agreement(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'My mother and father is', 'each of them have', 'the people who lives': the finite verb
    disagrees with the subject the parser found."""
    analysis = analyse(text)
    seen: set[int] = set()
    for token in analysis.tokens:
        if token.dep == "expl" and token.lower == "there":
            found = _there_be(analysis, token)
        elif token.dep in SUBJECT:
            found = _subject(analysis, token)
        elif token.dep == "csubj":
            found = _gerund_subject(analysis, token)
        else:
            continue
        joined = _joined_verbs(analysis, token) if token.dep in SUBJECT else []
        split = _split_subjects(analysis, analysis.head(token)) if token.dep in SUBJECT else None
        for hit in (split, found, *joined):
            if hit is not None and hit[0] not in seen:
                seen.add(hit[0])
                yield hit


def _joined_verbs(analysis: Analysis, subject: Token) -> list[Hit | None]:
    """'family members get together and has dinner': a verb joined by "and" to the subject's present
    verb, with no subject or auxiliary of its own, agrees with the same subject."""
    head = analysis.head(subject)
    if (head.i == subject.i or head.pos != "VERB" or penn(head) not in {"VBZ", "VBP"} or in_quotes(analysis, subject)
            or subject.lower in _RELATIVE or subject.feature("Case") == "Acc"
            or any(c.dep in AUX for c in analysis.children(head))):
        return []
    hits: list[Hit | None] = []
    for verb in analysis.children(head):
        if verb.dep != "conj" or verb.pos != "VERB" or penn(verb) not in {"VBZ", "VBP", "VB"} or not verb.text.isalpha():
            continue
        kids = analysis.children(verb)
        if any(c.dep in SUBJECT or c.dep in AUX or c.dep == "mark" for c in kids):
            continue
        if not any(c.dep == "cc" and c.lower in {"and", "or"} for c in kids):
            continue  # "…, but imagine the sensation": an order; ", says the proverb": a subject after it
        number = subject_number(analysis, subject, head)
        if number is not None and number in verb_number(head):
            hits.append(_hit(analysis, verb, number, _phrase(analysis, subject, head)))
    return hits


def _subject(analysis: Analysis, subject: Token) -> Hit | None:
    verb = _finite(analysis, subject)
    if verb is None or in_quotes(analysis, subject) or _subjunctive(analysis, subject, verb):
        return None
    stands_for = subject
    if subject.lower in _RELATIVE and subject.tag in {"WP", "WDT"}:
        noun = _antecedent(analysis, subject)
        if noun is None or any(analysis.tokens[j].pos not in {"ADV", "PART", "AUX"}
                               for j in range(subject.i + 1, verb.i)):
            return None
        stands_for = noun
    elif subject.feature("Case") == "Acc":
        return None
    elif not _reads_cleanly(analysis, subject, verb):
        gerund = _opening_gerund(analysis, subject, verb)
        if gerund is None:
            return None  # "Reading this book make me": the parser took the gerund's object for the subject
        return _hit(analysis, verb, "sing3", analysis.text[gerund.start:subject.end])
    number = subject_number(analysis, stands_for, verb, name_is_one=stands_for is not subject)
    if number is None:
        return None
    words = _phrase(analysis, subject, verb) if stands_for is subject else stands_for.text
    return _hit(analysis, verb, number, words, subject if stands_for is subject else None)


def _opening_gerund(analysis: Analysis, subject: Token, verb: Token) -> Token | None:
    """The gerund that opens the clause right before `subject` when the parser took the gerund's object
    for the subject ("Reading this book make me": the subject is "Reading this book", one thing)."""
    if subject.pos == "PRON":
        return None  # "Sorry for interrupting, I guess", "assuming you get": a pronoun is its clause's own subject
    clause = analysis.head(subject)
    opener = next((c for c in analysis.children(clause) if c.dep == "csubj" and c.i < subject.i and _is_gerund(c)), None)
    start = min(t.i for t in analysis.subtree(subject) if t.i <= subject.i)
    if opener is not None and all(t.pos in {"NOUN", "PROPN", "ADP", "DET", "ADJ", "PRON", "NUM"}
                                  for t in analysis.tokens[opener.i + 1:subject.i]):
        start = opener.i + 1  # "Playing basketball with others make me": the parser split the gerund's phrase
    if start == 0:
        return None
    gerund = analysis.tokens[start - 1]
    if not _is_gerund(gerund) or gerund.sent != subject.sent or not gerund.text.isalpha() or gerund.head == subject.i:
        return None
    if gerund.i == subject.i - 1 and subject.tag == "NNS":
        return None  # "nursing students study", "cooking classes are": the -ing word may name a kind of the noun
    before = analysis.tokens[gerund.i - 1] if gerund.i > analysis.sentences[gerund.sent].first else None
    if before is not None and not (before.text in {",", ";", ":"} or before.pos in {"SCONJ", "CCONJ"}
                                   or before.lower == "that"):
        return None
    if any(t.pos in {"VERB", "AUX", "PUNCT"} or t.tag in {"WDT", "WP"} for t in analysis.tokens[subject.i + 1:verb.i]):
        return None
    return gerund


def _split_subjects(analysis: Analysis, verb: Token) -> Hit | None:
    """'My partner and I was asked': the parser hung both halves of a joined subject from the verb
    (an "and" between them, both before it): together they are plural."""
    kids = analysis.children(verb)
    subjects = [c for c in kids if c.dep in SUBJECT and c.i < verb.i]
    if len(subjects) < 2 or not any(
            c.dep == "cc" and c.lower == "and" and subjects[0].i < c.i < subjects[-1].i for c in kids):
        return None
    if any(t.lower in {",", "but", "or"} or t.pos in {"VERB", "SCONJ"}
           for t in analysis.tokens[subjects[0].i:subjects[-1].i]):
        return None  # two clauses, not one subject
    finite = _finite(analysis, subjects[-1])
    if finite is None or in_quotes(analysis, verb):
        return None
    start = min(t.i for t in analysis.subtree(subjects[0]) if t.i <= subjects[0].i)
    return _hit(analysis, finite, "plural", analysis.text[analysis.tokens[start].start:subjects[-1].end])


def _gerund_subject(analysis: Analysis, gerund: Token) -> Hit | None:
    """'Making dumplings together are a tradition': a gerund phrase is one thing, whatever its object's
    number (two gerunds joined by "and" are left alone)."""
    if penn(gerund) != "VBG":
        return None
    if any(c.dep in {"conj", "nsubj", "mark", "aux"} for c in analysis.children(gerund)) or in_quotes(analysis, gerund):
        return None
    first = analysis.sentences[gerund.sent].first
    before = analysis.tokens[gerund.i - 1] if gerund.i > first else None
    if before is not None and not (before.text in {",", ";", ":"} or before.pos in {"SCONJ", "CCONJ"} or before.lower == "that"):
        return None  # "the orchestra playing there were": the gerund must open the subject
    verb = _finite(analysis, gerund)
    if verb is None or verb.i < gerund.i:
        return None
    predicate = analysis.head(gerund)
    if any(c.dep in SUBJECT for c in analysis.children(predicate)) or penn(predicate) in {"NNS", "NNPS"}:
        return None  # "Sitting next to me were two old ladies": the plural after the verb is its subject
    between = analysis.tokens[gerund.i + 1 : verb.i]
    if any(t.text in {",", ";", ":"} or t.dep == "cc" for t in between):
        return None  # "Reading, writing and drawing are…": a list, not one phrase
    return _hit(analysis, verb, "sing3", _phrase(analysis, gerund, verb))


def _there_be(analysis: Analysis, there: Token) -> Hit | None:
    tokens = analysis.tokens
    if there.i + 1 >= len(tokens):
        return None
    verb = tokens[there.i + 1]
    if verb.lemma not in {"be", "have"} or verb.lower not in word_class("be_have_finite_forms"):
        return None
    if verb.lower in {"has", "have"}:  # "there has been", "there have been"
        if there.i + 2 >= len(tokens) or tokens[there.i + 2].lower != "been":
            return None
        noun = _there_noun(analysis, tokens[there.i + 2])
    else:
        noun = _there_noun(analysis, verb)
    if noun is None or in_quotes(analysis, there):
        return None
    number = subject_number(analysis, noun, verb)
    if number is None or number == "first":
        return None
    if "a" in {c.lower for c in analysis.children(noun) if c.dep == "det"} and number == "plural":
        return None  # "there is a…" read wrongly
    return _hit(analysis, verb, number, noun.text)


#: Nouns that make "every …" a time ("every day", "every morning"): an order may follow ("Every day eat fruit").
_TIMES = word_set("every_time_nouns")


def every_noun_verb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'every family eat', 'each student have': a subject counted by every/each is singular, even
    where the parser, misled by the base verb, read the words as one noun ("family eat dumplings")."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens[:-2]:
        if word.lower not in {"every", "each"} or in_quotes(analysis, word):
            continue
        noun, verb = tokens[word.i + 1], tokens[word.i + 2]
        if noun.sent != word.sent or verb.sent != word.sent or noun.lower in _TIMES or not noun.text.islower():
            continue
        if (noun.lower == "other" or lexicon.noun_number(noun.lower) == "plural" or not lexicon.is_singular_noun(noun.lower)
                or not verb.text.isalpha() or not verb.text.islower() or verb.tag == "MD"):
            continue
        readings = lexicon.readings(verb.lower)
        if verb.lower not in readings.get("VERB", ()) + readings.get("AUX", ()) or "ADJ" in readings:
            continue
        after = tokens[verb.i + 1] if verb.i + 1 < len(tokens) else None
        if set(readings) - {"VERB", "AUX"} and (after is None or after.sent != verb.sent or after.pos in {
                "AUX", "VERB", "PUNCT", "ADP", "CCONJ"} or after.tag == "NN"):
            continue  # "every school play is fun": a noun unless an object follows ("every family eat dumplings")
        fix = lexicon.verb_form(verb.lower, "VBZ")
        if fix and fix != verb.lower:
            yield verb.start, verb.end, fix, {"subject": f"{word.text} {noun.text}", "verb": verb.text}


AGREEMENT_CHECKS = {"subject-agreement": subject_agreement, "every-noun-verb": every_noun_verb}
