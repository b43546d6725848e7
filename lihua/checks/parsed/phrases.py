"""Noun and adjective phrases read from the parse: a missing article, a singular in a list of
plurals, an adjective with the wrong preposition.

Where a phrase starts and ends is told by the words' classes in their sentence (the tagger says
"big" is an adjective and "picnic" a noun here) and checked against the lexicon, so a word the
parser reads oddly is still judged by what it can be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lihua.checks import lexicon
from lihua.checks.hits import Hit
from lihua.text.analysis import Analysis, Token, analyse
from lihua.text.frequency import zipf
from lihua.text.letter import Letter
from lihua.text.word_classes import word_class, word_list

_SCHOOL_KINDS = word_class("school_kinds")
_PERSON_OBJECTS = word_class("person_object_pronouns")
#: Words that stand where an article would: a noun phrase starting after them has its determiner.
_NOT_BARE = word_class("article_standins")
_INTRODUCERS = word_class("introducers")
#: Verbs that are nouns too ("a take", "the make") but before an adjective + noun are plainly verbs.
_LIGHT_VERBS = word_class("light_verbs")
#: Verbs with two objects: in "gave her warm bath", "her" is the first object, not a determiner.
_GIVING = word_class("giving_verbs")
_ADVERB_LIKE = word_class("adverb_like")
_ABSTRACT_ENDINGS = word_list("abstract_endings")
_FUNCTION_WORDS = word_class("function_words") | lexicon.PREPOSITIONS
_BE_HAVE_DO = word_class("be_have_do")
_COUNTED_BY_OF = frozenset({"kind", "sort", "type", "lot"})


def _is_word(token: Token) -> bool:
    return token.text[:1].isalpha()


def _is_adjective(token: Token) -> bool:
    """A plain adjective before a noun: 'big', 'unforgettable', 'online' (not 'very', 'smarter', a name)."""
    lowered = token.lower
    if (
        not _is_word(token)
        or token.pos != "ADJ"
        or lowered in _NOT_BARE
        or lowered in _ADVERB_LIKE
        or lowered in _FUNCTION_WORDS
        or token.text[:1].isupper()
    ):
        return False
    if "ADJ" not in lexicon.readings(lowered) or lexicon.adjective_degree(lowered) is not None:
        return False
    return not lexicon.verb_tags(lowered) & {"VBD", "VBZ", "VBG"}  # "short", "warm" can be verbs too


def _is_head_noun(token: Token) -> bool:
    """A singular countable noun: it has a plural of its own and is not read as a plural or a mass noun."""
    lowered = token.lower
    if not _is_word(token) or lowered in _NOT_BARE or lowered in _FUNCTION_WORDS or token.text[:1].isupper():
        return False
    if not lexicon.is_noun(lowered) or lexicon.is_adjective(lowered) or lexicon.is_uncountable(lowered):
        return False
    plural = lexicon.plural_of(lowered)
    return plural is not None and plural != lowered and lexicon.noun_number(lowered) != "plural"


def _has_determiner(analysis: Analysis, noun: Token) -> bool:
    """The parse hangs a determiner, a possessive or a number on the noun ("a big picnic", "Tom's new bike")."""
    return any(
        c.dep in {"det", "nmod:poss", "nummod", "det:poss"} and c.i < noun.i for c in analysis.children(noun)
    )


def missing_article(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'enjoy big dinner', 'It was unforgettable night': a singular noun with an adjective needs a/an."""
    needs_article = set(options.get("needs_article_with_adjective", ()))
    analysis = analyse(text)
    for index in range(len(analysis.sentences)):
        tokens = analysis.sentence_tokens(index)
        i = 1
        while i < len(tokens):
            start = j = i
            while j < len(tokens) and (
                _is_adjective(tokens[j])
                or tokens[j].lower in {"and", "but"}
                and j > start
                and _is_adjective(tokens[j - 1])
            ):
                j += 1
            if j == start or j >= len(tokens) or tokens[j - 1].lower in {"and", "but"}:
                i += 1
                continue
            i = j
            at = j  # the head noun
            if (
                j + 1 < len(tokens)
                and _is_head_noun(tokens[j + 1])
                and lexicon.is_noun(tokens[j].lower)
                and tokens[j].lower not in _FUNCTION_WORDS
                and not lexicon.verb_tags(tokens[j + 1].lower) & {"VBD", "VBZ"}
            ):
                at = j + 1  # "new high school": the last noun is the head
            noun = tokens[at]
            word = noun.lower
            if not _is_head_noun(noun) or noun.pos not in {"NOUN", "ADJ"} or _has_determiner(analysis, noun):
                continue
            after = tokens[at + 1] if at + 1 < len(tokens) else None
            if (
                after is not None
                and _is_word(after)
                and lexicon.is_noun(after.lower)
                and (not lexicon.verb_tags(after.lower) or lexicon.noun_number(after.lower) == "plural")
                and after.lower not in _INTRODUCERS
            ):
                continue  # the noun modifies another noun ("potato stumps", "model changes")
            if after is not None and after.text in {"'s", "’s"}:
                continue  # "last year's": a possessive determiner
            if word == "school" and tokens[j - 1].lower in _SCHOOL_KINDS:
                continue  # "in high school"
            if word not in needs_article and (
                word in lexicon.MASS_SENSES or word.endswith(_ABSTRACT_ENDINGS)
            ):
                continue  # "hard work", "tough competition": often used without a/an
            if word not in needs_article and zipf(lexicon.plural_of(word) or "") < zipf(word) - 1.3:
                continue  # "sulfur dioxide": a noun whose plural is rare is hardly ever counted
            if after is not None and after.lower == "of" and word in _COUNTED_BY_OF:
                continue
            before = tokens[start - 1]
            lowered = before.lower
            given = lowered in _PERSON_OBJECTS and start >= 2 and tokens[start - 2].lower in _GIVING
            if (lowered in _NOT_BARE and not given) or not _is_word(before):
                continue
            if lexicon.is_adjective(lowered) or lowered in {"yesterday", "today", "tomorrow", "tonight"}:
                continue  # "an experienced folk artist": the phrase started earlier
            if not (
                given
                or lowered in _INTRODUCERS
                or lowered in _BE_HAVE_DO - {"do", "does", "did"}
                or lowered in {"become", "became", "becomes"}
                or lowered in _LIGHT_VERBS
                or lexicon.verb_tags(lowered)
                and not lexicon.is_noun(lowered)
                and lowered not in _INTRODUCERS
            ):
                continue
            if start >= 2 and tokens[start - 2].lower in _COUNTED_BY_OF and lowered == "of":
                continue
            first = tokens[start]
            article = lexicon.indefinite_article(first.text)
            # the finding covers the whole phrase: "small piece" may want "a small piece" or "small pieces"
            yield (
                first.start,
                noun.end,
                f"{article} {text[first.start : noun.end]}",
                {"noun": noun.text, "article": article},
            )


def _is_bare_count(token: Token) -> bool:
    lowered = token.lower
    return (
        lowered not in _FUNCTION_WORDS
        and lowered not in _NOT_BARE
        and lexicon.is_countable_singular(lowered)
        and lowered not in lexicon.MASS_SENSES
        and not lexicon.verb_tags(lowered) & {"VBD", "VBZ"}
        and not lexicon.is_adjective(lowered)
    )


def coordinated_plural(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'books, toys and schoolbag', 'beans, tomato and cabbages': one bare singular in a list of plurals."""
    analysis = analyse(text)
    for index in range(len(analysis.sentences)):
        tokens = analysis.sentence_tokens(index)
        for i, token in enumerate(tokens):
            if token.lower != "and" or i < 1 or i + 1 >= len(tokens):
                continue
            following = tokens[i + 2] if i + 2 < len(tokens) else None
            if (
                following is not None
                and _is_word(following)
                and (lexicon.is_noun(following.lower) or following.lower == "of")
            ):
                continue  # "cats and dog food": the last item is a modifier
            last_tags = lexicon.verb_tags(tokens[i + 1].lower)
            if (
                last_tags & {"VBZ", "VBD"}
                and not lexicon.is_noun(tokens[i + 1].lower)
                or (
                    "VBZ" in last_tags
                    and following is not None
                    and _is_word(following)
                    and (following.lower in lexicon.PREPOSITIONS or lexicon.is_adverb(following.lower))
                )
            ):
                continue  # "has his own field and works hard": the "and" joins two verbs
            if following is not None and following.text in {"'", "’", "'s", "’s"}:
                continue  # "consumers' willingness": a possessive, the list is of what follows
            if tokens[i + 1].pos == "VERB":
                continue  # the parser reads a verb: "and work", "and play" join actions, not things
            items = [tokens[i + 1], tokens[i - 1]]
            k = i - 2
            while k >= 1 and tokens[k].text == ",":
                items.append(tokens[k - 1])
                k -= 2
            if not all(_is_word(t) for t in items):
                continue
            plural = [
                t
                for t in items
                if lexicon.noun_number(t.lower) == "plural"
                and not lexicon.verb_tags(t.lower) & {"VBD"}
                and t.lower not in {"clothes", "news", "glasses"}
            ]
            singular = [t for t in items if t not in plural and _is_bare_count(t)]
            if len(plural) != len(items) - 1 or len(singular) != 1:
                continue
            last = singular[0]
            if len(items) == 2 and last.lower in lexicon.PEOPLE_NOUNS:
                continue  # "my parents and brother": one person beside a pair is meant as one
            fix = lexicon.plural_of(last.text)
            if fix:
                yield last.start, last.end, fix, {"noun": last.text, "plural": plural[0].text}


def adjective_preposition(text: str, letter: Letter | None, options: dict[str, Any]) -> Iterator[Hit]:
    """'crazy at cars', 'famous of its tea': an adjective followed by a preposition it does not take.

    Options: `pairs`, each adjective with the preposition it takes and the ones learners put instead.
    """
    table: dict[str, dict[str, Any]] = options.get("pairs", {})
    tokens = analyse(text).tokens
    for i in range(len(tokens) - 1):
        entry = table.get(tokens[i].lower)
        preposition = tokens[i + 1]
        if entry is None or preposition.sent != tokens[i].sent or preposition.lower not in entry["wrong"]:
            continue
        if tokens[i].pos == "NOUN" or preposition.lower == "to" and i + 2 < len(tokens) and tokens[i + 2].tag == "VB":
            continue  # "took the patient to hospital", "too patient to wait": no adjective and its preposition
        yield preposition.start, preposition.end, entry["right"], {"adj": tokens[i].text}


PHRASE_CHECKS = {
    "adjective-preposition": adjective_preposition,
    "missing-article": missing_article,
    "coordinated-plural": coordinated_plural,
}
