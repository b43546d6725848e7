"""Rule checks that a regular expression cannot express, named from the YAML packs.

Each check is `check(text, letter, options) -> iterable of (start, end, replacement | None, values)`;
the rule in the YAML gives it its id, wording, severity and examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed import PARSED_CHECKS
from lihua.text.letter import Letter, parse_letter
from lihua.text.word_classes import word_class

Check = Callable[[str, Letter | None, dict[str, Any]], Iterator[Hit]]

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")  # "thank-you" is one word, not "you" + a verb
_SUBJECTS = word_class("subject_pronouns")
_LEAD_NOUNS = word_class("clause_lead_nouns")
_SUBORDINATORS = word_class("subordinators")
_FINITE = word_class("finite_auxiliaries")
_MODALS = word_class("present_modals")
_ALL_MODALS = word_class("modals")
_DETERMINERS = word_class("definite_determiners")
_TIME_CONJUNCTIONS = word_class("time_conjunctions")
_FUTURE = re.compile(r"\b(?:will|won[’']t|going to|shall)\b|['’]ll\b", re.IGNORECASE)
_PRESENT_AUX = word_class("present_auxiliaries")
_PAST_AUX = word_class("past_auxiliaries")
_PRESENT_CONTRACTION = re.compile(r"^(?:i|you|we|they|he|she|it|that|there|here|what)['’](?:s|m|re)$")
_PRESENT_MARKERS = re.compile(r"\b(now|today|nowadays|every|always|usually|often|still|these days|"
                              r"at present|currently|sometimes|never)\b|[“”\"]", re.IGNORECASE)
_PAST_MARKERS = re.compile(r"\b(yesterday|ago|last|once|before|then|later|in (?:18|19|20)\d\d|when (?:i|we|he|she|they) "
                           r"(?:was|were)|just|already|used to|had)\b|[“”\"]", re.IGNORECASE)


@lru_cache(maxsize=512)
def _words(text: str, offset: int = 0) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) of each word; cached, as several checks read the same sentences."""
    return tuple((m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text))


def _is_finite(word: str) -> bool:
    lowered = word.lower()
    return lowered in _FINITE or bool(lexicon.verb_tags(lowered) & {"VBD", "VBZ"})


# A sentence whose first clause can be split off starts with its subject (not "In order to…", "For…").
_CLAUSE_STARTS = word_class("clause_starts")


def _is_finite_after(word: str, previous: str) -> bool:
    """`word` is a finite verb here: a finite form, or a base form right after I/we/you/they ("we like")."""
    return _is_finite(word) or (previous.lower() in {"i", "we", "you", "they"} and "VB" in lexicon.verb_tags(word))


def _opens_with_infinitive(body: str, before: list[tuple[str, int, int]]) -> bool:
    """The stretch just before this comma (since the last comma) is a to-infinitive phrase: it belongs to what follows."""
    last = body.rfind(",", 0, before[-1][1]) if before else -1
    segment = [w[0].lower() for w in before if w[1] > last]
    if segment[:2] == ["in", "order"]:
        segment = segment[2:]
    return len(segment) >= 2 and segment[0] == "to" and "VB" in lexicon.verb_tags(segment[1])


def comma_splice(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """Two full clauses joined by a bare comma: ", he was…" after a clause with its own verb."""
    for sentence in _SENTENCE.finditer(text):
        body, base = sentence.group(), sentence.start()
        words = _words(body)
        if not words or words[0][0].lower() not in _CLAUSE_STARTS or "“" in body or '"' in body:
            continue  # "In order to…, we", "For these reasons, I": the part before the comma is no clause
        for comma in re.finditer(r",\s+", body):
            before = [w for w in words if w[2] <= comma.start()]
            after = [w for w in words if w[1] >= comma.end()]
            if len(before) < 3 or len(after) < 3:
                continue
            subject, verb = after[0][0].lower(), after[1][0].lower()
            if subject not in _SUBJECTS | {"there", "this"} or not _is_finite_after(verb, subject):
                continue
            if any(w[0].lower() in _SUBORDINATORS for w in before) or not any(
                    _is_finite_after(w[0], p[0]) for p, w in zip(before, before[1:], strict=False)):
                continue
            if len(after) > 2 and body[after[1][2] : after[1][2] + 1] == ",":
                continue  # ", I think, …" is an aside, not a second clause
            if any(w[0].lower() in _LEAD_NOUNS and i < 3 and before[i + 1][0].lower() in _SUBJECTS
                   for i, w in enumerate(before[:-1])):
                continue  # "The moment she saw it, she laughed": the noun opens a time clause
            if _opens_with_infinitive(body, before):
                continue  # "It means, to win, you must…": the to-phrase leads into the clause after it
            start, end = base + comma.start(), base + after[0][2]
            pronoun = text[base + after[0][1] : end]
            yield start, end, f", and {pronoun}", {"subject": pronoun}


def _tense_counts(words: list[tuple[str, int, int]]) -> tuple[list[int], list[int]]:
    """Indices of clearly past and clearly present finite verbs (subject + verb pairs and auxiliaries)."""
    past, present = [], []
    for i, (word, _, _) in enumerate(words):
        lowered = word.lower()
        previous = words[i - 1][0].lower() if i else ""
        if lowered in _PAST_AUX:
            past.append(i)
        elif lowered in _PRESENT_AUX:
            present.append(i)
        elif previous in _SUBJECTS and lowered not in _ALL_MODALS:
            tags = lexicon.verb_tags(lowered)
            if tags == {"VBD"} or tags == {"VBD", "VBN"}:
                past.append(i)
            elif "VBD" in tags and "VB" in tags:
                continue  # "I read", "we put": either tense
            elif "VBZ" in tags or ("VB" in tags and previous not in {"he", "she", "it"}):
                present.append(i)
    return past, present


def time_clause_tense(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I was only four when she passes away': a present verb in the time clause of a past sentence."""
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group()
        if _PRESENT_MARKERS.search(body) or _FUTURE.search(body):
            continue
        words = _words(body, sentence.start())
        lowered = [w[0].lower() for w in words]
        if _TIME_CONJUNCTIONS.isdisjoint(lowered):
            continue
        past, present = _tense_counts(words)
        present += [i for i, w in enumerate(lowered) if _PRESENT_CONTRACTION.match(w)]  # "it's", "we're"
        for i in range(len(words) - 2):
            if lowered[i] not in _TIME_CONJUNCTIONS:
                continue
            if lowered[i + 1] in _SUBJECTS:
                v, third = i + 2, lowered[i + 1] in {"he", "she", "it"}
            elif (lowered[i + 1] in _DETERMINERS and i + 3 < len(words) and lexicon.is_noun(lowered[i + 2])
                  and not lexicon.verb_tags(lowered[i + 2]) & {"VBZ", "VBD"}):
                v, third = i + 3, lexicon.noun_number(lowered[i + 2]) != "plural"  # "when the race begins"
            else:
                continue
            if "that" in lowered[:i]:
                break  # reported speech: "he told me that when he feels sad, he…" keeps its present
            verb, start, end = words[v]
            tags = lexicon.verb_tags(lowered[v])
            is_present = ("VBZ" in tags and third) or ("VB" in tags and not third and "VBD" not in tags)
            if (not is_present or lowered[v] in _ALL_MODALS or lowered[v] in _PRESENT_AUX
                    or lexicon.is_adverb(lowered[v])):
                continue
            if not past or [p for p in present if p != v]:
                continue  # the sentence must be plainly past apart from this verb
            past_form = lexicon.verb_form(verb, "VBD")
            if past_form and past_form.lower() != lowered[v]:
                yield start, end, past_form, {"verb": verb}


def pronoun_person(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'We must protect your environment': the writer switched person inside one sentence."""
    swaps = {("we", "your"): "our", ("we", "yourself"): "ourselves", ("we", "yourselves"): "ourselves",
             ("i", "yourself"): "myself"}
    for sentence in _SENTENCE.finditer(text):
        words = _words(sentence.group(), sentence.start())
        lowered = [w[0].lower() for w in words]
        if "you" in lowered or "“" in sentence.group() or '"' in sentence.group():
            continue
        for subject_index, subject in enumerate(lowered):
            if subject not in ("we", "i"):
                continue
            for word, start, end in words[subject_index + 1 :]:
                fix = swaps.get((subject, word.lower()))
                if fix:
                    yield start, end, fix[:1].upper() + fix[1:] if word[:1].isupper() else fix, {"word": word}
            break


def _letter(text: str, letter: Letter | None) -> Letter:
    return letter if letter is not None else parse_letter(text)


def salutation_punctuation(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Dear Chris:' or 'Dear Chris.' — a letter's greeting ends with a comma."""
    parsed = _letter(text, letter)
    salutation = parsed.salutation
    if salutation is None or not parsed.paragraphs:
        return  # one sentence ("To my surprise, …") is not a letter with a greeting
    last = salutation.text.rstrip()[-1:]
    if last in (":", "：", ".", "。", "!", "！", ";", "；"):
        end = salutation.start + len(salutation.text.rstrip())
        yield end - 1, end, ",", {"mark": last}


def salutation_missing_comma(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    parsed = _letter(text, letter)
    salutation = parsed.salutation
    if salutation is None or not parsed.paragraphs or not salutation.text.rstrip()[-1:].isalpha():
        return
    words = _words(salutation.text, salutation.start)
    word, start, end = words[-1]
    yield start, end, word + ",", {"word": word}


def closing_missing(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """A letter with a greeting but no 'Yours,' / 'Best wishes,' before the signature."""
    parsed = _letter(text, letter)
    if parsed.salutation is None or parsed.closing is not None or not parsed.paragraphs:
        return
    anchor = parsed.signature or parsed.paragraphs[-1]
    yield anchor.start, anchor.end, None, {}


def closing_punctuation(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    parsed = _letter(text, letter)
    closing = parsed.closing
    if closing is None or not parsed.paragraphs:
        return
    stripped = closing.text.rstrip()
    if stripped[-1:].isalpha():
        yield closing.start, closing.start + len(stripped), stripped + ",", {"closing": stripped}
    elif stripped[-1:] in (".", "。", ":", "：", "!"):
        end = closing.start + len(stripped)
        yield end - 1, end, ",", {"closing": stripped}


def signature(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """The exam letter is signed 'Li Hua': no signature, or a real name, costs marks."""
    parsed = _letter(text, letter)
    if parsed.salutation is None or not parsed.paragraphs:
        return
    expected = options.get("name", "Li Hua")
    if parsed.signature is None:
        if parsed.closing is not None:
            yield parsed.closing.start, parsed.closing.end, None, {"name": expected, "problem": "missing"}
        return
    name = parsed.signature.text.strip(" .,!")
    if name.lower().replace(" ", "") != expected.lower().replace(" ", ""):
        yield parsed.signature.start, parsed.signature.end, expected, {"name": expected, "problem": name}


def word_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'proud to me', 'famous as its rice cakes', 'interest on art': a word that takes one preposition,
    given another. Options: `words`, each word with `takes` (its preposition), `not` (the wrong ones
    lihua judges) and optionally `before` (the only words that may follow the wrong one: "famous as"
    is wrong only before "its / their…", "famous as a poet" is right), `not_before`, and `after` (the
    only words that may stand before the word: "great interest on", not "pays interest on")."""
    table = {word.lower(): entry for word, entry in options.get("words", {}).items()
             if isinstance(entry, dict) and entry.get("takes") and entry.get("not")}  # a teacher's pack may leave one out
    if not table:
        return
    pattern = _word_preposition_pattern(tuple(table), tuple(sorted({p for e in table.values() for p in e["not"]})))
    for match in pattern.finditer(text):
        entry = table[match.group("word").lower()]
        wrong = match.group("prep").lower()
        if wrong not in entry["not"]:
            continue
        following = match.group("next").lower()
        if "before" in entry and following not in entry["before"]:
            continue
        if following in entry.get("not_before", ()):
            continue
        if "after" in entry and _word_before(text, match.start()) not in entry["after"]:
            continue
        yield match.start("prep"), match.end("prep"), lexicon.same_case(match.group("prep"), entry["takes"]), {
            "word": match.group("word"), "takes": entry["takes"], "prep": match.group("prep")}


@lru_cache(maxsize=4)
def _word_preposition_pattern(words: tuple[str, ...], prepositions: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?P<word>{'|'.join(words)})\s+(?P<prep>{'|'.join(prepositions)})\s+(?P<next>[A-Za-z]+)",
                      re.IGNORECASE)


def _word_before(text: str, position: int) -> str:
    words = _WORD.findall(text[max(0, position - 30):position])
    return words[-1].lower() if words else ""


NAMED_CHECKS: dict[str, Check] = {
    "word-preposition": word_preposition,
    **PARSED_CHECKS,
    "comma-splice": comma_splice,
    "time-clause-tense": time_clause_tense,
    "pronoun-person": pronoun_person,
    "salutation-punctuation": salutation_punctuation,
    "salutation-missing-comma": salutation_missing_comma,
    "closing-missing": closing_missing,
    "closing-punctuation": closing_punctuation,
    "signature": signature,
}
