"""The plain text report's ^ marks stand under the letters they mean, on the screen a reader has:
Chinese characters take two columns, accents none, tabs run to the next stop, long lines are cut
into rows that each carry their own marks."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from tests.support import run_lihua

TOM = "Dear Tom,\n\n{line}\n\nYours,\nLi Hua\n"


def report_lines(path: Path, *, columns: int = 200) -> list[str]:
    done = run_lihua("grade", str(path), env={"COLUMNS": str(columns)})
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8").splitlines()


def findings_of(path: Path) -> list[dict]:
    return json.loads(run_lihua("grade", str(path), "--format", "json").stdout)["findings"]


def columns_of(text: str) -> int:
    """Display width, reckoned independently of lihua: wide/full-width 2, combining 0, else 1."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_marks_under_chinese_characters_count_two_columns_each(tmp_path: Path) -> None:
    letter = tmp_path / "zh.txt"
    letter.write_text(TOM.format(line="我们 He go to school."), encoding="utf-8")
    assert {f["text"] for f in findings_of(letter)} >= {"我们", "go"}
    lines = report_lines(letter)
    row = lines.index("我们 He go to school.")
    # 我们 fills columns 0-3 (two each), " He " 4-7, so "go" is at columns 8-9
    assert lines[row + 1] == "^^^^    ^^"


def test_a_combining_accent_takes_no_column(tmp_path: Path) -> None:
    line = "Rene\u0301e say: He go to school."
    letter = tmp_path / "accent.txt"
    letter.write_text(TOM.format(line=line), encoding="utf-8")
    lines = report_lines(letter)
    marks = lines[lines.index(line) + 1]
    go = line.index(" go ") + 1
    assert marks.index("^") == columns_of(line[:go]) == go - 1  # one code point fewer than characters before it
    assert marks.strip() == "^^"


def test_a_long_line_is_cut_into_rows_each_with_its_own_marks(tmp_path: Path) -> None:
    body = ("I'm Li Hua, your pen pal from Beijing, and I want to tell you about our festival. "
            "My brother go to the river with me, and we watch the boats. 我们 He go to school by bike.")
    letter = tmp_path / "long.txt"
    letter.write_text(TOM.format(line=body), encoding="utf-8")
    flagged = {f["text"] for f in findings_of(letter) if f["span"]["line"] == 3}
    assert {"go", "我们"} <= flagged
    width = 40
    lines = report_lines(letter, columns=width)
    start = lines.index("Dear Tom,") + 2
    end = lines.index("Yours,") - 1
    rows, marked_words = [], []
    for i in range(start, end):
        if set(lines[i]) <= {"^", " "} and "^" in lines[i]:
            text_row, marks = lines[i - 1], lines[i]
            assert columns_of(marks) <= columns_of(text_row) + 1
            # each run of ^ sits exactly under one flagged word of the row above it
            column_to_index, column = {}, 0
            for index, char in enumerate(text_row):
                for _ in range(columns_of(char)):
                    column_to_index[column] = index
                    column += 1
            for run_start, run_end in _runs(marks):
                marked_words.append(text_row[column_to_index[run_start] : column_to_index[run_end - 1] + 1])
        else:
            rows.append(lines[i])
    assert all(columns_of(row) <= width for row in rows), rows
    assert "".join(rows) == body, "the rows are the line, cut at spaces"
    assert all(row.endswith(" ") for row in rows[:-1]), "cut at word boundaries"
    assert set(marked_words) == flagged


def _runs(marks: str) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, char in enumerate(marks + " "):
        if char == "^" and start is None:
            start = i
        elif char != "^" and start is not None:
            runs.append((start, i))
            start = None
    return runs


def test_the_practice_editor_pads_rows_so_words_and_chinese_text_never_split() -> None:
    from lihua.practice.editor_wrap import wrap_padding

    width = 12
    for text in ("I want to invite you to eat a big fish with us", "我们 will eat 粽子 and 月饼 together, okay?"):
        padding = wrap_padding(text, width)
        shown = "".join(" " * padding.get(i, 0) + c for i, c in enumerate(text))
        rows, row = [], ""
        for char in shown:  # cut the way the terminal wraps: a character that does not fit starts a row
            if columns_of(row + char) > width:
                rows.append(row)
                row = ""
            row += char
        rows.append(row)
        assert " ".join(rows).split() == text.split(), rows
