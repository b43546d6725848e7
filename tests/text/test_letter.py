"""Splitting a letter into parts and counting words the gaokao way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lihua.text.letter import count_words, parse_letter

LETTER = "Dear Chris,\r\n\r\nI am Li Hua. I'd like to invite you.\r\n\r\nSee you soon!\r\n\r\nYours,\r\nLi Hua\r\n"


def test_parts_are_found_with_offsets_into_the_original() -> None:
    letter = parse_letter(LETTER)
    assert letter.salutation.text == "Dear Chris,"
    assert letter.closing.text == "Yours,"
    assert letter.signature.text == "Li Hua"
    assert [p.text for p in letter.paragraphs] == ["I am Li Hua. I'd like to invite you.", "See you soon!"]
    for part in (letter.salutation, letter.closing, letter.signature, *letter.paragraphs):
        assert LETTER[part.start : part.end] == part.text


def test_word_count_is_the_body_only() -> None:
    assert parse_letter(LETTER).word_count == 12


def test_word_count_rule() -> None:
    assert count_words("I don't like well-known places in 2025.") == 7
    assert count_words("我喜欢 zongzi，very much!") == 3
    assert count_words("— , . !") == 0


def test_letter_without_blank_lines_splits_on_sentence_lines() -> None:
    letter = parse_letter("Dear Tom,\nI am fine.\nHow are you?\nBest wishes,\nLi Hua")
    assert [p.text for p in letter.paragraphs] == ["I am fine.", "How are you?"]
    assert letter.signature.text == "Li Hua"


def test_missing_parts_are_none() -> None:
    letter = parse_letter("I went to the park yesterday. It was fun.")
    assert letter.salutation is None and letter.closing is None and letter.signature is None
    assert letter.word_count == 9


@given(st.text(max_size=300))
def test_any_text_parses_with_parts_inside_the_text(text: str) -> None:
    letter = parse_letter(text)
    for part in (letter.salutation, letter.closing, letter.signature, *letter.paragraphs):
        if part is not None:
            assert 0 <= part.start <= part.end <= len(text)
            assert text[part.start : part.end] == part.text


def test_body_written_on_the_greetings_line_is_counted_but_the_greeting_is_not() -> None:
    """A draft saved early, "Dear Chris, I want invite you": the greeting is two words, the body four."""
    text = "Dear Chris, I want invite you"
    letter = parse_letter(text)
    assert letter.salutation.text == "Dear Chris,"
    assert [p.text for p in letter.paragraphs] == ["I want invite you"]
    assert letter.word_count == count_words(text) - count_words("Dear Chris,") == 4
    two_names = parse_letter("Hello, Chris, how are you?\n\nYours,\nLi Hua")
    assert two_names.salutation.text == "Hello, Chris," and two_names.word_count == 3
    on_two_lines = parse_letter("Dear Chris, I want to invite you\nto our festival.\n\nYours,\nLi Hua")
    assert [p.text for p in on_two_lines.paragraphs] == ["I want to invite you\nto our festival."]
    assert parse_letter("Dear Chris,\n\nI am fine.").salutation.text == "Dear Chris,"


def test_a_story_opening_with_to_is_not_a_greeting() -> None:
    story = parse_letter("To my surprise, nothing happened.\nWe waited for an hour and went home.")
    assert story.salutation is None
    for greeting in ("To whom it may concern:", "To Mr. Smith,", "To all the students,"):
        letter = parse_letter(f"{greeting}\n\nThe library will close early on Friday.\n\nLi Hua")
        assert letter.salutation is not None and letter.salutation.text.strip() == greeting
