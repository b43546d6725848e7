"""Word facts for the learner rules: which forms a word can be, and how to inflect it.

Everything comes from lemminflect's lexicon (shipped in its wheel; no model download). Lookups
are cached: a letter asks about the same few hundred words again and again.
"""

from __future__ import annotations

from functools import lru_cache

from lihua.text.lemminflect_tables import warm
from lihua.text.word_classes import word_class, word_list

_SILENT_H = word_list("silent_h_starts")


def _load_data() -> dict:
    """Word facts kept as data (lihua/data/lexicon.yaml), so teachers can read and extend them."""
    from lihua.io.yaml_data import data_file

    return data_file("lexicon.yaml")


_DATA = _load_data()
_UNCOUNTABLE = frozenset(_DATA["uncountable"])
ADJECTIVE_OF_NOUN: dict[str, str] = _DATA["adjective_of_noun"]
NOUN_OF_ADJECTIVE: dict[str, str] = {}
for _noun, _adjective in ADJECTIVE_OF_NOUN.items():
    NOUN_OF_ADJECTIVE.setdefault(_adjective, _noun)
COMMON_VERBS = frozenset(_DATA["common_verbs"])
MALE_WORDS = frozenset(_DATA["male_words"])
FEMALE_WORDS = frozenset(_DATA["female_words"])
PEOPLE_NOUNS = frozenset(_DATA["people_nouns"])
MASS_SENSES = frozenset(word.lower() for word in _DATA["mass_senses"]) | _UNCOUNTABLE
_PAST_FIRST: dict[str, str] = _DATA["past_first"]
_PARTICIPLE_TOO = frozenset(_DATA["participle_too"])
LINKING_VERBS = frozenset(_DATA["linking_verbs"])
PREPOSITIONS = frozenset(_DATA["prepositions"])
_DERIVED: dict[str, float] = _DATA["derived_words"]
EVERYDAY_ZIPF: float = _DATA["suggestions"]["min_zipf"]
RARE_BUT_RIGHT = frozenset(_DATA["suggestions"]["rare_but_right"])


def is_everyday_word(word: str) -> bool:
    """A word a student can be told to write: common enough (lexicon.yaml: suggestions) or listed by hand."""
    from lihua.text.frequency import zipf

    lowered = word.lower()
    return lowered in RARE_BUT_RIGHT or zipf(lowered) >= EVERYDAY_ZIPF


def in_use(derived: str, base: str) -> bool:
    """Whether `derived`, made from `base` by a spelling rule, is a word people write (see lexicon.yaml).

    The lexicon answers "could this be an adverb/comparative" by rule, not by use: alone it offers
    'verily' for 'very' and 'importanter' for 'important'.
    """
    from lihua.text.frequency import zipf

    used = zipf(derived.lower())
    return used >= _DERIVED["min_zipf"] and used >= zipf(base.lower()) - _DERIVED["max_drop"]


@lru_cache(maxsize=8192)
def readings(word: str) -> dict[str, tuple[str, ...]]:
    """Parts of speech a word can be, with their lemmas: {"VERB": ("go",), "NOUN": (...)}."""
    warm()
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


@lru_cache(maxsize=8192)
def verb_tags(word: str) -> frozenset[str]:
    """Penn verb tags this word form can carry (VB, VBD, VBN, VBG, VBZ, VBP)."""
    warm()
    from lemminflect import getAllInflections

    lowered = word.lower()
    if lowered in _PAST_FIRST:
        return frozenset({"VBD", "VBN"})
    tags = set()
    for lemma in readings(lowered).get("VERB", ()) + readings(lowered).get("AUX", ()):
        inflections = getAllInflections(lemma, upos="VERB")
        inflections.setdefault("VBN", inflections.get("VBD", ()))  # lemminflect omits VBN when it equals VBD
        for tag, forms in inflections.items():
            if lowered in forms:
                tags.add(tag)
        if lowered == lemma:
            tags.update({"VB", "VBP"})
    if lowered in _PARTICIPLE_TOO:
        tags.add("VBN")
    return frozenset(tags)


@lru_cache(maxsize=8192)
def verb_form(word: str, tag: str) -> str | None:
    """The `tag` form (VB, VBD, VBN, VBG, VBZ) of the verb `word` belongs to."""
    warm()
    from lemminflect import getInflection

    past_of = _PAST_FIRST.get(word.lower())
    lemmas = (past_of,) if past_of else readings(word).get("VERB") or readings(word).get("AUX")
    if not lemmas:
        return None
    forms = getInflection(lemmas[0], tag=tag) or (getInflection(lemmas[0], tag="VBD") if tag == "VBN" else ())
    return same_case(word, forms[0]) if forms else None


def is_participle_too(word: str) -> bool:
    """A past tense British English also uses as its participle ("have learnt", "had got")."""
    return word.lower() in _PARTICIPLE_TOO


def is_noun(word: str) -> bool:
    return "NOUN" in readings(word)


def is_adjective(word: str) -> bool:
    return "ADJ" in readings(word)


def is_adverb(word: str) -> bool:
    return "ADV" in readings(word)


@lru_cache(maxsize=8192)
def noun_number(word: str) -> str | None:
    """'singular', 'plural' or None (not a noun, or both, like 'sheep')."""
    warm()
    from lemminflect import getAllInflections

    lowered = word.lower()
    lemmas = readings(lowered).get("NOUN")
    if not lemmas:
        return None
    forms = getAllInflections(lemmas[0], upos="NOUN")
    singular, plural = lowered in forms.get("NN", ()), lowered in forms.get("NNS", ())
    if singular and not plural:
        return "singular"
    if plural and not singular:
        return "plural"
    return None


def is_uncountable(word: str) -> bool:
    return word.lower() in _UNCOUNTABLE


def is_countable_singular(word: str) -> bool:
    """A singular noun that has a distinct plural and is not a known uncountable noun."""
    return noun_number(word) == "singular" and not is_uncountable(word) and plural_of(word) is not None


@lru_cache(maxsize=8192)
def plural_of(word: str) -> str | None:
    warm()
    from lemminflect import getInflection

    forms = getInflection(word.lower(), tag="NNS")
    if not forms or forms[0] == word.lower():
        return None
    return same_case(word, forms[0])


@lru_cache(maxsize=8192)
def singular_of(word: str) -> str | None:
    lemmas = readings(word).get("NOUN")
    return same_case(word, lemmas[0]) if lemmas else None


@lru_cache(maxsize=4096)
def adjective_of_adverb(word: str) -> str | None:
    """helpfully → helpful, steadily → steady, terribly → terrible, basically → basic."""
    lowered = word.lower()
    if not lowered.endswith("ly"):
        return None
    stem = lowered[:-2]
    candidates = [stem]
    if lowered.endswith("ily"):
        candidates.append(lowered[:-3] + "y")
    candidates.append(lowered[:-1] + "e")  # gently → gentle, terribly → terrible, simply → simple
    if lowered.endswith("ically"):
        candidates.append(lowered[:-4])
    if lowered.endswith("lly"):
        candidates.append(lowered[:-1])
    candidates.append(stem + "e")
    for candidate in candidates:
        if is_adjective(candidate) and in_use(candidate, lowered):
            return same_case(word, candidate)
    return None


@lru_cache(maxsize=4096)
def adverb_of_adjective(word: str) -> str | None:
    """terrible → terribly, steady → steadily, serious → seriously, basic → basically."""
    lowered = word.lower()
    if lowered.endswith("ly") or not is_adjective(lowered):
        return None
    if lowered.endswith("le") and len(lowered) > 3:
        candidate = lowered[:-1] + "y"
    elif lowered.endswith("y"):
        candidate = lowered[:-1] + "ily"
    elif lowered.endswith("ic"):
        candidate = lowered + "ally"
    elif lowered.endswith("ll"):
        candidate = lowered + "y"
    elif lowered.endswith("ue"):
        candidate = lowered[:-1] + "ly"
    else:
        candidate = lowered + "ly"
    return same_case(word, candidate) if is_adverb(candidate) and in_use(candidate, lowered) else None


# Nouns whose plural is the same word, or that count as measures after a number (two hundred).
_NO_PLURAL_AFTER_NUMBER = word_class("no_plural_after_number")


@lru_cache(maxsize=8192)
def is_singular_noun(word: str) -> bool:
    """A noun in its own dictionary form with a distinct plural, and not a known uncountable noun.

    Looser than `is_countable_singular`: lemminflect lists some very common nouns (day, thing,
    question) among their own plurals, which makes `noun_number` answer None for them.
    """
    lowered = word.lower()
    if lowered in _NO_PLURAL_AFTER_NUMBER or is_uncountable(lowered):
        return False
    if lowered not in readings(lowered).get("NOUN", ()):
        return False
    return plural_of(lowered) is not None


@lru_cache(maxsize=4096)
def adjective_degree(word: str) -> str | None:
    """'comparative' (easier, better), 'superlative' (happiest, best) or None (easy, clever, outer)."""
    warm()
    from lemminflect import getInflection

    lowered = word.lower()
    for lemma in readings(lowered).get("ADJ", ()):
        if lemma == lowered:
            continue
        if lowered in getInflection(lemma, tag="JJR"):
            return "comparative"
        if lowered in getInflection(lemma, tag="JJS"):
            return "superlative"
    return None


@lru_cache(maxsize=4096)
def adjective_positive(word: str) -> str | None:
    """easier → easy, better → good, happiest → happy: the plain adjective of a comparative/superlative."""
    warm()
    from lemminflect import getInflection

    lowered = word.lower()
    for lemma in readings(lowered).get("ADJ", ()):
        if lemma != lowered and lowered in getInflection(lemma, tag="JJR") + getInflection(lemma, tag="JJS"):
            return same_case(word, lemma)
    return None


@lru_cache(maxsize=4096)
def comparative_of(word: str) -> str | None:
    """cheap → cheaper, big → bigger, easy → easier; beautiful → more beautiful (no 'beautifuler' in use)."""
    return _degree_of(word, "JJR", "more")


@lru_cache(maxsize=4096)
def superlative_of(word: str) -> str | None:
    """cheap → cheapest, big → biggest, easy → easiest; beautiful → most beautiful."""
    return _degree_of(word, "JJS", "most")


def _degree_of(word: str, tag: str, adverb: str) -> str | None:
    """lemminflect's JJR/JJS form when people write it; else `adverb` + the word, as English does.

    lemminflect inflects every adjective by rule ('importanter', 'deliciousest').
    """
    warm()
    from lemminflect import getInflection

    lowered = word.lower()
    forms = getInflection(lowered, tag=tag)
    if not forms or forms[0] == lowered:
        return None
    if not in_use(forms[0], lowered):
        return same_case(word, f"{adverb} {lowered}")
    return same_case(word, forms[0])

def same_case(model: str, word: str) -> str:
    """Give `word` the capitalisation of `model` (Interesting → Interestingly)."""
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def noun_of_adjective(word: str) -> str | None:
    """important → importance, honest → honesty, direct → direction: the noun a learner means."""
    lowered = word.lower()
    if lowered in NOUN_OF_ADJECTIVE:
        return same_case(word, NOUN_OF_ADJECTIVE[lowered])
    stems = [lowered + "ion", lowered + "ness", lowered + "y"]
    if lowered.endswith("ent"):
        stems.insert(0, lowered[:-1] + "ce")
    if lowered.endswith("ant"):
        stems.insert(0, lowered[:-1] + "ce")
    for candidate in stems:
        if "NOUN" in readings(candidate) and candidate in readings(candidate)["NOUN"]:
            return same_case(word, candidate)
    return None


def verb_of_noun(word: str) -> str | None:
    """celebration → celebrate, discussion → discuss, development → develop: the verb a learner means."""
    lowered = word.lower()
    candidates = []
    if lowered.endswith("ation"):
        candidates += [lowered[:-5] + "ate", lowered[:-5] + "e", lowered[:-5]]
    if lowered.endswith("ion"):
        candidates += [lowered[:-3], lowered[:-3] + "e"]
    if lowered.endswith("ment"):
        candidates.append(lowered[:-4])
    for candidate in candidates:
        if "VB" in verb_tags(candidate):
            return same_case(word, candidate)
    return None


_PERSON_ENDINGS = word_list("person_endings")


def is_thing_noun(word: str) -> bool:
    """A noun that is plainly not a person or a group of people (factory, robot, meal): never 'who'."""
    lowered = word.lower()
    if lowered in PEOPLE_NOUNS or lowered.endswith(_PERSON_ENDINGS) or not is_noun(lowered):
        return False
    singular = (readings(lowered).get("NOUN") or (lowered,))[0]
    return singular not in PEOPLE_NOUNS and not singular.endswith(_PERSON_ENDINGS)


def indefinite_article(word: str) -> str:
    """'a' or 'an' by the sound the word starts with: an hour, an honest, a useful, a university."""
    lowered = word.lower()
    if lowered.startswith(_SILENT_H):
        return "an"
    return "an" if lowered[:1] in "aeiou" and not lowered.startswith(("uni", "use", "eu", "one")) else "a"
