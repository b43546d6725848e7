"""Soak: thousands of generated bad inputs through `lihua batch` and `lihua grade`, as a class would send them.

    python benchmarks/soak_bad_input.py --count 10000 --jobs 2 --seed 1

Each input is one file of a kind (empty, binary, wrong or mixed encodings, huge words, pinyin that
splits many ways, terminal escapes, Chinese and emoji inside English, a .docx that is no zip or a
zip bomb, file names that are not UTF-8 or hold a newline, FIFOs, dangling links, folders named
like letters …) or a good letter. Folders of inputs go through `lihua batch` (every process under a
memory limit and a timeout); a sample also goes through `lihua grade` in text and JSON. Printed:
the inputs per kind, tracebacks, hangs, exit codes outside 0/1/2, good letters without a report,
JSON that does not parse, raw escapes in text output, the peak memory of the largest process, and
the time. Exit status 1 when any of those is not zero.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for every process (workers inherit it)
BATCH_SIZE = 500

SENTENCES = [
    "I am very glad to hear that you are interested in Chinese culture.",
    "The Dragon Boat Festival is coming, so I want to invite you to spend it with my family.",
    "We will watch the races on the river in the morning and make zongzi in the afternoon.",
    "He go to school by bike every day and he like it very much.",
    "There have many people in the park on Sunday.",
    "Last summer I join a camp and learned a lot of things.",
    "I think you will enjoy to make them, because it is very fun.",
    "Looking forward to hear from you soon.",
    "My mother teach me how to cook dumplings when I was ten years old.",
    "If you have any questions, please let me know.",
]


def good_letter(rng: random.Random) -> str:
    body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 9)))
    return f"Dear {rng.choice(['Chris', 'Tom', 'Mr. Smith', 'Jenny'])},\n\n{body}\n\nYours,\nLi Hua\n"


def docx_bytes(text: str) -> bytes:
    """The smallest .docx python-docx reads: one paragraph per line of `text`."""
    paragraphs = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>"
                         for line in text.replace("&", "&amp;").replace("<", "&lt;").splitlines())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         "</Relationships>")
        archive.writestr("word/document.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         f"<w:body>{paragraphs}</w:body></w:document>")
    return buffer.getvalue()


# --- the kinds of input: each returns (file name as bytes, content or None for a special file, expected) ---
# expected: "graded" (a report with no error must come back), "refused" (an error line), None (either).

def k_good(rng):
    return f"good-{rng.randrange(10**9)}.txt".encode(), good_letter(rng).encode(), "graded"


def k_good_gbk(rng):
    return f"gbk-{rng.randrange(10**9)}.txt".encode(), (good_letter(rng) + "我很喜欢中国菜。\n").encode("gb18030"), "graded"


def k_good_utf16(rng):
    return f"u16-{rng.randrange(10**9)}.txt".encode(), good_letter(rng).encode("utf-16"), "graded"


def k_good_docx(rng):
    return f"doc-{rng.randrange(10**9)}.docx".encode(), docx_bytes(good_letter(rng)), "graded"


def k_empty(rng):
    return b"empty.txt", rng.choice([b"", b"   \n\t\n", b"\xef\xbb\xbf"]), "refused"


def k_binary(rng):
    head = rng.choice([b"\x89PNG\r\n\x1a\n", b"\x7fELF\x02\x01\x01", b"%PDF-1.4\n", b"\x00\x00\x00"])
    return b"binary.txt", head + bytes(rng.randrange(256) for _ in range(rng.randint(10, 3000))), None


def k_random_bytes(rng):
    return b"noise.txt", bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000))), None


def k_huge_word(rng):
    unit = rng.choice(["qwertyuiop", "although'", "ab", "Li'", "zz"])
    return b"word.txt", ("Dear Chris,\n\n" + unit * rng.randint(100, 6000) + "\n").encode(), None


def k_pinyin(rng):
    syllable = rng.choice(["xian", "a", "zhang", "li", "er"])
    return b"pinyin.txt", f"I like {syllable * rng.randint(10, 400)}v food.".encode(), None


def k_escapes(rng):
    escapes = ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\x1b[?1049h", "\r", "\x08" * 5, "\u202e", "\x00"]
    text = good_letter(rng)
    cut = rng.randrange(len(text))
    return b"escape.txt", (text[:cut] + "".join(rng.sample(escapes, 3)) + text[cut:]).encode(), None


def k_chinese_inside(rng):
    mix = ["粽子", "，", "。", "😀", "👨‍👩‍👧", "（端午节）", "\u3000", "ｈｅｌｌｏ"]
    words = good_letter(rng).split(" ")
    for _ in range(rng.randint(1, 10)):
        words.insert(rng.randrange(len(words)), rng.choice(mix))
    return b"mixed.txt", " ".join(words).encode(), "graded"


def k_mixed_encodings(rng):
    return b"mixenc.txt", good_letter(rng).encode() + "中文".encode("gbk") + "中文".encode() + b"\xff\xfe", None


def k_truncated_utf16(rng):
    data = good_letter(rng).encode("utf-16")
    return b"trunc16.txt", data[: rng.randrange(3, len(data)) | 1], None


def k_long_line(rng):
    return b"longline.txt", ("Dear Chris,\n\n" + "，" * rng.randint(1000, 20000)).encode(), None


def k_over_limit(rng):
    return b"big.txt", b"word " * 220_000, "refused"


def k_not_a_zip(rng):
    return b"fake.docx", b"this is not a zip file at all " * rng.randint(1, 50), "refused"


def k_docx_bomb(rng):
    return b"bomb.docx", docx_bytes("Dear Chris,\n" + "I like tea very much.\n" * rng.randint(50_000, 300_000)), "refused"


def k_odd_name(rng):
    name = rng.choice([b"\xcd\xf5\xb7\xbc.txt", b"new\nline.txt", b"-dash.txt", b"sp ace.txt",
                       b"\x1b[2Jname.txt", "张伟.txt".encode(), b"\xff.md"])
    return name, good_letter(rng).encode(), "graded"


def k_fifo(rng):
    return b"pipe.txt", None, "refused"


def k_dangling_link(rng):
    return b"gone.txt", None, None


def k_folder_named_letter(rng):
    return b"folder.txt", None, None


KINDS = {name[2:]: fn for name, fn in globals().items() if name.startswith("k_")}
SPECIAL = {"fifo", "dangling_link", "folder_named_letter"}
WEIGHTS = {"good": 8, "good_gbk": 3, "good_utf16": 2, "good_docx": 2, "over_limit": 0.05, "docx_bomb": 0.1}


def write_input(folder: Path, index: int, kind: str, name: bytes, content: bytes | None) -> bytes:
    """Write one input under a unique name (index first, so names never clash); its path as bytes."""
    path = os.path.join(os.fsencode(folder), b"%06d-" % index + name)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling_link":
        os.symlink(b"/nonexistent/letter.txt", path)
    elif kind == "folder_named_letter":
        os.mkdir(path)
    else:
        with open(path, "wb") as handle:
            handle.write(content or b"")
    return path


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class Tally:
    def __init__(self) -> None:
        self.problems: Counter[str] = Counter()
        self.examples: list[str] = []
        self.runs = 0

    def problem(self, what: str, detail: str) -> None:
        self.problems[what] += 1
        if len(self.examples) < 12:
            self.examples.append(f"{what}: {detail[:300]!r}")


def run(command: list[str], timeout: float, tally: Tally, what: str) -> subprocess.CompletedProcess | None:
    tally.runs += 1
    env = {**os.environ, "NO_COLOR": "1", "LIHUA_HOME": os.environ.get("SOAK_HOME", "")}
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, preexec_fn=limited, env=env)
    except subprocess.TimeoutExpired:
        tally.problem("hang", f"{what}: {' '.join(command[:6])} over {timeout} s")
        return None


def check_output(done: subprocess.CompletedProcess, tally: Tally, what: str) -> None:
    if b"Traceback" in done.stderr or b"Traceback" in done.stdout:
        tally.problem("traceback", f"{what}: {done.stderr[-400:]!r}")
    if done.returncode not in (0, 1, 2):
        tally.problem("exit code", f"{what}: {done.returncode} {done.stderr[-300:]!r}")


def has_raw_escape(done: subprocess.CompletedProcess) -> bool:
    """ESC or CSI (U+009B) as characters in what lihua printed (the byte 0x9B alone is UTF-8 inside 中文)."""
    shown = (done.stdout + done.stderr).decode("utf-8", errors="replace")
    return "\x1b" in shown or "\x9b" in shown


def soak_batch(folder: Path, expected: dict[bytes, str | None], out: Path, jobs: int, tally: Tally) -> None:
    command = [sys.executable, "-m", "lihua", "batch", os.fsdecode(folder), "--prompt", "invite-dragon-boat",
               "--out", str(out), "--no-reply", "--jobs", str(jobs)]
    done = run(command, 900, tally, f"batch {folder.name}")
    if done is None:
        return
    check_output(done, tally, f"batch {folder.name}")
    if has_raw_escape(done):
        tally.problem("raw escape", f"batch {folder.name} printed a control character")
    try:
        rows = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    except (OSError, ValueError) as error:
        tally.problem("batch output", f"{folder.name}: reports.jsonl unreadable: {error}")
        return
    graded = {row["source"] for row in rows if "error" not in row}
    plain_good = [p for p, e in expected.items() if e == "graded" and os.fsdecode(p).isprintable()
                  and os.fsdecode(p).isascii()]
    for path in plain_good:
        if os.fsdecode(path) not in graded:
            tally.problem("missing report", os.fsdecode(path))
    all_good = sum(1 for e in expected.values() if e == "graded")
    if len(graded) < all_good:
        tally.problem("missing report", f"{folder.name}: {len(graded)} graded of {all_good} good letters")
    refused = {row["source"] for row in rows if "error" in row}
    for path, e in expected.items():
        if e == "refused" and os.fsdecode(path).isascii() and os.fsdecode(path) in graded:
            tally.problem("not refused", os.fsdecode(path))
    del refused


def soak_grade(path: bytes, tally: Tally) -> None:
    for fmt in ("json", "text"):
        command = [sys.executable, "-m", "lihua", "grade", os.fsdecode(path), "--format", fmt]
        done = run(command, 120, tally, f"grade {path[-40:]!r}")
        if done is None:
            continue
        check_output(done, tally, f"grade {fmt} {path[-40:]!r}")
        if fmt == "json" and done.returncode in (0, 1):
            try:
                json.loads(done.stdout.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                tally.problem("bad json", f"{path[-40:]!r}: {error}")
        if fmt == "text" and has_raw_escape(done):
            tally.problem("raw escape", f"grade text {path[-40:]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="inputs to generate (default 2000)")
    parser.add_argument("--jobs", type=int, default=2, help="batch workers (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--grade-every", type=int, default=100, help="also run `lihua grade` on every Nth input")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names, weights = list(KINDS), [WEIGHTS.get(k, 1.0) for k in KINDS]
    tally, kinds = Tally(), Counter()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lihua-soak-") as scratch:
        root = Path(scratch)
        os.environ["SOAK_HOME"] = str(root / "home")
        for batch_start in range(0, args.count, BATCH_SIZE):
            folder, out = root / f"in-{batch_start:06d}", root / f"out-{batch_start:06d}"
            folder.mkdir()
            expected: dict[bytes, str | None] = {}
            graded_sample: list[bytes] = []
            for index in range(batch_start, min(batch_start + BATCH_SIZE, args.count)):
                kind = rng.choices(names, weights)[0]
                kinds[kind] += 1
                name, content, expectation = KINDS[kind](rng)
                path = write_input(folder, index, kind, name, content)
                expected[path] = expectation
                if index % args.grade_every == 0 and kind not in SPECIAL:
                    graded_sample.append(path)
            soak_batch(folder, expected, out, args.jobs, tally)
            for path in graded_sample:
                soak_grade(path, tally)
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            print(f"  {min(batch_start + BATCH_SIZE, args.count):>6} inputs, {time.monotonic() - started:6.0f} s, "
                  f"problems so far: {sum(tally.problems.values())}", flush=True)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"\ninputs: {args.count} (seed {args.seed}) in {len(kinds)} kinds; {tally.runs} lihua processes; "
          f"{time.monotonic() - started:.0f} s")
    print("per kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for what in ("traceback", "hang", "exit code", "missing report", "not refused", "bad json", "raw escape",
                 "batch output"):
        print(f"{what:>15}: {tally.problems.get(what, 0)}")
    print(f"peak memory of the largest process (a batch worker or a grade): {peak_kib / 1024:.0f} MiB "
          f"(limit {MEMORY_LIMIT / 1024**3:.0f} GiB each)")
    for example in tally.examples:
        print("  " + example)
    return 1 if tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
