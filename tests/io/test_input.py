"""Reading letters: every encoding a student's computer produces, and every kind of bad input."""

from __future__ import annotations

import io

import pytest

from lihua.io.read import MAX_BYTES, InputError, decode_bytes, read_source
from tests.support import FIXTURES

EXPECTED_SENTENCE = "Thank you for the zongzi you made for me at the Dragon Boat Festival (端午节)."


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("letter_gbk.txt", "gb18030"),
        ("letter_utf16.txt", "utf-16"),
        ("letter_utf8_bom.txt", "utf-8-sig"),
        ("letter_crlf.txt", "utf-8"),
        ("letter.docx", "docx"),
    ],
)
def test_every_encoding_decodes_to_the_same_letter(name: str, encoding: str) -> None:
    source = read_source(FIXTURES / name)
    assert source.encoding == encoding
    assert EXPECTED_SENTENCE in source.text
    assert not source.text.startswith("\ufeff")


def test_crlf_is_kept_so_offsets_match_the_file() -> None:
    source = read_source(FIXTURES / "letter_crlf.txt")
    assert "\r\n" in source.text
    assert source.text == (FIXTURES / "letter_crlf.txt").read_bytes().decode("utf-8")


def test_stdin_is_read_when_path_is_dash() -> None:
    source = read_source("-", stdin=io.BytesIO("Dear Tom,\nHi.\n".encode("gbk")))
    assert source.name == "<stdin>"
    assert source.text.startswith("Dear Tom,")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("image_named.txt", "PNG image"),
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("no_such_file.txt", "no such file"),
    ],
)
def test_bad_files_raise_one_line_naming_the_file(name: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        read_source(FIXTURES / name)
    message = str(caught.value)
    assert name in message
    assert words in message
    assert "\n" not in message


def test_binary_with_nul_bytes_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"Dear\x00\x01\x02 Chris", "x.txt")


def test_control_characters_are_refused_as_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(1, 31)) * 10, "x.txt")


def test_oversize_input_is_refused(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_BYTES // 5 + 10))
    with pytest.raises(InputError, match="larger than 1 MB"):
        read_source(big)


def test_a_folder_is_refused_with_advice(tmp_path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_source(tmp_path)


def test_a_damaged_docx_is_refused(tmp_path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="docx"):
        read_source(bad)
