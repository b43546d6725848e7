"""Prompt files checked against the prompt schema, each problem pointed at its line.

The line mapping itself is generic (`lihua.io.yaml_lines`, used by rule packs too); what is
prompt-specific — which model a field belongs to, how pydantic's errors read to a teacher — is here.
"""

from __future__ import annotations

from typing import Any

from lihua.io.yaml_lines import Parsed, field_path, line_of


def _model_at(parent: str) -> Any:
    """Which model a field path lands in, to suggest the right spelling of an unknown key.

    The prompt models load here, not at import: rule packs use this module's line mapping too,
    and grading a letter without a prompt should not pay for pydantic.
    """
    from lihua.prompts.schema import Bilingual, ContentPoint, Prompt, VocabItem, WordLimit

    return {"title": Bilingual, "situation": Bilingual, "content_points": ContentPoint,
            "word_limit": WordLimit, "vocabulary": VocabItem}.get(parent, Prompt)


def has_prompt_fields(data: Any) -> bool:
    """False for a mapping none of whose keys is a prompt field: some other file, whose keys are its
    contents (a password file parses as one key per line), so they must not be echoed as "unknown field".
    Anything else is left for `validate` to explain."""
    from lihua.prompts.schema import Prompt

    return not isinstance(data, dict) or any(isinstance(key, str) and key in Prompt.model_fields for key in data)


def validate(parsed: Parsed) -> tuple[Any, list[tuple[int, str, str]]]:
    """The Prompt (None on problems), or the validation problems as (line, field path, message)."""
    data = parsed.data
    if parsed.aliases:  # never validate: nested aliases expand exponentially ("billion laughs")
        return None, []
    if data is None:
        return None, [(1, "(file)", "empty file; expected a prompt (id:, title:, letter_type:, …)")]
    if not isinstance(data, dict):
        return None, [(line_of(parsed.node, ()), "(file)",
                       f"expected a mapping of fields (id:, title:, …), found {_kind(data)}")]
    from pydantic import ValidationError

    from lihua.prompts.schema import Prompt

    try:
        return Prompt.model_validate(data), []
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            problems.append((line_of(parsed.node, loc), field_path(loc), _message(item, loc)))
        return None, sorted(problems, key=lambda p: p[0])


def _kind(value: Any) -> str:
    return {list: "a list", str: "a single text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__)


def _message(item: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    """pydantic's message, reworded where a teacher would not know what it means."""
    kind = item["type"]
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), found {_kind(item.get('input'))}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), found {_kind(item.get('input'))}"
    if kind in ("too_short", "too_long"):
        ctx = item.get("ctx") or {}
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        if bound is not None:
            side = "at least" if kind == "too_short" else "at most"
            return f"needs {side} {bound} item{'s' if bound != 1 else ''}, has {ctx.get('actual_length', '?')}"
    message = str(item["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def _unknown_field(loc: tuple[str | int, ...]) -> str:
    import difflib

    name = str(loc[-1])
    parent = next((str(p) for p in loc[:-1] if isinstance(p, str)), "") if len(loc) > 1 else ""
    model = _model_at(parent)
    known = sorted(model.model_fields)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
    return f"unknown field; {hint}"
