"""A shallow reading of a letter: its sentences, and in each clause the subject and the finite verb.

Why: agreement ("my mother and aunt spends") and tense ("Last July I join a camp") depend on the
subject and on the verbs around, which a phrase pattern cannot see. This reader does not parse; it
finds clause openings (sentence start, a comma, and/but/because/when…) and reads a subject there —
a pronoun, a name, or a short noun phrase (the old woman, my mother and aunt, most of them) —
followed by a verb. It answers only when the words leave little doubt, so the checks built on it
stay quiet on sentences it cannot read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lihua.checks import lexicon
from lihua.text.word_classes import word_class

_TIME_PREPOSITIONS = word_class("time_prepositions")
_TIME_DETERMINERS = word_class("time_determiners")
_PARTICLES = word_class("verb_particles")
_PLURAL_COMPOUND_HEADS = word_class("plural_compound_heads")
_TIME_COUNTERS = word_class("time_counters")
_TIME_AFTERWORDS = word_class("time_afterwords")
_OBJECT_DETERMINERS = word_class("object_determiners")
_PRESENT_FORMS = word_class("present_finite_forms")
_PERSONAL_SUBJECTS = word_class("personal_subject_pronouns")
_PAST_AUXILIARIES = word_class("past_auxiliaries")

_ABBREVIATIONS = word_class("title_abbreviations")
# "No. 3", "a.m.", "e.g.": a full stop that ends no sentence when what follows is a number or lower case
_ABBREVIATION_BEFORE = re.compile(r"\b(?:[Nn]o|etc|[ap]\.m|e\.g|i\.e)(\.)(?=\s*(?:\d|[a-z,]))")

PRONOUN_PERSON = {"i": "first", "we": "plural", "you": "second", "they": "plural",
                  "he": "singular", "she": "singular", "it": "singular"}
OBJECT_PRONOUNS = word_class("object_pronouns")
INDEFINITE_PRONOUNS = word_class("indefinite_pronouns")
# Negated auxiliaries written as one word, with the tense they carry.
NEGATED = {"don't": "present", "doesn't": "present", "isn't": "present", "aren't": "present",
           "hasn't": "present", "haven't": "present", "didn't": "past", "wasn't": "past",
           "weren't": "past", "hadn't": "past", "can't": "modal", "won't": "modal", "couldn't": "modal",
           "wouldn't": "modal", "shouldn't": "modal", "mustn't": "modal"}
NEGATED.update({key.replace("'", "’"): value for key, value in list(NEGATED.items())})
SINGULAR_DETERMINERS = word_class("singular_determiners")
PLURAL_DETERMINERS = word_class("plural_determiners")
DETERMINERS = word_class("determiners")
# "most of them", "each of the boys": the number comes from the quantifier or from the noun after "of".
_QUANTIFIER_OF = {"each": "singular", "one": "singular", "either": "singular", "neither": "singular",
                  "most": None, "all": None, "some": None, "many": "plural", "both": "plural",
                  "several": "plural", "few": "plural", "none": None, "lots": None, "hundreds": "plural",
                  "thousands": "plural", "millions": "plural", "dozens": "plural", "half": None, "part": None}
# Nouns whose verb may be singular or plural (British usage, or meaning): never an agreement error.
_EITHER_NUMBER = word_class("either_number_nouns")
# Words that open a clause: the subject follows them.
CLAUSE_OPENERS = word_class("clause_openers")
FUNCTION_WORDS = word_class("function_words") | lexicon.PREPOSITIONS
BE_HAVE_DO = word_class("be_have_do")
MODALS = word_class("modals")
# A singular form of be/have/do and its plural; the negated ones also with a curly apostrophe.
SINGULAR_FORMS = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
                  "wasn't": "weren't"}
SINGULAR_FORMS.update({key.replace("'", "’"): value.replace("'", "’") for key, value in list(SINGULAR_FORMS.items())})
PLURAL_FORMS = {value: key for key, value in SINGULAR_FORMS.items()}
TIME_NOUNS = word_class("time_nouns")
_SENTENCE_ADVERBS = word_class("sentence_adverbs")
_THAT_VERBS = word_class("that_verbs")
# People who do things in students' stories: before a finite-looking word, they are a subject.
PERSON_NOUNS = word_class("person_nouns")
# Adverbs that stand between a subject and its verb ("we often talk", "the trip nearly ended").
_BEFORE_VERB = word_class("adverbs_before_verb")
_SUBJECT_PREPOSITIONS = word_class("subject_prepositions")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    lower: str = field(init=False, compare=False)
    is_word: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        # read thousands of times per letter: computed once
        object.__setattr__(self, "lower", self.text.lower())
        object.__setattr__(self, "is_word", self.text[:1].isalpha())


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]

    def __hash__(self) -> int:
        # its place in the text identifies it; hashing every token each time it is looked up in a
        # cache would cost a long sentence's length per lookup
        return hash((self.start, self.end))


@dataclass(frozen=True)
class Clause:
    """A subject and the verb right after it (adverbs like 'often' skipped)."""

    sentence: Sentence
    opener: str  # the word or mark that opened the clause ("" at a sentence start)
    subject: tuple[Token, ...]
    person: str  # "first", "second", "singular", "plural" or "unknown"
    verb: Token
    verb_index: int  # index of the verb in sentence.tokens
    confident: bool  # the verb cannot be read as part of the subject ("the bus stop …")

    @property
    def head(self) -> Token:
        return self.subject[-1]


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of `text` with their tokens; 'Mr. Li' and 'No. 3' do not end one."""
    found: list[Sentence] = []
    current: list[Token] = []
    start = None
    quiet = {m.start(1) for m in _ABBREVIATION_BEFORE.finditer(text)} | {
        m.start() + 1 for m in re.finditer(r"\b[ap]\.(?=m(?:\.|(?!\w)))|\b[ei]\.(?=[gie](?:\.|(?!\w)))", text)}  # "a.m" too
    for match in re.finditer(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+(?:[.:,]\d+)*|[.!?]+|\n|[,;:“”\"()]", text):
        piece = match.group()
        if piece == "\n" or piece[0] in ".!?":
            previous = current[-1].lower if current else ""
            if piece == "." and (previous in _ABBREVIATIONS or match.start() in quiet):
                continue
            if current:
                found.append(Sentence(start or 0, match.end(), tuple(current)))
            current, start = [], None
            continue
        if start is None:
            start = match.start()
        current.append(Token(piece, match.start(), match.end()))
    if current:
        found.append(Sentence(start or 0, current[-1].end, tuple(current)))
    return tuple(found)


def _is_name(token: Token, first: bool) -> bool:
    """A capitalised word lemminflect does not know (Emma, Zhang), or one not at a sentence start."""
    if not token.text[:1].isupper() or token.lower in FUNCTION_WORDS or token.text == "I":
        return False
    if first and token.lower.endswith("s"):
        return False  # "Mooncakes are…": an unknown plural, not a person
    return not lexicon.readings(token.lower) or not first and token.text[1:].islower() and len(token.text) > 1


def _nominal(token: Token, inside: bool = False) -> bool:
    """Could be part of a noun phrase: a noun, an adjective or a number, and no function word.

    `inside`: the token is not the phrase's first word, so a capital means a name (my English).
    """
    if not token.is_word:
        return token.text[:1].isdigit()
    if token.lower in FUNCTION_WORDS:
        return False
    if inside and token.text[:1].isupper() and token.text != "I" and not lexicon.verb_tags(token.lower):
        return True  # "my English", "the Spring Festival"
    read = lexicon.readings(token.lower)
    return "NOUN" in read or "ADJ" in read or "NUM" in read or "PROPN" in read


def _verb_like(token: Token) -> bool:
    if token.lower in NEGATED:
        return True
    if token.text[:1].isupper() and token.text != "I" and token.lower not in BE_HAVE_DO | MODALS:
        return False  # "on Mars", "Hope": a capital mid-sentence is a name (sentence starts are never verbs here)
    if token.lower not in BE_HAVE_DO and lexicon.verb_tags(token.lower) and lexicon.verb_tags(token.lower) <= {"VBG", "VBN"}:
        return False  # "warming", "given": a participle is never the finite verb
    if token.lower in lexicon.PREPOSITIONS and token.lower != "like":
        return False  # "near", "past", "like": read as the preposition
    return token.is_word and (token.lower in BE_HAVE_DO or token.lower in MODALS or bool(lexicon.verb_tags(token.lower)))


def _noun_phrase(tokens: tuple[Token, ...], i: int, first: bool) -> tuple[int, str, int] | None:
    """(index of the head, person, index after the phrase) of a subject starting at i, or None."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    lowered = token.lower
    if lowered == "more" and [t.lower for t in tokens[i + 1 : i + 3]] == ["and", "more"]:
        inner = _noun_phrase(tokens, i + 3, False)  # "more and more students"
        return (inner[0], "plural", inner[2]) if inner is not None and inner[1] != "singular" else None
    if lowered in PRONOUN_PERSON:
        return i, PRONOUN_PERSON[lowered], i + 1
    if lowered in INDEFINITE_PRONOUNS:
        return i, "singular", i + 1
    if _is_name(token, first) and (not first or i + 1 < len(tokens) and _is_name(tokens[i + 1], False)):
        j = i
        while j + 1 < len(tokens) and _is_name(tokens[j + 1], False):
            j += 1
        if "’" in tokens[j].text or "'" in tokens[j].text:
            return None  # "Li Ming's …": a possessive, not the subject (the tokenizer keeps 's on its word)
        return j, "singular", j + 1
    if lowered in _QUANTIFIER_OF and i + 2 < len(tokens) and tokens[i + 1].lower == "of":
        if tokens[i + 2].lower in {"us", "them", "you"}:
            return i + 2, _QUANTIFIER_OF[lowered] or "plural", i + 3
        inner = _noun_phrase(tokens, i + 2, False)
        if inner is None:
            return None
        head, person, after = inner
        number = _QUANTIFIER_OF[lowered]
        if number is None:
            if tokens[head].lower in OBJECT_PRONOUNS | {"we", "they"}:
                number = "plural" if tokens[head].lower != "it" else "singular"
            else:
                number = person
        return head, number, after
    j = i
    determiner = None
    if lowered in DETERMINERS:
        determiner = lowered
        j += 1
    start = j
    if j < len(tokens) and "VBG" in lexicon.verb_tags(tokens[j].lower) and determiner is None:
        return _gerund_phrase(tokens, j)  # "Reading good books makes…": singular whatever its object
    while j < len(tokens) and j - start < 4 and _nominal(tokens[j], determiner is not None or j > start):
        if j > start and lexicon.verb_tags(tokens[j].lower) & {"VBD", "VBZ"}:
            break  # "the sun rose", "the boys visits": a finite form after a noun is the verb
        if j > start and tokens[j - 1].lower in PERSON_NOUNS and lexicon.verb_tags(tokens[j].lower):
            break  # "my father dig around": a person is not the first half of a compound noun
        if j > start and lexicon.noun_number(tokens[j - 1].lower) == "plural" and "VB" in lexicon.verb_tags(tokens[j].lower) \
                and tokens[j - 1].lower not in _PLURAL_COMPOUND_HEADS:
            break  # "my hands shake": a plural noun is seldom the first half of a compound
        j += 1
    if j - start >= 2 and lexicon.verb_tags(tokens[j - 1].lower) and _confident(tokens, j - 1):
        j -= 1  # "my aunt runs a shop": "runs" could be a noun, but an object follows it
    if j == start:
        return None
    head = j - 1
    if "'" in tokens[head].text or "’" in tokens[head].text:
        return None  # "my friend's …": a possessive, the real head is further on
    number = lexicon.noun_number(tokens[head].lower)
    if determiner in {"each", "every"}:
        return head, "singular", j  # "every family eats"
    if number is None:
        if lexicon.is_uncountable(tokens[head].lower) or lexicon.noun_number(tokens[head].lower + "s") == "plural":
            number = "singular"
        else:
            return head, "unknown", j
    if determiner in SINGULAR_DETERMINERS and number != "singular" or (
            determiner in PLURAL_DETERMINERS and number != "plural"):
        return head, "unknown", j  # the determiner and the noun disagree: a noun-number error, not ours
    if determiner is None and number == "singular" and not lexicon.is_uncountable(tokens[head].lower):
        return head, "unknown", j  # a bare singular ("aunt spends") is rarely a whole subject
    return head, number, j


def _gerund_phrase(tokens: tuple[Token, ...], j: int) -> tuple[int, str, int] | None:
    """'Reading good books', 'Playing the piano': an -ing word and its object, read as one singular subject.

    Only when the object plainly starts (a determiner, a pronoun or an adjective): "swimming pools" and
    "reading rooms" are nouns, not a gerund and its object.
    """
    if j + 1 >= len(tokens):
        return None
    following = tokens[j + 1]
    after = tokens[j + 2] if j + 2 < len(tokens) else None
    if j == 0 and (following.lower in NEGATED or following.lower in BE_HAVE_DO or following.lower in MODALS):
        return j, "singular", j + 1  # "Worrying doesn't help."
    if not (following.lower in DETERMINERS or following.lower in OBJECT_PRONOUNS or (
            lexicon.is_adjective(following.lower) and after is not None and _nominal(after))):
        return None
    k = j + 1
    while k < len(tokens) and k - j <= 4 and (tokens[k].lower in DETERMINERS or tokens[k].lower in OBJECT_PRONOUNS
                                              or _nominal(tokens[k])):
        k += 1
    return j, "singular", k


def _subject_start(tokens: tuple[Token, ...], i: int) -> int:
    """Skip a fronted time phrase without a comma: 'Last Friday our team…', 'At first my…'."""
    j = i
    while j < len(tokens) and tokens[j].lower in _SENTENCE_ADVERBS:
        j += 1
    k = j
    if k < len(tokens) and tokens[k].lower in _TIME_PREPOSITIONS:
        k += 1
    if k < len(tokens) and tokens[k].lower in _TIME_DETERMINERS:
        k += 1
    while k < len(tokens) and (tokens[k].text[:1].isdigit() or tokens[k].lower in _TIME_COUNTERS):
        k += 1
    if k < len(tokens) and tokens[k].lower in TIME_NOUNS:
        k += 1
        if k < len(tokens) and tokens[k].lower in _TIME_AFTERWORDS:
            k += 1
        if k < len(tokens) and (tokens[k].lower in PRONOUN_PERSON or tokens[k].lower in DETERMINERS
                                or _is_name(tokens[k], False)):
            return k
    return j


def _verb_after(tokens: tuple[Token, ...], k: int) -> int | None:
    """The index of the verb after a subject ending before k: adverbs like 'often' are skipped."""
    if k + 1 < len(tokens) and tokens[k].lower == "not" and tokens[k + 1].lower == "only":
        k += 2  # "the trip not only opened my eyes but…"
    while k < len(tokens) and tokens[k].lower in _BEFORE_VERB:
        k += 1
    if (k + 1 < len(tokens) and lexicon.is_adverb(tokens[k].lower) and tokens[k].lower not in FUNCTION_WORDS
            and not lexicon.verb_tags(tokens[k].lower) & {"VBD", "VBZ"}
            and lexicon.verb_tags(tokens[k + 1].lower) & {"VBD", "VBZ"}):
        k += 1  # "he last chose", "I better understood": an adverb before the verb
    if k < len(tokens) and _verb_like(tokens[k]):
        return k
    return None


def _confident(tokens: tuple[Token, ...], v: int, head: Token | None = None) -> bool:
    """The word at v is the verb, not the second half of a compound noun ("the bus stop")."""
    verb = tokens[v]
    if verb.lower in BE_HAVE_DO or verb.lower in MODALS or verb.lower in NEGATED:
        return True
    tags = lexicon.verb_tags(verb.lower)
    if head is not None and (head.lower in PRONOUN_PERSON or head.lower in OBJECT_PRONOUNS
                             or head.lower in INDEFINITE_PRONOUNS or head.lower in PERSON_NOUNS):
        return bool(tags)  # "we meet", "many of us cry", "my grandmother make": people do things
    if v and tokens[v - 1].lower in PERSON_NOUNS and tags & {"VBZ", "VBD"}:
        return True  # "my sister fries eggs": a person is not the first half of a compound noun
    next_token = tokens[v + 1] if v + 1 < len(tokens) else None
    if (head is not None and lexicon.noun_number(head.lower) == "plural" and "VBZ" in tags
            and not (next_token is not None and _verb_like(next_token))):
        return True  # "my characters looks": a plural noun does not modify another noun
    read = lexicon.readings(verb.lower)
    if "NOUN" not in read and "ADJ" not in read:
        return True
    following = next_token.lower if next_token is not None else ""
    if head is not None and lexicon.noun_number(head.lower) == "plural" and "VB" in tags and (
            not following or not next_token.is_word or lexicon.is_adverb(following)):
        return True  # "my hands shake.", "the leaves fall slowly"
    after = tokens[v + 2] if v + 2 < len(tokens) else None
    if following.endswith("ly") and lexicon.is_adverb(following) and not (after is not None and _verb_like(after)):
        return True  # "the bus stop suddenly": an -ly adverb follows a verb, not a noun
    return following in _OBJECT_DETERMINERS or following in (
        OBJECT_PRONOUNS - {"it", "you"}) or following in _PARTICLES


def _finite_before(tokens: tuple[Token, ...], i: int, verbs: set[int]) -> bool:
    """A clause's verb between the last clause opening and position i ("he digs the holes and …")."""
    k = i - 1
    while k >= 0 and tokens[k].lower not in CLAUSE_OPENERS and tokens[k].text not in {",", ";", ":"}:
        if tokens[k].lower in BE_HAVE_DO or tokens[k].lower in MODALS or k in verbs:
            return True
        k -= 1
    return False


def _opener(tokens: tuple[Token, ...], i: int) -> str:
    """The word that opens a clause at i; "as soon as" is one opener, a time word."""
    token = tokens[i]
    if token.lower == "as" and i >= 2 and tokens[i - 1].lower == "soon" and tokens[i - 2].lower == "as":
        return "as soon as"
    return token.lower if token.is_word else token.text


@lru_cache(maxsize=256)
def sentence_clauses(sentence: Sentence) -> tuple[Clause, ...]:
    """The subject–verb pairs of one sentence, found at each clause opening."""
    tokens = sentence.tokens
    found: list[Clause] = []
    seen_verbs: set[int] = set()
    openings = [(0, "")] + [(i + 1, _opener(tokens, i)) for i, t in enumerate(tokens)
                             if t.lower in CLAUSE_OPENERS or t.text in {",", ";", ":", "“", '"', "("}]
    openings += [(i, "rel") for i, t in enumerate(tokens) if i > 0 and t.lower in _PERSONAL_SUBJECTS
                 and _nominal(tokens[i - 1]) and tokens[i - 1].lower not in PRONOUN_PERSON]
    # "I believe you can…", "she said he had…": a clause right after a verb of saying or thinking
    openings += [(i, "that") for i, t in enumerate(tokens) if i > 0 and t.lower in _PERSONAL_SUBJECTS
                 and tokens[i - 1].lower in _THAT_VERBS]
    openings += [(i + 2, "how") for i, t in enumerate(tokens[:-2])
                 if t.lower == "how" and (lexicon.is_adjective(tokens[i + 1].lower) or lexicon.is_adverb(tokens[i + 1].lower))]
    openings.sort()  # clauses come out in text order
    for i, opener in openings:
        i = _subject_start(tokens, i)
        phrase = _noun_phrase(tokens, i, i == 0)
        if phrase is None:
            continue
        head, person, after = phrase
        if opener in {"and", "or"} and i > 1 and (_nominal(tokens[i - 2]) or "VBG" in lexicon.verb_tags(
                tokens[i - 2].lower)) and not _finite_before(tokens, i - 1, seen_verbs):
            continue  # "teamwork and patience are": the "and" joins two nouns, not two clauses
        if (after < len(tokens) and tokens[after].lower == "and" and person != "unknown"
                and (opener not in {"and", "or"} or _finite_before(tokens, i - 1, seen_verbs))
                and (tokens[after + 1].lower == "i" if after + 1 < len(tokens)
                                                     and tokens[after + 1].lower in PRONOUN_PERSON else True)):
            second = _noun_phrase(tokens, after + 1, False)
            if second is not None and _verb_after(tokens, second[2]) is not None:
                head, person, after = second[0], "plural", second[2]
        v = _verb_after(tokens, after)
        if v is None and after + 2 < len(tokens) and tokens[after].text == "," and tokens[after + 1].lower in {
                "who", "which"} and person in ("singular", "plural"):
            k = after + 2  # "my grandpa, who is over seventy, still works": skip the clause between commas
            while k < len(tokens) and tokens[k].text != ",":
                k += 1
            if k < len(tokens) - 1:
                v = _verb_after(tokens, k + 1)
        if v is None and after + 2 < len(tokens) and tokens[after].text == "," and person in ("singular", "plural"):
            k = after + 1  # "my teacher, Mrs. Wang, encouraged…": skip a name between commas
            while k < len(tokens) and _is_name(tokens[k], False):
                k += 1
            if k > after + 1 and k < len(tokens) and tokens[k].text == ",":
                v = _verb_after(tokens, k + 1)
        if v is None and after + 2 < len(tokens) and tokens[after].lower in _SUBJECT_PREPOSITIONS:
            inner = _noun_phrase(tokens, after + 1, False)  # "the lanterns in the square look…"
            if inner is not None and tokens[after + 1].lower in DETERMINERS:
                v = _verb_after(tokens, inner[2])
                if v is not None and v != inner[2]:
                    v = None  # only a verb right after the phrase: "the water in his pond turned"
        if v is None or v in seen_verbs or v < _sign_off_end(tokens, i):
            continue  # "Best regards, Li Hua" folded into the body is a closing, not "regards" as a verb
        seen_verbs.add(v)
        found.append(Clause(sentence, opener, tokens[i : head + 1], person, tokens[v], v,
                            _confident(tokens, v, tokens[head])))
    return tuple(found)


def _sign_off_end(tokens: tuple[Token, ...], i: int) -> int:
    """The index after a closing such as 'Best regards' starting at i (lexicon.yaml sign_offs), when
    it stands as a closing: at the end, or before a comma, '!', a name or to/for/from; else -1."""
    words = [t.lower for t in tokens[i : i + 4]]
    for phrase in lexicon.SIGN_OFFS:
        end = i + len(phrase)
        if tuple(words[: len(phrase)]) == phrase and (
                end == len(tokens) or tokens[end].text in {",", "!"} or tokens[end].lower in {"to", "for", "from"}
                or tokens[end].text[:1].isupper()):
            return end
    return -1


def clauses(text: str) -> list[Clause]:
    """Every subject–verb pair the reader is sure enough of, in text order."""
    return [clause for sentence in sentences(text) for clause in sentence_clauses(sentence)]


def verb_tense(clause: Clause) -> str:
    """'past', 'present', 'bare' (base form after he/she/it or a singular noun), 'modal' or 'either'."""
    word = clause.verb.lower
    if word in NEGATED:
        return NEGATED[word]
    if word in _PAST_AUXILIARIES:
        return "past"
    if word in _PRESENT_FORMS:
        return "present"
    if word in MODALS:
        return "modal"
    tags = lexicon.verb_tags(word)
    if "VBD" in tags and "VB" not in tags:
        return "past" if "VBZ" not in tags else "either"
    if "VB" in tags and "VBD" in tags:
        return "either"  # "put", "read", "hurt"
    if "VBZ" in tags:
        return "present"
    if "VB" in tags:
        return "bare" if clause.person == "singular" else "present"
    return "either"


def singular_form(word: str) -> str | None:
    """is for are, was for were, has for have, does for do, or the -s form of a plain verb."""
    lowered = word.lower()
    if lowered in PLURAL_FORMS:
        return PLURAL_FORMS[lowered]
    return lexicon.verb_form(word, "VBZ")


def plural_form(word: str) -> str | None:
    lowered = word.lower()
    if lowered in SINGULAR_FORMS:
        return SINGULAR_FORMS[lowered]
    return lexicon.verb_form(word, "VB")


def either_number(word: str) -> bool:
    return word.lower() in _EITHER_NUMBER
