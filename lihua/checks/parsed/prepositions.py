"""Prepositions a verb asks for, read from the parse: the wrong one, one too many, one missing.

A regular expression has to list every form of every verb and guess where its object ends; the
parse gives the verb's lemma in any tense ("relied", "relies", "relying" → rely), tells the verb
from its noun ("an influence on" is right, "it influenced on us" is not) and finds the object the
preposition governs. Which verb takes which preposition is data: the rule's `options` in
lihua/checks/rules/parsed-prepositions.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import in_quotes, penn
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter

_OBJECT = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_PASSIVE = frozenset({"aux:pass", "nsubj:pass", "cop"})  # "was opposed to": an adjective
_CLAUSE = frozenset({"ROOT", "acl", "acl:relcl", "advcl", "ccomp", "conj", "xcomp", "parataxis"})


def _lemma(token: Token, table: dict[str, Any]) -> str | None:
    """The verb's lemma when it is one of the table's verbs, else None.

    The tagger stumbles on the very errors judged here ('relies to his son' read as a plural
    noun), so a word is also taken as the verb when it can only be a verb, or when it can be one
    and the parser gave it a clause of its own."""
    if token.pos == "VERB":
        lemma = token.lemma.lower()
        return lemma if lemma in table else None
    found = lexicon.readings(token.lower)
    if "VERB" not in found or token.pos in {"AUX", "PROPN"}:
        return None
    if set(found) != {"VERB"} and token.dep not in _CLAUSE:
        return None
    lemma = found["VERB"][0]
    return lemma if lemma in table else None


def _is_passive(analysis: Analysis, verb: Token) -> bool:
    """'was faced with', 'the song accompanied with a dance': a passive keeps its preposition.

    A participle hanging from the subject of a sentence with no verb of its own is that sentence's
    verb ('The teacher emphasised on…'), not a passive."""
    if any(c.dep in _PASSIVE for c in analysis.children(verb)):
        return True
    if penn(verb) != "VBN" or verb.dep not in {"acl", "amod"}:
        return False
    head = analysis.head(verb)
    return not (
        head.is_root
        and head.pos in {"NOUN", "PROPN", "PRON"}
        and not any(c.dep in {"cop", "aux"} for c in analysis.children(head))
    )


def _governed(analysis: Analysis, prep: Token, verb: Token) -> Token | None:
    """The noun `prep` marks when that noun hangs from `verb` ('rely [in] him' → him), else None."""
    if prep.dep != "case":
        return None
    noun = analysis.head(prep)
    nominal = noun.pos in _OBJECT | {"VERB"} or penn(noun).startswith(
        "NN"
    )  # "suffers of a bad back": back/NN read as ADV
    if noun.head != verb.i or noun.i <= prep.i or not nominal:
        return None
    return noun


def _gerund(analysis: Analysis, prep: Token, verb: Token) -> Token | None:
    """The -ing verb `prep` introduces when it hangs from `verb` ('considering [about] moving')."""
    if prep.dep != "mark":
        return None
    gerund = analysis.head(prep)
    ok = gerund.head == verb.i and penn(gerund) == "VBG" and gerund.i == prep.i + 1
    return gerund if ok else None


def _after_verb(analysis: Analysis, verb: Token, prep: Token) -> bool:
    """`prep` follows the verb straight, or over a one-word pronoun object ('devote herself in')."""
    between = analysis.tokens[verb.i + 1 : prep.i]
    if not between:
        return True
    return (
        len(between) == 1
        and between[0].pos == "PRON"
        and between[0].dep == "obj"
        and between[0].head == verb.i
    )


def _wanted(noun: Token, entry: dict[str, Any]) -> bool:
    """Whether the entry judges this object: any, or one of its `objects` (lemma or word), or a
    name when it says `proper: true`."""
    objects, proper = entry.get("objects"), entry.get("proper", False)
    if objects is None and not proper:
        return True
    named = proper and noun.pos == "PROPN"
    return named or (objects is not None and (noun.lemma.lower() in objects or noun.lower in objects))


def _has_preposition(analysis: Analysis, verb: Token, preposition: str) -> bool:
    """The verb has its right preposition already ('relied in part on his savings')."""
    return any(
        c.lower == preposition and c.dep == "case"
        for kid in analysis.children(verb)
        for c in analysis.children(kid)
    )


def _case(text: str, like: str) -> str:
    return text.capitalize() if like[:1].isupper() else text


def verb_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'rely in him', 'consist with', 'devote herself in', 'succeed to pass': a verb, in any form,
    followed by a preposition it does not take (or by an infinitive where it takes a preposition
    and -ing).

    Options: `not_objects` (nouns never judged: 'participated on Friday'); `verbs`, each lemma
    with `right` (its preposition), `wrong` (the ones learners put
    instead), optionally `objects` (the only object lemmas it is judged on), and `infinitive: true`
    when learners write 'to do' for 'right + doing'.
    """
    table: dict[str, dict[str, Any]] = options.get("verbs", {})
    never = {word.lower() for word in options.get("not_objects", ())}
    analysis = analyse(text)
    tokens = analysis.tokens
    for verb in tokens:
        lemma = _lemma(verb, table)
        if (
            lemma is None
            or in_quotes(analysis, verb)
            or _has_preposition(analysis, verb, table[lemma]["right"])
        ):
            continue
        entry = table[lemma]
        last = analysis.sentences[verb.sent].last
        for j in range(verb.i + 1, min(last, verb.i + 3)):
            prep = tokens[j]
            noun = _governed(analysis, prep, verb) if prep.lower in entry.get("wrong", ()) else None
            if (
                noun is not None
                and _after_verb(analysis, verb, prep)
                and _wanted(noun, entry)
                and noun.lower not in never
            ):
                right = entry["right"]
                yield prep.start, prep.end, _case(right, prep.text), {"verb": verb.text, "right": right}
                break
            if entry.get("infinitive") and prep.lower == "to" and j == verb.i + 1 and j + 1 < last:
                infinitive = tokens[j + 1]
                if (
                    penn(prep) == "TO"
                    and infinitive.head == verb.i
                    and infinitive.dep in {"xcomp", "advcl"}
                    and penn(infinitive) == "VB"
                    and infinitive.lower == infinitive.lemma.lower()
                ):
                    ing = lexicon.verb_form(infinitive.lower, "VBG")
                    if ing:
                        right = entry["right"]
                        yield (
                            prep.start,
                            infinitive.end,
                            f"{_case(right, prep.text)} {ing}",
                            {"verb": verb.text, "right": right},
                        )
                break


def noun_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'the answer of the question', 'the key of success', 'the reason of his absence': a noun
    followed by a preposition it does not take with that kind of object.

    Options: `nouns`, each lemma with `right`, `wrong` and optionally `objects`, as for verbs.
    """
    table: dict[str, dict[str, Any]] = options.get("nouns", {})
    analysis = analyse(text)
    tokens = analysis.tokens
    for noun in tokens:
        entry = table.get(noun.lemma.lower()) if noun.pos == "NOUN" else None
        if entry is None or noun.i + 1 >= len(tokens) or in_quotes(analysis, noun):
            continue
        if noun.i and tokens[noun.i - 1].lower == "by":
            continue  # "by reason of": a fixed phrase
        prep = tokens[noun.i + 1]
        if prep.lower not in entry["wrong"] or prep.sent != noun.sent:
            continue
        governed = _governed(analysis, prep, noun)
        if governed is not None and governed.pos in _OBJECT and _wanted(governed, entry):
            right = entry["right"]
            yield prep.start, prep.end, _case(right, prep.text), {"noun": noun.text, "right": right}


def verb_extra_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'considered about the problem', 'visited to the museum', 'emphasised on': a verb that takes its
    object directly, with a preposition put before it.

    Options: `verbs`, each lemma with the prepositions learners wrongly put after it.
    """
    table: dict[str, list[str]] = options.get("verbs", {})
    analysis = analyse(text)
    tokens = analysis.tokens
    for verb in tokens:
        lemma = _lemma(verb, table)
        if lemma is None or verb.i + 2 >= len(tokens) or in_quotes(analysis, verb):
            continue
        prep = tokens[verb.i + 1]
        if (
            prep.lower not in table[lemma]
            or prep.sent != verb.sent
            or (verb.i and tokens[verb.i - 1].lower == "as")
        ):  # "as opposed to": a fixed phrase
            continue
        noun = _governed(analysis, prep, verb) or _gerund(analysis, prep, verb)
        following = tokens[prep.i + 1]
        if (
            noun is None
            or noun.pos not in _OBJECT | {"VERB"}
            or following.pos == "NUM"
            or _is_passive(analysis, verb)
        ):
            continue  # "considered about twenty books": 'about' is 'nearly'
        # the verb and its preposition are flagged together, as the collocation they make
        yield verb.start, prep.end, verb.text, {"verb": verb.text, "preposition": prep.text}


def verb_missing_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'apologise you', 'participate the activity', 'arrive Beijing', 'knock the door': a verb that
    cannot take a direct object, given one.

    Options: `verbs`, each lemma with `preposition` (what goes before the object) and optionally
    `objects` (the only object lemmas it is judged on), `proper: true` (names are judged too:
    'arrive Beijing') and its own `not_objects`; the top `not_objects` are never flagged (times:
    'arrive Monday', 'wait a minute'), and `not_object_pronouns` are not taken for a thing named
    by a verb without `objects` ('complain what…').
    """
    table: dict[str, dict[str, Any]] = options.get("verbs", {})
    never = {word.lower() for word in options.get("not_objects", ())}
    pronouns = {word.lower() for word in options.get("not_object_pronouns", ())}
    analysis = analyse(text)
    tokens = analysis.tokens
    for verb in tokens:
        lemma = _lemma(verb, table)
        if lemma is None or verb.i + 1 >= len(tokens) or in_quotes(analysis, verb):
            continue
        entry = table[lemma]
        first = tokens[verb.i + 1]
        back = first if first.lower == "back" and first.dep == "advmod" else None  # "goes back my village"
        if back is not None and verb.i + 2 < len(tokens):
            first = tokens[verb.i + 2]
        if first.sent != verb.sent or first.pos == "ADP" or first.lower == "to" or _is_passive(analysis, verb):
            continue
        if any(
            c.dep == "compound:prt" or c.dep == "xcomp" and c.pos == "ADJ" for c in analysis.children(verb)
        ):
            continue  # "knock the door down", "knocked the door open": the verb has a new sense
        objects = [
            c
            for c in analysis.children(verb)
            if c.i > verb.i and (c.dep in {"obj", "iobj"} or c.dep == "xcomp" and c.pos in {"NOUN", "PROPN"})
        ]
        if not objects:
            continue
        obj = objects[0]
        if any(t.lower in {"like", "as"} for t in tokens[verb.i + 1:obj.i]):
            continue  # "looks just like a painting": the parser hung "like" off its noun
        phrase = analysis.subtree(obj)
        if any(penn(t) in {"VBD", "VBZ", "VBP"} for t in phrase):
            continue  # "who participated won prizes": a verb the parser took into the object
        if phrase[0].i != first.i or obj.pos not in _OBJECT or obj.lemma.lower() in never:
            continue
        if obj.lemma.lower() in entry.get("not_objects", ()) or not _wanted(obj, entry):
            continue
        if obj.pos == "PRON" and obj.lower in pronouns and "objects" not in entry:
            continue  # "complain what…", "participate it": not a thing named
        preposition = entry["preposition"]
        end = back or verb
        yield (
            verb.start,
            end.end,
            f"{text[verb.start:end.end]} {preposition}",
            {"verb": verb.text, "preposition": preposition},
        )


def because_of_clause(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'because of each plant has its needs': "because of" takes a noun, "because" a clause; a subject
    with its own finite verb after "of" means "of" is one word too many."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for of in tokens[1:]:
        if of.lower != "of" or tokens[of.i - 1].lower != "because" or in_quotes(analysis, of):
            continue
        for subject in tokens[of.i + 1:of.i + 3]:
            if subject.sent != of.sent or subject.pos == "PUNCT":
                break
            verb = analysis.head(subject)
            if analysis.subtree(subject)[0].i != of.i + 1:
                continue  # "because of the heavy traffic we were late": the subject comes after the noun phrase
            if subject.dep in {"nsubj", "nsubj:pass", "expl"} and verb.i > subject.i and (
                    penn(verb) in {"VBD", "VBZ", "VBP", "MD"} or any(
                        penn(c) in {"VBD", "VBZ", "VBP", "MD"} for c in analysis.children(verb)
                        if c.dep in {"aux", "cop", "aux:pass"})):
                end = of.end + 1 if text[of.end:of.end + 1] == " " else of.end
                yield of.start, end, "", {"word": of.text}
                break


PREPOSITION_CHECKS = {
    "because-of-clause": because_of_clause,
    "verb-preposition": verb_preposition,
    "noun-preposition": noun_preposition,
    "verb-extra-preposition": verb_extra_preposition,
    "verb-missing-preposition": verb_missing_preposition,
}
