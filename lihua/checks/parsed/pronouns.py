"""Pronoun case and form judged by the pronoun's role in the parse.

A subject takes I/he/she/we/they, an object me/him/her/us/them: the parser says which the
pronoun is, so "Me and him went" and "help they" are found wherever they stand. "between you
and I" is a question of style and is left alone, as is every "I" (too often misread).

An object that is the one who acts is a reflexive: "I taught me to swim", "Take good care of you".
Who acts is the verb's subject, or for a "to" clause the subject of the verb above it when that
verb has no object ("asked him to help me" is right); an imperative's doer is "you".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import in_quotes, penn
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

#: The word lists are data: lihua/data/parsed_words.yaml.
_WORDS = data_file("parsed_words.yaml")["pronouns"]

SUBJECT_OF = {"me": "I", "him": "he", "us": "we", "them": "they"}
OBJECT_OF = {"he": "him", "she": "her", "we": "us", "they": "them"}
POSSESSIVE_OF_REFLEXIVE = {"myself": "my", "yourself": "your", "himself": "his", "herself": "her",
                           "itself": "its", "ourselves": "our", "yourselves": "your", "themselves": "their"}
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Words after which a subject pronoun is right: "taller than he (is)", "as he".
_COMPARISON = word_class("comparison_words")
#: What follows "its" only when the writer meant "it's" (it is / it has).
_AFTER_ITS = frozenset(_WORDS["after_its"])


def _is_finite_clause(analysis: Analysis, verb: Token) -> bool:
    """The verb, or an auxiliary or copula on it, is finite: "him is", "me and him went"."""
    if verb.tag in _FINITE_TAGS:
        return True
    return any(c.dep in ("aux", "cop", "aux:pass") and c.tag in _FINITE_TAGS for c in analysis.children(verb))


def object_pronoun_as_subject(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Him is my friend', 'Me and my sister went': an object pronoun as the subject of a verb."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens:
        fix = SUBJECT_OF.get(word.lower)
        if fix is None:
            continue
        subject = word
        if word.dep == "conj":
            subject = analysis.head(word)
        if subject.dep != "nsubj":
            continue
        verb = analysis.head(subject)
        if verb.i < word.i or not _is_finite_clause(analysis, verb):
            continue
        if word.i and tokens[word.i - 1].lower in word_class("verbs_taking_object_then_verb"):
            continue  # "let him go": an object the parser may read as a subject
        if word.i and tokens[word.i - 1].pos in ("VERB", "ADP", "AUX"):
            continue
        replacement = fix if fix == "I" or not word.text[:1].isupper() else fix.capitalize()
        yield word.start, word.end, replacement, {"pronoun": word.text}


def subject_pronoun_as_object(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'help they', 'with he and his wife': a subject pronoun as the object of a verb or preposition."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens:
        if word.text == "I" and _joined_to_object(analysis, word):
            clause = [t for t in tokens[word.i + 1:word.i + 7] if t.sent == word.sent and t.pos != "PUNCT"][:4]
            if not any(t.pos in ("VERB", "AUX") and penn(t) in {"VBD", "VBZ", "VBP", "MD"} for t in clause):
                yield word.start, word.end, "me", {"pronoun": word.text}  # "taught my cousin and I how to…"
            continue
        fix = OBJECT_OF.get(word.lower)
        if fix is None or word.i == 0:
            continue
        before = tokens[word.i - 1]
        if before.lower in _COMPARISON or before.pos == "PUNCT":
            continue
        after = tokens[word.i + 1] if word.i + 1 < len(tokens) else None
        if after is not None and after.pos in ("VERB", "AUX") and after.sent == word.sent:
            continue  # "I think he is": a clause the parser may hang wrongly
        object_of_verb = word.dep in ("obj", "iobj") and analysis.head(word).pos == "VERB" and before.i == word.head
        object_of_preposition = (word.dep in ("obl", "nmod") and before.pos == "ADP" and before.head == word.i
                                 and before.dep == "case")
        if not (object_of_verb or object_of_preposition):
            continue
        yield word.start, word.end, lexicon.same_case(word.text, fix), {"pronoun": word.text}


def _joined_to_object(analysis: Analysis, word: Token) -> bool:
    """'taught my cousin and I', 'a photo of my sister and I': a pronoun joined by "and" to an object
    (the parser, misled by the subject form, may hang it elsewhere)."""
    if word.i < 2 or analysis.tokens[word.i - 1].lower != "and":
        return False
    other = analysis.tokens[word.i - 2]
    while other.dep in ("flat", "compound") and other.head > other.i:
        other = analysis.head(other)
    if other.pos not in ("NOUN", "PROPN", "PRON") or other.sent != word.sent:
        return False
    if other.dep in ("obj", "iobj"):
        return analysis.head(other).pos == "VERB"
    return other.dep in ("obl", "nmod") and any(c.dep == "case" for c in analysis.children(other))


def reflexive_possessive(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """"myself's room": a reflexive has no possessive; "my own room"."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens[:-1]:
        fix = POSSESSIVE_OF_REFLEXIVE.get(word.lower)
        after = tokens[word.i + 1]
        if fix and after.text in ("'s", "’s", "'", "’") and after.start == word.end:
            yield word.start, after.end, lexicon.same_case(word.text, fix) + " own", {"pronoun": word.text}


def its_for_it_is(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'its a good idea': "its" owns something; "it is" is "it's"."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for word in tokens[:-1]:
        if word.lower != "its":
            continue
        after = tokens[word.i + 1]
        if after.lower not in _AFTER_ITS or after.sent != word.sent:
            continue
        if after.lower == "very" and (word.i + 2 >= len(tokens) or tokens[word.i + 2].pos != "ADJ"):
            continue  # "its very nature"
        apostrophe = "’" if "’" in text else "'"
        yield word.start, word.end, lexicon.same_case(word.text, f"it{apostrophe}s"), {"word": word.text}


#: An object pronoun, the subject it would be the same person as, and its reflexive.
_REFLEXIVE_OF_OBJECT = {"me": ("i", "myself"), "us": ("we", "ourselves"), "you": ("you", "yourself")}
#: …and after "by" (alone) the third persons too: "she read it by her" can only mean herself.
_REFLEXIVE_AFTER_BY = {**_REFLEXIVE_OF_OBJECT, "him": ("he", "himself"), "her": ("she", "herself"),
                       "them": ("they", "themselves")}
#: Words whose preposition takes the doer itself: take care of, look after, be proud of (yourself).
_REFLEXIVE_FRAMES: dict[str, str] = _WORDS["reflexive_frames"]
#: Verbs whose object is often the one who acts (I taught myself), and those where "we" means "each other".
_REFLEXIVE_VERBS = frozenset(_WORDS["reflexive_verbs"])
_RECIPROCAL_VERBS = frozenset(_WORDS["reciprocal_verbs"])
#: What may stand before the verb that opens an imperative: "Please take care", "Do look after".
_BEFORE_IMPERATIVE = frozenset(_WORDS["before_imperative"])
_OBJECTS = frozenset({"obj", "iobj"})
_PLACING_VERBS = frozenset(_WORDS["placing_verbs"])
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl"})


def _doer(analysis: Analysis, verb: Token, climb: bool) -> tuple[Token | None, Token | None]:
    """(who does `verb`, the verb that says so): its own subject, or with `climb` for a "to" clause,
    an adjective or a joined verb without one, the subject of the verb above ("I felt proud of me",
    "Remember to take care of you", "We worked hard and looked after us"). (None, verb) for a clause
    with no subject; (None, None) when the verb above has an object, who may be the one doing it
    ("asked him to help me"), or for any other clause."""
    for _ in range(4):
        kids = analysis.children(verb)
        subject = next((c for c in kids if c.dep in _SUBJECTS), None)
        if subject is not None or verb.is_root or verb.dep == "parataxis":
            return subject, verb  # "It is cold, so please take care": a clause of its own
        upper = analysis.head(verb)
        joined = verb.dep == "conj" and verb.pos == "VERB"
        if not climb or not (joined or verb.dep == "xcomp") or upper.pos not in {"VERB", "ADJ"} or not joined and any(
                c.dep in _OBJECTS and c.i < verb.i for c in analysis.children(upper)):
            return None, None  # "would like to tell us" means "you tell us"; "grateful to tell me", a slip of its own
        verb = upper
    return None, None


def _alone(analysis: Analysis, verb: Token) -> bool:
    """"by" + the doer's pronoun means "alone" after an active verb with an object ("she read the paper
    by her" → herself); not after a passive (done by her) nor a verb of place ("put the bag by her")."""
    kids = analysis.children(verb)
    return verb.pos == "VERB" and verb.lemma not in _PLACING_VERBS and any(c.dep == "obj" for c in kids) and not any(
        c.dep in {"aux:pass", "nsubj:pass"} for c in kids)


def _governor(analysis: Analysis, word: Token) -> tuple[Token | None, bool]:
    """The verb (or adjective) `word` is the object of, and whether through a frame that takes the
    doer (take care of, look after, be proud of); None for the object of any other preposition
    ("I took an umbrella with me", "we looked around us")."""
    head = analysis.head(word)
    case = next((c for c in analysis.children(word) if c.dep == "case"), None)
    if word.dep in _OBJECTS:
        reflexive_verb = head.lemma in _REFLEXIVE_VERBS and not (word.lower == "us" and head.lemma in _RECIPROCAL_VERBS)
        straight_after = word.i == head.i + 1  # "I taught me": not "tell the person … then me"
        return (head, False) if head.pos == "VERB" and case is None and reflexive_verb and straight_after else (
            None, False)
    if case is None or word.dep not in ("obl", "nmod") or case.i != word.i - 1:
        return None, False
    if case.lower == "by" and _alone(analysis, head):
        return head, True  # "read the newspaper by her": by oneself, alone
    if _REFLEXIVE_FRAMES.get(head.lemma) == case.lower:
        if head.lemma != "care":
            return head, True
        verb = analysis.head(head)  # "take (good) care of you": of you hangs from care
        return (verb, True) if verb.lemma == "take" and head.dep == "obj" else (None, False)
    if case.lower == "of" and head.lemma == "take" and any(
            c.lemma == "care" and c.dep == "obj" for c in analysis.children(head)):
        return head, True  # …or from take
    return None, False


def _is_imperative(analysis: Analysis, verb: Token) -> bool:
    """'Take good care of you', 'It is cold, so please be proud of you': no modal, and the clause
    opens (after "please", "so" …) with the verb's base form or "be"."""
    kids = analysis.children(verb)
    opener = next((c for c in kids if c.dep == "cop"), verb)
    if opener.lower != "be" and "VB" not in lexicon.verb_tags(opener.lower):
        return False
    if any(c.dep in _SUBJECTS or c.dep == "aux" and c.lemma != "do" for c in kids):
        return False
    first = analysis.sentences[verb.sent].first
    before = opener.i - 1
    while before >= first and analysis.tokens[before].lower in _BEFORE_IMPERATIVE:
        before -= 1
    return before < first or analysis.tokens[before].pos == "PUNCT"


def _ends_its_phrase(analysis: Analysis, word: Token) -> bool:
    """Nothing of a noun phrase or a clause follows: "you teacher" is a slip for "your teacher", and in
    "let me tell you", "a skirt you like" the pronoun is the subject of the verb after it."""
    after = analysis.tokens[word.i + 1] if word.i + 1 < len(analysis.tokens) else None
    return after is None or not (after.pos in ("NOUN", "PROPN", "ADJ", "NUM", "VERB", "AUX")
                                 or after.text in ("'s", "’s"))


def _who_acts(analysis: Analysis, word: Token, verb: Token, framed: bool) -> str | None:
    """The subject that does `verb` to `word`, when it is plainly the same person ("I" for "me");
    an imperative's is "you" ("Take care of you", "…, so be proud of you"; not "Thank you")."""
    wanted = _REFLEXIVE_AFTER_BY[word.lower][0]
    if framed and wanted == "you" and _is_imperative(analysis, verb):
        return "you"
    doer, top = _doer(analysis, verb, climb=framed or verb.dep == "conj")  # "…and blamed me": the joined verb's subject
    if doer is None:
        imperative = framed and wanted == "you" and top is not None and _is_imperative(analysis, top)
        return "you" if imperative else None
    if doer.lower != wanted or doer.i > word.i or any(c.dep == "conj" for c in analysis.children(doer)):
        return None
    if doer.lower == "you" and doer.i and analysis.tokens[doer.i - 1].pos in ("VERB", "ADP"):
        return None  # "people surrounding you admire you": that "you" is an object the parser misread
    if any(t.pos == "PRON" for t in analysis.tokens[doer.i + 1:verb.i]):
        return None  # "and I you ask me why": the words are garbled, the subject unclear
    return doer.text


def reflexive_object(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I taught me to swim', 'we enjoyed us', 'Take good care of you': an object that is its own
    subject is a reflexive."""
    analysis = analyse(text)
    for word in analysis.tokens:
        after_by = word.i > 0 and analysis.tokens[word.i - 1].lower == "by"
        if word.lower not in (_REFLEXIVE_AFTER_BY if after_by else _REFLEXIVE_OF_OBJECT) or not _ends_its_phrase(
                analysis, word) or in_quotes(analysis, word):
            continue
        verb, framed = _governor(analysis, word)
        if verb is None or word.lower not in _REFLEXIVE_OF_OBJECT and not (framed and after_by):
            continue
        subject = _who_acts(analysis, word, verb, framed)
        if subject is not None:
            yield word.start, word.end, _REFLEXIVE_AFTER_BY[word.lower][1], {"pronoun": word.text, "subject": subject}


_OWN_DOERS = {"myself": ({"i", "me"}, "me"), "ourselves": ({"we", "us", "i", "me"}, "us")}  # "my friend and I … ourselves"


def _controller(analysis: Analysis, verb: Token) -> Token | None:
    """Who does `verb`: its subject; for a "to" clause under another verb, that verb's object
    ("asked me to introduce myself") or else its subject ("smiled at me to encourage myself")."""
    kids = analysis.children(verb)
    subject = next((c for c in kids if c.dep in _SUBJECTS), None)
    if subject is not None or verb.is_root:
        return subject
    upper = analysis.head(verb)
    if verb.dep == "xcomp" or verb.dep == "advcl" and any(c.dep == "mark" and c.lower == "to" for c in kids):
        above = analysis.children(upper)
        objects = [c for c in above if c.dep in _OBJECTS] if verb.dep == "xcomp" else []
        return objects[0] if objects else next((c for c in above if c.dep in _SUBJECTS), None)
    return None


def reflexive_without_doer(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'smiled at me to encourage myself', 'She taught myself English': myself / ourselves as an
    object when someone else does the verb is me / us."""
    analysis = analyse(text)
    for word in analysis.tokens:
        own = _OWN_DOERS.get(word.lower)
        if own is None or word.dep not in _OBJECTS or in_quotes(analysis, word):
            continue
        verb = analysis.head(word)
        doer = _controller(analysis, verb) if verb.pos == "VERB" else None
        if doer is None or doer.lower in own[0] or doer.pos not in {"PRON", "NOUN", "PROPN", "DET"}:
            continue
        beside = analysis.children(analysis.head(doer))  # "My friend and I": the parser may give two subjects
        if any(t.dep == "conj" or t.lower in own[0] for t in analysis.subtree(doer)) or any(
                c.dep in _SUBJECTS and c.lower in own[0] for c in beside) or doer.lower in {"who", "that", "which"}:
            continue  # "My friend and I …", "I, who …": the writer may be among the doers
        yield word.start, word.end, lexicon.same_case(word.text, own[1]), {"pronoun": word.text, "doer": doer.text}


PRONOUN_CHECKS = {
    "parsed-reflexive-without-doer": reflexive_without_doer,
    "parsed-object-pronoun-as-subject": object_pronoun_as_subject,
    "parsed-subject-pronoun-as-object": subject_pronoun_as_object,
    "parsed-reflexive-possessive": reflexive_possessive,
    "parsed-its-for-it-is": its_for_it_is,
    "parsed-reflexive-object": reflexive_object,
}
