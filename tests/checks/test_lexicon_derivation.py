"""Word-family facts the word-form and relative-pronoun rules rely on."""

import pytest

from lihua.checks import lexicon


@pytest.mark.parametrize(("adjective", "noun"), [
    ("important", "importance"), ("different", "difference"), ("honest", "honesty"),
    ("direct", "direction"), ("confident", "confidence"), ("healthy", "health"),
])
def test_noun_of_adjective(adjective: str, noun: str) -> None:
    assert lexicon.noun_of_adjective(adjective) == noun


def test_noun_of_adjective_keeps_the_capital_and_knows_when_there_is_none() -> None:
    assert lexicon.noun_of_adjective("Important") == "Importance"
    assert lexicon.noun_of_adjective("blue") is None


@pytest.mark.parametrize(("noun", "verb"), [
    ("celebration", "celebrate"), ("discussion", "discuss"), ("development", "develop"),
])
def test_verb_of_noun(noun: str, verb: str) -> None:
    assert lexicon.verb_of_noun(noun) == verb


def test_the_adjective_table_pairs_nouns_with_adjectives_or_participles() -> None:
    """YAML reads `truth: true` as a boolean: every entry must stay a word of the right kind."""
    for noun, adjective in lexicon.ADJECTIVE_OF_NOUN.items():
        assert isinstance(adjective, str) and adjective.isalpha(), noun
        assert lexicon.is_noun(noun), noun


@pytest.mark.parametrize(("word", "thing"), [
    ("factory", True), ("robot", True), ("meal", True),
    ("teacher", False), ("librarian", False), ("girl", False), ("critics", False), ("family", False),
])
def test_thing_nouns_are_not_people(word: str, thing: bool) -> None:
    assert lexicon.is_thing_noun(word) is thing


def test_mass_senses_include_the_uncountable_list() -> None:
    assert {"advice", "homework"} <= lexicon.MASS_SENSES
    assert "culture" in lexicon.MASS_SENSES and "dictionary" not in lexicon.MASS_SENSES


@pytest.mark.parametrize(("word", "article"), [
    ("apple", "an"), ("hour", "an"), ("honest", "an"), ("useful", "a"), ("university", "a"), ("big", "a"),
])
def test_indefinite_article_follows_the_sound(word: str, article: str) -> None:
    assert lexicon.indefinite_article(word) == article
