"""The shared analysis on input that is not clean text."""

from __future__ import annotations

from lihua.text.analysis import analyse


def test_undecodable_bytes_are_parsed_and_offsets_stay_in_the_original_text() -> None:
    """Bytes read with surrogateescape ('\\udcc2') cannot reach spaCy as they are; the words around them can."""
    text = "I have many book.\udcc2\udcd8 We went home."
    analysis = analyse(text)
    assert [t.text for t in analysis.tokens if t.text.isalpha()] == ["I", "have", "many", "book", "We", "went", "home"]
    assert all(text[t.start:t.end] == t.text or not t.text.isascii() for t in analysis.tokens)
