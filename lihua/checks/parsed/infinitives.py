"""The form of a verb that has no subject of its own: after a question word, "time", a subordinator,
an object and "not", or let / make and their object.

A verb with no subject cannot be finite, and the word before it says which form it takes: "how to
cook", "time to leave", "told us not to give up" (a to-infinitive); "before leaving", "when crossing"
(-ing); "let me know" (the base). The parser says whether the verb has a subject; the lexicon says
which forms a word can be, so a noun ("after school", "before class") is never taken for a verb.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import following as _following
from lihua.checks.parsed.words import in_quotes, penn, word_set
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter

#: Words that make "time" a "when" ("next time", "every time"), after which an imperative or a clause may follow.
_TIME_AS_WHEN = word_set("time_as_when")
_OBJECT_PRONOUNS = word_set("person_object_pronouns")
_TIME_TAKEN = word_set("time_taken_nouns")


def _bare_verb(token: Token) -> bool:
    """A word that here can only be the base form of a verb: "cook", "leave", "give" (not "class",
    "goes", "went"): the lexicon's base form, unless the tagger reads an adjective, adverb or preposition
    (after an error its verb tags are guesses: "hear her to sing" is tagged -ing)."""
    tags = lexicon.verb_tags(token.lower)
    return (token.text.isalpha() and token.text.islower() and "VB" in tags
            and penn(token) not in {"JJ", "IN", "DT", "CD", "RB", "NNS", "NNP"} and token.lower not in word_set("auxiliaries_and_modals"))


def _has_subject(analysis: Analysis, verb: Token, but: Token | None = None) -> bool:
    """The verb has a subject of its own (other than `but`: "what" read as the subject of "say")."""
    return any(c.dep in {"nsubj", "nsubj:pass", "expl"} and c is not but for c in analysis.children(verb))


def to_after_question_word(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'taught me how ride a bike', 'did not know what say': a question word with no subject after
    it takes a to-infinitive (how to ride, what to say)."""
    analysis = analyse(text)
    words = frozenset(options.get("words", ()))
    subjectless = frozenset(options.get("not_after_what", ()))
    for wh in analysis.tokens:
        if wh.lower not in words or wh.i == 0 or in_quotes(analysis, wh):
            continue
        before, verb = analysis.tokens[wh.i - 1], _following(analysis, wh)
        if before.sent != wh.sent or before.pos not in {"VERB", "PRON", "ADP"} or verb is None:
            continue  # a question word opening its sentence asks a question ("How come…")
        if not _bare_verb(verb) or _has_subject(analysis, verb, but=wh) or penn(verb) == "NN":
            continue
        if wh.lower in {"what", "which"} and verb.lower in subjectless:
            continue  # "what makes you happy": "what" is the subject, the verb wants its -s
        yield verb.start, verb.end, f"to {verb.text}", {"word": wh.text, "verb": verb.text}


def to_after_time(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'it was time go home', 'finds time talk with me': "time" takes a to-infinitive after it."""
    analysis = analyse(text)
    for time in analysis.tokens:
        if time.lower != "time" or time.pos != "NOUN" or in_quotes(analysis, time):
            continue
        verb = _following(analysis, time)
        if verb is None or not _bare_verb(verb) or penn(verb) == "NN":
            continue  # (a subject the parser gives the verb stands before "time": "it is time go")
        if any(c.lower in _TIME_AS_WHEN for c in analysis.children(time)):
            continue  # "Next time go early", "Every time we meet": "time" means "when"
        after = _following(analysis, verb)
        if after is not None and after.dep == "nsubj":
            continue
        yield verb.start, verb.end, f"to {verb.text}", {"verb": verb.text}


def to_after_not(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'told us not give up', 'asked me not worry': the verbs that take an object and a to-infinitive
    keep the "to" after "not" (told us not to give up)."""
    analysis = analyse(text)
    verbs = frozenset(options.get("verbs", ()))
    for ruler in analysis.tokens:
        if ruler.lemma not in verbs or ruler.pos != "VERB":
            continue
        obj = _following(analysis, ruler)
        if obj is None or obj.lower not in _OBJECT_PRONOUNS:
            continue
        negation, verb = _following(analysis, ruler, 2), _following(analysis, ruler, 3)
        if negation is None or negation.lower != "not" or verb is None or not _bare_verb(verb):
            continue
        yield negation.start, verb.end, f"not to {verb.text}", {"verb": ruler.text, "infinitive": verb.text}


def to_after_object(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'encouraged me keep trying', 'use them look up words': the verbs that take an object and a
    to-infinitive need the "to" (encouraged me to keep); 'it took us an hour get there' the same.
    Those in `not_before_ing` never take an object and an -ing form: 'advised me watching' → to watch."""
    analysis = analyse(text)
    verbs = frozenset(options.get("verbs", ()))
    ing_verbs = frozenset(options.get("not_before_ing", ()))
    for ruler in analysis.tokens:
        if ruler.pos != "VERB" or in_quotes(analysis, ruler):
            continue
        obj = None
        if ruler.lemma in verbs:
            obj = _following(analysis, ruler)
            step = 2 if obj is not None and obj.lower in _OBJECT_PRONOUNS else 0
        elif ruler.lemma == "take":
            step = _after_time_taken(analysis, ruler)
        else:
            continue
        verb = _following(analysis, ruler, step) if step else None
        if (verb is not None and step == 2 and ruler.lemma in ing_verbs and penn(verb) == "VBG" and verb.pos == "VERB"
                and verb.dep not in {"csubj", "nsubj"}):  # "told me swimming is good": a subject
            base = lexicon.verb_form(verb.text, "VB")  # "advised me watching films" → to watch
            if base and not _has_subject(analysis, verb):
                yield verb.start, verb.end, f"to {base}", {"verb": ruler.text, "infinitive": base}
            continue
        if verb is None or not _bare_verb(verb) or _has_subject(analysis, verb, but=obj):
            continue  # the object itself may be read as the verb's subject ("encouraged us keep going")
        after = _following(analysis, verb)
        object_follows = after is not None and (
            after.pos in {"DET", "PRON", "ADV"} if ruler.lemma == "take" else after.lower in _OBJECT_PRONOUNS)
        if (penn(verb) == "NN" or lexicon.is_noun(verb.lower) and verb.pos != "VERB") and not object_follows:
            continue  # "teach us English", "give me advice": a noun object ("took an hour finish the work" is a verb)
        yield verb.start, verb.end, f"to {verb.text}", {"verb": ruler.text, "infinitive": verb.text}


def _after_time_taken(analysis: Analysis, took: Token) -> int:
    """How far after 'took' the verb stands in 'it took (us) two hours get there', or 0 when the
    words after 'took' are not a time taken."""
    if not any(c.lower == "it" and c.dep in {"nsubj", "expl"} for c in analysis.children(took)):
        return 0
    step = 1
    first = _following(analysis, took)
    if first is not None and first.lower in _OBJECT_PRONOUNS:
        step = 2
    for length in range(1, 5):  # "two hours", "a long time", "more than an hour"
        last = _following(analysis, took, step + length - 1)
        if last is None:
            return 0
        if last.lemma in _TIME_TAKEN:
            return step + length
    return 0


def ing_after_subordinator(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Before leave the room', 'when cross the road': a time word with no subject after it takes
    the -ing form (before leaving, when crossing)."""
    analysis = analyse(text)
    words = frozenset(options.get("words", ()))
    for word in analysis.tokens:
        if word.lower not in words or in_quotes(analysis, word):
            continue
        verb = _following(analysis, word)
        if verb is None or not _bare_verb(verb) or _has_subject(analysis, verb):
            continue
        after = _following(analysis, verb)
        if lexicon.is_noun(verb.lower) and (after is None or after.pos not in {"DET", "PRON"} or after.dep == "nsubj"):
            continue  # "after class", "before dinner": a noun, unless an object follows it
        ing = lexicon.verb_form(verb.lower, "VBG")
        if ing and ing != verb.lower:
            yield verb.start, verb.end, lexicon.same_case(verb.text, ing), {"word": word.text, "verb": verb.text}


def base_after_causative(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Please let me knows', 'made them laughs': after let / make / help and a person, the base form."""
    analysis = analyse(text)
    verbs = frozenset(options.get("verbs", ()))
    for ruler in analysis.tokens:
        if ruler.lemma not in verbs or ruler.pos != "VERB" or in_quotes(analysis, ruler):
            continue
        obj, verb = _following(analysis, ruler), _following(analysis, ruler, 2)
        if obj is None or obj.lower not in _OBJECT_PRONOUNS or verb is None:
            continue
        tags = lexicon.verb_tags(verb.lower)
        if "VBZ" not in tags or "VB" in tags or (lexicon.is_noun(verb.lower) and verb.pos != "VERB"):
            continue
        base = lexicon.verb_form(verb.lower, "VB")
        if base and base.lower() != verb.lower:
            yield verb.start, verb.end, lexicon.same_case(verb.text, base), {"verb": ruler.text, "word": verb.text}


def perception_without_to(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I heard her to sing': see / watch / hear / notice someone do, with no "to" (only a person
    pronoun as the object: "saw a chance to win" has a "to" of its own)."""
    analysis = analyse(text)
    verbs = frozenset(options.get("verbs", ()))
    for ruler in analysis.tokens:
        if ruler.lemma not in verbs or ruler.pos != "VERB" or in_quotes(analysis, ruler):
            continue
        obj, to, verb = (_following(analysis, ruler, step) for step in (1, 2, 3))
        if obj is None or obj.lower not in _OBJECT_PRONOUNS - {"you"} or to is None or to.lower != "to":
            continue
        if verb is not None and _bare_verb(verb) and penn(verb) != "NN":
            yield to.start, verb.start, "", {"verb": ruler.text, "infinitive": verb.text}



def spend_time_to(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I spent most of my free time to play games' → playing: one spends time (in) doing, not to do."""
    analysis = analyse(text)
    times = word_set("time_taken_nouns") | frozenset(options.get("time_nouns", ()))
    for to in analysis.tokens:
        if to.lower != "to" or penn(to) != "TO" or to.dep != "mark" or in_quotes(analysis, to):
            continue
        verb = analysis.head(to)
        if verb.i != to.i + 1 or penn(verb) != "VB":
            continue
        first = analysis.sentences[to.sent].first
        spend = next((t for t in reversed(analysis.tokens[first : to.i]) if t.pos in {"VERB", "AUX"}), None)
        if spend is None or spend.lemma != "spend" or to.i - spend.i > 8:
            continue
        if analysis.tokens[to.i - 1].lemma not in times:
            continue  # the time right before "to": "spent two weeks in London to improve" is a purpose
        gerund = lexicon.verb_form(verb.text, "VBG")
        if gerund:
            yield to.start, verb.end, gerund, {"verb": verb.text, "fix_verb": gerund}


def _bare_base(token: Token | None) -> bool:
    """The word is a verb in its plain base form, whatever tag the parser gave it ("swim", "run")."""
    if token is None or not token.text.isalpha():
        return False
    if token.pos != "VERB" and (lexicon.is_noun(token.lower) or lexicon.is_adjective(token.lower)):
        return False  # "such as cats", "such as fish": a noun
    base = lexicon.verb_form(token.text, "VB")
    return bool(base) and base.lower() == token.lower


def ing_after_verb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I enjoy swim', 'practised run every evening', 'such as sing songs': these take the -ing form."""
    analysis = analyse(text)
    verbs = frozenset(options.get("verbs", ()))
    tokens = analysis.tokens
    for ruler in tokens:
        if in_quotes(analysis, ruler):
            continue
        such_as = ruler.lower == "as" and ruler.i and tokens[ruler.i - 1].lower == "such"
        if not such_as and not (ruler.pos == "VERB" and ruler.lemma in verbs):
            continue
        verb = _following(analysis, ruler)
        if not _bare_base(verb) or _has_subject(analysis, verb):
            continue
        after = _following(analysis, verb)
        if after is not None and after.lower == "to":
            continue  # "keep learn to…": unclear which verb is the slip
        gerund = lexicon.verb_form(verb.text, "VBG")
        if gerund:
            yield verb.start, verb.end, gerund, {"verb": ruler.text, "fix_verb": gerund}


INFINITIVE_CHECKS = {
    "ing-after-verb": ing_after_verb,
    "spend-time-to": spend_time_to,
    "perception-to": perception_without_to,
    "to-after-question-word": to_after_question_word,
    "to-after-time": to_after_time,
    "to-after-not": to_after_not,
    "to-after-object": to_after_object,
    "ing-after-subordinator": ing_after_subordinator,
    "base-after-causative": base_after_causative,
}
