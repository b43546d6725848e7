"""Relative words chosen by their antecedent and by their role in the relative clause.

who/which follow the antecedent (a person or a thing); where/when/which follow the role the word
plays in its clause: "the city which I was born" has no place for "which" (born takes no object),
so it is "where"; "the city where I visited" leaves "visited" without its object, so it is "which".
The parser gives the clause (acl:relcl), its antecedent and the relative word's relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.nouns import PERSON_NOUNS
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

#: The word lists are data: lihua/data/parsed_words.yaml.
_WORDS = data_file("parsed_words.yaml")["relatives"]

PLACE_NOUNS = frozenset(_WORDS["place_nouns"])
TIME_NOUNS = frozenset(_WORDS["time_nouns"])
#: Verbs that, in "the city which I ___", leave no place for "which": the word must be "where" / "when".
NO_OBJECT_VERBS = frozenset(_WORDS["no_object_verbs"])
#: Verbs that need their object: in "the city where I visited", "visited" has none, so "which".
OBJECT_VERBS = frozenset(_WORDS["object_verbs"])
#: Plain things, never "who" (a list, not a guess: many a person noun ends like a thing's).
THING_NOUNS = PLACE_NOUNS | frozenset(_WORDS["thing_nouns"])
_RELATIVES = word_class("relative_words")
#: Words that open a sentence with something other than its clause ("Then, most of them…").
_LEADS = frozenset(data_file("parsed_words.yaml")["sentence_lead_adverbs"])
#: Verbs with a second object or a name after the first: "the town which they call home".
_TWO_OBJECT_VERBS = frozenset(_WORDS["two_object_verbs"])


def _relatives(analysis: Analysis) -> Iterator[tuple[Token, Token, Token]]:
    """(relative word, its clause's verb, antecedent) for each relative clause that opens with the word
    right after its antecedent (or after a comma after it), as in "the city, which …"."""
    tokens = analysis.tokens
    for word in tokens:
        if word.lower not in _RELATIVES or word.i == 0:
            continue
        verb = analysis.head(word) if word.dep != "acl:relcl" else word
        if verb.dep != "acl:relcl" or verb.i < word.i:
            continue
        antecedent = analysis.head(verb)
        before = tokens[word.i - 1]
        if before.i != antecedent.i and not (before.text == "," and before.i == antecedent.i + 1):
            continue
        if not antecedent.text.isalpha() or antecedent.pos != "NOUN" and not (
                antecedent.pos == "PROPN" and antecedent.lower in PLACE_NOUNS | TIME_NOUNS):  # the Spring Festival
            continue
        yield word, verb, antecedent


def _has_stranded_preposition(analysis: Analysis, verb: Token, word: Token) -> bool:
    """"the city which I was born in": the clause carries its own preposition for "which"."""
    return any(t.i > word.i and t.lower in lexicon.PREPOSITIONS and t.tag != "TO" and (t.dep != "case" or t.head < t.i)
               for t in analysis.subtree(verb))  # not the "to" of an infinitive ("enough food to eat")


def relative_by_antecedent(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'the man which lives here' → who; 'the book who I bought' → which: a person or a thing."""
    analysis = analyse(text)
    for word, _verb, antecedent in _relatives(analysis):
        lowered = antecedent.lower
        if word.lower == "which" and lowered in PERSON_NOUNS and word.dep in ("nsubj", "nsubj:pass"):
            # as an object ("the doctor, which he sees") the word a student needs is "whom": not a one-word fix
            fix = "who"
        elif word.lower == "who" and lowered in THING_NOUNS and word.dep in ("nsubj", "obj", "nsubj:pass"):
            fix = "which"
        else:
            continue
        yield word.start, word.end, lexicon.same_case(word.text, fix), {"word": word.text, "noun": antecedent.text}


def relative_by_role(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'the city which I was born' → where; 'the town where I visited' → which; 'the day where we met' → when."""
    analysis = analyse(text)
    for word, verb, antecedent in _relatives(analysis):
        lowered = antecedent.lower
        children = analysis.children(verb)
        has_subject = any((c.dep.startswith("nsubj") or c.dep == "expl") and c.i != word.i for c in children)
        fix = None
        if word.lower in ("which", "that") and has_subject:  # another subject: "which" is not the clause's
            if verb.lemma in NO_OBJECT_VERBS and not _has_stranded_preposition(analysis, verb, word) and not any(
                    c.dep in ("obj", "ccomp", "xcomp") and c.i != word.i for c in children):
                if lowered in PLACE_NOUNS:
                    fix = "where"
                elif lowered in TIME_NOUNS and verb.lemma not in ("bear", "born", "go", "come"):
                    fix = "when"
            elif (lowered in PLACE_NOUNS and verb.lemma not in _TWO_OBJECT_VERBS
                  and any(c.dep == "obj" and c.i != word.i and c.pos != "PRON" for c in children)
                  and not _has_stranded_preposition(analysis, verb, word)):
                fix = "where"  # "his farm, which he grows vegetables": the clause has its object already
        elif word.lower == "where" and word.dep == "advmod":
            if lowered in TIME_NOUNS:
                fix = "when"
            elif (lowered in PLACE_NOUNS and verb.lemma in OBJECT_VERBS and has_subject
                  and not any(c.dep in ("obj", "ccomp", "xcomp", "obl") for c in children)):
                fix = "which"
        elif word.lower == "when" and word.dep == "advmod" and lowered in PLACE_NOUNS and lowered != "place":
            fix = "where"
        elif word.lower == "what" and word.text == "what" and lowered != "matter" and antecedent.tag in ("NN", "NNS") and any(
                c.dep == "det" or c.tag == "PRP$" for c in analysis.children(antecedent)) and analysis.head(
                antecedent).lemma not in word_class("verbs_taking_wh_clauses"):
            fix = "that"
        if fix:
            yield word.start, word.end, lexicon.same_case(word.text, fix), {"word": word.text, "noun": antecedent.text}


def whose_for_whos(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'the girl who's mother is a teacher': the possessive relative is "whose"."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens[:-3]:
        after = tokens[word.i + 1]
        if word.lower != "who" or after.text not in ("'s", "’s") or after.start != word.end or word.i == 0:
            continue
        if tokens[word.i - 1].pos != "NOUN":
            continue
        rest = tokens[word.i + 2:word.i + 5]
        noun = next((t for t in rest if t.pos == "NOUN"), None)
        if noun is None or any(t.pos not in ("ADJ", "NOUN") for t in rest[:rest.index(noun)]):
            continue
        following = tokens[noun.i + 1] if noun.i + 1 < len(tokens) else None
        if following is not None and following.pos in ("VERB", "AUX") and noun.tag in ("NN", "NNS"):
            yield word.start, after.end, lexicon.same_case(word.text, "whose"), {"word": text[word.start:after.end]}


_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})


def relative_pronoun_twice(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'the phone which my father bought it for her': the relative word is the clause's object, so an
    object pronoun right after its verb says it twice."""
    analysis = analyse(text)
    for word, verb, antecedent in _relatives(analysis):
        if word.lower not in ("which", "that", "who", "whom") or word.dep != "obj" or (
                antecedent.lower == "way" or antecedent.lower in TIME_NOUNS):  # "the way that they raised them"
            continue  # the relative word is the clause's object (a "that" the parser made a mark may open "the idea that…")
        children = analysis.children(verb)
        subject = next((c for c in children if c.dep.startswith("nsubj") and c.i != word.i), None)
        if subject is None or not word.i < subject.i < verb.i:
            continue  # the clause needs its own subject between the relative word and the verb
        pronoun = analysis.tokens[verb.i + 1] if verb.i + 1 < len(analysis.tokens) else None
        if pronoun is None or pronoun.lower not in _OBJECT_PRONOUNS or pronoun.dep != "obj" or pronoun.head != verb.i:
            continue
        if verb.lemma in _TWO_OBJECT_VERBS and pronoun.lower != "it":
            continue  # "the phone which my father bought her": her is the one it was bought for
        end = pronoun.end + (1 if text[pronoun.end:pronoun.end + 1] == " " else 0)
        yield pronoun.start, end, "", {"relative": word.text, "noun": antecedent.text, "pronoun": pronoun.text}


_QUANTIFIERS = frozenset(data_file("parsed_words.yaml")["nouns"]["part_of_heads"])


def quantified_them(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'many old houses, most of them were built…': after a comma that follows a full clause, "most of
    them" + a verb starts a second sentence; the relative "most of which / whom" joins it."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for them in tokens[3:]:
        comma, quantifier, of = tokens[them.i - 3], tokens[them.i - 2], tokens[them.i - 1]
        if them.lower != "them" or of.lower != "of" or quantifier.lower not in _QUANTIFIERS or comma.text != ",":
            continue
        following = tokens[them.i + 1] if them.i + 1 < len(tokens) else None
        if following is None or following.sent != them.sent or following.pos not in ("AUX", "VERB"):
            continue
        sentence = analysis.sentence_tokens(them.sent)
        before = [t for t in sentence if t.i < comma.i]
        if not before or before[0].pos in ("SCONJ", "ADP", "ADV") or before[0].lower in _LEADS:
            continue  # "When the race began, most of them…", "In the end, all of them…": no clause before
        if not any(t.pos in ("VERB", "AUX") and t.tag in ("VBD", "VBZ", "VBP", "MD") for t in before):
            continue
        person = next((t for t in reversed(before) if t.pos in ("NOUN", "PROPN")), None)  # not "told me"
        fix = "whom" if person is not None and (person.lower in PERSON_NOUNS or lexicon.singular_of(
            person.lower) in PERSON_NOUNS or person.lower in ("friends", "people", "children", "students")) else "which"
        yield them.start, them.end, fix, {"q": quantifier.text}


RELATIVE_CHECKS = {
    "quantified-them": quantified_them,
    "relative-pronoun-twice": relative_pronoun_twice,
    "parsed-relative-by-antecedent": relative_by_antecedent,
    "parsed-relative-by-role": relative_by_role,
    "parsed-whose-for-whos": whose_for_whos,
}
