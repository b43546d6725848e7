"""The organisation component: the fitted `organisation` model (linking words, paragraphs; fitted on
ELLIPSE cohesion marks) beside rule-based letter format and register, which no data can teach.

Shares of the component (so the same letter loses the same share on 15 or 25 points), for letters
only (a salutation or a closing, or a task that asks for a letter): salutation missing 15% / wrong
mark (colon, full stop, none) 10%; closing missing 10%; signature missing 15% / not "Li Hua" 10%;
for every text: Chinese punctuation 10% (20% from three marks on); "although … but" 5%; chat words
10% (20% to a teacher or an official). The model's deductions take what is left. Notices (a title
instead of "Dear …") need no salutation or closing, and are signed by whoever gives the notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lihua.findings import Finding
from lihua.scoring.marking import Measured, measure_letter, model_deductions
from lihua.scoring.result import Deduction
from lihua.scoring.words import scoring_words
from lihua.text.letter import WORD_RE, Letter, Part
from lihua.text.sentences import read_body


def organisation_deductions(letter: Letter, prompt: Any, findings: Sequence[Finding], maximum: float,
                            measured: Measured | None = None) -> list[Deduction]:
    """Every organisation deduction for `letter`, in points of a component worth `maximum`."""
    cuts, spent = [], 0.0
    for share, reason, reason_zh, indices in _rule_cuts(letter, prompt, findings):
        spent += share
        cuts.append(Deduction("organisation", reason, reason_zh, share * maximum, findings=indices,
                              rule_ids=sorted({findings[i].rule_id for i in indices})))
    if spent < 1.0:
        measured = measured or measure_letter(letter, findings, None)
        cuts += model_deductions("organisation", "organisation", measured, maximum, budget=1.0 - spent)
    return cuts


def rule_share(letter: Letter, prompt: Any, findings: Sequence[Finding]) -> float:
    """Share of the component the rules (format, "although … but", register) take before the model."""
    return sum(share for share, *_ in _rule_cuts(letter, prompt, findings))


def _rule_cuts(letter: Letter, prompt: Any, findings: Sequence[Finding]) -> Found:
    """The rule-based deductions as shares, together at most the whole component."""
    found = _format(letter, prompt, findings) if is_letter(letter, prompt) else []
    found += _linking(letter, findings) + _register(letter, prompt, findings)
    found += _other_format(findings, {i for *_, cited in found for i in cited})
    out: Found = []
    spent = 0.0
    for share, reason, reason_zh, indices in found:
        share = min(share, 1.0 - spent)
        if share <= 0:
            break
        spent += share
        out.append((share, reason, reason_zh, indices))
    return out


def is_letter(letter: Letter, prompt: Any) -> bool:
    """A letter is marked for its format: it opens or closes as one, or the task asks for one."""
    return prompt is not None or letter.salutation is not None or letter.closing is not None


Found = list[tuple[float, str, str, list[int]]]


def _cited(findings: Sequence[Finding], aspect: str, part: Part | None = None) -> list[int]:
    """Organisation findings that mark `aspect` (their rule's `aspect:`), or any letter-format
    finding inside `part`."""
    return [i for i, f in enumerate(findings) if (f.component == "organisation" and f.aspect == aspect) or (
        part is not None and _is_format(f) and part.start <= f.span.start <= part.end)]


def _is_format(finding: Finding) -> bool:
    """A letter-format finding: a format rule that counts toward organisation (a teacher's too)."""
    return finding.component == "organisation" and finding.category.value == "format"


def _is_register(finding: Finding) -> bool:
    """A register (chat words) finding: a style rule that counts toward organisation."""
    return finding.component == "organisation" and finding.category.value == "style"


def _other_format(findings: Sequence[Finding], cited: set[int]) -> Found:
    """Format findings no deduction above speaks for (a rule lihua's own checks may add later)."""
    out: Found = []
    for i, f in enumerate(findings):
        if _is_format(f) and i not in cited and f.severity.value != "suggestion":
            out.append((0.05, f"Letter format: {f.message}", f"书信格式：{f.message_zh or f.message}", [i]))
    return out[:3]


def _is_notice(prompt: Any) -> bool:
    if prompt is None:
        return False
    opening = (getattr(prompt, "given_opening", None) or "").strip().lower()
    return str(getattr(prompt, "letter_type", "")) == "notice" or bool(opening and not opening.startswith(("dear", "hi", "hello", "to ")))


def _expected_signature(prompt: Any) -> str | None:
    """'li hua' unless the task gives another signer (a notice from the Student Union)."""
    given = (getattr(prompt, "given_closing", None) or "").strip().splitlines() if prompt is not None else []
    last = given[-1].strip() if given else "Li Hua"
    return "li hua" if "li hua" in last.lower() or not _is_notice(prompt) else None


def _format(letter: Letter, prompt: Any, findings: Sequence[Finding]) -> Found:
    out: Found = []
    notice = _is_notice(prompt)
    if not notice:
        cited = _cited(findings, "salutation", part=letter.salutation)
        if letter.salutation is None:
            out.append((0.15, "No salutation: begin with “Dear Chris,”.", "缺少称呼：应以“Dear Chris,”开头。", cited))
        else:
            mark = letter.salutation.text.rstrip()[-1:]
            if mark in (":", "："):
                out.append((0.10, "Colon after the salutation: a letter to a friend or teacher takes a comma (“Dear Chris,”).",
                            "称呼后用了冒号：英文书信称呼后用逗号（Dear Chris,）。", cited))
            elif mark not in (",", "，"):
                out.append((0.10, "The salutation needs a comma after it (“Dear Chris,”).",
                            "称呼后应加逗号（Dear Chris,）。", cited))
        if letter.closing is None:
            out.append((0.10, "No complimentary close: end with “Yours,” or “Best wishes,”.",
                        "缺少结束语：应以“Yours,”或“Best wishes,”结尾。", _cited(findings, "closing")))
    expected = _expected_signature(prompt)
    cited = _cited(findings, "signature", part=letter.signature)
    if letter.signature is None:
        who = "“Li Hua”" if expected else "who gives the notice"
        who_zh = "Li Hua" if expected else "发布通知的单位"
        out.append((0.15, f"No signature: sign {who} on its own line.", f"缺少署名：应另起一行署名 {who_zh}。", cited))
    elif expected and " ".join(WORD_RE.findall(letter.signature.text)).lower() != expected:
        out.append((0.10, f"Signed “{letter.signature.text}”: the exam letter is signed “Li Hua”, never a real name.",
                    f"署名为“{letter.signature.text}”：应署名 Li Hua，不可出现真实姓名。", cited))
    wide = _cited(findings, "punctuation")
    if wide:
        share = 0.20 if len(wide) >= 3 else 0.10
        out.append((share, f"Chinese (full-width) punctuation × {len(wide)}: an English letter uses English marks only.",
                    f"使用中文标点{len(wide)}处：英文书信只用英文标点。", wide))
    return out


_PAIRS = (("although/though … but", "but", re.compile(r"\b(?:al)?though\b[^.!?]*?,\s*(but)\b", re.I)),
          ("because … so", "so", re.compile(r"\bbecause\b[^.!?]*?,\s*(so)\b(?!\s+that)", re.I)))


def _linking(letter: Letter, findings: Sequence[Finding]) -> Found:
    body = read_body(letter)
    counts = scoring_words().linking.counts(body)
    out: Found = []
    for sentence in body.sentences:
        for pair, closer, pattern in _PAIRS:
            match = pattern.search(sentence.text)
            if not match or not counts.get(closer):
                continue
            counts[closer] -= 1  # "Although …, but …": the second linking word is a mistake, not range
            start = sentence.start + match.start(1)
            if not any(f.span.start <= start < max(f.span.end, f.span.start + 1) for f in findings):
                out.append((0.05, f"“{pair}” in one sentence: English uses one linking word, not both.",
                            f"“{pair}”连用：英语中二者只用其一。", []))  # no finding already costs it
    return out


def _register(letter: Letter, prompt: Any, findings: Sequence[Finding]) -> Found:
    """Chat words in a letter: the scoring word list and lihua's register rules, cited once, here."""
    words = scoring_words()
    cited = [i for i, f in enumerate(findings) if _is_register(f)]
    tokens = list(read_body(letter).tokens)
    if letter.salutation is not None:
        first = WORD_RE.findall(letter.salutation.text)[:1]
        tokens += [first[0].lower()] if first and first[0].lower() in ("hey",) else []
    informal = sorted({t for t in tokens if t in words.informal} | {findings[i].text.lower() for i in cited
                                                                    if findings[i].text})
    if not informal:
        return []
    formal = _formal_reader(prompt, letter)
    share = 0.20 if formal else 0.10
    to = " to a teacher or an official" if formal else ""
    return [(share, f"Chat words{to}: {', '.join(informal)}.", f"使用了口语/网络用语：{', '.join(informal)}。", cited)]


def _formal_reader(prompt: Any, letter: Letter) -> bool:
    titles = scoring_words().formal_titles
    recipient = str(getattr(prompt, "recipient", "")) if prompt is not None else ""
    if not recipient and letter.salutation is not None:
        recipient = letter.salutation.text
    first = [w.lower().rstrip(".") for w in WORD_RE.findall(recipient) if w.lower() != "dear"][:1]
    kind = str(getattr(prompt, "letter_type", "")) if prompt is not None else ""
    return bool(first and first[0] in titles) or kind in ("application", "complaint")
