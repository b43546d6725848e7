"""Word wrap for the practice editor: prompt_toolkit wraps a long line at any character ("a big f" /
"ish"); this processor pads the end of a screen row so that a word that would not fit starts the
next row instead. Only the display changes: the student's text, the draft and the cursor keys
work on the text as typed.

`wrap_padding` is the plain rule (testable without a terminal); `WordWrap` applies it to what
prompt_toolkit draws. Loaded only by `lihua practice`, so prompt_toolkit stays off `--help`.
"""

from __future__ import annotations

from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.utils import get_cwidth


def _tokens(text: str) -> list[tuple[int, int]]:
    """[start, end) of each unit that must not be split: a run of non-space, narrow characters (a
    word with its punctuation); each wide character (Chinese) and each space on its own."""
    tokens: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        j = i + 1
        if not text[i].isspace() and get_cwidth(text[i]) < 2:
            while j < len(text) and not text[j].isspace() and get_cwidth(text[j]) < 2:
                j += 1
        tokens.append((i, j))
        i = j
    return tokens


def wrap_padding(text: str, width: int) -> dict[int, int]:
    """{index: spaces to show before text[index]} so that no word of `text` crosses a row `width` wide.

    The columns are counted the way prompt_toolkit wraps (a character that does not fit goes to the
    next row); a word wider than a whole row is left to wrap where it must.
    """
    padding: dict[int, int] = {}
    if width < 1:
        return padding
    column = 0
    for start, end in _tokens(text):
        word = sum(get_cwidth(c) for c in text[start:end])
        if column and column + word > width and word <= width and not text[start].isspace():
            padding[start] = width - column
            column = 0
        for char in text[start:end]:
            w = get_cwidth(char)
            if column + w > width:
                column = 0
            column += w
    return padding


class WordWrap(Processor):
    """A prompt_toolkit input processor: wrap the buffer's lines at word boundaries."""

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        fragments = explode_text_fragments(ti.fragments)
        text = "".join(fragment[1] for fragment in fragments)
        padding = wrap_padding(text, ti.width)
        if not padding:
            return Transformation(ti.fragments)
        shown = []
        shift = [0] * (len(text) + 1)  # display position of each source position
        added = 0
        for i, fragment in enumerate(fragments):
            if i in padding:
                shown.append((fragment[0], " " * padding[i]))
                added += padding[i]
            shift[i] = i + added
            shown.append(fragment)
        shift[len(text)] = len(text) + added
        back: list[int] = []
        for i in range(len(text)):
            back.extend([i] * (shift[i] - len(back)))  # padding maps to the character after it
            back.append(i)
        back.append(len(text))

        def to_display(i: int) -> int:
            return shift[min(max(i, 0), len(text))] + max(0, i - len(text))

        def to_source(i: int) -> int:
            return back[i] if 0 <= i < len(back) else i - added

        return Transformation(shown, to_display, to_source)
