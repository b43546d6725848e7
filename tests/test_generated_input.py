"""Generated bad input never costs a class: whatever bytes a student hands in, lihua answers.

Hypothesis writes the letters: unicode of every kind (Chinese, emoji, joiners, bidi marks), control
characters, terminal escapes, long words, and raw bytes in GBK, UTF-16 or no encoding at all. They go
through the library's `grade`, `lihua grade` (text and JSON) and `lihua batch` (CSV, JSON lines,
HTML), and the invariants are the documented ones: no traceback, an exit code of 0, 1 or 2, JSON that
parses and is UTF-8, every span inside the text it points into, no raw terminal control characters
in a text report, and in a batch every good letter's report present and every bad file listed once.

Examples are few (`max_examples`) and derandomised, so the file stays quick and a failure is the same
on every run. Each worst case the issue "Bad input never costs a class" reported (a word of
thousands of letters, pinyin that splits many ways, a .docx bomb, a FIFO, names that are not
UTF-8, escapes, a stdout that is not UTF-8) is among the examples, so a regression fails here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lihua.cli.app import app
from lihua.io.read import InputError, decode_bytes
from tests.support import ROOT

EXIT_CODES = {0, 1, 2}  # README "Exit codes", for grade and batch alike
SECONDS_PER_LETTER = 10  # a few kB take well under a second; more than this is a hang
CHILD_MEMORY = 2_000_000_000  # bytes of address space for a subprocess: a blow-up stops here, not at the machine

FEW = settings(max_examples=12, deadline=None, derandomize=True, database=None,
               phases=(Phase.explicit, Phase.generate),  # no shrinking: a slow failure is not repeated
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FEWER = settings(FEW, max_examples=4)

# --- what the letters are made of -------------------------------------------------------------

SENTENCES = st.sampled_from([
    "He go to school every day.", "I very like Chinese food.", "Looking forward to see you.",
    "There have many people.", "Although it rained, but we went out.", "我们一起包饺子。",
    "Let's eat zongzi at the Dragon Boat Festival!", "My mother baked it by himself.",
    "I'm Li Hua, your pen pal from Hangzhou.", "{{ 7*7 }} {% if x %}", "<script>alert(1)</script> &amp;",
    "Mr. Li's help", "=HYPERLINK(\"x\")", "Xi'an, Qingming, hutongs",
])
CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
EMOJI = st.sampled_from(["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇨🇳", "\u200d", "\ufe0f", "\u202e", "\u2066", "\ufeff",
                         "\u00ad", "\u0301", "\u2028", "\u3000", "，", "。", "“", "”", "—"])
ANY_UNICODE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)  # controls: CONTROL, ESCAPES
WORDS = st.text(st.characters(min_codepoint=0x61, max_codepoint=0x7A), min_size=1, max_size=12)
C0_C1 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
CONTROL = st.sampled_from(C0_C1)
ESCAPES = st.sampled_from(["\x1b[31m", "\x1b[0m", "\x1b]0;pwned\x07", "\x1b[2J", "\x1b[1A\x1b[K", "\x9b2J",
                           "\x1bP+q\x1b\\", "\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\", "\x9d0;t\x9c"])
FRAGMENT = st.one_of(SENTENCES, SENTENCES, WORDS, CHINESE, EMOJI, ANY_UNICODE, st.just(" "), st.just("\n\n"))


def letter(body: str) -> str:
    """A letter's frame around `body`, so the letter parts (salutation, closing) are found too."""
    return f"Dear Chris,\n\n{body}\n\nYours,\nLi Hua\n"


@st.composite
def letters(draw: st.DrawFn, extra: st.SearchStrategy[str] | None = None) -> str:
    """A letter body of ~30 fragments; `extra` fragments (escapes, controls) are mixed in."""
    pieces = st.one_of(FRAGMENT, extra) if extra is not None else FRAGMENT
    body = " ".join(draw(st.lists(pieces, min_size=1, max_size=30)))
    return letter(body) if draw(st.booleans()) else body  # a frame is not required


def few_controls(text: str, controls: list[str]) -> str:
    """Sprinkle controls below lihua's binary threshold (5 % of characters), so the letter is graded."""
    room = max(0, len(text) // 25 - 1)
    return text + "".join(controls[:room])


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5",
                             "shift_jis", "latin-1", "cp1252", "utf-32"])


@st.composite
def letter_bytes(draw: st.DrawFn) -> bytes:
    """A letter as some computer saved it: any encoding, maybe cut short, maybe with garbage bytes."""
    text = draw(letters())
    encoding = draw(ENCODINGS)
    data = text.encode(encoding, errors="replace" if encoding not in ("utf-8", "utf-8-sig") else "strict")
    kind = draw(st.sampled_from(["whole", "cut", "garbage", "mixed"]))
    if kind == "cut" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == "garbage":
        data = draw(st.binary(max_size=300))
    elif kind == "mixed":  # a GBK paragraph pasted into a UTF-8 letter, or junk after the letter
        data = data + draw(CHINESE).encode("gbk") + draw(st.binary(max_size=20))
    return data


# --- the invariants -----------------------------------------------------------------------------

@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) when grading one letter takes longer than `seconds`."""
    def too_slow(*_: object) -> None:
        raise TimeoutError(f"grading took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_no_traceback(result) -> None:
    """CliRunner catches an uncaught exception and reports exit code 1; that is a traceback to a user."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        raise AssertionError("".join(traceback.format_exception(result.exception)))
    assert "Traceback (most recent call last)" not in result.stderr


def assert_spans_inside(report: dict, text: str) -> None:
    """Every finding and letter part points into the text, and its `text` is what is there."""
    for finding in report["findings"]:
        span = finding["span"]
        assert 0 <= span["start"] <= span["end"] <= len(text), finding
        assert finding["text"] == text[span["start"]:span["end"]], finding
        assert span["line"] >= 1 and span["column"] >= 1, finding
        assert text.count("\n", 0, span["start"]) + 1 == span["line"], finding
    parts = report.get("letter") or {}
    for part in [parts.get("salutation"), parts.get("closing"), parts.get("signature"), *parts.get("paragraphs", [])]:
        if part:
            assert 0 <= part["start"] <= part["end"] <= len(text), part
            assert part["text"] == text[part["start"]:part["end"]], part


def assert_json_report(stdout: bytes, text: str) -> dict:
    report = json.loads(stdout.decode("utf-8"))  # strict: invalid UTF-8 fails here
    assert report["schema"] == 1
    assert_spans_inside(report, text)
    return report


def assert_terminal_safe(output: str) -> None:
    """A report must not carry the letter's escapes to the terminal: no ESC, no C1 control."""
    bad = sorted({hex(ord(c)) for c in output if c == "\x1b" or 0x80 <= ord(c) <= 0x9F})
    assert not bad, f"raw terminal control characters in the report: {bad}"


def expected_text(data: bytes) -> str | None:
    """The text lihua's own reader makes of these bytes, or None when it refuses them."""
    try:
        text, _ = decode_bytes(data)
    except InputError:
        return None
    return text if text.strip() else None


def grade_stdin(data: bytes, *args: str):
    result = CliRunner().invoke(app, ["grade", "-", *args], input=data, env={"NO_COLOR": "1"})
    assert_no_traceback(result)
    assert result.exit_code in EXIT_CODES, result.exit_code
    return result


def assert_refusal_is_one_line(result) -> None:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("lihua: "), result.stderr
    assert result.stdout == ""


# --- the library -------------------------------------------------------------------------------

@FEW
@given(text=letters())
def test_library_grade_keeps_every_span_inside_the_text(text: str) -> None:
    from lihua import grade

    with time_limit(SECONDS_PER_LETTER):
        report = grade(text).to_dict()
    assert_spans_inside(report, text)
    json.dumps(report, ensure_ascii=False).encode("utf-8")


@example(word="a" * 3000, frame="{}")  # one syllable a thousand times over: deeper than Python recurses
@example(word="xian" * 26 + "q", frame="{}")  # every prefix splits two ways, and the tail fails them all
@FEWER
@given(word=st.builds(lambda unit, n, tail: unit * n + tail, st.sampled_from(["a", "xian", "b", "zhang", "ab"]),
                      st.integers(20, 1200), st.sampled_from(["", "q", "x", "!"])),
       frame=st.sampled_from(["{}", "He go to school. {} I very like it.", "Dear Chris,\n\n{}\n\nYours,\nLi Hua\n"]))
def test_library_grade_survives_long_words(word: str, frame: str) -> None:
    from lihua import grade

    text = frame.format(word[:4000])
    with time_limit(5):  # in-process, a 4 kB letter takes a fraction of a second
        report = grade(text).to_dict()
    assert_spans_inside(report, text)


@FEWER
@given(raw=st.binary(min_size=1, max_size=40))
def test_library_grade_takes_surrogate_escaped_bytes(raw: bytes) -> None:
    """Bytes decoded with surrogateescape (as Python does for file names) are still graded, and the JSON is UTF-8."""
    from lihua import grade

    text = letter("He go to school " + raw.decode("utf-8", errors="surrogateescape") + " every day.")
    with time_limit(SECONDS_PER_LETTER):
        report = grade(text).to_dict()
    assert_spans_inside(report, text)


# --- lihua grade, in-process -------------------------------------------------------------------

@FEW
@given(data=letter_bytes())
def test_grade_json_from_any_bytes_is_json_or_one_line(data: bytes) -> None:
    result = grade_stdin(data, "--format", "json")
    text = expected_text(data)
    if text is None:
        assert result.exit_code == 2
        assert_refusal_is_one_line(result)
    else:
        assert result.exit_code == 0, result.stderr
        assert_json_report(result.stdout_bytes, text)


@FEW
@given(text=letters(), lang=st.sampled_from(["en", "zh"]), reply=st.booleans())
def test_grade_text_report_for_any_letter(text: str, lang: str, reply: bool) -> None:
    args = ["--lang", lang, "--max-errors", "3"] + (["--reply"] if reply else [])
    result = grade_stdin(text.encode("utf-8"), *args)
    if expected_text(text.encode("utf-8")) is None:
        assert result.exit_code == 2
        assert_refusal_is_one_line(result)
    else:
        assert result.exit_code in (0, 1), result.stderr
        assert result.stdout.strip()
    assert_terminal_safe(result.stdout)
    assert_terminal_safe(result.stderr)


@FEWER
@given(text=letters(), reply=st.booleans(), prompt=st.sampled_from([[], ["--prompt", "invite-dragon-boat"]]))
def test_grade_json_with_prompt_and_reply(text: str, reply: bool, prompt: list[str]) -> None:
    data = text.encode("utf-8")
    result = grade_stdin(data, "--format", "json", *prompt, *(["--reply"] if reply else []))
    decoded = expected_text(data)
    if decoded is None:
        assert_refusal_is_one_line(result)
        return
    assert result.exit_code == 0, result.stderr
    report = assert_json_report(result.stdout_bytes, decoded)
    if reply and "{{ 7*7 }}" in decoded and "49" not in decoded:
        assert "49" not in report["reply"]["text"], "the letter was run as a template"


@FEWER
@given(text=letters(extra=ESCAPES), controls=st.lists(CONTROL, max_size=5))
def test_grade_text_report_carries_no_terminal_escapes(text: str, controls: list[str]) -> None:
    data = few_controls(text + " \x1b[2J\x9b31m", controls).encode("utf-8")
    result = grade_stdin(data)
    assert_terminal_safe(result.stdout)
    assert_terminal_safe(result.stderr)


@FEWER
@given(text=letters(extra=CONTROL))
def test_grade_json_keeps_control_characters_inside_spans(text: str) -> None:
    data = text.encode("utf-8")
    result = grade_stdin(data, "--format", "json")
    decoded = expected_text(data)
    if decoded is None:
        assert_refusal_is_one_line(result)
    else:
        assert_json_report(result.stdout_bytes, decoded)


# --- lihua grade, real processes ---------------------------------------------------------------

def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def run_bounded(args: list[str | bytes], *, env: dict[str, str] | None = None, cwd: Path | None = None,
                timeout: float = 60, input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    """`python -m lihua …` with at most CHILD_MEMORY of address space and `timeout` seconds."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "lihua", *args], capture_output=True, env=full_env,
                          cwd=cwd or ROOT, timeout=timeout, input=input_bytes, preexec_fn=limit_memory)


def assert_process_ok(done: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode in EXIT_CODES, (done.returncode, done.stderr.decode("utf-8", "replace")[-2000:])


CHINESE_LETTER = letter("我是李华。He go to school · every day 😀. I very like 饺子 — “jiaozi”.")


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_grade_writes_to_a_stdout_that_is_not_utf8(output_format: str) -> None:
    done = run_bounded(["grade", "-", "--format", output_format], input_bytes=CHINESE_LETTER.encode("utf-8"),
                       env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"})
    assert_process_ok(done)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    if output_format == "json":
        assert json.loads(done.stdout)["schema"] == 1


def test_grade_json_for_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/wang\xff\xfe fang\n.txt"
    with open(name, "wb") as handle:
        handle.write(CHINESE_LETTER.encode("gbk", errors="replace"))
    done = run_bounded(["grade", name, "--format", "json"])
    assert_process_ok(done)
    assert done.returncode == 0
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["source"]


def test_grade_a_huge_token_within_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "token.txt"
    path.write_text(letter("He go to school " + "b" * 20_000 + " every day."), encoding="utf-8")
    done = run_bounded(["grade", str(path), "--format", "json"])
    assert_process_ok(done)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]


def docx_bomb(path: Path, paragraphs: int) -> None:
    """A real .docx whose document.xml inflates ~70 bytes per paragraph from almost nothing."""
    xml_head = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml",
                         xml_head + "<w:p><w:r><w:t>He go to school.</w:t></w:r></w:p>" * paragraphs + "</w:body></w:document>")


def test_grade_refuses_a_docx_bomb_quickly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    docx_bomb(path, 100_000)  # ~7 MB of XML and 1.7 MB of text (over the 1 MB limit) in ~20 kB
    assert path.stat().st_size < 100_000
    done = run_bounded(["grade", str(path)], timeout=15)
    assert_process_ok(done)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8").count("\n") == 1


# --- lihua batch -------------------------------------------------------------------------------

BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b" \n\t\r\n",
    "nul.txt": b"Dear Tom,\x00\x00\x00 binary",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "fake.docx": b"this is not a zip at all",
    "zipped.docx": b"PK\x03\x04" + b"\x00" * 60,
    "controls.md": ("\x01\x02\x03\x04\x05" * 40).encode(),
    "oversize.txt": b"He go to school. " * 62_000,  # just over 1 MB
}


def write_class(folder: Path, good: list[bytes]) -> tuple[list[str], list[str]]:
    """A class folder: the good letters in a subfolder and the bad files beside them."""
    (folder / "sub").mkdir(parents=True)
    good_names = []
    for i, data in enumerate(good):
        name = f"sub/good{i:02d}.txt"
        (folder / name).write_bytes(data)
        good_names.append(name)
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    (folder / "gone.txt").symlink_to(folder / "no-such-file.txt")
    return good_names, [*BAD_FILES, "gone.txt"]


def read_outputs(out: Path) -> tuple[list[dict], list[dict], str]:
    lines = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = list(csv.DictReader(io.StringIO((out / "scores.csv").read_text(encoding="utf-8-sig"), newline="")))
    return lines, rows, (out / "report.html").read_text(encoding="utf-8")


def assert_class_outputs(out: Path, folder: Path, good: dict[str, str], bad: list[str], stdout: str) -> None:
    """Every good letter graded (report, row, spans inside its text); every bad one listed once with its error."""
    reports, rows, html = read_outputs(out)
    by_file = {Path(report["source"]).resolve(): report for report in reports}
    assert len(reports) == len(good) + len(bad) == len(rows)
    for name, text in good.items():
        report = by_file[(folder / name).resolve()]
        assert "error" not in report, report.get("error")
        assert_spans_inside(report, text)
    for name in bad:
        report = by_file[(folder / name).resolve()]
        assert report["error"], name
        listed = [line for line in stdout.splitlines() if line.startswith("  ") and name in line]
        assert len(listed) == 1, (name, stdout)
    assert {row["status"] for row in rows if row["file"].endswith(tuple(bad))} == {"failed"}
    assert "<script>alert" not in html, "a letter's text reached the HTML page unescaped"


GOOD_LETTER = st.builds(lambda text, encoding: (text, text.encode(encoding)),
                        letters().filter(lambda t: any(c.isalpha() for c in t)),
                        st.sampled_from(["utf-8", "gb18030", "utf-16"]))


@settings(FEWER, max_examples=3)
@given(good=st.lists(GOOD_LETTER, min_size=1, max_size=5))
def test_batch_grades_every_good_letter_and_lists_every_bad_file(tmp_path_factory, good) -> None:
    tmp = tmp_path_factory.mktemp("class")
    folder, out = tmp / "class", tmp / "out"
    good_names, bad_names = write_class(folder, [data for _, data in good])
    texts = {}
    for name, (_, data) in zip(good_names, good, strict=True):
        texts[name] = expected_text(data)
    refused = [name for name, text in texts.items() if text is None]  # e.g. only controls: lihua says binary
    texts = {name: text for name, text in texts.items() if text is not None}
    result = CliRunner().invoke(app, ["batch", str(folder), "--prompt", "invite-dragon-boat", "--out", str(out),
                                      "--jobs", "1"], env={"NO_COLOR": "1"})
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output  # some files could not be graded
    assert_class_outputs(out, folder, texts, bad_names + refused, result.stdout)


def test_batch_with_odd_file_names(tmp_path: Path) -> None:
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    names = [b"wang\xff fang.txt", b"li\nna.txt", b"\xe6\x9d\x8e\xe5\x8d\x8e.txt", b"-rf .txt", b"=1+1.txt"]
    for name in names:
        with open(os.fsencode(folder) + b"/" + name, "wb") as handle:
            handle.write(CHINESE_LETTER.encode("utf-8"))
    done = run_bounded(["batch", str(folder), "--prompt", "invite-dragon-boat", "--out", str(out), "--jobs", "2"])
    assert_process_ok(done)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    reports, rows, html = read_outputs(out)
    assert len(reports) == len(rows) == len(names)
    assert all("error" not in report for report in reports), reports
    assert len({row["student_id"] for row in rows}) == len(names), "two students were given the same id"


def test_batch_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    (folder / "good.txt").write_text(CHINESE_LETTER, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    try:
        done = run_bounded(["batch", str(folder), "--prompt", "invite-dragon-boat", "--out", str(out), "--jobs", "1"],
                           timeout=12)
    except subprocess.TimeoutExpired:
        pytest.fail("lihua batch hung on a FIFO")
    assert_process_ok(done)
    assert done.returncode == 1
    reports, _, _ = read_outputs(out)
    assert sorted(("error" in report) for report in reports) == [False, True]
