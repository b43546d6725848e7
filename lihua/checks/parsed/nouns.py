"""Noun phrases judged from the parse: number after the word that counts the noun, articles, ordinals.

The parser says which noun a determiner, quantifier or number belongs to ("these two old book":
`these` and `two` hang from `book`), so adjectives between them do not hide the mistake; the
lexicon says whether the noun counts (advice, news, homework do not). Each check is one pass over
the tokens, and a noun whose phrase the parser could not read plainly is left alone.
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
from lihua.text.word_classes import word_class, word_list

#: The word lists are data: lihua/data/parsed_words.yaml.
_WORDS = data_file("parsed_words.yaml")["nouns"]

#: Determiners and quantifiers that want a plural count noun ("many book" → "many books").
PLURAL_WORDS = frozenset(_WORDS["plural_words"])
#: …and those that want a singular one ("every days" → "every day").
SINGULAR_WORDS = frozenset(_WORDS["singular_words"])
#: Heads of "X of the …" that count what follows: "one of my friend" → "friends".
COUNTING_HEADS = frozenset(_WORDS["counting_heads"])
#: Nouns a learner counts as if they were quantities: "a few", "a lot", "a couple", "a number".
_AMOUNT_WORDS = frozenset(_WORDS["amount_words"])
#: Plurals that are their own words: "a means", "a clothes shop", "every people" (a nation).
_PLURAL_WORDS_OF_THEIR_OWN = frozenset(_WORDS["plurals_of_their_own"])
#: Nouns that, after "the" and a number, rank: "the five grade" is "the fifth grade".
ORDINAL_NOUNS = frozenset(_WORDS["ordinal_nouns"])
ORDINALS = dict(_WORDS["ordinals"])
_NUMBER_WORDS = frozenset(_WORDS["number_words"])
#: Nouns that count what follows "of": "twenty kinds of plants", "two pieces of paper".
_UNITS_OF = frozenset(_WORDS["units_of"])
#: Never counted after a number: "two hundred", "ten yuan", "five fish".
_NO_COUNT = frozenset(_WORDS["no_count"])
#: Uncountable nouns that take no a/an in any sense a student means ("an advice", "a good news").
STRICT_UNCOUNTABLE = frozenset(_WORDS["strict_uncountable"])
#: One person: a bare singular of these as an object or after "is" lacks its article ("He is student").
PERSON_NOUNS = frozenset(_WORDS["person_nouns"])
#: People, places and things that only count (for "a lot of …", where "time", "work", "fun" stay singular).
CONCRETE_NOUNS = PERSON_NOUNS | frozenset(data_file("parsed_words.yaml")["relatives"]["place_nouns"]) | frozenset(
    data_file("parsed_words.yaml")["relatives"]["thing_nouns"])
#: "dozens of", "hundreds of": they count individual things, with no determiner needed.
_NUMBER_PLURALS = frozenset(_WORDS["number_plurals"])
#: Animals and objects that only count, for a bare singular ("I have dog").
_COUNT_THINGS = frozenset(_WORDS["count_things"])
#: Subjects of "X is (adjective) noun" whose complement is one plain thing or person.
_PLAIN_SUBJECTS = word_class("plain_subject_pronouns")
#: Countable nouns that also stand bare after "it is" + adjective: "it is common sense", "high time".
_OFTEN_BARE = frozenset(_WORDS["often_bare"])
_POSSESSIVE_TAGS = frozenset({"PRP$", "WP$", "POS", "DT", "CD", "PDT"})
_WORD = re.compile(r"[A-Za-z]+")


def _nouns(analysis: Analysis) -> Iterator[Token]:
    """Common nouns the parser made the head of a phrase (not "book" in "book shop")."""
    for token in analysis.tokens:
        if token.pos == "NOUN" and token.dep != "compound" and token.text.isalpha():
            yield token


def _followed_by(analysis: Analysis, token: Token, *texts: str) -> bool:
    after = token.i + 1
    return after < len(analysis.tokens) and analysis.tokens[after].lower in texts


def _plural_fix(noun: Token, counted: bool = False) -> str | None:
    """The plural a learner meant for a countable singular noun, or None if it does not count;
    `counted`: a number counts it ("dozens of chicken"), so a word with a mass sense means things."""
    lowered = noun.lower
    if noun.tag != "NN" or lowered in _NO_COUNT or lowered in STRICT_UNCOUNTABLE or lexicon.is_uncountable(lowered):
        return None
    if (lowered in lexicon.MASS_SENSES and not counted) or not lexicon.is_singular_noun(lowered):
        return None
    return lexicon.plural_of(noun.text)


def _is_plain_phrase(analysis: Analysis, word: Token, noun: Token) -> bool:
    """Only adjectives, numbers and nouns stand between the counting word and its noun."""
    between = analysis.tokens[word.i + 1:noun.i]
    return word.i < noun.i and all(t.pos in ("ADJ", "NUM", "NOUN", "ADV", "PROPN") and t.text.isalpha()
                                   and t.lower not in _AMOUNT_WORDS and t.tag != "NNS" for t in between)


def _may_be_verb_after_subject(analysis: Analysis, word: Token, noun: Token) -> bool:
    """"Every small action counts", "If every person tries": the "plural noun" may be the verb of a
    subject that opens the clause (the tagger's guess is weakest there)."""
    if "VBZ" not in lexicon.verb_tags(noun.lower):
        return False
    before = analysis.tokens[word.i - 1] if word.i else None
    return before is None or before.sent != word.sent or before.pos in ("PUNCT", "CCONJ", "SCONJ")


def plural_after_quantifier(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'many interesting book', 'these two old photo', 'one of my best friend': a counted noun in the singular."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        children = analysis.children(noun)
        if _followed_by(analysis, noun, "'s", "’s", "'", "’", "-", "of"):
            continue  # "these book's covers", "many kind of"
        word = next((c for c in children if c.lower in PLURAL_WORDS and c.dep in ("det", "amod", "nummod")
                     and c.i < noun.i), None)
        if word is None:
            word = _counting_head(analysis, noun) or _various(analysis, noun)
        if word is None or any(c.lower in word_class("determiners_before_one_thing") and not (
                word.lower == "few" and c.i == word.i - 1) for c in children):
            continue  # "a few day" counts; "a different way", "every few days" do not
        if word.head == noun.i and not _is_plain_phrase(analysis, _after_determiner(analysis, word, noun), noun):
            continue
        fix = _plural_fix(noun, counted=word.lower in _NUMBER_PLURALS)
        if fix:
            yield _phrase_fix(text, word, noun, fix)


def _after_determiner(analysis: Analysis, word: Token, noun: Token) -> Token:
    """"All the football player": the phrase after "all"/"both" begins at its own determiner."""
    following = analysis.tokens[word.i + 1] if word.i + 1 < noun.i else None
    if word.lower in ("all", "both") and following is not None and following.head == noun.i and (
            following.tag == "PRP$" or following.tag == "DT" and following.lower in ("the", "these", "those")):
        return following
    return word


def _phrase_fix(text: str, word: Token, noun: Token, fix: str) -> Hit:
    """The span from the counting word to the noun, with the noun changed: "these moment" → "these moments"
    (the writer may mean either end of it: "this moment" is as good a fix)."""
    if word.head != noun.i or word.i > noun.i:
        return noun.start, noun.end, fix, {"noun": noun.text, "word": word.text}
    return word.start, noun.end, text[word.start:noun.start] + fix, {"noun": noun.text, "word": word.text}


def _various(analysis: Analysis, noun: Token) -> Token | None:
    """'people in different country': "different" with no determiner means "various", so it counts."""
    children = analysis.children(noun)
    if any(c.dep in ("det", "nmod:poss", "nummod", "det:poss") or c.tag in _POSSESSIVE_TAGS for c in children):
        return None
    return next((c for c in children if c.lower == "different" and c.dep == "amod" and c.i < noun.i), None)


def _counting_head(analysis: Analysis, noun: Token) -> Token | None:
    """'one of my friend', 'all the student': the word that counts `noun` from outside its phrase."""
    children = analysis.children(noun)
    has_determiner = any(c.tag in ("PRP$", "DT") and c.lower not in ("a", "an") for c in children)
    if noun.dep == "nmod" and any(c.lower == "of" for c in children) and has_determiner:
        head = analysis.head(noun)
        if (head.lower in COUNTING_HEADS and head.i < noun.i and head.lower not in word_class("counting_heads_taking_singular_or_mass")
                and head.pos in ("NUM", "PRON", "DET", "NOUN", "ADJ", "PROPN")):
            return head  # not "some of the book", "most of the day": a part of one thing
    counter = analysis.head(noun)
    if noun.dep == "nmod" and any(c.lower == "of" for c in children):
        if counter.lower in _NUMBER_PLURALS and counter.i < noun.i and not any(
                c.dep in ("det", "nmod:poss") for c in children):
            return counter  # "dozens of chicken", "hundreds of tree"
        if counter.lower in ("lot", "lots") and noun.lower in CONCRETE_NOUNS:
            return counter  # "a lot of place": only plain things and people, never "a lot of time"
    if has_determiner and noun.lower in PERSON_NOUNS:
        return next((c for c in children if c.lower == "all" and c.i < noun.i), None)
    return None


def singular_after_determiner(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'every days', 'a good friends', 'this books': a one-thing determiner before a plural noun."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        if noun.tag != "NNS" or noun.lower in _PLURAL_WORDS_OF_THEIR_OWN or lexicon.noun_number(noun.lower) != "plural":
            continue
        children = analysis.children(noun)
        word = next((c for c in children if c.lower in SINGULAR_WORDS and c.dep == "det" and c.i < noun.i), None)
        if word is None or any(c.pos == "NUM" or c.lower in _AMOUNT_WORDS for c in children):
            continue
        if not _is_plain_phrase(analysis, word, noun) or _followed_by(analysis, noun, "'", "’"):
            continue
        if word.lower == "this" and (noun.i != word.i + 1 or word.i == 0
                                               or analysis.tokens[word.i - 1].pos in ("VERB", "AUX", "SCONJ")):
            continue  # "I think that students …": "that" may open a clause the parser misread
        if _may_be_verb_after_subject(analysis, word, noun):
            continue
        singular = lexicon.singular_of(noun.text)
        if singular and singular.lower() != noun.lower:
            yield _phrase_fix(text, word, noun, singular)


def ordinal_for_cardinal(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'in the five grade', 'on the two day': a ranking needs the ordinal (fifth, second)."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        if noun.lower not in ORDINAL_NOUNS or noun.tag != "NN":
            continue
        children = analysis.children(noun)
        number = next((c for c in children if c.dep == "nummod" and c.lower in ORDINALS and c.i == noun.i - 1), None)
        if number is None or _followed_by(analysis, noun, "-", "of"):
            continue
        before = analysis.tokens[number.i - 1] if number.i else None
        if before is None or not (before.lower == "the" or before.tag == "PRP$") or before.head != noun.i:
            continue
        yield number.start, number.end, lexicon.same_case(number.text, ORDINALS[number.lower]), {
            "number": number.text, "noun": noun.text}


def plural_after_number(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'two book', 'three new classmate': a number above one counts a plural noun."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        number = next((c for c in analysis.children(noun) if c.dep == "nummod" and c.i < noun.i), None)
        if (number is None or number.text not in _NUMBER_WORDS
                or _followed_by(analysis, noun, "-", "'s", "’s", "old")
                or (_followed_by(analysis, noun, "of") and noun.lower not in _UNITS_OF)):
            continue  # "a Senior Two student", "two of them", "a fifteen year old" (but "twenty kind of")
        if any(c.lower in SINGULAR_WORDS for c in analysis.children(noun)):
            continue
        if any(t.text == "-" for t in analysis.tokens[number.i:noun.i + 1]):
            continue
        before = analysis.tokens[number.i - 1] if number.i else None
        if before is not None and (before.lower == "the" or before.tag == "PRP$") and noun.lower in ORDINAL_NOUNS:
            continue  # "the five grade": a ranking, see ordinal_for_cardinal
        if not _is_plain_phrase(analysis, number, noun):
            continue
        fix = _counted_plural(noun)
        if fix:
            yield _phrase_fix(text, number, noun, fix)


def _counted_plural(noun: Token) -> str | None:
    """The plural of a noun a number counts: a number makes even "class" or "coffee" count
    ("two more classes"); only nouns that never count ("advice") or stay singular ("two hundred") are left."""
    lowered = noun.lower
    if noun.tag != "NN" or lowered in _NO_COUNT or lowered in STRICT_UNCOUNTABLE or not lexicon.is_singular_noun(lowered):
        return None
    return lexicon.plural_of(noun.text)


def here_is_plural(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'Here is my suggestions', 'There is many books': "is" before a plural subject."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for verb in tokens:
        if verb.lower not in ("is", "was") or verb.i == 0 or tokens[verb.i - 1].lower not in ("here", "there"):
            continue
        place = tokens[verb.i - 1]
        if place.i > 0 and tokens[place.i - 1].pos not in ("PUNCT", "CCONJ") and place.i != analysis.sentences[
                place.sent].first:
            continue  # "over there is", "the man there was"
        subject = None
        for token in tokens[verb.i + 1:verb.i + 6]:
            if token.pos in ("NOUN", "PROPN"):
                subject = token
                break
            if (token.pos not in ("DET", "ADJ", "NUM", "ADV") and token.tag != "PRP$") or token.lower in word_class("singular_determiners_and_one"):
                break
        if subject is None or subject.tag != "NNS" or subject.lower in _PLURAL_WORDS_OF_THEIR_OWN:
            continue
        if lexicon.noun_number(subject.lower) != "plural" or _followed_by(analysis, subject, "'", "’", "of"):
            continue
        fix = "are" if verb.lower == "is" else "were"
        yield verb.start, verb.end, lexicon.same_case(verb.text, fix), {"verb": verb.text, "noun": subject.text}


def _sound_article(word: str) -> str | None:
    """'a' or 'an' when the spelling tells the sound for sure; None for h-, u-, eu-, one-, letters, codes."""
    lowered = word.lower()
    if not word.isalpha() or len(word) < 2 or (word[1:].lower() != word[1:]):
        return None  # "NBA", "iPad", "X"
    if lowered[0] in "hu" or lowered.startswith(word_list("vowel_letters_sounding_consonant")):
        return None
    return "an" if lowered[0] in "aeio" else "a"


def article_sound(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'a apple', 'an book': the article goes by the sound of the next word."""
    analysis = analyse(text)
    tokens = analysis.tokens
    for article in tokens:
        if article.lower not in ("a", "an") or article.dep != "det" or article.i + 1 >= len(tokens):
            continue
        following = tokens[article.i + 1]
        if following.pos not in ("NOUN", "ADJ", "ADV", "PROPN", "NUM") or article.head < following.i:
            continue  # "put air a on car": no noun phrase follows this "a"
        wanted = _sound_article(following.text)
        if wanted and wanted != article.lower and following.start == article.end + 1:
            yield article.start, article.end, lexicon.same_case(article.text, wanted), {"word": following.text}


def article_before_uncountable(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'an advice', 'a very useful information': no a/an before an uncountable noun."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        if noun.lower not in STRICT_UNCOUNTABLE or noun.tag != "NN" or _followed_by(analysis, noun, "of"):
            continue
        if noun.i + 1 < len(analysis.tokens) and analysis.tokens[noun.i + 1].pos == "NOUN":
            continue  # "a traffic jam": the noun is a modifier the parser did not mark
        article = next((c for c in analysis.children(noun) if c.lower in ("a", "an") and c.dep == "det"), None)
        if article is None or not _is_plain_phrase(analysis, article, noun):
            continue
        following = analysis.tokens[article.i + 1]
        replacement = lexicon.same_case(article.text, following.text)[:1] + following.text[1:] if article.text[
            :1].isupper() else following.text
        yield article.start, following.end, replacement, {"noun": noun.text, "article": article.text}


def missing_article(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I have dog', 'He is student': a singular person or animal as a bare argument needs a/an."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        lowered = noun.lower
        if noun.tag != "NN" or not noun.text.islower() or not lexicon.is_singular_noun(lowered):
            continue
        children = analysis.children(noun)
        if any((c.tag in _POSSESSIVE_TAGS or c.dep in ("det", "nmod:poss", "nummod", "det:poss"))
               and not c.dep.startswith("nsubj") for c in children):
            continue
        is_complement = noun.dep in ("ROOT", "ccomp", "conj", "advcl", "parataxis") and any(c.dep == "cop" and c.lemma == "be" for c in children) and any(
            c.dep == "nsubj" and c.lower in _PLAIN_SUBJECTS for c in children)
        if lowered not in PERSON_NOUNS:
            # "This is important thing": a thing after "it/this is" with an adjective, when the noun only counts
            if not (is_complement and any(c.dep == "amod" and c.i < noun.i for c in children)
                    and lowered not in lexicon.MASS_SENSES and lowered not in _OFTEN_BARE):
                continue
        elif not is_complement and not (noun.dep in ("obj", "xcomp") and analysis.head(noun).pos == "VERB") and not (
                noun.dep == "xcomp" and any(c.dep == "cop" for c in children)):
            continue  # an object, or what one becomes or is to be: "want to become good teacher", "to be good doctor"
        first = min([c for c in children if c.i < noun.i and c.dep in ("amod", "compound")] + [noun],
                     key=lambda t: t.i)
        if first.i != noun.i and any(t.pos not in ("ADJ", "NOUN", "ADV") for t in analysis.tokens[first.i:noun.i]):
            continue
        if first.i and (analysis.tokens[first.i - 1].pos in ("ADP", "DET", "PRON", "NUM", "ADV")
                        or analysis.tokens[first.i - 1].lower == "such"):
            continue  # "so unstable trip" wants "such an …": more than an article
        phrase = text[first.start:noun.end]
        article = lexicon.indefinite_article(first.text)
        yield first.start, noun.end, f"{article} {phrase}", {"noun": noun.text, "article": article}


_BARE_IN_PHRASES = frozenset(_WORDS["bare_in_phrases"])
_ARTICLE_LIKE = frozenset(_WORDS["article_like"])
_BARE_COUNT_NOUNS = (CONCRETE_NOUNS | _COUNT_THINGS) - _OFTEN_BARE - _BARE_IN_PHRASES
_NOT_ARGUMENTS = frozenset({"compound", "vocative", "flat", "appos", "list", "dep", "discourse", "nmod:npmod",
                            "obl:npmod", "obl:tmod"})
_DETERMINER_DEPS = frozenset({"det", "nmod:poss", "nummod", "det:poss"})


def bare_count_noun(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'I have dog', 'He works in factory', 'I bought new bike': a singular person, place or thing
    that only counts, used with no article or other determiner, as an object or after a preposition."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        if noun.tag != "NN" or noun.lower not in _BARE_COUNT_NOUNS or not noun.text.islower():
            continue
        children = analysis.children(noun)
        if noun.dep in _NOT_ARGUMENTS or any(
                c.tag in _POSSESSIVE_TAGS or c.dep in _DETERMINER_DEPS | {"cop"} for c in children):
            continue  # a complement ("he is student") is missing-article's
        following = analysis.tokens[noun.i + 1] if noun.i + 1 < len(analysis.tokens) else None
        if following is not None and following.pos in {"NOUN", "PROPN"}:
            continue  # part of a longer name or compound: "book shop", "park Road"
        first = _phrase_start(analysis, noun)
        before = analysis.tokens[first.i - 1] if first.i else None
        if before is None or before.pos in {"DET", "PRON", "NUM", "PROPN", "NOUN", "PART", "PUNCT", "SYM", "X"} \
                or before.tag in _POSSESSIVE_TAGS or before.lower in _ARTICLE_LIKE or first.lower in _ARTICLE_LIKE:
            continue  # a determiner the parser did not attach, a title or a line of its own
        if noun.dep == "conj" and any(c.dep in _DETERMINER_DEPS for c in analysis.children(analysis.head(noun))):
            continue  # "a pen and book": the article is shared
        if in_quotes(analysis, noun):
            continue
        if first.lower == "most" and first.i + 1 == noun.i:
            continue  # "most student": a quantity (most students), not a superlative
        superlative = first.tag == "JJS" or (first.lower == "most" and first.i != noun.i)
        article = "the" if superlative else lexicon.indefinite_article(first.text)
        phrase = text[first.start:noun.end]
        yield first.start, noun.end, f"{article} {phrase}", {"noun": noun.text, "article": article}


#: Nouns that name one thing of what follows them: "the importance of", "the history of".
_THE_OF_NOUNS = frozenset(_WORDS["the_of_nouns"])
#: Parts of the day: "in the morning".
_DAY_PARTS = frozenset(_WORDS["day_parts"])
#: Words that count a part of a known group: "some of the paintings", "one of the best".
_PART_OF_HEADS = frozenset(_WORDS["part_of_heads"])


def _bare(analysis: Analysis, noun: Token) -> bool:
    """A common noun with no determiner, possessive or number of its own."""
    return noun.text.islower() and not any(
        c.tag in _POSSESSIVE_TAGS or c.dep in ("det", "nmod:poss", "nummod", "det:poss") for c in analysis.children(noun))


def _phrase_start(analysis: Analysis, noun: Token) -> Token:
    """The first word of the noun's phrase before it (its adjectives and noun modifiers)."""
    first = noun
    for j in range(noun.i - 1, -1, -1):
        token = analysis.tokens[j]
        if token.head != noun.i and analysis.tokens[token.head].head != noun.i or token.pos not in ("ADJ", "NOUN", "ADV"):
            break
        first = token
    return first


def missing_the(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'some of paintings', 'the book is about history of London', 'in afternoon': a noun known from
    what follows or from the group it belongs to takes "the"."""
    analysis = analyse(text)
    for noun in _nouns(analysis):
        if not _bare(analysis, noun) or noun.i == 0:
            continue
        before = analysis.tokens[noun.i - 1]
        children = analysis.children(noun)
        part_of = (any(c.lower == "of" and c.dep == "case" for c in children) and noun.dep == "nmod"
                   and analysis.head(noun).lower in _PART_OF_HEADS and analysis.head(noun).i < noun.i)
        named_by_of = (noun.lower in _THE_OF_NOUNS and noun.tag == "NN" and _followed_by(analysis, noun, "of")
                       and not any(c.dep == "amod" for c in children)
                       and before.lower not in ("a", "an") and before.pos in ("ADP", "VERB", "AUX", "PUNCT", "CCONJ")
                       and before.tag not in ("VBG", "VBN"))  # "with growing importance of": a modifier
        day_part = (noun.lower in _DAY_PARTS and before.lower == "in" and before.head == noun.i
                    and not any(c.dep in ("amod", "compound") for c in children))
        if not (part_of or named_by_of or day_part):
            continue
        if part_of and noun.lower in lexicon.MASS_SENSES | STRICT_UNCOUNTABLE and noun.tag == "NN":
            continue  # "most of research is…": a mass noun may stand for all of it
        first = noun if day_part else _phrase_start(analysis, noun)
        if part_of and first.i != noun.i and analysis.tokens[first.i - 1].lower != "of":
            continue
        yield first.start, noun.end, f"the {text[first.start:noun.end]}", {"noun": noun.text}


NOUN_CHECKS = {
    "missing-the": missing_the,
    "parsed-plural-after-quantifier": plural_after_quantifier,
    "parsed-singular-after-determiner": singular_after_determiner,
    "parsed-ordinal-for-cardinal": ordinal_for_cardinal,
    "parsed-plural-after-number": plural_after_number,
    "parsed-here-is-plural": here_is_plural,
    "parsed-article-sound": article_sound,
    "parsed-article-before-uncountable": article_before_uncountable,
    "parsed-missing-article": missing_article,
    "bare-count-noun": bare_count_noun,
}
