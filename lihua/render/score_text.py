"""The score table under the text report: total, band and descriptor, sub-scores, every point lost.

On a colour terminal it is a rich table; in plain mode (NO_COLOR, a pipe, a file) it is aligned
plain lines that read the same in an e-mail. `lang="zh"` gives Chinese labels and explanations.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

_LABELS = {
    "en": {"score": "Score", "band": "band", "content": "Content", "language": "Language",
           "organisation": "Organisation", "lost": "Points lost", "none": "No points lost.",
           "points": "Content points", "words": "Words", "task": "task", "not_scored": "not scored",
           "at": "at", "band_cut": "Band", "length": "Length", "part": "Part"},
    "zh": {"score": "得分", "band": "档次", "content": "内容", "language": "语言", "organisation": "篇章结构",
           "lost": "扣分", "none": "没有扣分。", "points": "内容要点", "words": "词数", "task": "要求",
           "not_scored": "未评", "at": "位置", "band_cut": "档次", "length": "词数", "part": "部分"},
}


def render_score(score: Any, console: Console, *, lang: str = "en", findings: list | None = None) -> None:
    """Print the score of a Report (`report.score`) to `console`."""
    labels = _LABELS["zh" if lang == "zh" else "en"]
    fancy = console.is_terminal and not console.no_color
    zh = lang == "zh"
    lines = _summary(score, labels, zh)
    if fancy:
        console.print(Text(lines[0], style="bold"))
        console.print(Text(lines[1], style="dim"))  # Text, never markup: reasons may hold [brackets]
        console.print(_table(score, labels, zh, findings or []))
    else:
        for line in lines:
            console.print(line, highlight=False, markup=False, soft_wrap=True)
        console.print()
        for line in _plain_components(score, labels):
            console.print(line, highlight=False, markup=False, soft_wrap=True)
        console.print()
        console.print(f"{labels['lost']}:", highlight=False, markup=False)
        if not score.deductions:
            console.print(f"  {labels['none']}", highlight=False, markup=False)
        for d in score.deductions:
            console.print(f"  -{d.points:.1f}  {_pad(_component(d.component, labels), 13)} {_reason(d, zh)}{_refs(d, findings or [], labels)}",
                          highlight=False, markup=False, soft_wrap=True)
    if score.coverage:
        console.print()
        console.print(f"{labels['points']}:", highlight=False, markup=False)
        for point in score.coverage:
            mark = "✓" if point.covered else "✗"
            what = point.zh if zh else point.en
            evidence = f"  “{_short(point.evidence.text)}”" if point.evidence else ""
            console.print(f"  {mark} {point.id}: {what}{evidence}", highlight=False, markup=False, soft_wrap=True)
    console.print()
    limit = f" ({labels['task']} {score.word_limit[0]}–{score.word_limit[1]})" if score.word_limit else ""
    rule = score.to_dict()["length_rule"]["zh" if zh else "en"]
    console.print(f"{labels['words']}: {score.word_count}{limit}. {rule}", highlight=False, markup=False, soft_wrap=True)
    for note in score.notes:
        console.print(note["zh" if zh else "en"], highlight=False, markup=False, soft_wrap=True)


def _summary(score: Any, labels: dict[str, str], zh: bool) -> list[str]:
    low, high = score.band_range
    band = f"第{score.band}档" if zh else f"{labels['band']} {score.band}"
    span = f" ({low}–{high})" if score.band else ""
    return [f"{labels['score']}: {score.total:g}/{score.scale} · {band}{span}", "  " + score.descriptor["zh" if zh else "en"]]


def _plain_components(score: Any, labels: dict[str, str]) -> list[str]:
    out = []
    for name, component in score.components.items():
        value = f"{component.score:4.1f} / {component.max:g}" if component.scored else labels["not_scored"]
        out.append(f"  {_pad(labels[name], 13)} {value}")
    return out


def _table(score: Any, labels: dict[str, str], zh: bool, findings: list) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(labels["part"])
    table.add_column(labels["score"], justify="right")
    table.add_column(labels["lost"])
    for name, component in score.components.items():
        value = f"{component.score:.1f} / {component.max:g}" if component.scored else labels["not_scored"]
        cuts = [d for d in score.deductions if d.component == name]
        reasons = "\n".join(f"-{d.points:.1f} {_reason(d, zh)}{_refs(d, findings, labels)}" for d in cuts)
        table.add_row(Text(labels[name]), Text(value), Text(reasons or "—"))
    for d in score.deductions:
        if d.component in ("band", "length"):
            table.add_row(Text(_component(d.component, labels)), Text(f"-{d.points:.1f}"), Text(_reason(d, zh) + _refs(d, findings, labels)))
    return table


def _component(name: str, labels: dict[str, str]) -> str:
    return labels.get({"band": "band_cut"}.get(name, name), name)


def _reason(deduction: Any, zh: bool) -> str:
    return deduction.reason_zh if zh and deduction.reason_zh else deduction.reason


def _refs(deduction: Any, findings: list, labels: dict[str, str]) -> str:
    """Where the findings behind a deduction are (line:column), or the content points it names."""
    spots = []
    for index in deduction.findings[:6]:
        if index < len(findings):
            spots.append(f"{findings[index].span.line}:{findings[index].span.column}")
    more = "…" if len(deduction.findings) > 6 else ""
    if spots:
        return f" [{labels['at']} {', '.join(spots)}{more}]"
    if deduction.content_points and deduction.component == "band":
        return f" [{', '.join(deduction.content_points)}]"
    return ""


def _pad(text: str, width: int) -> str:
    """Left-align by display width (a Chinese character takes two columns)."""
    return text + " " * max(0, width - cell_len(text))


def _short(text: str, width: int = 70) -> str:
    """One line: a sentence quoted from a letter typed with line breaks keeps its words, not its breaks."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
