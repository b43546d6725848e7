"""The typed result of writing a reply: `Reply`, and its one JSON shape.

Kept apart from the writer so that the Report and the renderers can name it without loading the
writer (Jinja2, the letter readers). `lihua reply --format json`, `lihua grade --reply` and
`lihua batch` all write `Reply.to_dict()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lihua.text.glossary import Term


@dataclass
class Reply:
    """The pen pal's letter and how it was made."""

    text: str
    template: str
    letter_type: str
    signer: str
    terms: list[Term] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "template": self.template, "letter_type": self.letter_type,
                "signer": self.signer, "terms": [term.to_dict() for term in self.terms]}
