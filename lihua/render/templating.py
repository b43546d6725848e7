"""The one Jinja2 environment lihua renders with: sandboxed, strict, and fenced to known folders.

Why so strict: teachers may bring their own templates (`--templates-dir`), and every reply quotes
what a student wrote. So templates load only from lihua's own folder and the teacher's folder,
by names that cannot climb out of them; the sandbox refuses attribute tricks such as
`''.__class__`; `StrictUndefined` turns a typo into an error instead of a silent blank; and
student text only ever arrives as *values*, which Jinja2 prints and never compiles.

A teacher's template is also a program, so every render has a budget (`render_within_budget`):
ranges, loop steps, output, time and nesting are capped, and a template over budget stops with
a `TemplateBudgetError` (a jinja2 `TemplateError`, so callers report it as one line) instead of
hanging a class's batch or filling the memory.
"""

from __future__ import annotations

import operator
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, TemplateError, TemplateNotFound, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

#: A template name: relative, slash-separated segments of letters, digits, '_', '-' and inner dots.
#: No '..', no leading '/', no backslashes or drive letters, so a name can never leave its folder.
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)*")
_HTML_EXTENSIONS = ("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2")

#: One render's budget. A reply is about 1 KB and renders in milliseconds; these are generous
#: ceilings for a teacher's template, far below what would hang a batch or exhaust memory.
MAX_RANGE = 10_000  # numbers in one range(); the sandbox's own cap (100 000) nests into hours
MAX_STEPS = 1_000_000  # range() steps in one render, however the loops nest
MAX_OUTPUT = 1_000_000  # characters of output, and of one string or list built with * or **
MAX_SECONDS = 5.0
_CHECK_EVERY = 1024  # range steps between looks at the clock


class TemplateBudgetError(TemplateError):
    """A template that would run too long, too deep or too large; the message says which limit."""


class TemplateEncodingError(TemplateError):
    """A template file that is not UTF-8 text."""


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


def bundled_template_dirs() -> list[Path]:
    """lihua's own template folders, each beside the code that renders it: `reply/templates`
    (pen-pal replies `reply/…`, model letters `model/…`) and `render/templates` (the HTML report `report/…`)."""
    package = Path(__file__).resolve().parents[1]
    folders = [package / "reply" / "templates", package / "render" / "templates"]
    missing = [str(folder) for folder in folders if not folder.is_dir()]
    if missing:
        raise FileNotFoundError(f"lihua's templates folder is missing ({', '.join(missing)}); reinstall lihua")
    return folders


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
            try:
                source = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise TemplateEncodingError("not UTF-8 text; save the template as UTF-8") from None
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
    roots.extend(bundled_template_dirs())
    env = BudgetedEnvironment(
        loader=FencedLoader(roots),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=_HTML_EXTENSIONS, default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["join_and"] = join_and
    env.filters["capfirst"] = capfirst
    env.globals["range"] = budgeted_range
    return env


class BudgetedEnvironment(SandboxedEnvironment):
    """The sandbox, with `*` and `**` refused where they would build something enormous."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            _check_power(left, right)
            return operator.pow(left, right)
        _check_repeat(left, right)
        return operator.mul(left, right)


def _check_power(base: Any, exponent: Any) -> None:
    whole = isinstance(base, int) and isinstance(exponent, int)
    if whole and exponent > 0 and abs(base) > 1 and base.bit_length() * exponent > MAX_OUTPUT:
        digits = int(base.bit_length() * exponent * 0.30103)  # never str(base): Python refuses huge ones
        raise TemplateBudgetError(f"a power of about {digits} digits is too large a number for a template")


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int) and len(sequence) * count > MAX_OUTPUT:
            raise TemplateBudgetError(f"a text or list repeated {count} times is over the budget of "
                                      f"{MAX_OUTPUT} items")


class _Meter:
    """What the current render has spent: range steps, against the step budget and the clock."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateBudgetError(f"loops ran over {MAX_STEPS} steps; a template needs far fewer")
        if self.steps % _CHECK_EVERY == 0:
            self.check_clock()

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateBudgetError(f"rendering took over {MAX_SECONDS:g} s; a template needs milliseconds")


_METER: ContextVar[_Meter | None] = ContextVar("lihua_template_meter", default=None)


class BudgetedRange:
    """`range()` for templates: at most MAX_RANGE numbers, each step counted against the render."""

    def __init__(self, numbers: range) -> None:
        self._numbers = numbers

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, index: Any) -> Any:
        return self._numbers[index]

    def __contains__(self, value: object) -> bool:
        return value in self._numbers

    def __iter__(self) -> Iterator[int]:
        meter = _METER.get() or _Meter(MAX_SECONDS)
        for number in self._numbers:
            meter.step()
            yield number


def budgeted_range(*args: int) -> BudgetedRange:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateBudgetError(f"range of {len(numbers)} numbers is over the budget of {MAX_RANGE}")
    return BudgetedRange(numbers)


def render_within_budget(template: Template, context: dict[str, Any], *, seconds: float = MAX_SECONDS) -> str:
    """Render `template`, stopping it when it goes over budget (see the MAX_ constants).

    Every failure is a jinja2 TemplateError: a template that divides by zero or recurses
    without end is the teacher's mistake to be told in one line, not a traceback.
    """
    meter = _Meter(seconds)
    token = _METER.set(meter)
    parts: list[str] = []
    size = 0
    try:
        with _alarm(seconds):
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateBudgetError(f"output is over {MAX_OUTPUT} characters; a reply needs a few thousand")
                meter.check_clock()
                parts.append(chunk)
    except TemplateError:
        raise
    except RecursionError:
        raise TemplateBudgetError("macros or includes nest too deeply (a macro that calls itself without end?)") from None
    except Exception as error:  # ZeroDivisionError, TypeError, …: the template's own fault
        raise TemplateError(f"{type(error).__name__}: {error}") from None
    finally:
        _METER.reset(token)
    return "".join(parts)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Stop a render that loops without range() (over a list, nested): a timer signal, where one
    can be used (the main thread on a POSIX system, no timer already running); else a no-op."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        yield
        return

    def over_time(signum: int, frame: Any) -> None:
        raise TemplateBudgetError(f"rendering took over {seconds:g} s; a template needs milliseconds")

    previous = signal.signal(signal.SIGALRM, over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
