"""The one Jinja2 environment lihua renders with: sandboxed, strict, and fenced to known folders.

Why so strict: teachers may bring their own templates (`--templates-dir`), and every reply quotes
what a student wrote. So templates load only from lihua's own folder and the teacher's folder,
by names that cannot climb out of them; the sandbox refuses attribute tricks such as
`''.__class__`; `StrictUndefined` turns a typo into an error instead of a silent blank; and
student text only ever arrives as *values*, which Jinja2 prints and never compiles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

#: A template name: relative, slash-separated segments of letters, digits, '_', '-' and inner dots.
#: No '..', no leading '/', no backslashes or drive letters, so a name can never leave its folder.
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)*")
_HTML_EXTENSIONS = ("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2")


class TemplateNameError(TemplateNotFound):
    """A template name that could reach outside the template folders: refused, never opened."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"template name {name!r} is refused: use a relative name like "
                               "'reply/invitation-1.txt.j2' (no '..', no absolute paths)")


def check_template_name(name: str) -> str:
    """Return `name` if it is a safe relative template name, else raise `TemplateNameError`."""
    if not isinstance(name, str) or not TEMPLATE_NAME.fullmatch(name) or ".." in name:
        raise TemplateNameError(str(name))
    return name


def bundled_templates_dir() -> Path:
    """lihua's own templates: `lihua/templates` in a wheel, `<repo>/templates` in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("lihua's templates folder is missing; reinstall lihua")


class FencedLoader(BaseLoader):
    """Loads templates by checked name from a teacher folder (first) and lihua's folder.

    A name is checked before any file is touched, and the resolved file must still lie inside
    its root, so neither `../x`, `/etc/passwd` nor a symlink pointing outside can be read.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [Path(root).resolve() for root in roots]

    def get_source(self, environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        check_template_name(template)
        for root in self.roots:
            path = (root / template).resolve()
            if not path.is_relative_to(root) or not path.is_file():
                continue
            source = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime
            return source, str(path), lambda p=path, m=mtime: p.is_file() and p.stat().st_mtime == m
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for root in self.roots:
            for path in root.rglob("*.j2"):
                resolved = path.resolve()
                name = path.relative_to(root).as_posix()
                if resolved.is_relative_to(root) and TEMPLATE_NAME.fullmatch(name):
                    names.add(name)
        return sorted(names)


def make_environment(templates_dir: str | Path | None = None) -> SandboxedEnvironment:
    """A sandboxed, StrictUndefined environment over lihua's templates (+ a teacher folder).

    HTML templates (`*.html.j2`) are autoescaped; text templates are not, because a plain-text
    letter must show "&" as "&".
    """
    roots: list[Path] = []
    if templates_dir is not None:
        folder = Path(templates_dir).expanduser()
        if not folder.is_dir():
            raise FileNotFoundError(f"templates folder '{templates_dir}' does not exist")
        roots.append(folder)
    roots.append(bundled_templates_dir())
    env = SandboxedEnvironment(
        loader=FencedLoader(roots),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=_HTML_EXTENSIONS, default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["join_and"] = join_and
    env.filters["capfirst"] = capfirst
    return env


@lru_cache(maxsize=8)
def cached_environment(templates_dir: str | None = None) -> SandboxedEnvironment:
    """One environment per templates folder per process (compiling templates is the slow part)."""
    return make_environment(templates_dir)


def join_and(items: Iterable[object], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' — how a letter lists things."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def capfirst(text: object) -> str:
    """Upper-case the first letter only (Jinja's `capitalize` would lower-case the rest)."""
    value = str(text)
    return value[:1].upper() + value[1:]


def tidy_letter(text: str) -> str:
    """Rendered template → letter text: one line per paragraph, blank lines between paragraphs.

    Templates wrap long paragraphs over several source lines for readability; here the lines of
    a paragraph are joined. A short block whose first line ends with a comma ("Best wishes," /
    "Chris") is a sign-off and keeps its line breaks.
    """
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    out = []
    for block in blocks:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if 2 <= len(lines) <= 3 and lines[0].endswith(",") and all(len(line) <= 40 for line in lines):
            out.append("\n".join(lines))
        else:
            out.append(re.sub(r"[ \t]{2,}", " ", " ".join(lines)))
    return "\n\n".join(out) + "\n"
