"""A question inside a statement keeps the word order of a statement.

"Please tell me what you think", "I asked him where the station was", "I'm not sure whether it is
right": after tell, ask, know, wonder, sure, idea … the wh-word (or whether/if) opens a clause of
the statement, so its subject comes before its verb and do/does/did goes ("what does he like" →
"what he likes"). The parser reads such an inverted clause poorly ("the train leave" as one noun),
so the words are read in their order (the word that asks, its object, the wh-word with its "old",
"much" or noun, an auxiliary, a subject) and the parse only gives the verb a "do" belongs to.
A sentence that is itself a question, or a direct question after a comma, colon or quote, is left
alone: "Can you tell me where is it?", 'He asked me, "Where do you live?"'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import in_quotes
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

#: The word lists are data: lihua/data/parsed_words.yaml.
_WORDS = data_file("parsed_words.yaml")["questions"]

#: Verbs whose object may be a question (tell me what …, I wonder if …), and the adjectives and nouns
#: that take one (not sure whether …, no idea how …).
ASKING_VERBS = frozenset(_WORDS["asking_verbs"])
ASKING_WORDS = frozenset(_WORDS["asking_words"])
_WH_WORDS = frozenset(_WORDS["wh_words"])
#: What may stand between the asking word and the wh-word: its object ("tell my mother what"), "out".
_OBJECT_TAGS = frozenset({"PRP", "DT", "PRP$", "JJ", "NN", "NNS", "NNP", "RP"})
_SUBJECT_PRONOUNS = word_class("subject_pronouns") | {"there"}
_INVERTED_AUX = frozenset(_WORDS["inverted_auxiliaries"])
#: Which pronouns each form of "be" goes with: "is you" is no inverted "you are" ("your idea which is you can").
_BE_SUBJECTS = {key: frozenset(value) for key, value in _WORDS["be_subjects"].items()}
#: Words before "idea" that make it ask: "I have no idea how", not "your idea which is".
_BEFORE_IDEA = frozenset(_WORDS["before_idea"])
_NOUN_PHRASE_TAGS = frozenset({"DT", "PRP$", "JJ", "JJS", "JJR", "CD", "NN", "NNS", "NNP", "NNPS", "POS"})
_END = re.compile(r"[.!?。！？]")
#: Wh-words that may be the subject of "be" themselves: "who is the winner", "which is better".
_MAY_BE_SUBJECT = frozenset({"who", "whom", "which", "whose"})


def _asking_word(analysis: Analysis, wh: Token) -> Token | None:
    """The verb, adjective or noun before `wh` that takes a question ("tell me what"), with only
    its object (at most three words, no comma) between them."""
    first = analysis.sentences[wh.sent].first
    for i in range(wh.i - 1, max(first, wh.i - 5) - 1, -1):
        token = analysis.tokens[i]
        if token.lemma in ASKING_VERBS and token.pos == "VERB" or token.lower in ASKING_WORDS:
            if token.lower == "idea" and not (i and analysis.tokens[i - 1].lower in _BEFORE_IDEA):
                return None
            return token
        if token.tag not in _OBJECT_TAGS or token.lower in _WH_WORDS or token.lower in ("that", "matter"):
            return None  # "remember that if …", "no matter what": a clause of its own
    return None


def _after_wh(analysis: Analysis, wh: Token) -> int:
    """The index after the wh-word and what belongs to it: "how old", "how much", "what time",
    "which bus", "what kind of music"."""
    tokens = analysis.tokens
    i = wh.i + 1
    if wh.lower == "how" and i < len(tokens) and tokens[i].pos in ("ADJ", "ADV") and tokens[i].lower not in _INVERTED_AUX:
        i += 1
        if tokens[wh.i + 1].lower in ("much", "many") and i < len(tokens) and tokens[i].pos == "NOUN":
            i += 1  # "how many books"
    elif wh.lower in ("what", "which", "whose") and i < len(tokens) and tokens[i].pos == "NOUN":
        i += 1
        if i + 1 < len(tokens) and tokens[i].lower == "of" and tokens[i + 1].pos == "NOUN":
            i += 2  # "what kind of music"
    return i


def _subject_after(analysis: Analysis, start: int, sent: int, needs_verb: bool) -> tuple[Token, Token | None] | None:
    """(the last word of the subject that starts at `start`, the base verb after it): a subject
    pronoun, "there", or a noun phrase ("the station", "your mother", "Mr Li") that ends in its noun.
    With `needs_verb` (after do or a modal) a base verb must follow ("what should I do"); it may be the
    last word of the run, which the tagger read as a noun ("when will the party start")."""
    tokens = analysis.tokens
    last = analysis.sentences[sent].last
    if start >= last:
        return None
    if tokens[start].lower in _SUBJECT_PRONOUNS and tokens[start].tag in ("PRP", "EX"):
        subject, run = tokens[start], [tokens[start]]
    else:
        end = start
        while end < last and tokens[end].tag in _NOUN_PHRASE_TAGS and tokens[end].lower not in _SUBJECT_PRONOUNS:
            end += 1
        run = list(tokens[start:end])
        nouns = [t for t in run if t.pos in ("NOUN", "PROPN")]
        if not nouns or run[0].pos not in ("DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM"):
            return None
        if any(t.pos == "DET" for t in run[1:]):
            return None  # "when is good the job": no noun phrase
        subject = nouns[-1]
    if not needs_verb:
        return subject, None
    following = next((t for t in tokens[run[-1].i + 1:last] if t.pos != "ADV"), None)
    after_pronoun = subject.i == start  # "how much does it cost": the tagger's "cost" is a noun
    if following is not None and _may_be_base_verb(following) and (following.pos != "NOUN" or after_pronoun):
        return subject, following
    if len(run) > 1 and _may_be_base_verb(run[-1]) and any(t.pos in ("NOUN", "PROPN") for t in run[:-1]):
        return next(t for t in reversed(run[:-1]) if t.pos in ("NOUN", "PROPN")), run[-1]
    return None


def _may_be_base_verb(token: Token) -> bool:
    """A base verb, or a word the tagger misread that can be one ("the party start"); not a modal."""
    if token.tag == "VB":
        return True  # "when would I be leaving"
    return "VB" in lexicon.verb_tags(token.lower) and token.pos not in ("PRON", "DET", "AUX") and token.tag != "MD"


def _is_statement(analysis: Analysis, wh: Token) -> bool:
    """The clause ends with a full stop or "!", not "?", and is no one's quoted words."""
    end = _END.search(analysis.text, wh.end)
    return not (end is not None and end.group() in "?？") and not in_quotes(analysis, wh)


def _do_fix(analysis: Analysis, aux: Token, subject: Token, verb: Token) -> tuple[int, str] | None:
    """'what does he like' → 'he likes': the end of the span and its words, the verb in the tense
    'do' carried and agreeing with the subject ("how does the students behave" → "the students behave")."""
    if aux.lower == "did":
        tag: str | None = "VBD"
    else:
        one = subject.lower in ("he", "she", "it") or subject.tag in ("NN", "NNP") and subject.lower not in _SUBJECT_PRONOUNS
        tag = "VBZ" if one else None
    form = lexicon.verb_form(verb.lower, tag) if tag else verb.lower
    if not form:
        return None
    first = analysis.tokens[aux.i + 1]
    return verb.end, analysis.text[first.start:verb.start] + lexicon.same_case(verb.text, form)


def _plain_subject_only(analysis: Analysis, wh: Token, after: int, aux: Token) -> bool:
    """Before "be", only a subject pronoun shows the order is inverted: in "who is the winner", "which
    way is the right one", "how many students are …" the wh-phrase may be the subject, and in "if was
    the best decision" the writer left out "it". "what is your plan" is the one phrase let through."""
    if aux.lemma != "be":
        return False
    with_noun = analysis.tokens[after - 1].pos == "NOUN" and after != wh.i + 1
    return wh.lower in _MAY_BE_SUBJECT or wh.lower in ("if", "whether") or with_noun


def _reordered(analysis: Analysis, wh: Token) -> Hit | None:
    """The inverted words after `wh` and the statement order, when the clause is a question inside
    a statement."""
    tokens = analysis.tokens
    after = _after_wh(analysis, wh)
    if after + 1 >= len(tokens) or tokens[after].sent != wh.sent:
        return None
    aux = tokens[after]
    if aux.lower not in _INVERTED_AUX or aux.pos != "AUX":
        return None
    negation = tokens[after + 1] if tokens[after + 1].lower in ("n't", "not") else None
    first = tokens[after + (2 if negation else 1)]
    found = _subject_after(analysis, first.i, wh.sent, needs_verb=aux.lemma == "do" or aux.tag == "MD")
    if found is None:
        return None
    subject, verb = found
    pronoun = subject.i == first.i and first.lower in _SUBJECT_PRONOUNS
    if pronoun and first.lower == "there" and wh.lower in _MAY_BE_SUBJECT:
        return None  # "see who was there": who was present
    if pronoun and aux.lower in _BE_SUBJECTS and first.lower not in _BE_SUBJECTS[aux.lower]:
        return None  # "your idea which is you can …": no inverted "you are"
    if not pronoun and (_plain_subject_only(analysis, wh, after, aux) or wh.lower == "what" and aux.lemma == "be"
                        and first.tag != "PRP$"):
        return None  # "tell me what is the matter": "what" may be the subject
    text = analysis.text
    if aux.lemma == "do" and negation is None and verb is not None:
        fixed = _do_fix(analysis, aux, subject, verb)
        if fixed is None:
            return None
        end, words = fixed
    else:
        end, words = subject.end, f"{text[first.start:subject.end]} {text[aux.start:(negation or aux).end]}"
    return aux.start, end, words, {"wh": wh.text}


def embedded_question_order(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Please tell me what do you think', 'I asked him where was the station', 'I'm not sure whether
    is it right': the question inside a statement puts its subject before its verb."""
    analysis = analyse(text)
    for wh in analysis.tokens:
        if wh.lower not in _WH_WORDS or not _is_statement(analysis, wh):
            continue
        asking = _asking_word(analysis, wh)
        if asking is None or wh.lower in _MAY_BE_SUBJECT and analysis.tokens[wh.i - 1].pos in ("NOUN", "PROPN"):
            continue  # "see Danny Brook who is my favourite actor": a relative clause
        hit = _reordered(analysis, wh)
        if hit is not None:
            yield hit[0], hit[1], hit[2], {**hit[3], "asking": asking.text}


QUESTION_CHECKS = {
    "parsed-embedded-question-order": embedded_question_order,
}
