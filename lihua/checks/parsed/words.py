"""Word facts the parsed checks share: the number of a subject, and a verb form that agrees.

The parser tags learner text charitably, so the number of a subject comes from the parse (what is
the subject, what is joined to it, what "of" phrase it heads) and from the words themselves
(lihua/data/parsed_words.yaml, lemminflect via `lexicon`), never from the tag alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lihua.checks import lexicon
from lihua.text.analysis import Analysis, Token
from lihua.text.word_classes import word_class


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    from lihua.io.yaml_data import data_file

    return data_file("parsed_words.yaml")


def word_set(name: str) -> frozenset[str]:
    return _sets()[name]


@lru_cache(maxsize=1)
def _sets() -> dict[str, frozenset[str]]:
    return {key: frozenset(value) for key, value in data().items() if isinstance(value, list)}


_PLURAL_DETERMINERS = word_class("plural_determiners")
CONTENT = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET"})
SUBJECT = frozenset({"nsubj", "nsubj:pass"})
AUX = frozenset({"aux", "aux:pass", "cop"})



def following(analysis: Analysis, token: Token, step: int = 1) -> Token | None:
    """The token `step` places after `token` in its sentence, or None."""
    j = token.i + step
    if j >= len(analysis.tokens) or analysis.tokens[j].sent != token.sent:
        return None
    return analysis.tokens[j]

def in_place_of(token: Token, words: str) -> str:
    """`words` written in place of `token`, with the space a contraction did not have ("We've been" → "We went")."""
    return (" " if token.text[:1] in "'’" else "") + words


def in_quotes(analysis: Analysis, token: Token) -> bool:
    """Inside a quotation in its sentence: someone else's words, not the writer's grammar."""
    sentence = analysis.sentences[token.sent]
    before = analysis.text[sentence.start:token.start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _of_noun(analysis: Analysis, token: Token) -> Token | None:
    """The noun of an "of" phrase hanging from `token` ("most of [the students]")."""
    for child in analysis.children(token):
        if child.dep == "nmod" and child.i > token.i and any(
                c.lower == "of" for c in analysis.children(child)):
            return child
    return None


def _and_joined(analysis: Analysis, token: Token, verb: Token) -> bool:
    """Another noun joined by "and" before the verb: "my mother and father"."""
    for child in analysis.children(token):
        if child.dep == "conj" and child.i < verb.i and child.pos in {"NOUN", "PROPN", "PRON"}:
            joiners = [c.lower for c in analysis.children(child) if c.dep == "cc"]
            if joiners == ["and"] and not any(c.lower in {"both", "either", "neither"} for c in analysis.children(token)):
                # "the method and the time to achieve it is": a joined noun with its own clause may be one idea
                return not any(c.dep in {"acl", "acl:relcl"} for c in analysis.children(child))
    return False


def subject_number(analysis: Analysis, subject: Token, verb: Token, depth: int = 0,
                   name_is_one: bool = False) -> str | None:
    """'first' (I), 'you', 'sing3' or 'plural' for the subject of `verb`, or None when in doubt;
    `name_is_one`: a bare name counts as one person (before "who")."""
    lower = subject.lower
    kids = analysis.children(subject)
    determiners = {c.lower for c in kids if c.dep in {"det", "amod", "det:predet"} and c.i < subject.i}
    if determiners & {"each", "every"}:
        return "sing3"
    if _and_joined(analysis, subject, verb):
        return "plural"
    if any(c.dep == "conj" and c.i < verb.i and c.pos in {"NOUN", "PROPN", "PRON"} for c in kids):
        return None  # "you or your friend", "Tom as well as his friends"
    if lower in word_set("number_of_noun") or (lower == "number" and "a" in determiners):
        noun = _of_noun(analysis, subject)
        if lower == "number":
            return "plural" if noun is not None else None
        if noun is None or depth:
            return None
        return subject_number(analysis, noun, verb, depth + 1)
    words: dict[str, str] = data()["subject_words"]
    if lower in words and (subject.pos in {"PRON", "DET", "NUM", "ADJ", "NOUN"} or lower == "one"):
        if lower == "it" and any(c.dep in {"csubj", "ccomp", "xcomp"} for c in analysis.children(verb)):
            return "sing3"
        if lower in {"this", "these", "those"} and subject.pos != "PRON" and subject.dep not in SUBJECT:
            return None
        return words[lower]
    if subject.pos == "PROPN" and name_is_one and subject.tag == "NNP" and not any(
            c.dep in {"det", "compound", "flat", "amod", "nmod:poss"} for c in kids):
        return "sing3"  # "Tom, who lives…"
    if subject.pos == "PROPN" and lower in word_set("languages") and any(c.dep in {"nmod:poss", "amod"} for c in kids):
        return "sing3"  # "my spoken English has improved": a language is one thing
    if subject.pos != "NOUN" or not lower.isalpha():
        return None  # names, numbers, gerunds, "the rich": no safe number
    if lower in word_set("either_number") or (subject.lemma in word_set("either_number") and lower == subject.lemma):
        return None  # "the class is / are"; but "classes", "families" are plainly plural
    if lower in word_set("plural_only"):
        return "plural"
    if determiners & _PLURAL_DETERMINERS and subject.tag == "NN":
        return None  # "these kind of", "all those knowledge": the noun's number is the slip
    if lower in word_set("singular_s") or lexicon.is_uncountable(lower):
        return "sing3"
    if any(c.dep == "nummod" for c in kids) or subject.lemma in word_set("amounts"):
        return None  # "Two hours is enough"
    number = lexicon.noun_number(lower)
    if number is None and subject.tag == "NN" and lexicon.is_singular_noun(lower):
        number = "singular"  # "age", "point": lemminflect lists them among their own plurals
    if number == "plural" and subject.tag == "NNS":
        if determiners & word_class("singular_count_determiners"):
            return None
        return "plural"
    if number == "singular" and subject.tag == "NN":
        if determiners & word_class("determiners_taking_mass_or_plural"):
            return None  # "some driver make": the noun may be the slip
        if not any(c.dep in {"det", "nmod:poss"} for c in kids):
            return None  # "Recently scientist have", "eye exercises": a bare count noun is no clear subject
        return "sing3"
    return None


# The agreeing forms of be, have and do; other verbs take lemma (plural) or its -s form.
_FORMS = {
    "sing3": {"am": "is", "are": "is", "were": "was", "have": "has", "do": "does"},
    "plural": {"is": "are", "am": "are", "was": "were", "has": "have", "does": "do"},
    "you": {"is": "are", "am": "are", "was": "were", "has": "have", "does": "do"},
    "first": {"is": "am", "are": "am", "were": "was", "has": "have", "does": "do"},
}


def past_of_its_own(analysis: Analysis, verb: Token, joined: Token) -> bool:
    """'I could not help crying and told her', 'they would not honour it and said': a past form joined
    to a verb under could / might or a negation is a past verb of its own, no slip for the base form
    (but "she would sit and told" shares the habit's "would")."""
    kids = analysis.children(verb)
    return "VBD" in lexicon.verb_tags(joined.lower) and (
        any(c.dep == "aux" and c.lower in {"could", "might"} for c in kids)
        or any(c.dep == "advmod" and c.lower in {"not", "n't", "never"} for c in kids))


def penn(token: Token) -> str:
    """The Penn tag of the word itself ("VBZ_RB", a word and its "n't", reads as "VBZ")."""
    return token.tag.split("_")[0]


def verb_number(verb: Token) -> frozenset[str]:
    """The subjects a finite verb form agrees with; empty when it agrees with any (past, modal)."""
    lower = verb.lower
    tag = penn(verb)
    if lower == "am":
        return frozenset({"first"})
    if lower == "be":
        return frozenset()  # "whether it be", "It will always be"
    if lower in {"is", "has", "does"} or (tag == "VBZ" and lower.endswith("s")):
        return frozenset({"sing3"})
    if lower == "was":
        return frozenset({"first", "sing3"})
    if lower == "were":
        return frozenset({"plural", "you"})
    if lower == "are":
        return frozenset({"plural", "you"})
    finite_present = verb.pos == "VERB" and verb.feature("VerbForm") == "Fin" and verb.feature("Tense") == "Pres"
    if (tag in {"VBP", "VB"} or finite_present) and "VB" in lexicon.verb_tags(lower) and "VBD" not in lexicon.verb_tags(
        lower
    ):  # a present verb the tagger called a noun ("each of my classmates work") is still a verb
        return frozenset({"first", "plural", "you"})
    return frozenset()


def agreeing_form(verb: Token, number: str) -> str | None:
    """The form of `verb` that agrees with a subject of `number`."""
    lower = verb.lower
    fixed = _FORMS[number].get(lower)
    if fixed is None and lower not in word_class("be_have_do_finite_forms"):
        if number == "sing3":
            fixed = lexicon.verb_form(lower, "VBZ")
        else:
            fixed = verb.lemma if verb.lemma != lower else None
    if not fixed or fixed == lower:
        return None
    return lexicon.same_case(verb.text, fixed)
