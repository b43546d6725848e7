"""Text that is safe to show: what a student, a file name or a server wrote never drives the terminal.

A letter may hold `ESC ] 0 ; … BEL` (retitles the window) or `ESC [ 2 J` (clears the screen); a
file name may hold a newline (splitting a one-line error) or bytes that are not UTF-8 (a Windows
zip unpacked on Linux gives names Python keeps as lone surrogates, which no UTF-8 stream can
write). `printable` is the one sanitiser: every text output goes through it, either by the
streams `install_safe_streams` puts on stdout/stderr, or by `SafeConsole` for rich output.
Each control character becomes exactly one visible character (␛, ␇, …), so columns and the ^
marks under a letter line stay where they were. JSON is written with `json_dumps`, whose escapes
keep the data exact.
"""

from __future__ import annotations

import json
import re
import sys
from contextlib import suppress
from functools import cache
from typing import IO, Any

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # U+2400…U+241F: ␀ … ␛ … ␟
_VISIBLE = {
    **_C0_PICTURES,
    0x7F: "\u2421",  # ␡ DELETE
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),  # C1 controls (0x9B is a one-byte CSI): no picture exists
    # bidirectional overrides and isolates reorder everything after them on the line
    **dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), "\ufffd"),
}
_MULTI_LINE = {key: value for key, value in _VISIBLE.items() if key not in (0x09, 0x0A, 0x0D)}  # CR: see printable
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LONE_CR = re.compile("\r(?!\n)")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # json.dumps leaves these unescaped


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as one visible character.

    Newlines and tabs are kept (and CRLF line ends), unless `one_line`: then they are shown too,
    so a value can never break the line it is quoted in. Lone surrogates become U+FFFD.
    """
    if not _UNSAFE.search(text):
        return text
    # in multi-line text a lone CR would overwrite its line, so it is shown; CRLF stays a line end
    text = text.translate(_VISIBLE) if one_line else _LONE_CR.sub("\u240d", text).translate(_MULTI_LINE)
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def shown_name(name: object) -> str:
    """A file name as it can be shown anywhere (terminal, JSON, CSV, HTML): always valid UTF-8, one line.

    Bytes a non-UTF-8 name carries (kept by Python as surrogates) are written `\\xcd`, as the
    name's own bytes; control characters are shown as `printable` shows them. The same holds for
    any one-line message that quotes such a name (`lihua: …` errors).
    """
    text = str(name)
    if re.search("[\ud800-\udfff]", text):
        text = "".join(_escaped_surrogate(char) for char in text)
    return printable(text, one_line=True)


def _escaped_surrogate(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: one undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return char


def stream_is_utf8(stream: IO[str] | None = None) -> bool:
    """Whether `stream` (default stdout) encodes all of Unicode; a GBK redirect does not."""
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig", "utf-16", "utf-32")


def json_dumps(data: Any, *, indent: int | None = 2, ascii_only: bool | None = None) -> str:
    """JSON for stdout: Chinese kept readable on a UTF-8 stream, all-ASCII escapes on any other.

    Characters json.dumps would leave raw (DEL, C1 controls, U+2028/9, lone surrogates) are
    written as \\u escapes, so the text is valid UTF-8 and no terminal acts on it; the data read
    back is unchanged.
    """
    if ascii_only is None:
        ascii_only = not stream_is_utf8()
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class SafeTextStream:
    """A text stream that passes everything written through `printable`.

    Installed on stdout and stderr by `install_safe_streams`, so every line lihua echoes is safe
    without each command remembering to ask; everything else (isatty, buffer, fileno) is the
    stream's own.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.lihua_raw_stream = stream

    def write(self, text: str) -> int:
        self.lihua_raw_stream.write(printable(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.lihua_raw_stream, name)


def raw_stream(stream: Any) -> Any:
    """The stream under a `SafeTextStream` (itself otherwise)."""
    return getattr(stream, "lihua_raw_stream", stream)


def echo_own_styling(text: str) -> None:
    """Print text whose escape codes lihua made itself (a plotext chart's colours), past the safe stream.

    Only for text with nothing a user, a file or a server wrote in it. typer's echo drops the codes
    when stdout is not a terminal, as it does for every echo.
    """
    import typer

    typer.echo(text, file=raw_stream(sys.stdout))


def install_safe_streams() -> None:
    """Make stdout and stderr safe for the life of the process (the console-script entry calls it).

    Characters the stream's encoding cannot hold (an emoji on a GBK redirect) are replaced rather
    than raising UnicodeEncodeError halfway through a report.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, SafeTextStream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with suppress(ValueError, OSError):  # a stream that cannot be reconfigured keeps its own policy
                reconfigure(errors="replace")
        setattr(sys, name, SafeTextStream(stream))


def safe_console(**options: Any) -> Any:
    """A rich Console (same options) whose text is sanitised; see `safe_console_class`."""
    return safe_console_class()(**options)


@cache
def safe_console_class() -> type:
    """The Console subclass, built on first use so `lihua --help` never imports rich.

    rich writes its own colour codes around the text, so it writes to the raw stream; the text
    itself (letters, messages, names inside tables) passes `printable` first. Segments rich marks
    as control (cursor moves of a progress bar) are its own and pass unchanged.
    """
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        @property
        def file(self) -> IO[str]:
            return raw_stream(Console.file.fget(self))

        @file.setter
        def file(self, new_file: IO[str]) -> None:
            Console.file.fset(self, new_file)

        def render(self, renderable: Any, options: Any = None):
            for segment in super().render(renderable, options):
                if segment.control or not _UNSAFE.search(segment.text):
                    yield segment
                else:
                    yield Segment(printable(segment.text), segment.style, segment.control)

    return SafeConsole
