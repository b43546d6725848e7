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
from lihua.checks.parsed.words import past_of_its_own, penn, word_set
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_COORDINATORS = word_class("coordinators")
_SUBORDINATORS = word_class("subordinators")
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
    modal_have = first.lower == "have" and first.pos == "VERB" and any(penn(c) == "MD" for c in helpers)
    if modal_have:
        return "base"  # "we will have a big dinner and then enjoying the moon": the modal rules both
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
        counted = bool(following) and tokens[verb.i + 1].pos == "NUM"  # "and miss three weeks": a counted object
        if (
            ("NOUN" in read or "ADJ" in read)
            and following not in _OBJECT_STARTERS
            and not counted
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
            if past_of_its_own(analysis, first, verb):
                continue
            fix = lexicon.verb_form(verb.text, "VB")
        elif form == "past" and not tags & {"VBD"} and tags & {"VB", "VBZ", "VBG"} and (
                _lemma(verb.lower) not in word_set("still_true_verbs")):  # "you taught me and know me well": true now
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


_SPLICE_SUBJECTS = word_set("splice_subjects")
_ASIDES = word_set("aside_verbs")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite_word(analysis: Analysis, clause: Token) -> Token | None:
    """The word that carries the tense of the clause headed by `clause` (first auxiliary or the verb)."""
    kids = [c for c in analysis.children(clause) if c.dep in {"aux", "aux:pass", "cop"}]
    word = min(kids, key=lambda c: c.i) if kids else clause
    if not kids and penn(word) == "VBN" and "VBD" in lexicon.verb_tags(word.lower):
        return word  # "My classmates stood…": a past tense the tagger read as a participle
    return word if penn(word) in _FINITE_TAGS else None


#: Words that make the words before a comma a subordinate part: "every time we meet", "whatever it is".
_LEADS_SUBORDINATE = word_set("subordinate_leads")


def _opens_main_clause(analysis: Analysis, tokens: tuple[Token, ...], comma: int) -> bool:
    """The words since the last comma are a main clause: a subject and its finite verb, with no
    subordinator, question word or opening preposition ("When I got home,", "Every time we meet,"). A clause
    with no subordinator that the parser hung from the next one (advcl) is still a main clause."""
    start = max((i + 1 for i in range(comma) if tokens[i].text in {",", ";", ":", "(", "-"}), default=0)
    segment = tokens[start:comma]
    if not segment or penn(segment[0]) in {"IN", "TO", "VBG", "RB"} or segment[0].lower in _SUBORDINATORS:
        return False
    if any((t.lower in _SUBORDINATORS and t.lower not in _COORDINATORS) or t.lower in _LEADS_SUBORDINATE
           or penn(t) in {"WRB", "WDT", "WP"} for t in segment):
        return False
    inside = {t.i for t in segment}
    for token in segment:
        if token.dep not in {"nsubj", "nsubj:pass"}:
            continue
        verb = analysis.head(token)
        if verb.i in inside and verb.i > token.i and verb.dep in {"ROOT", "conj", "parataxis", "advcl"} and not any(
                c.dep == "mark" for c in analysis.children(verb)) and _finite_word(analysis, verb) is not None:
            return True
    return False


def comma_splice(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'…and cheered for me, it gave me strength', 'Our class won, everyone was happy': two main
    clauses joined by a bare comma. The parse says where each clause's subject and finite verb are."""
    analysis = analyse(text)
    for index in range(len(analysis.sentences)):
        tokens = analysis.sentence_tokens(index)
        if any(t.text in {'"', "“", "”"} for t in tokens):
            continue
        for c, comma in enumerate(tokens[:-2]):
            if comma.text != "," or c < 3:
                continue
            subject = tokens[c + 1]
            if subject.lower not in _SPLICE_SUBJECTS or subject.dep not in {"nsubj", "nsubj:pass"}:
                continue
            clause = analysis.head(subject)
            finite = _finite_word(analysis, clause)
            if clause.i <= subject.i or finite is None or finite.i > subject.i + 2:
                continue
            if any(k.dep == "mark" for k in analysis.children(clause)) or clause.lemma in _ASIDES:
                continue  # ", I think", ", you know": an aside, not a second sentence
            if not _opens_main_clause(analysis, tokens, c):
                continue
            yield comma.start, subject.end, f", and {subject.text}", {"subject": subject.text}


COORDINATION_CHECKS = {"parallel-verbs": parallel_verbs, "parsed-comma-splice": comma_splice}
