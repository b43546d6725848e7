"""The pen pal writes back: Li Hua's letter (+ its prompt) → a context of plain values → a template.

In January 2025 Americans arriving on RedNote began answering the "Dear Li Hua" letters Chinese
students posted; `lihua reply` is that answer. The template is chosen by letter type and seed
from `templates/reply/<type>-<n>.txt.j2` (a teacher's `--templates-dir` may add or replace
variants). The student's text reaches the template only as values, so `{{ 7*7 }}` in a letter is
printed as written, never run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lihua.reply.answers import (
    Question,
    accepts_invitation,
    advice_tips,
    answer_question,
    invitation_answer,
    is_suggestion,
    reason_sentence,
    thanked_for,
)
from lihua.reply.context import (
    detect_letter_type,
    find_invitation,
    find_place,
    find_time,
    flagged_sentences,
    is_formal,
    is_name,
    points_covered,
    recipient_from_salutation,
    split_sentences,
    tells_own_achievement,
    things_to_bring,
)
from lihua.reply.result import Reply
from lihua.text.glossary import Term, find_terms
from lihua.text.letter import parse_letter
from lihua.text.word_classes import word_list

_SMALL_TALK = word_list("small_talk_starts")

WRITER = "Li Hua"
_FALLBACK_TIMES = ("this Saturday at 3 p.m.", "next Sunday morning", "Friday evening after school", "this Saturday afternoon")
_TRIP_TIMES = ("next summer", "the summer holiday", "the winter vacation")  # a visit to China is not for this Saturday
_VARIANT = re.compile(r"reply/(?P<type>[a-z]+)-(?P<n>\d+)\.txt\.j2")
_TELLABLE = re.compile(r"^(what|how|why|when|where|the|who)\b", re.IGNORECASE)
_SPEECH_ACT = re.compile(r"\b(invitation|invite|thanks|thank|congratulations|apolog\w*|sorry|request|hope|wishes)\b", re.IGNORECASE)
_FESTIVAL = re.compile(r"\b(?:[Tt]he )?((?:[A-Z][a-z]+[- ]){1,2}Festival)\b")
_THIRD_TO_FIRST = {"he": "I", "she": "I", "him": "me", "his": "my", "her": "my", "himself": "myself", "herself": "myself"}
_MAX_QUESTIONS = 3
_FORMAL_TYPES = ("application", "consultation", "complaint")
_UNNAMED_SIGNER = {"application": "The Selection Team", "complaint": "The Customer Service Team",
                   "notice": "An exchange student", "consultation": "The Programme Office"}


class ReplyError(Exception):
    """A reply cannot be written (missing or broken template); the message is one line for the user."""


def default_seed(text: str) -> int:
    """A seed from the letter itself: the same letter always gets the same reply."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)


def build_context(text: str, *, prompt: Any = None, seed: int = 0,
                  flagged_spans: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
    """Everything a reply template may use, as plain strings, lists and dicts.

    `flagged_spans` are (start, end) offsets of mistakes the grader found: the pen pal does not
    quote those sentences back as if they were model English.
    """
    letter = parse_letter(text)
    body = letter.body_text or text
    sentences = split_sentences(body)
    flagged = flagged_sentences(text, sentences, flagged_spans)
    quotable = [s for s in sentences if s not in flagged]
    letter_type = getattr(prompt, "letter_type", None) or detect_letter_type(body)
    signer = recipient_from_salutation(letter.salutation.text if letter.salutation else None)
    if signer is None and prompt is not None and is_name(str(prompt.recipient)):
        signer = str(prompt.recipient)
    named_time = find_time(body)
    invitation = find_invitation(sentences)
    fallbacks = _TRIP_TIMES if invitation and invitation["trip"] else _FALLBACK_TIMES
    time_phrase = named_time or _festival_time(body) or fallbacks[seed % len(fallbacks)]
    formal = is_formal(signer) or (signer is None and letter_type in _FORMAL_TYPES)
    asked = [q for q in sentences if q.endswith(("?", "？")) and len(q.split()) <= 30 and not is_suggestion(q)]
    time_noun = _time_noun(time_phrase)
    if invitation:
        if invitation["sentence"] in flagged:  # the student's words with a mistake are not echoed back
            invitation["activity"] = None
        invitation["doing"] = _without_time(invitation["activity"], named_time)
        invitation["asked"] = any(accepts_invitation(q) for q in asked[:_MAX_QUESTIONS])
        invitation["answer"] = invitation_answer(invitation["doing"], formal=formal, trip=invitation["trip"],
                                                 when=time_noun if named_time else None)
    # an invitation in a letter of another kind is accepted in the answer to its question, naming what
    doing = invitation["doing"] if invitation and letter_type != "invitation" else None
    questions = [Question(q, answer_question(q, time_noun, index=i, formal=formal, accepting=doing))
                 for i, q in enumerate(asked[:_MAX_QUESTIONS])]
    terms = find_terms(text)
    covered = points_covered(text, prompt)
    tips = advice_tips(quotable)
    thanks = thanked_for(sentences)
    return {
        "writer": WRITER,
        "signer": signer or _UNNAMED_SIGNER.get(letter_type, "Your pen pal"),
        "has_name": signer is not None,
        "formal": formal,
        "letter_type": letter_type,
        "prompt": _prompt_values(prompt),
        "points": covered,
        "told": _told_about(covered),
        "terms": [term.to_dict() for term in terms],
        "questions": [question.to_dict() for question in questions],
        "invitation": invitation,
        "own_achievement": tells_own_achievement(sentences),
        "time": {"phrase": time_phrase, "noun": time_noun,
                 "from_letter": named_time is not None, "place": find_place(body) if named_time else None},
        "tips": tips,
        "tip": tips[seed % len(tips)] if tips else None,
        "thanked_for": thanks,
        "thanked_for_action": bool(thanks and thanks.split()[0].endswith("ing")),
        "highlight": _highlight(quotable, terms, covered),
        "reason": reason_sentence(quotable),
        "bring": things_to_bring(sentences),
        "seed": seed,
    }


def reply_variants(env: Any, letter_type: str) -> list[str]:
    """Template names for a letter type, in number order; the generic ones when a type has none."""
    found: dict[str, list[tuple[int, str]]] = {}
    for name in env.loader.list_templates():
        match = _VARIANT.fullmatch(name)
        if match:
            found.setdefault(match.group("type"), []).append((int(match.group("n")), name))
    chosen = found.get(letter_type) or found.get("generic") or []
    return [name for _, name in sorted(chosen)]


def write_reply(text: str, *, prompt: Any = None, seed: int | None = None,
                templates_dir: str | Path | None = None, flagged_spans: Sequence[tuple[int, int]] = ()) -> Reply:
    """The pen pal's reply to `text`: same letter and seed → same reply."""
    from jinja2 import TemplateError

    from lihua.render.templating import cached_environment, render_within_budget, tidy_letter

    seed = default_seed(text) if seed is None else seed
    context = build_context(text, prompt=prompt, seed=seed, flagged_spans=flagged_spans)
    try:
        env = cached_environment(str(templates_dir) if templates_dir is not None else None)
    except FileNotFoundError as error:
        raise ReplyError(str(error)) from None
    variants = reply_variants(env, context["letter_type"])
    if not variants:
        raise ReplyError(f"no reply template for '{context['letter_type']}' and no generic one; check the templates folder")
    name = variants[seed % len(variants)]
    try:
        rendered = render_within_budget(env.get_template(name), context)
    except TemplateError as error:
        raise ReplyError(f"template {name}: {error.message or type(error).__name__}") from None
    return Reply(text=tidy_letter(rendered), template=name, letter_type=context["letter_type"],
                 signer=context["signer"], terms=find_terms(text))


def _prompt_values(prompt: Any) -> dict[str, Any] | None:
    if prompt is None:
        return None
    return {"id": prompt.id, "title": prompt.title.en, "recipient": prompt.recipient, "situation": prompt.situation.en}


def _told_about(points: list[dict[str, Any]]) -> list[str]:
    """Covered points the pen pal can thank Li Hua for telling: 'what you will do there'.

    The prompt speaks of the pen pal in the third person ("how he has improved"); the pen pal
    says "how I have improved". At most two, and only one when a point already has an "and".
    """
    told = []
    for point in points:
        if point["covered"] and _TELLABLE.match(point["en"]) and not _SPEECH_ACT.search(point["en"]):
            phrase = " ".join(_THIRD_TO_FIRST.get(word, word) for word in point["en"].split())
            phrase = re.sub(r"\bI (has|is|does)\b", lambda m: "I " + {"has": "have", "is": "am", "does": "do"}[m.group(1)], phrase)
            phrase = re.sub(r"\byou (shared|met|had|spent)\b", r"we \1", phrase)
            told.append(f"about {phrase}" if phrase.lower().startswith("the ") else phrase)
    if len(told) >= 2 and (" and " in told[0] or " and " in told[1] or "," in told[0] + told[1]):
        return told[:1]
    return told[:2]


def _without_time(activity: str | None, time: str | None) -> str | None:
    """'visit China next summer' → 'visit China' when the reply names 'next summer' on its own."""
    if not activity or not time:
        return activity
    trimmed = re.sub(rf"\s*\b{re.escape(time)}\b", "", activity, flags=re.IGNORECASE).strip(" ,")
    return trimmed or activity


def _time_noun(phrase: str) -> str:
    """'on Friday' → 'Friday', 'during the summer holiday' → 'the summer holiday': a subject for 'suits me'."""
    return re.sub(r"^(?:on|at|in|during|over) ", "", phrase)


def _festival_time(text: str) -> str | None:
    """No time given, but a festival named: the pen pal offers to come the day before it."""
    match = _FESTIVAL.search(text)
    return f"the day before the {match.group(1)}" if match else None


def _highlight(sentences: list[str], terms: list[Term], points: list[dict[str, Any]]) -> str | None:
    """The sentence a pen pal would quote back: the one richest in Chinese things and task words."""
    keywords = [re.compile(rf"(?<![A-Za-z]){re.escape(word)}", re.IGNORECASE) for p in points for word in p["used"]]
    best, best_score = None, 0
    for sentence in sentences:
        if sentence.endswith(("?", "？")) or len(sentence.split()) > 30 or _is_small_talk(sentence):
            continue
        score = 2 * sum(term.zh in sentence or term.written.lower() in sentence.lower() for term in terms)
        score += sum(1 for pattern in keywords if pattern.search(sentence))
        if score > best_score:
            best, best_score = sentence, score
    return best


def _is_small_talk(sentence: str) -> bool:
    lowered = sentence.lower()
    return lowered.startswith(_SMALL_TALK) or bool(
        re.search(r"\b(you asked me|let me introduce|let me tell you)\b", lowered))


__all__ = ["Reply", "ReplyError", "build_context", "default_seed", "reply_variants", "write_reply"]
