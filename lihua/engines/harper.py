"""Harper (harper-py), the embedded default engine: offline, in-process, milliseconds a letter.

- One `Linter` per process, built once (about 0.7 s) and reused; `prewarm()` starts building it
  on a background thread (construction releases the GIL) while the CLI imports everything else.
- Long text is linted in chunks of at most ~4 000 characters cut at paragraph or sentence ends,
  so cost stays linear; a letter is one call (each call has a fixed cost).
- Harper's Rust code prints debug lines straight to file descriptor 1 for some rules; every call
  runs with fd 1 pointed at /dev/null so `--format json` output stays clean.
- Spelling findings on Chinese names and pinyin (Li Hua, zongzi, zòngzi, Qingming…) are dropped, and so
  are British spellings: a gaokao letter may use either.
- A suggestion with a word no student should be told to write (rare: 'bests', 'jihadi') is dropped;
  a finding whose only point was such a word goes with it (spelling findings stay, without the fix).
- Findings inside a fixed English name that keeps an old place name (Peking duck, Peking Opera:
  known_words.yaml fixed_names) are dropped; "Peking" alone is still told it is now Beijing.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache

from lihua.checks import lexicon
from lihua.findings import Category, Finding, Severity, Source, Span
from lihua.text.names import has_tone_marks, is_chinese_name_or_pinyin, pinyin_split, pinyin_syllables

# Rules that are not errors in a gaokao letter.
_DISABLED_RULES = {
    "OxfordComma": False,
    "NoOxfordComma": False,
    "UseEllipsisCharacter": False,
    "Dashes": False,
    "SpelledNumbers": False,
}

_KIND = {
    "Spelling": (Category.SPELLING, Severity.ERROR),
    "Agreement": (Category.GRAMMAR, Severity.ERROR),
    "Grammar": (Category.GRAMMAR, Severity.ERROR),
    "Miscellaneous": (Category.GRAMMAR, Severity.WARNING),
    "Capitalization": (Category.GRAMMAR, Severity.ERROR),
    "Punctuation": (Category.PUNCTUATION, Severity.WARNING),
    "Formatting": (Category.PUNCTUATION, Severity.SUGGESTION),
    "WordChoice": (Category.WORD_CHOICE, Severity.WARNING),
    "Usage": (Category.WORD_CHOICE, Severity.WARNING),
    "Eggcorn": (Category.WORD_CHOICE, Severity.ERROR),
    "Malapropism": (Category.WORD_CHOICE, Severity.ERROR),
    "Typo": (Category.SPELLING, Severity.ERROR),
    "Repetition": (Category.GRAMMAR, Severity.WARNING),
    "Redundancy": (Category.STYLE, Severity.SUGGESTION),
    "Style": (Category.STYLE, Severity.SUGGESTION),
    "Readability": (Category.STYLE, Severity.SUGGESTION),
    "Enhancement": (Category.STYLE, Severity.SUGGESTION),
    "BoundaryError": (Category.GRAMMAR, Severity.WARNING),
    "Nonstandard": (Category.WORD_CHOICE, Severity.WARNING),
    "Regionalism": (Category.WORD_CHOICE, Severity.SUGGESTION),
}

# British spelling → American candidates (suffix rewrites). If Harper's American dictionary
# knows a candidate, the British form is a spelling, not a mistake.
_BRITISH_SUFFIXES = (
    ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourite", "orite"),
    ("ourites", "orites"), ("ourful", "orful"),
    ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
    ("isation", "ization"), ("isations", "izations"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("tre", "ter"), ("tres", "ters"), ("bre", "ber"),
    ("ogue", "og"), ("ogues", "ogs"),
    ("ence", "ense"), ("ences", "enses"),
    ("ise", "ice"), ("ised", "iced"), ("ising", "icing"), ("ises", "ices"),
    ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llers", "lers"),
    ("mme", "m"), ("mmes", "ms"), ("ey", "ay"), ("eys", "ays"),
    ("gement", "gment"), ("ae", "e"), ("oe", "e"), ("ourhood", "orhood"), ("ourhoods", "orhoods"),
    ("ourable", "orable"), ("ourite", "orite"), ("ours", "ors"),
)
# "a.m" without its last dot is still the abbreviation: a punctuation hint (rule learner.punctuation.
# abbreviation-dot), never a misspelling of "a."
_ABBREVIATION = re.compile(r"\b(?:(?:[ap]\.m|e\.g|i\.e)(?:\.|(?!\w))|etc\.|Mr\.|Mrs\.|Ms\.|Dr\.|No\.)", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"(?:\r?\n|\r)[ \t\u3000]*(?:\r?\n|\r)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z]+")
# Seconds of Harper per letter: a letter takes milliseconds, a 1 MB text tens of seconds; past the
# budget (checked between chunks) the rest of the text is left unlinted and the report says so.
TIME_BUDGET_SECONDS = 20.0
_MAX_CHUNK = 4000  # characters; Harper's cost per character is flat up to ~9 000
# Harper's spelling suggester costs memory with the square of a word's length (1 000 letters: 550 MB,
# 10 000: 5 GB), so longer words are not sent to it: each is one finding of its own.
MAX_WORD = 40  # letters; "antidisestablishmentarianism" has 28
_WORD_RUN = re.compile(r"(?:[^\W_]|['’])+")  # what Harper reads as one word: letters, digits, apostrophes


class _LinterHolder:
    """Builds the one Linter of this process, possibly ahead of time on a thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._linter = None
        self._thread: threading.Thread | None = None

    def prewarm(self) -> None:
        with self._lock:
            if self._linter is None and self._thread is None:
                self._thread = threading.Thread(target=self._build, daemon=True)
                self._thread.start()

    def _build(self) -> None:
        from harper import Linter

        linter = Linter()
        config = linter.get_lint_config()
        config.update(_DISABLED_RULES)
        linter.set_lint_config(config)
        self._linter = linter

    def get(self):
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()
        if self._linter is None:
            with self._lock:
                if self._linter is None:
                    self._build()
        return self._linter


_HOLDER = _LinterHolder()


def prewarm() -> None:
    """Start building the Linter on a background thread; `check` waits for it."""
    _HOLDER.prewarm()


@contextmanager
def _quiet_fd1() -> Iterator[None]:
    """Send anything written to file descriptor 1 (Harper's Rust debug prints) to /dev/null."""
    with suppress(AttributeError, ValueError):
        sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no fd 1 (e.g. closed stdout): nothing to protect
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _after_abbreviation(chunk: str, start: int) -> bool:
    before = chunk[max(0, start - 12):start]
    return any(m.end() == len(before.rstrip()) for m in _ABBREVIATION.finditer(before))


def paragraph_chunks(text: str) -> list[tuple[int, str]]:
    """Split text at blank lines into (offset, paragraph) pairs."""
    chunks, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            chunks.append((start, text[start : match.start()]))
        start = match.end()
    if start < len(text):
        chunks.append((start, text[start:]))
    return chunks


def lint_chunks(text: str, max_chars: int = _MAX_CHUNK) -> list[tuple[int, str]]:
    """(offset, chunk) pairs of at most about `max_chars`, cut only at paragraph or sentence ends.

    Each Harper call has a fixed cost (about 0.5 ms), so a letter is linted in one call; long
    input is cut into bounded chunks so the total cost grows linearly with its length.
    """
    if len(text) <= max_chars:
        return [(0, text)] if text.strip() else []
    pieces: list[tuple[int, int]] = []
    for offset, paragraph in paragraph_chunks(text):
        if len(paragraph) <= max_chars:
            pieces.append((offset, offset + len(paragraph)))
            continue
        sentence_start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            if match.end() - sentence_start >= max_chars // 2:
                pieces.append((offset + sentence_start, offset + match.start()))
                sentence_start = match.end()
        pieces.append((offset + sentence_start, offset + len(paragraph)))
    chunks: list[tuple[int, int]] = []
    for start, end in _bounded(text, pieces, max_chars):
        if chunks and end - chunks[-1][0] <= max_chars:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    return [(start, text[start:end]) for start, end in chunks if text[start:end].strip()]


def _bounded(text: str, pieces: list[tuple[int, int]], max_chars: int) -> Iterator[tuple[int, int]]:
    """The pieces, a piece with no sentence end for `max_chars` cut at its last space (else anywhere)."""
    for start, end in pieces:
        while end - start > max_chars:
            cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
            cut = cut if cut > start else start + max_chars
            yield start, cut
            start = cut
        yield start, end


def mask_long_words(text: str, max_word: int = MAX_WORD) -> tuple[str, list[tuple[int, int]]]:
    """The text with every word longer than `max_word` blanked out (offsets kept), and their spans.

    Only words with a Latin letter are reported: a run of Chinese characters costs Harper nothing.
    """
    long_words = [m.span() for m in _WORD_RUN.finditer(text) if m.end() - m.start() > max_word]
    if not long_words:
        return text, []
    pieces, last = [], 0
    for start, end in long_words:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    reported = [(start, end) for start, end in long_words if any(c.isascii() and c.isalpha() for c in text[start:end])]
    return "".join(pieces), reported


def _long_word_finding(start: int, end: int) -> Finding:
    return Finding(
        rule_id="harper.LongWord", source=Source.HARPER, category=Category.SPELLING, severity=Severity.ERROR,
        message=f"A word of {end - start} letters is not a word (over {MAX_WORD}); check for missing spaces. "
                "Harper did not check it.",
        span=Span(start, end))


class HarperEngine:
    """lihua's view of Harper: findings with lihua categories, names and British spelling allowed."""

    name = "harper"

    def __init__(self) -> None:
        self.notices: list[str] = []

    def take_notices(self) -> list[str]:
        """Notices for the report (a letter cut short by the time budget), each given once."""
        notices, self.notices = self.notices, []
        return notices

    def check(self, text: str, *, names: Collection[str] = (),
              budget_seconds: float = TIME_BUDGET_SECONDS) -> list[Finding]:
        """Harper's findings, chunk by chunk; past `budget_seconds` the rest goes unlinted, with a notice."""
        from harper import Language

        pinyin_syllables()  # one-time table load; runs while a prewarming Linter build finishes
        linter = _HOLDER.get()
        text, long_words = mask_long_words(text)
        findings: list[Finding] = [_long_word_finding(start, end) for start, end in long_words]
        deadline = time.monotonic() + budget_seconds
        with _quiet_fd1():
            for index, (offset, chunk) in enumerate(lint_chunks(text)):
                if index and time.monotonic() > deadline:
                    self.notices.append(
                        f"the letter took Harper over its {budget_seconds:g} s budget: characters {offset + 1:,} to "
                        f"{len(text):,} of {len(text):,} were not checked by Harper (lihua's own rules checked all)")
                    break
                abbreviations = [m.span() for m in _ABBREVIATION.finditer(chunk)]
                fixed_names = [m.span() for m in _fixed_names().finditer(chunk)]  # once a chunk, not once a lint
                # dedup=False: Harper would drop every lint inside a longer one (a ~40-word sentence's
                # "long sentence" lint hid each error in it); lihua's merge decides what overlaps.
                for lint in linter.lint(chunk, language=Language.PLAINTEXT, dedup=False):
                    if any(a <= lint.span.start and lint.span.end <= b for a, b in abbreviations):
                        continue  # "8 a.m." is not a wrong article; Harper reads the "a" alone
                    if lint.lint_kind == "Capitalization" and _after_abbreviation(chunk, lint.span.start):
                        continue  # "Dear Mr. and Mrs. Brown": no sentence ended at "Mr."
                    if any(a <= lint.span.start and lint.span.end <= b for a, b in fixed_names):
                        continue  # "Peking duck" is the dish's English name, not the city's old one
                    if lint.lint_kind == "WordChoice" and _to_before_a_verb(chunk, lint):
                        continue  # "the things I learned will help": the clause ends at "learned"
                    if _misread(chunk, lint):
                        continue
                    finding = self._to_finding(lint, offset, names, linter)
                    if finding is not None:
                        findings.append(finding)
        return findings

    def _to_finding(self, lint, offset: int, names: Collection[str], linter) -> Finding | None:
        kind = lint.lint_kind
        word = lint.problem_text
        if kind in ("Spelling", "Typo") and (
            _is_pinyin_not_typo(word, names, lint) or _is_known_word(word)
            or (kind == "Spelling" and _is_british_spelling(word, linter))
        ):
            return None  # Typo: Harper also splits pinyin ("tangyuan" → "tang yuan")
        if kind == "WordChoice" and word.lower() in _open_compounds():
            return None  # "head teacher" → "headteacher": the open compound is British usage too
        if not word.isascii() and not any(c.isascii() and c.isalpha() for c in word):
            return None  # Harper has nothing useful to say about Chinese text; lihua's checks do
        category, severity = _KIND.get(kind, (Category.GRAMMAR, Severity.WARNING))
        offered = tuple(dict.fromkeys(s.replacement_text for s in lint.suggestions if s.replacement_text))
        replacements = tuple(s for s in offered if _fit_to_suggest(s, word))[:5]
        if offered and not replacements and kind not in ("Spelling", "Typo"):
            return None  # its point was a rare word: "one of the best" → "bests", "a stone wall" → "stonewall"
        return Finding(
            rule_id=f"harper.{kind}",
            source=Source.HARPER,
            category=category,
            severity=severity,
            message=lint.message,
            span=Span(offset + lint.span.start, offset + lint.span.end),
            replacements=replacements,
        )


@lru_cache(maxsize=1)
def _finite_next() -> re.Pattern[str]:
    """A finite auxiliary or modal next (lihua/data/word_classes.yaml); not "do" ("want do" lacks its
    "to") nor "am"."""
    from lihua.text.word_classes import word_class

    words = sorted(word_class("finite_auxiliaries") - {"do", "am"})
    return re.compile(r"\s+(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _to_before_a_verb(chunk: str, lint) -> bool:
    """Harper asks for 'to' after a verb ("want sell" → "want to sell") even where a finite verb
    follows: then the verb closes a clause that is the subject's ("what he wants will be")."""
    inserts_to = [s for s in lint.suggestions if s.replacement_text.strip() == "to"]
    return bool(inserts_to) and len(inserts_to) == len(lint.suggestions) and bool(
        _finite_next().match(chunk, lint.span.end))


_MODAL_BEFORE = re.compile(r"\b(?:can|could|will|would|should|may|might|must)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_MONTH_AFTER_DAY = re.compile(r"\d\s*(?:st|nd|rd|th)?\s*$")


def _misread(chunk: str, lint) -> bool:
    """Lints of a word Harper read as another (or of a British word): "she learnt" (the British past),
    "18 May" (the month, taken for the modal), "thanks for your kind help" ("your" before an adjective
    and its noun, taken for "you're" before a predicate adjective)."""
    word = lint.problem_text
    if lint.lint_kind == "Agreement" and lexicon.is_participle_too(word):
        return True
    if lint.lint_kind == "WordChoice" and "the noun should be" in lint.message and _MODAL_BEFORE.search(
            chunk[max(0, lint.span.start - 30):lint.span.start]):
        return True  # "I could hard believe": after a modal the word is a verb, whatever the slip before it
    if word == "May" and _MONTH_AFTER_DAY.search(chunk[:lint.span.start]):
        return True
    if word.lower() == "every one" and re.match(r"\s+of\b", chunk[lint.span.end:]):
        return True  # "every one of us": each single one, not "everyone"
    if lint.lint_kind == "Regionalism":
        return True  # "tyre", "lorry", "flat": British words are right in a British-taught letter
    if word.lower() == "your" and any(s.replacement_text.lower() in {"you're", "you’re"} for s in lint.suggestions):
        following = re.findall(r"[A-Za-z]+", chunk[lint.span.end:lint.span.end + 40])[:2]
        return len(following) == 2 and lexicon.is_adjective(following[0]) and lexicon.is_noun(following[1]) and not (
            lexicon.is_adverb(following[1]) or lexicon.verb_tags(following[1]) & {"VBD", "VBN", "VBZ"})
    return False


def _fit_to_suggest(suggestion: str, flagged: str) -> bool:
    """Every word of a suggestion is one a student may write: the student's own, a word lihua's data
    knows (zongzi, WeChat), or an everyday English word — not 'jihadi' for the pinyin 'jiǎozi'."""
    own = {w.lower() for w in _WORD.findall(flagged)}
    return all(w.lower() in own or _is_known_word(w) or w.lower() in _glossary_words()
               or lexicon.is_everyday_word(w) for w in _WORD.findall(suggestion))


def _is_pinyin_not_typo(word: str, names: Collection[str], lint) -> bool:
    """A Chinese name or pinyin word, unless (lower case) it is one letter away from an English word
    Harper suggests: "politica" splits into pinyin (po-li-ti-ca) but is a slip for "political"."""
    if not is_chinese_name_or_pinyin(word, names):
        return False
    if word[:1].isupper() or word.lower() in {n.lower() for n in names} or has_tone_marks(word):
        return True  # tone marks ("zòngzi", as lihua's replies write it) are never an English slip
    if word.lower() in _glossary_words():
        return True  # mapo, longjing: Chinese words lihua's glossary knows, however close to "map"
    suggestions = [s.replacement_text.lower() for s in lint.suggestions if s.replacement_text]
    if any(" " in s and not all(pinyin_split(part) for part in s.split()) for s in suggestions):
        return False  # "familes" → "fa miles": Harper splits it into English, not into pinyin
    return not any(_one_edit(word.lower(), s) for s in suggestions if " " not in s)


def _one_edit(a: str, b: str) -> bool:
    """True when b is a one-letter insertion, deletion, substitution or swap away from a."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@lru_cache(maxsize=1)
def _glossary_words() -> frozenset[str]:
    """Every word of every spelling in lihua's glossary of Chinese terms (lihua/data/glossary.yaml)."""
    from lihua.text.glossary import load_glossary

    return frozenset(word.lower() for entry in load_glossary() for spelling in entry.spellings
                     for word in re.findall(r"[A-Za-z]+", spelling))


@lru_cache(maxsize=1)
def _open_compounds() -> frozenset[str]:
    from lihua.io.yaml_data import data_file

    return frozenset(data_file("known_words.yaml")["open_compounds"])


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """lihua/data/known_words.yaml: mooncake, deskmate, WeChat… (data, so a teacher can add to it)."""
    from lihua.io.yaml_data import data_file

    return frozenset(data_file("known_words.yaml")["known_words"])


@lru_cache(maxsize=1)
def _fixed_names() -> re.Pattern[str]:
    """known_words.yaml fixed_names (Peking duck, Peking Opera…) as one whole-word pattern."""
    from lihua.io.yaml_data import data_file

    names = sorted(data_file("known_words.yaml")["fixed_names"], key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?:e?s)?(?![\w-])", re.IGNORECASE)


def _is_known_word(word: str) -> bool:
    lowered = word.strip(".,!?;:'\"()[]“”‘’").lower()
    return lowered in _known_words() or (lowered.endswith("s") and lowered[:-1] in _known_words())


def _is_british_spelling(word: str, linter) -> bool:
    lowered = word.lower()
    for british, american in _BRITISH_SUFFIXES:
        if lowered.endswith(british) and len(lowered) > len(british) + 1:
            candidate = lowered[: -len(british)] + american
            if _known_word(candidate, linter):
                return True
    return False


def _known_word(word: str, linter) -> bool:
    return _known_word_cached(word, id(linter))


@lru_cache(maxsize=2048)
def _known_word_cached(word: str, _linter_id: int) -> bool:
    from harper import Language

    lints = _HOLDER.get().lint(word, language=Language.PLAINTEXT)
    return not any(lint.lint_kind == "Spelling" for lint in lints)


@lru_cache(maxsize=1)
def default_engine() -> HarperEngine:
    return HarperEngine()


def rule_ids() -> list[str]:
    """The ids Harper's findings carry ("harper.<lint kind>"), for --disable (lihua.grading.rule_names)."""
    return [f"harper.{kind}" for kind in _KIND]


def build(**_options: object) -> HarperEngine:
    """The registry's factory (lihua.engines.ENGINES): Harper takes no options."""
    return default_engine()


def probe(line: str, **_options: object) -> tuple[bool, str]:
    """`lihua doctor`'s check: whether Harper runs here, its version, and how long a one-line check takes."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        harper_version = version("harper-py")
    except PackageNotFoundError:
        return False, "harper-py is not installed: pip install harper-py"
    try:
        started = time.perf_counter()
        engine = default_engine()
        engine.check(line)  # the first call builds the Linter
        ready = time.perf_counter()
        engine.check(line)
        done = time.perf_counter()
    except Exception as error:  # doctor reports every failure as one line
        return False, f"harper-py {harper_version} fails: {type(error).__name__}: {error}"
    return True, (f"harper-py {harper_version}; ready in {(ready - started) * 1000:.0f} ms, "
                  f"one-line check {(done - ready) * 1000:.1f} ms")
