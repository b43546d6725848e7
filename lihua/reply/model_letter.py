"""Model letters: a top-band letter for a prompt, rendered from templates and its content points.

Each bundled prompt has its own `templates/model/<prompt-id>.txt.j2`, which sets one sentence
group per content point and includes the shared layout; a prompt without one (a teacher's new
task) gets `model/outline.txt.j2`, an honest outline rather than a weak "model".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTLINE_TEMPLATE = "model/outline.txt.j2"
_FORMAL = re.compile(r"^(Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s|^Sir\b", re.IGNORECASE)
_READER_WORDS = {"he": "you", "she": "you", "him": "you", "his": "your", "her": "your", "your": "my", "you": "I",
                 "yourself": "myself", "himself": "yourself", "herself": "yourself"}


class ModelError(Exception):
    """A model letter cannot be written; the message is one line for the user."""


@dataclass
class ModelLetter:
    text: str
    template: str
    prompt_id: str

    @property
    def is_outline(self) -> bool:
        return self.template.endswith(OUTLINE_TEMPLATE)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "template": self.template, "prompt": self.prompt_id, "outline": self.is_outline}


def model_context(prompt: Any) -> dict[str, Any]:
    """The prompt as plain values for a template (no pydantic objects inside the sandbox)."""
    formal = bool(_FORMAL.match(prompt.recipient))
    return {
        "id": prompt.id,
        "letter_type": prompt.letter_type,
        "exam": prompt.exam,
        "recipient": prompt.recipient,
        "formal": formal,
        "title": prompt.title.en,
        "title_topic": _title_topic(prompt.title.en),
        "opening": prompt.given_opening or f"Dear {prompt.recipient},",
        "closing": prompt.given_closing or ("Yours sincerely,\nLi Hua" if formal else "Yours,\nLi Hua"),
        "word_limit": {"min": prompt.word_limit.min, "max": prompt.word_limit.max},
        "content_points": [
            {"id": p.id, "en": p.en, "zh": p.zh, "keywords": list(p.keywords), "synonyms": list(p.synonyms),
             "en_reader": _to_reader(p.en)}
            for p in prompt.content_points
        ],
        "vocabulary": [{"en": v.en, "zh": v.zh} for v in prompt.vocabulary],
    }


def write_model(prompt: Any, *, templates_dir: str | Path | None = None) -> ModelLetter:
    """The model letter for `prompt`: its own template if there is one, else the outline."""
    from jinja2 import TemplateError, TemplateNotFound

    from lihua.render.templating import (
        cached_environment,
        check_template_name,
        render_within_budget,
        tidy_letter,
    )

    try:
        env = cached_environment(str(templates_dir) if templates_dir is not None else None)
    except FileNotFoundError as error:
        raise ModelError(str(error)) from None
    own = check_template_name(f"model/{prompt.id}.txt.j2")
    try:
        template = env.select_template([own, OUTLINE_TEMPLATE])
        rendered = render_within_budget(template, model_context(prompt))
    except TemplateNotFound as error:
        raise ModelError(f"no model template for '{prompt.id}' ({error.message})") from None
    except TemplateError as error:
        raise ModelError(f"template for '{prompt.id}': {error.message or type(error).__name__}") from None
    name = template.name or own
    return ModelLetter(text=tidy_letter(rendered), template=name, prompt_id=prompt.id)


def _to_reader(point_en: str) -> str:
    """A content point as Li Hua says it to the reader: 'your hope that he will come' → 'my hope that you will come'."""
    return " ".join(_READER_WORDS.get(word.lower(), word) for word in point_en.split())


def _title_topic(title: str) -> str:
    """'Invite Chris to the school sports meeting' → 'the school sports meeting'."""
    match = re.search(r"\b(?:to|for|on|about)\s+(.+)$", title)
    return match.group(1) if match else title[:1].lower() + title[1:]
