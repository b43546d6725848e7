"""Verbs joined by and/but/or share their form: 'how to fold the dough and pinching the edges',
'picked up the bottle and throw it'.

The parse joins the second verb to the first (a `conj` without a subject or auxiliary of its own);
the first verb's form is read from what governs it: "to" or a modal asks for the base form, a plain
past for the past, an -s form for the -s form. The second verb is flagged only when its word cannot
have that form (the lexicon's forms, not the tagger's guess).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import penn
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_COORDINATORS = word_class("coordinators")
_OBJECT_STARTERS = word_class("object_starters")
_BEFORE_BASE_VERB = word_class("before_base_verb")
_CLAUSE_BOUNDARIES = word_class("clause_boundaries")
_BE_HAVE_DO = word_class("be_have_do")
_MODALS = word_class("modals")
_INSIDE_NOUN_PHRASE = frozenset({"acl", "acl:relcl"})
_REACH = 9  # tokens between the first verb and the coordinator at most


def _lemma(word: str) -> str:
    read = lexicon.readings(word)
    return (read.get("VERB") or read.get("AUX") or ("",))[0]


def _form(analysis: Analysis, first: Token) -> str | None:
    """The form the first verb shows: 'base', 'past', '3sg' or 'present', or None when unclear."""
    kids = analysis.children(first)
    previous = analysis.tokens[first.i - 1].lower if first.i else ""
    helpers = [c for c in kids if c.dep in {"aux", "aux:pass", "cop"} and c.i < first.i]
    copula = [c.lower for c in helpers if c.dep == "cop"]
    if first.pos in {"ADJ", "NUM"} and len(helpers) == 1 and first.dep not in _INSIDE_NOUN_PHRASE:
        if copula in (["was"], ["were"]):
            return "past"  # "I was shy and seldom spoke"
        if copula == ["is"]:
            return "3sg"  # "she is eighty and lives alone"
    if first.pos != "VERB" or first.lower in _BE_HAVE_DO:
        return None  # "has the risk … but imagine": have and do are left to the auxiliary checks
    tags = lexicon.verb_tags(first.lower)
    tag = penn(first)
    perfect = any(c.dep != "cop" and c.lower in _BE_HAVE_DO | {"be", "been", "being"} for c in helpers)
    if (
        tag == "VB"
        and "VB" in tags
        and not perfect
        and (
            previous == "to"
            or previous in _MODALS
            or previous in _BEFORE_BASE_VERB
            or any(c.lower == "to" and c.dep == "mark" for c in kids)
            or any(penn(c) == "MD" for c in helpers)
        )
    ):
        return "base"
    if helpers or first.dep in _INSIDE_NOUN_PHRASE:
        return (
            None  # "had cleaned and …": the auxiliary's business; "the ideas they gave us and …": ambiguous
        )
    subjects = [c for c in kids if c.dep == "nsubj"]
    if (
        "VBD" in tags
        and not tags & {"VB", "VBZ"}
        and (tag == "VBD" and (subjects or first.dep in {"conj", "ROOT"}) or tag == "VBN" and subjects)
    ):
        return (
            "past"  # with a subject and no auxiliary, an -ed form the tagger calls a participle is the past
        )
    if tag == "VBZ" and tags == {"VBZ"} and subjects:
        return "3sg"  # "reading widens my mind and helps me relax"
    if (
        tag == "VBP"
        and "VB" in tags
        and "VBD" not in tags
        and any(c.lower in {"i", "we", "they", "you"} for c in subjects)
    ):
        return "present"  # "I carry her bags and read to her"
    return None


def _joined(analysis: Analysis, verb: Token) -> tuple[Token, Token] | None:
    """(coordinator, first verb) when `verb` is the second of two verbs joined by and/but/or."""
    if verb.dep != "conj" or verb.pos != "VERB":
        return None
    first = analysis.head(verb)
    kids = analysis.children(verb)
    if any(c.dep in {"nsubj", "nsubj:pass", "aux", "aux:pass", "cop", "mark"} for c in kids):
        return None  # a clause of its own: "and he left", "and will go"
    joiners = [c for c in kids if c.dep == "cc" and first.i < c.i < verb.i]
    if len(joiners) != 1 or joiners[0].lower not in _COORDINATORS or joiners[0].i - first.i > _REACH:
        return None
    cc = joiners[0]
    between = analysis.tokens[first.i + 1 : cc.i]
    if any(t.text in {",", ";", ":"} or t.lower in _CLAUSE_BOUNDARIES for t in between):
        return None
    if any(t.pos in {"VERB", "AUX"} and penn(t) in lexicon.verb_tags(verb.lower) for t in between):
        return None  # "needs to love themselves and feel": the verb nearer may be the one it pairs with
    if any(t.pos not in {"ADV", "PART"} for t in analysis.tokens[cc.i + 1 : verb.i]):
        return None  # only "then", "also", "not"… between the coordinator and the verb
    return cc, first


def parallel_verbs(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'showed us how to dig the soil and planting the seeds': verbs joined by and/but share a form."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for verb in tokens:
        found = _joined(analysis, verb)
        if found is None:
            continue
        cc, first = found
        tags = lexicon.verb_tags(verb.lower)
        if not tags or verb.lower in _BE_HAVE_DO | _MODALS | lexicon.PREPOSITIONS:
            continue
        if cc.lower == "but" and first.lemma == "help":
            continue  # "could not help but smile"
        following = (
            tokens[verb.i + 1].lower
            if verb.i + 1 < len(tokens) and tokens[verb.i + 1].sent == verb.sent
            else ""
        )
        read = lexicon.readings(verb.lower)
        linking = _lemma(verb.lower) in lexicon.LINKING_VERBS and lexicon.is_adjective(following)
        manner = following.endswith("ly") and lexicon.is_adverb(following)  # "talked and laughed happily"
        if (
            ("NOUN" in read or "ADJ" in read)
            and following not in _OBJECT_STARTERS
            and not linking
            and not manner
        ):
            continue  # a word that can be a noun is judged a verb only before its object
        form = _form(analysis, first)
        if form is None:
            continue
        sentence = analysis.sentences[verb.sent]
        ing_before = any(penn(t) == "VBG" for t in tokens[sentence.first : cc.i])
        if form == "base" and not tags & {"VB"} and tags & {"VBG", "VBD", "VBZ"} and penn(verb) != "VBN":
            if "VBG" in tags and (following == "to" or ing_before):
                continue  # "by listening … and copying", "avoid … and having to"
            if not tags & {"VBG"} and any(
                t.pos == "VERB" and penn(t) in tags for t in tokens[sentence.first : first.i]
            ):
                continue  # "she told us to wait and left": the -ed verb pairs with "told"
            fix = lexicon.verb_form(verb.text, "VB")
        elif form == "past" and not tags & {"VBD"} and tags & {"VB", "VBZ", "VBG"}:
            if "VBG" in tags and (
                not (following in _OBJECT_STARTERS or lexicon.is_noun(following)) or ing_before
            ):
                continue
            fix = lexicon.verb_form(verb.text, "VBD")
        elif form == "3sg" and tags & {"VB"} and not tags & {"VBZ", "VBD", "VBN"}:
            fix = lexicon.verb_form(verb.text, "VBZ")
        elif form == "present" and tags == {"VBG"} and following in _OBJECT_STARTERS and not ing_before:
            fix = lexicon.verb_form(verb.text, "VB")
        else:
            continue
        if fix and fix.lower() != verb.lower:
            yield verb.start, verb.end, fix, {"first": first.text, "verb": verb.text}


COORDINATION_CHECKS = {"parallel-verbs": parallel_verbs}
