"""Read a letter from a file or stdin into text, whatever encoding a student's computer used.

Decoding order: BOM (UTF-8, UTF-16, UTF-32) → strict UTF-8 → strict GB18030 (a superset of
GBK and GB2312, what Chinese Windows saves) → charset-normalizer's best guess. `.docx` files are
read with python-docx. Line endings are kept as they are, so offsets point into the text the
student wrote. Bad input raises `InputError` with one line naming the file and what to do.
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from lihua.io.safe_text import shown_name

MAX_BYTES = 1_000_000  # 1 MB: a gaokao letter is under 2 KB; anything this big is not a letter
MAX_CHARS = 1_000_000  # characters of text after decoding (a .docx holds far more text than its bytes)
MAX_UNZIPPED = 20_000_000  # bytes a .docx may unpack to: Word's XML of a 1 MB letter, with room to spare
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
GIVE_A_LETTER = "give a .txt, .md or .docx file"
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file (save it as .docx)"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)


class InputError(Exception):
    """Input that cannot be read as a letter; `str(error)` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    """A letter's text and where it came from."""

    name: str  # the path as the user gave it (as `shown_name` shows it), or "<stdin>"
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "gb18030", "docx", …


def read_source(path: str | Path, *, stdin: BinaryIO | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read `path` (or stdin when path is "-") into a `Source`, or raise `InputError`."""
    name = "<stdin>" if str(path) == "-" else shown_name(path)  # a non-UTF-8 or multi-line name, shown safely
    data = _read_bytes(path, name, stdin, max_bytes)
    if name.lower().endswith(".docx") or _is_docx(data):
        text = _docx_text(data, name)
        encoding = "docx"
    else:
        text, encoding = decode_bytes(data, name)
    if len(text) > MAX_CHARS:
        raise InputError(f"{name}: holds more than {MAX_CHARS:,} characters of text; a letter is a few thousand — is this the right file?")
    if not text.strip():
        raise InputError(f"{name}: the letter is empty (only white space); write your letter in the file first")
    return Source(name=name, text=text, encoding=encoding)


def _read_bytes(path: str | Path, name: str, stdin: BinaryIO | None, max_bytes: int) -> bytes:
    try:
        if str(path) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{name}: is a folder; give a letter file (teachers: use `lihua batch {name}`)")
            if p.exists() and not p.is_file():  # a FIFO or a device: opening it may wait forever
                raise InputError(f"{name}: is not a regular file (a pipe, socket or device); give a letter file")
            with p.open("rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check that you may read this file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error}); check the file") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: larger than {max_bytes // 1_000_000} MB; a letter is a few KB — is this the right file?"
        )
    if not data:
        raise InputError(f"{name}: the file is empty; write your letter in it first")
    return data


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode letter bytes to text; returns (text, encoding) or raises `InputError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {encoding} mark but is not valid {encoding}; re-save it as UTF-8") from None
            return text.lstrip("\ufeff"), encoding
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}, not a text letter: {GIVE_A_LETTER}")
    if b"\x00" in data:
        raise InputError(f"{name}: looks binary (contains NUL bytes), not a text letter: {GIVE_A_LETTER}")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, name)
    if _control_ratio(text) > 0.05:
        raise InputError(f"{name}: looks binary (many control characters), not a text letter: {GIVE_A_LETTER}")
    return text, encoding


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding; save the letter as UTF-8 and try again")
    return str(best), best.encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\f\v")
    return controls / min(len(text), 4096)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _docx_text(data: bytes, name: str) -> str:
    """Paragraph texts of a .docx, one per line, blank paragraphs kept as paragraph breaks."""
    if not _is_docx(data):
        raise InputError(f"{name}: is not a valid .docx (Word) file; re-save it from Word or as .txt")
    with zipfile.ZipFile(BytesIO(data)) as archive:  # a zip bomb says what it unpacks to: ask first
        unzipped = sum(member.file_size for member in archive.infolist())
    if unzipped > MAX_UNZIPPED:
        raise InputError(f"{name}: the .docx unpacks to {unzipped // 1_000_000} MB, far more than a letter; "
                         "is this the right file?")
    try:
        import docx

        document = docx.Document(BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for damaged files
        raise InputError(f"{name}: the .docx file is damaged ({type(error).__name__}); re-save it from Word") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
