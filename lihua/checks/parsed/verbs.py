"""Verb forms read from the parse: what an auxiliary, "to", a preposition or let/make asks of the
verb after it, a there-be clause with a second finite verb, and a clause that lost its "be".

Each check reads the relation the parser found (the verb an auxiliary hangs from, the verb a
preposition marks) and the word's own forms (lexicon), so "will went" is found though the tagger
may call "went" a base form, and "to put" is never taken for a past tense.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.checks.parsed.words import AUX, in_quotes, past_of_its_own, penn, subject_number, word_set
from lihua.io.yaml_data import data_file
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class

_SOFT = frozenset({"ADV", "PART"})  # words that may stand between an auxiliary and its verb ("can not", "did n't")
_NOT_MODAL = frozenset({"ought", "need", "dare", "used"})  # "ought to", "need to": 'to' belongs there


def _next_word(analysis: Analysis, token: Token) -> Token | None:
    """The first word after `token` in its sentence that is not an adverb or "not"."""
    last = analysis.sentences[token.sent].last
    for j in range(token.i + 1, min(last, token.i + 4)):
        candidate = analysis.tokens[j]
        if candidate.pos not in _SOFT or candidate.lower == "to":
            return candidate
    return None


def _question_verb(analysis: Analysis, aux: Token) -> Token | None:
    """The verb of an inverted auxiliary, over its subject: "Did [he] went", "Can [your sister] comes"."""
    verb = analysis.head(aux)
    if verb.pos not in {"VERB", "AUX"} or verb.i - aux.i > 5:
        return None
    between = analysis.tokens[aux.i + 1:verb.i]
    if not any(t.dep in {"nsubj", "nsubj:pass"} for t in between) or any(
            t.pos not in {"PRON", "PROPN", "NOUN", "DET", "ADJ", "ADV", "PART"} for t in between):
        return None
    return verb


def _not_base(word: str) -> bool:
    """A verb form that cannot be the base: "went", "goes", "gone" (not "put", "read", "cut")."""
    tags = lexicon.verb_tags(word)
    return bool(tags) and "VB" not in tags and bool(tags & {"VBD", "VBZ", "VBN"})


def _base(token: Token) -> str | None:
    lemma = token.lemma if token.lemma != token.lower else None
    if lemma is None:
        found = lexicon.readings(token.lower).get("VERB")
        lemma = found[0] if found else None
    return lexicon.same_case(token.text, lemma) if lemma and lemma != token.lower else None


def after_auxiliary(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'can goes', 'will went', 'did went', 'doesn't likes', 'must to be': a modal or do takes the
    base form, straight after it."""
    analysis = analyse(text)
    for aux in analysis.tokens:
        is_modal = penn(aux) == "MD" and aux.lower not in _NOT_MODAL
        is_do = aux.lemma == "do" and aux.dep == "aux"
        if not (is_modal or is_do) or in_quotes(analysis, aux):
            continue
        verb = _next_word(analysis, aux)
        if verb is not None and verb.pos in {"PRON", "PROPN", "NOUN", "DET"} and aux.head > aux.i:
            verb = _question_verb(analysis, aux)  # "Did he went there?"
        if verb is None:
            continue
        if verb.lower == "to" and is_modal and verb.i == aux.i + 1 and penn(verb) == "TO":
            yield aux.start, verb.end, aux.text, {"word": aux.text, "verb": "to"}
            continue
        if verb.pos not in {"VERB", "AUX"} or (aux.head != verb.i and verb.head != aux.i):
            continue
        if _not_base(verb.lower):
            base = _base(verb)
            if base:
                yield verb.start, verb.end, base, {"word": aux.text, "verb": verb.text}
        elif is_modal and aux.head == verb.i and verb.lower == verb.lemma and not any(
                c.dep in AUX and c.i != aux.i for c in analysis.children(verb)):
            yield from _shared_modal(analysis, aux, verb)  # "could have resulted … and helped": 'have' is shared


def _shared_modal(analysis: Analysis, modal: Token, verb: Token) -> Iterator[Hit]:
    """'We can lie on the grass or sat by the lake': a verb joined to the modal's verb shares the modal."""
    for joined in analysis.children(verb):
        if joined.dep != "conj" or joined.pos != "VERB" or not _not_base(joined.lower):
            continue
        kids = analysis.children(joined)
        if any(c.dep in AUX | {"nsubj", "nsubj:pass", "mark"} for c in kids):
            continue  # "we can go, but he went": a clause of its own
        if not any(c.dep == "cc" and c.lower in {"and", "or"} for c in kids):
            continue
        if past_of_its_own(analysis, verb, joined):
            continue
        if any(penn(t) in {"VBD", "VBZ", "VBP", "MD"} or t.pos == "SCONJ" or t.tag in {"WDT", "WP"}
               for t in analysis.tokens[verb.i + 1:joined.i]):
            continue  # "understand the ideas that resulted in … and helped": joined to another verb
        base = _base(joined)
        if base:
            yield joined.start, joined.end, base, {"word": modal.text, "verb": joined.text}


def after_to(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I want to played football': the infinitive after 'to' is the base form."""
    analysis = analyse(text)
    for to in analysis.tokens:
        if to.lower != "to" or penn(to) != "TO" or to.dep != "mark" or in_quotes(analysis, to):
            continue
        verb = analysis.head(to)
        if verb.i != to.i + 1 or verb.pos not in {"VERB", "AUX"} or not _not_base(verb.lower):
            continue
        base = _base(verb)
        if base:
            yield verb.start, verb.end, base, {"verb": verb.text}


def after_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'before go to bed', 'without say goodbye': a verb after a preposition takes -ing."""
    analysis = analyse(text)
    prepositions = word_set("gerund_prepositions")
    for prep in analysis.tokens:
        if prep.lower not in prepositions or prep.dep not in {"mark", "case"} or in_quotes(analysis, prep):
            continue
        verb = analysis.head(prep)
        if verb.i != prep.i + 1 or penn(verb) not in {"VB", "VBP"} or verb.pos not in {"VERB", "NOUN"}:
            continue
        if verb.lower != verb.lemma or "VB" not in lexicon.verb_tags(verb.lower):
            continue
        kids = analysis.children(verb)
        if any(c.dep in {"nsubj", "nsubj:pass", "aux", "aux:pass", "cop"} for c in kids):
            continue  # "before you go", "after we were"
        if lexicon.is_noun(verb.lower) and (verb.pos == "NOUN" or prep.lower in {"in", "on", "at"} or prep.lower == "for" and not any(
                c.dep == "obj" for c in kids) or not any(c.dep in {"obj", "obl", "advmod", "xcomp"} for c in kids)):
            continue  # "after school", "for use with a car", "in lecture": a noun the tagger may call a verb
        ing = lexicon.verb_form(verb.lower, "VBG")
        if ing:
            yield verb.start, verb.end, lexicon.same_case(verb.text, ing), {"preposition": prep.text, "verb": verb.text}


def bare_infinitive(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'let me to help', 'made him to cry', 'suggest you to join': no 'to' after the object."""
    analysis = analyse(text)
    verbs = word_set("bare_infinitive_verbs")
    for to in analysis.tokens:
        if to.lower != "to" or penn(to) != "TO" or to.dep != "mark" or in_quotes(analysis, to):
            continue
        infinitive = analysis.head(to)
        ruler = analysis.head(infinitive)
        if infinitive.dep != "xcomp" or ruler.lemma not in verbs or infinitive.i != to.i + 1:
            continue
        kids = analysis.children(ruler)
        if any(c.dep in {"aux:pass", "compound:prt"} for c in kids) or penn(ruler) == "VBN":
            continue  # "he was made to wait", "make up my mind to": 'to' belongs there
        objects = [c for c in kids if c.dep in {"obj", "iobj"} and ruler.i < c.i < to.i]
        if not objects or max(t.i for t in analysis.subtree(objects[-1])) != to.i - 1:
            continue
        yield to.start, infinitive.start, "", {"verb": ruler.text}


def _there_noun(analysis: Analysis, be: Token) -> Token | None:
    last = analysis.sentences[be.sent].last
    for j in range(be.i + 1, min(last, be.i + 6)):
        token = analysis.tokens[j]
        if token.pos in {"NOUN", "PROPN", "PRON"}:
            return token
        if token.pos not in {"DET", "ADJ", "NUM", "ADV"}:
            return None
    return None


_STANDING_VERBS = word_set("verbs_without_passive")


def there_be_second_verb(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'There are many people come to the park': a there-be clause has no second finite verb;
    the people doing it are 'coming' (or 'who come')."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for there in tokens:
        if there.dep != "expl" or there.lower != "there" or there.i + 1 >= len(tokens):
            continue
        be = tokens[there.i + 1]
        if be.lemma != "be" or in_quotes(analysis, there):
            continue
        noun = _there_noun(analysis, be)
        if noun is None:
            continue
        phrase_end = max(t.i for t in analysis.subtree(noun) if t.i <= noun.i + 3 and t.pos not in {"PUNCT", "VERB"})
        j = max(phrase_end, noun.i) + 1
        if j >= analysis.sentences[be.sent].last:
            continue
        verb = tokens[j]
        past_read_as_participle = penn(verb) == "VBN" and verb.lemma in _STANDING_VERBS and "VBD" in lexicon.verb_tags(
            verb.lower)  # "there were thousands of people stood along the bank": no one "stood" them there
        if verb.pos != "VERB" or (penn(verb) not in {"VBP", "VBZ", "VBD"} and not past_read_as_participle) or (
                verb.lemma in {"be", "have"}):
            continue
        if verb.head not in {be.i, noun.i} and noun.head != verb.i and not (
                past_read_as_participle and verb.head in {t.i for t in analysis.subtree(noun)}):
            continue  # "thousands of people stood": the parser hangs it from "people"
        kids = analysis.children(verb)
        if any(c.dep in AUX | {"mark", "nsubj:pass"} or (c.dep == "nsubj" and c.i != noun.i) for c in kids):
            continue
        if not any(c.dep in word_class("relations_completing_a_verb") for c in kids):
            continue  # "there are things people know": a relative clause without 'that'
        ing = lexicon.verb_form(verb.lower, "VBG")
        if ing:
            yield verb.start, verb.end, lexicon.same_case(verb.text, ing), {"verb": verb.text, "noun": noun.text}


_BE = {"first": "am", "you": "are", "plural": "are", "sing3": "is"}
_PERSONAL = word_class("subject_pronouns")


def missing_be(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I very happy', 'I will very happy if you come', 'I going to school': an adjective or an
    -ing verb after its subject needs a form of 'be'."""
    analysis = analyse(text)
    for subject in analysis.tokens:
        if subject.dep != "nsubj" or subject.lower not in _PERSONAL or in_quotes(analysis, subject):
            continue
        head = analysis.head(subject)
        if head.i <= subject.i or penn(head) not in {"JJ", "JJR", "VBG"} or head.dep not in {
                "ROOT", "ccomp", "advcl", "conj", "parataxis"}:
            continue
        if head.lower == "better" and head.i and analysis.tokens[head.i - 1].lower in {"had", "'d", "’d"}:
            continue  # "you'd better go": had better, no adjective
        if penn(head) != "VBG" and (not lexicon.is_adjective(head.lower) or head.lower in _NOT_MODAL | {"ought"}):
            continue  # "I ought to go": the tagger's adjective is no adjective
        if penn(head) == "VBG" and "VBG" not in lexicon.verb_tags(head.lower):
            continue  # "We sing and dance": the tagger read "sing" as an -ing form
        kids = analysis.children(head)
        if any(c.dep in {"cop", "aux:pass"} or (c.dep == "aux" and penn(c) != "MD") for c in kids):
            continue
        modals = [c for c in kids if c.dep == "aux" and penn(c) == "MD"]
        between = analysis.tokens[subject.i + 1:head.i]
        if any(t.pos not in {"ADV", "AUX", "PART"} for t in between) or len(between) > 3:
            continue
        if subject.i and analysis.tokens[subject.i - 1].lower in word_class("words_before_object_then_bare_verb"):
            continue  # "with everyone watching"
        if subject.i and (analysis.tokens[subject.i - 1].pos == "ADP" or analysis.tokens[subject.i - 1].lower == "for"):
            continue  # "it is good for you doing sports": no clause of its own, the fix is "for you to do"
        if modals:
            modal = modals[0]
            if modal.i < subject.i or analysis.text[modal.end:modal.end + 1] != " ":
                continue
            # the whole group is flagged, so the slip is shown where the reader notices it ("will cleaning")
            yield modal.start, head.end, f"{modal.text} be{text[modal.end:head.end]}", {
                "subject": subject.text, "word": head.text}
            continue
        number = subject_number(analysis, subject, head)
        if number is None or analysis.text[subject.end:subject.end + 1] != " ":
            continue
        yield subject.start, subject.end, f"{subject.text} {_BE[number]}", {"subject": subject.text, "word": head.text}


_BE_PAST = {"first": "was", "sing3": "was", "you": "were", "plural": "were"}
_CLAUSE_VERB = frozenset({"ROOT", "ccomp", "advcl", "conj", "parataxis"})
_HAS_ITS_OWN = frozenset({"aux", "aux:pass", "cop", "obj", "iobj", "ccomp", "xcomp", "expl", "csubj"})
_FINITE = frozenset({"VBZ", "VBP", "MD"})


def _finite_verb_follows(analysis: Analysis, verb: Token) -> bool:
    """A verb later in the clause before any comma, joiner or clause opener: "the bridge built last
    year [is] long", where `verb` modifies the subject and the sentence has its verb after."""
    for token in analysis.tokens[verb.i + 1:analysis.sentences[verb.sent].last]:
        if token.pos in {"PUNCT", "CCONJ", "SCONJ"} or token.tag in {"WDT", "WP", "WRB"}:
            return False
        if token.pos in {"VERB", "AUX"} and (penn(token) in _FINITE | {"VB", "VBD"} or lexicon.verb_tags(
                token.lower) & {"VBZ", "VBP", "VBD"}):
            return True  # a base form too, or a verb the tagger read as a noun: the real verb may be mistagged
            # ("the points made… surely challenge", "… surely challenges")
    return False


def _more_than(analysis: Analysis, token: Token) -> bool:
    """"more/less than": the parser may take "more" for an object ("built more than 600 years ago")."""
    following = analysis.tokens[token.i + 1] if token.i + 1 < len(analysis.tokens) else None
    return token.lower in {"more", "less"} and following is not None and following.lower == "than"


def _verbless_sentence(analysis: Analysis, noun: Token, verb: Token) -> bool:
    """A full sentence whose root is a noun and that has no finite verb: "The party held last Friday."."""
    sentence = analysis.sentence_tokens(noun.sent)
    if not noun.is_root or noun.pos not in {"NOUN", "PROPN"} or sentence[-1].text not in {".", "!"}:
        return False
    if any(c.dep in {"cop", "aux"} for c in analysis.children(noun)):
        return False
    return not any(t.i != verb.i and (penn(t) in _FINITE | {"VBD"} or t.pos == "AUX") for t in sentence)


def _subject_twice(analysis: Analysis, noun: Token) -> bool:
    """'The play based on a story by Mark Twain, and I played Tom': the parser made the noun a second
    subject of a later verb that has one of its own, so the noun's clause lacks its verb."""
    if noun.dep not in {"nsubj", "nsubj:pass"} or noun.is_root:
        return False
    verb = analysis.head(noun)
    return verb.i > noun.i and any(c.dep in {"nsubj", "nsubj:pass"} and c.i != noun.i for c in analysis.children(verb))


_PEOPLE = lexicon.PEOPLE_NOUNS | frozenset(data_file("parsed_words.yaml")["nouns"]["person_nouns"])


def _by_someone(analysis: Analysis, verb: Token) -> bool:
    """The verb has "by" and a person after it ("by every student", "by Mark Twain", "by them"): who did it."""
    for agent in analysis.children(verb):
        if agent.dep not in {"obl", "obl:agent"} or not any(
                c.lower == "by" and c.dep == "case" for c in analysis.children(agent)):
            continue
        if agent.pos == "PROPN" or agent.pos == "PRON" and not agent.lower.endswith(("self", "selves")) or (
                agent.lower in _PEOPLE or lexicon.singular_of(agent.lower) in _PEOPLE):
            return True
    return False


def passive_missing_be(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I born in 2008', 'My school located in the east', 'The bridge built in 1990': a verb done to
    its subject is passive and needs 'be' before it."""
    analysis = analyse(text)
    only_passive, done_to, present = (word_set("passive_only_forms"), word_set("done_to_verbs"),
                                      word_set("present_passives"))
    done_by = word_set("done_by_verbs")
    for verb in analysis.tokens:
        if penn(verb) not in {"VBD", "VBN"} or in_quotes(analysis, verb):
            continue
        strict = verb.lower in only_passive
        by_someone = verb.lemma in done_by and _by_someone(analysis, verb)  # "he respected by every student"
        if not strict and verb.lemma not in done_to and not by_someone:
            continue
        kids = analysis.children(verb)
        if any(c.dep in _HAS_ITS_OWN and not _more_than(analysis, c) for c in kids):
            continue
        if verb.dep in _CLAUSE_VERB:
            subject = next((c for c in kids if c.dep in {"nsubj", "nsubj:pass"} and c.i < verb.i), None)
        elif verb.dep == "acl" and (_verbless_sentence(analysis, analysis.head(verb), verb)
                                    or _subject_twice(analysis, analysis.head(verb))):
            subject = analysis.head(verb)  # "The bridge built in 1990.": the parser saw a noun and its modifier
        else:
            continue
        if subject is None or any(t.pos not in {"ADV", "PART"} for t in analysis.tokens[subject.i + 1:verb.i]):
            continue  # only adverbs may stand between: "It [also] built…"
        if not strict and not by_someone:
            named_thing = subject.pos == "PROPN" and any(
                c.dep == "det" and c.lower == "the" for c in analysis.children(subject))  # the Great Wall
            if not (subject.lower == "it" or named_thing
                    or subject.pos == "NOUN" and lexicon.is_thing_noun(subject.lower)):
                continue  # a person may paint, write or find: only a thing is plainly done to
        if _finite_verb_follows(analysis, verb):
            continue
        number = subject_number(analysis, subject, verb) or "sing3"
        participle = lexicon.verb_form(verb.lower, "VBN") or verb.lower
        be = _BE[number] if participle in present or verb.lower in present else _BE_PAST[number]
        yield verb.start, verb.end, f"{be} {lexicon.same_case(verb.text, participle)}", {
            "subject": subject.text, "verb": verb.text}


VERB_CHECKS = {
    "passive-missing-be": passive_missing_be,
    "after-auxiliary": after_auxiliary,
    "after-to": after_to,
    "after-preposition": after_preposition,
    "bare-infinitive": bare_infinitive,
    "there-be-second-verb": there_be_second_verb,
    "missing-be": missing_be,
}
