"""Participles whose form must say who does the action: done to the noun, the past participle.

"The baton was pass to me" (be + the base form: passed), "the speech contest holding in our school"
(a thing is not holding anything: held), "prevent soil from washed away" (after a preposition a
passive is "being washed"). The parse says which word is the verb and what it hangs from; the word
list of verbs plainly done to things (lihua/data/parsed_words.yaml, `participle_done_to`) keeps
"the road leading to the park", "the train leaving at eight" and "a film showing tonight" alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import following, in_place_of, in_quotes, penn, word_set
from lihua.text.analysis import analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_INTENSIFIERS = word_class("intensifiers")
#: UD relations by which a verb acts on something or has a doer of its own (labels of the parse, not words)
_DOES_SOMETHING = frozenset({"obj", "iobj", "ccomp", "xcomp", "nsubj"})


def be_base_verb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'The baton was pass to me' → passed: the parser reads a verb after "be" (a word that may also
    be a noun, which the pattern rule learner.verb.be-base leaves alone), but it is the base form."""
    analysis = analyse(text)
    for be in analysis.tokens:
        if be.lemma != "be" or be.lower == "been" or be.dep not in {"cop", "aux", "aux:pass"} or in_quotes(analysis, be):
            continue
        verb = following(analysis, be)
        while verb is not None and verb.tag == "RB" and verb.head != be.i and verb.lower not in _INTENSIFIERS | {"not"}:
            verb = following(analysis, verb)  # "my vocabulary is also limit"
        if verb is None or be.head != verb.i or penn(verb) != "VB":
            continue
        if verb.lower != verb.lemma or not lexicon.is_noun(verb.lower) or "VB" not in lexicon.verb_tags(verb.lower):
            continue
        sentence = analysis.sentence_tokens(be.sent)
        if any(t.lemma == "do" and t.i < be.i for t in sentence):
            continue  # "all you have to do is wait": the bare verb is right there
        no_passive = verb.lemma in word_set("verbs_without_passive")  # "they are talk loudly": no one is talked
        acts = no_passive or any(c.dep in {"obj", "iobj", "xcomp", "ccomp"} for c in analysis.children(verb))
        if no_passive and be.lower in {"was", "were"}:
            past = lexicon.verb_form(verb.text, "VBD") or verb.text
            yield be.start, verb.end, in_place_of(be, past), {"be": be.text, "verb": verb.text}
            continue
        if acts and be.lower in {"is", "are", "am", "'s", "'re", "'m", "’s", "’re", "’m"}:
            # "advertisements are make products seem better": the subject acts, so "be" goes
            form = lexicon.verb_form(verb.text, "VBZ") if be.lower in {"is", "'s", "’s"} else verb.text
            yield be.start, verb.end, in_place_of(be, form or verb.text), {"be": be.text, "verb": verb.text}
            continue
        participle = lexicon.verb_form(verb.text, "VBN")
        if participle and participle.lower() != verb.lower:  # the span holds "be" too: the slip may be either word
            fix = text[be.start : verb.start] + lexicon.same_case(verb.text, participle)
            yield be.start, verb.end, fix, {"be": be.text, "verb": verb.text}


def active_for_passive(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'the speech contest holding in our school' → held: a thing is done to, not doing."""
    analysis = analyse(text)
    done_to = word_set("participle_done_to")
    followers = word_set("participle_phrase_followers")
    for verb in analysis.tokens:
        if penn(verb) != "VBG" or verb.dep != "acl" or verb.lemma not in done_to or in_quotes(analysis, verb):
            continue
        noun = analysis.head(verb)
        if noun.i != verb.i - 1 or noun.pos != "NOUN" or not lexicon.is_thing_noun(noun.lower):
            continue
        if any(c.dep in _DOES_SOMETHING for c in analysis.children(verb)):
            continue  # "the factory making toys": it does something to something
        after = following(analysis, verb)
        if after is None or not (after.lower in followers or after.text in {".", ",", ";", "!"}):
            continue
        participle = lexicon.verb_form(verb.text, "VBN")
        if participle:
            yield verb.start, verb.end, lexicon.same_case(verb.text, participle), {"noun": noun.text, "verb": verb.text}


def participle_after_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'prevent soil from washed away' → from being washed; 'after finished the work' → after finishing."""
    analysis = analyse(text)
    prepositions = word_set("gerund_prepositions")
    for verb in analysis.tokens:
        if penn(verb) not in {"VBN", "VBD"} or verb.pos != "VERB" or not verb.i or in_quotes(analysis, verb):
            continue
        if penn(verb) == "VBD" and lexicon.verb_form(verb.text, "VBN") != verb.lower:
            continue  # "after went": not the participle slip this check is about
        before = analysis.tokens[verb.i - 1]
        if before.lower not in prepositions or before.head != verb.i or before.sent != verb.sent:
            continue
        if verb.lower == "granted" or analysis.text[verb.end : verb.end + 1] == "-":
            continue  # "take it for granted"; "re-looking" cut in two
        if verb.i >= 2 and analysis.tokens[verb.i - 2].pos == "VERB" and analysis.tokens[verb.i - 2].tag == "VBG":
            continue  # "a herdsman who was passing by stopped": "by" ends "passing by", the verb is the clause's own
        kids = analysis.children(verb)
        if any(c.dep in {"aux", "aux:pass", "nsubj", "nsubj:pass"} for c in kids):
            continue
        after = following(analysis, verb)
        if after is not None and after.pos in {"NOUN", "PROPN", "ADJ"} and after.dep in {"compound", "amod"}:
            continue
        if after is not None and after.pos == "NOUN" and after.head != verb.i:
            continue  # "from abandoned buildings": the participle describes the noun
        if any(c.dep == "obj" for c in kids):
            gerund = lexicon.verb_form(verb.text, "VBG")  # "after finished the work": the doer acts
            fix = gerund
        else:
            fix = f"being {verb.text}"
        if fix:
            yield verb.start, verb.end, fix, {"preposition": before.text, "verb": verb.text}


PARTICIPLE_CHECKS = {
    "be-base-verb": be_base_verb,
    "active-for-passive": active_for_passive,
    "participle-after-preposition": participle_after_preposition,
}
