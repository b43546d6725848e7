"""LanguageTool, when the user has one: a server (`--lt-url`, `LIHUA_LT_URL`) or a local install.

- Never downloads anything: without a server URL, a local LanguageTool is used only if
  language-tool-python's download folder already holds one (and Java is there); otherwise the
  engine is unavailable with one line saying how to get one.
- The public API is used only when named (`public` or its URL), with a once-per-process notice
  that the letter leaves the machine.
- language-tool-python's client builds the requests (language tag checked against the server's
  `/v2/languages`, `motherTongue`, disabled rules); lihua sends them itself with one bounded try
  (its own 300 s × 2 tries would hang a grade for ten minutes) and maps the raw JSON, because
  LanguageTool's offsets count UTF-16 code units and language-tool-python corrects them only
  partly (not for an emoji inside a match).
- Every failure (refused, timeout, HTTP 4xx/5xx, bad JSON) becomes `EngineUnavailable("<url>:
  <cause>")`. After a rate limit or a dead server the engine pauses instead of hammering it.
- The timeout is a deadline for the whole check (the first `/v2/languages` request included),
  not a limit per socket read: a server that trickles a byte every few seconds is given up on too.
- A match not in LanguageTool's documented shape (an offset that is not a whole number, a rule
  that is not an object, replacements that are not a list…) is left out and counted in a notice;
  it never takes the rest of the answer, or the grade, with it.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from bisect import bisect_right
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Any

from lihua.engines import EngineUnavailable
from lihua.findings import Category, Finding, Severity, Source, Span
from lihua.text.names import is_chinese_name_or_pinyin

PUBLIC_API_URL = "https://api.languagetool.org"
_PUBLIC_ALIASES = {"public", "https://api.languagetool.org", "https://languagetool.org/api"}
PUBLIC_MIN_INTERVAL = 3.0  # seconds between requests: the anonymous API allows ~20 a minute
DEFAULT_TIMEOUT = 10.0
_DEAD_SERVER_PAUSE = 60.0  # after a refusal or timeout, do not wait on the same server again for this long
_DEFAULT_RATE_PAUSE = 60.0  # after HTTP 429/426 without a usable Retry-After
_MAX_BODY = 8 * 1024 * 1024

NO_SERVER_MESSAGE = (
    "no LanguageTool server: set --lt-url http://host:8081 or LIHUA_LT_URL; see `lihua doctor`"
)

# Rules that are not mistakes in a handwritten-style exam letter: curly quotes and dashes are
# typography, and the signature line ("Li Hua") has no full stop by design.
DISABLED_RULES = frozenset({"EN_QUOTES", "DASH_RULE", "PUNCTUATION_PARAGRAPH_END"})

_CATEGORIES: dict[str, tuple[Category, Severity]] = {
    "TYPOS": (Category.SPELLING, Severity.ERROR),
    "GRAMMAR": (Category.GRAMMAR, Severity.ERROR),
    "CASING": (Category.GRAMMAR, Severity.ERROR),
    "PUNCTUATION": (Category.PUNCTUATION, Severity.WARNING),
    "TYPOGRAPHY": (Category.PUNCTUATION, Severity.SUGGESTION),
    "CONFUSED_WORDS": (Category.WORD_CHOICE, Severity.ERROR),
    "FALSE_FRIENDS": (Category.WORD_CHOICE, Severity.ERROR),
    "COLLOCATIONS": (Category.WORD_CHOICE, Severity.WARNING),
    "SEMANTICS": (Category.WORD_CHOICE, Severity.WARNING),
    "NONSTANDARD_PHRASES": (Category.WORD_CHOICE, Severity.WARNING),
    "COMPOUNDING": (Category.SPELLING, Severity.WARNING),
    "MISC": (Category.GRAMMAR, Severity.WARNING),
    "REPETITIONS": (Category.GRAMMAR, Severity.WARNING),
    "REDUNDANCY": (Category.STYLE, Severity.SUGGESTION),
    "STYLE": (Category.STYLE, Severity.SUGGESTION),
    "REPETITIONS_STYLE": (Category.STYLE, Severity.SUGGESTION),
    "PLAIN_ENGLISH": (Category.STYLE, Severity.SUGGESTION),
    "BRITISH_ENGLISH": (Category.WORD_CHOICE, Severity.SUGGESTION),
    "AMERICAN_ENGLISH": (Category.WORD_CHOICE, Severity.SUGGESTION),
}
_ISSUE_TYPES: dict[str, tuple[Category, Severity]] = {
    "misspelling": (Category.SPELLING, Severity.ERROR),
    "grammar": (Category.GRAMMAR, Severity.ERROR),
    "typographical": (Category.PUNCTUATION, Severity.WARNING),
    "whitespace": (Category.PUNCTUATION, Severity.SUGGESTION),
    "style": (Category.STYLE, Severity.SUGGESTION),
    "locale-violation": (Category.WORD_CHOICE, Severity.SUGGESTION),
}
_HTTP_CAUSES = {
    400: "HTTP 400, the server rejected the request",
    413: "HTTP 413, the letter is too long for this server",
    426: "HTTP 426, rate limit reached",
    429: "HTTP 429, rate limit reached",
    500: "HTTP 500, the server failed",
    502: "HTTP 502, bad gateway in front of the server",
    503: "HTTP 503, the server is unavailable",
    504: "HTTP 504, gateway timeout in front of the server",
}

_notice_lock = threading.Lock()
_public_notice_given = False


def is_public_api(url: str | None) -> bool:
    """True when `url` names LanguageTool's public API (`public` or its documented URL)."""
    return bool(url) and url.strip().rstrip("/").lower() in _PUBLIC_ALIASES


def resolve_url(url: str | None = None) -> str | None:
    """The server to use: the explicit URL (flag or config file), else `LIHUA_LT_URL`, else None."""
    for candidate in (url, os.environ.get("LIHUA_LT_URL")):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def local_install() -> tuple[str, Path] | None:
    """(version, folder) of a LanguageTool release that language-tool-python already downloaded.

    Only looks at the folder (`LTP_PATH` or ~/.cache/language_tool_python); never creates it
    and never calls a download function.
    """
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not folder.is_dir():
        return None
    found = []
    for path in folder.glob("LanguageTool-*"):
        version = path.name.removeprefix("LanguageTool-")
        jars = ("languagetool-server.jar", "languagetool.jar")
        if re.fullmatch(r"\d+\.\d+", version) and any((path / jar).is_file() for jar in jars):
            found.append((tuple(int(p) for p in version.split(".")), version, path))
    if not found:
        return None
    _, version, path = max(found)
    return version, path


def utf16_to_index(text: str):
    """A function mapping LanguageTool's UTF-16 offsets in `text` to Python string indices."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda offset: max(0, min(offset, len(text)))
    starts: list[int] = []  # UTF-16 offset where each Python character starts
    position = 0
    for char in text:
        starts.append(position)
        position += 2 if ord(char) > 0xFFFF else 1

    def convert(offset: int) -> int:
        if offset >= position:
            return len(text)
        return max(0, bisect_right(starts, offset) - 1)  # inside a surrogate pair → its character

    return convert


class _Client:
    """language-tool-python's `LanguageTool` with lihua's HTTP: one bounded try, status-aware."""

    def __init__(self, url: str | None, language: str, mother_tongue: str, deadline: _Deadline,
                 local_version: str | None = None) -> None:
        import requests
        from language_tool_python import LanguageTool

        engine_timeout = deadline.seconds
        session = requests.Session()

        class BoundedLanguageTool(LanguageTool):
            _TIMEOUT = engine_timeout  # read by the base class; our _query_server uses it too

            def _get_languages(self) -> set[str]:
                cached = self.__dict__.get("_lihua_languages")
                if cached is None:
                    cached = super()._get_languages()
                    self.__dict__["_lihua_languages"] = cached
                return cached

            def _query_server(self, url: str, params: dict[str, str] | None = None, num_tries: int = 1,
                              method: str = "get") -> Any:
                return _send(session, url, params, method, deadline)

            def _start_server_on_free_port(self) -> None:
                self._start_local_server()  # one try: the base class tries ~900 ports if Java fails
                deadline.start()  # Java's start-up (bounded by the base class) is not the server being slow

        if url is not None:
            self.tool = BoundedLanguageTool(language=language, remote_server=url)
        else:
            self.tool = BoundedLanguageTool(language=language, language_tool_download_version=local_version)
        if mother_tongue:
            try:
                self.tool.mother_tongue = mother_tongue
                _ = self.tool.mother_tongue  # checked against /v2/languages (cached)
            except ValueError:
                self.tool.mother_tongue = None  # a server without that language: still check
        self.tool.disabled_rules = set(DISABLED_RULES)
        self.base = self.tool.url

    def check(self, text: str) -> dict[str, Any]:
        import urllib.parse

        answer = self.tool._query_server(
            urllib.parse.urljoin(self.base, "check"), self.tool._create_params(text), method="post"
        )
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise _Failure("the answer is not LanguageTool JSON (no matches)")
        return answer

    def close(self) -> None:
        self.tool.close()


class _Failure(Exception):
    """A request failed; `cause` is a few words for the user, `pause` seconds to wait before retrying."""

    def __init__(self, cause: str, pause: float = 0.0) -> None:
        super().__init__(cause)
        self.cause = cause
        self.pause = pause


class _Deadline:
    """When the current check must be over: one limit for all of its requests, set per check."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def start(self) -> None:
        self.at = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> _Failure:
        return _Failure(f"no answer within {self.seconds:g} s", _DEAD_SERVER_PAUSE)


def _send(session, url: str, params: dict[str, str] | None, method: str, deadline: _Deadline) -> Any:
    """One request, over by the deadline however slowly the server sends; the JSON, or `_Failure`.

    `requests` only bounds each socket read, so the request runs on a daemon thread and is
    abandoned at the deadline (the thread ends at its next read timeout or with the process).
    """
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def fetch() -> None:
        try:
            outcome["answer"] = _fetch(session, url, params, method, deadline)
        except BaseException as error:  # handed to the caller, who raises it
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=fetch, name="lihua-languagetool", daemon=True).start()
    if not done.wait(deadline.remaining()):
        raise deadline.expired()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


def _fetch(session, url: str, params: dict[str, str] | None, method: str, deadline: _Deadline) -> Any:
    """The request itself, each read bounded by the time left; the JSON, or `_Failure`."""
    import json

    import requests

    timeout = max(deadline.remaining(), 0.05)
    try:
        if method == "post":
            response = session.post(url, data=params, timeout=(timeout, timeout), stream=True)
        else:
            response = session.get(url, params=params, timeout=(timeout, timeout), stream=True)
        with response:
            body = bytearray()
            for chunk in response.iter_content(chunk_size=65536):
                body.extend(chunk)
                if not deadline.remaining():
                    raise requests.Timeout
                if len(body) > _MAX_BODY:
                    raise _Failure("the answer is too large")
    except requests.exceptions.ConnectionError as error:
        if isinstance(error, requests.exceptions.ConnectTimeout) or "timed out" in str(error):
            raise deadline.expired() from None
        raise _Failure("cannot connect (is the server running?)", _DEAD_SERVER_PAUSE) from None
    except requests.Timeout:
        raise deadline.expired() from None
    except requests.RequestException as error:
        raise _Failure(f"request failed ({type(error).__name__})") from None
    status = response.status_code
    if status in (426, 429):
        raise _Failure(_HTTP_CAUSES[status], _retry_after(response.headers.get("Retry-After")))
    if status >= 400:
        cause = _HTTP_CAUSES.get(status, f"HTTP {status}")
        detail = _first_line(bytes(body))
        raise _Failure(f"{cause}: {detail}" if detail else cause, 5.0 if status >= 500 else 0.0)
    try:
        return json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Failure("the answer is not JSON") from None


def _retry_after(value: str | None) -> float:
    try:
        seconds = float(value) if value else _DEFAULT_RATE_PAUSE
    except ValueError:
        seconds = _DEFAULT_RATE_PAUSE
    return min(max(seconds, 1.0), 600.0)


def _first_line(body: bytes, limit: int = 80) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0].strip() if text else ""
    if line.startswith(("<", "{")):
        return ""  # an HTML or JSON error page says nothing useful in one line
    return line if len(line) <= limit else line[: limit - 1] + "…"


class LanguageToolEngine:
    """lihua's view of LanguageTool: Findings in Python string offsets, names and pinyin allowed."""

    name = "languagetool"

    def __init__(self, url: str | None = None, *, language: str = "en-US", mother_tongue: str = "zh",
                 timeout: float = DEFAULT_TIMEOUT, public_api: bool = False) -> None:
        url = resolve_url(url)
        self.public = public_api or is_public_api(url)
        self.url = PUBLIC_API_URL if self.public else url
        self.language = language
        self.mother_tongue = mother_tongue
        self.timeout = timeout
        self.local_version: str | None = None
        if self.url is None:
            installed = local_install()
            if installed is None or shutil.which("java") is None:
                raise EngineUnavailable(NO_SERVER_MESSAGE)
            self.local_version = installed[0]
        self.notices: list[str] = []
        if self.public:
            self._give_public_notice()
        self._client: _Client | None = None
        self._lock = threading.Lock()
        self._paused_until = 0.0
        self._pause_cause = ""
        self._last_request = 0.0
        self._deadline = _Deadline(timeout)

    @property
    def label(self) -> str:
        """The server as the user knows it, for messages."""
        return self.url or f"local LanguageTool {self.local_version}"

    def take_notices(self) -> list[str]:
        """Notices for the report (e.g. that the letter went to the public API), each given once."""
        notices, self.notices = self.notices, []
        return notices

    def server_info(self, text: str = "Li Hua.") -> dict[str, Any]:
        """The `software` block of a check of `text` (name, version…), for `lihua doctor`.

        Raises EngineUnavailable when a match in the answer is not in LanguageTool's format: a
        server whose answers `grade` would have to leave out is not one to call available.
        """
        answer = self._request(text)
        readable = [match for match in answer["matches"] if _is_languagetool_match(match)]
        if len(readable) < len(answer["matches"]):
            raise EngineUnavailable(f"{self.label}: {_left_out(len(answer['matches']) - len(readable), answer['matches'])}")
        software = answer.get("software")
        return software if isinstance(software, dict) else {}

    def check(self, text: str, *, names: Collection[str] = ()) -> list[Finding]:
        if not text.strip():
            return []
        matches = self._request(text)["matches"]
        readable = [match for match in matches if _is_languagetool_match(match)]
        if len(readable) < len(matches):
            self.notices.append(f"{self.label}: {_left_out(len(matches) - len(readable), matches)}")
        findings: list[Finding] = []
        to_index = _offset_converter(readable, text)
        for match in readable:
            finding = self._to_finding(match, text, to_index, names)
            if finding is not None:
                findings.append(finding)
        return findings

    def close(self) -> None:
        """Stop a local server this engine started (a remote one is left alone)."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _request(self, text: str) -> dict[str, Any]:
        with self._lock:
            now = time.monotonic()
            if now < self._paused_until:
                raise EngineUnavailable(
                    f"{self.label}: {self._pause_cause}; not asked again for {self._paused_until - now:.0f} s"
                )
            if self.public:
                wait = self._last_request + PUBLIC_MIN_INTERVAL - now
                if wait > 0:
                    time.sleep(wait)
            self._deadline.start()
            try:
                if self._client is None:
                    self._client = self._connect()
                self._last_request = time.monotonic()
                return self._client.check(text)
            except _Failure as failure:
                if failure.pause:
                    self._paused_until = time.monotonic() + failure.pause
                    self._pause_cause = failure.cause
                raise EngineUnavailable(f"{self.label}: {failure.cause}") from None

    def _connect(self) -> _Client:
        try:
            from language_tool_python.exceptions import LanguageToolError
        except ImportError:
            raise _Failure("language-tool-python is not installed: pip install language-tool-python") from None
        try:
            return _Client(self.url, self.language, self.mother_tongue, self._deadline, self.local_version)
        except _Failure:
            raise
        except ValueError as error:  # the server does not know the language tag
            raise _Failure(f"{error} (try --variant en-US or en-GB)") from None
        except (LanguageToolError, OSError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise _Failure(f"could not start LanguageTool ({first[:80]})", _DEAD_SERVER_PAUSE) from None

    def _give_public_notice(self) -> None:
        global _public_notice_given
        with _notice_lock:
            if _public_notice_given:
                return
            _public_notice_given = True
        self.notices.append(
            f"your letter is sent to the public LanguageTool API ({PUBLIC_API_URL}): it leaves this "
            "machine; run your own server and use --lt-url to keep it here"
        )

    def _to_finding(self, match: dict[str, Any], text: str, to_index, names: Collection[str]) -> Finding | None:
        """The Finding for one match already known to be in LanguageTool's format (or None: dropped)."""
        offset, length = _whole_number(match["offset"]), _whole_number(match["length"])
        rule = match["rule"]
        rule_id = str(rule["id"])
        start = to_index(offset)
        end = max(start, to_index(offset + length))
        word = text[start:end]
        category = rule.get("category")
        category_id = str(category.get("id", "")) if isinstance(category, dict) else ""
        issue_type = str(rule.get("issueType", ""))
        spelling = category_id == "TYPOS" or rule_id.startswith("MORFOLOGIK_") or issue_type == "misspelling"
        if spelling and (is_chinese_name_or_pinyin(word, names) or not _has_latin_letter(word)):
            return None
        category, severity = _CATEGORIES.get(category_id) or _ISSUE_TYPES.get(
            issue_type, (Category.GRAMMAR, Severity.WARNING)
        )
        replacements = tuple(
            dict.fromkeys(
                str(r["value"]) for r in match.get("replacements") or [] if isinstance(r, dict) and r.get("value")
            )
        )[:5]
        message = str(match.get("message") or match.get("shortMessage") or rule.get("description") or rule_id)
        return Finding(
            rule_id=f"languagetool.{rule_id}",
            source=Source.LANGUAGETOOL,
            category=category,
            severity=severity,
            message=message,
            span=Span(start, end),
            replacements=replacements,
            explanation=str(rule.get("description") or ""),
        )


def _whole_number(value: Any) -> int | None:
    """`value` as an offset or length if it is one (3, 3.0), else None (Infinity, NaN, "3", true, -1)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():  # is_integer() is False for inf and nan
        value = int(value)
    return value if isinstance(value, int) and value >= 0 else None


def _is_languagetool_match(match: Any) -> bool:
    """Whether `match` has the shape LanguageTool documents, as far as lihua reads it."""
    if not isinstance(match, dict):
        return False
    if _whole_number(match.get("offset")) is None or _whole_number(match.get("length")) is None:
        return False
    rule = match.get("rule")
    if not isinstance(rule, dict) or rule.get("id") in (None, ""):
        return False
    replacements = match.get("replacements")
    return replacements is None or isinstance(replacements, list)


def _left_out(count: int, matches: list[Any]) -> str:
    """The notice for matches that were not in LanguageTool's format, one line."""
    of = f"{count} of {len(matches)} {'match' if len(matches) == 1 else 'matches'}"
    return (f"{of} in its answer {'was' if count == 1 else 'were'} not in LanguageTool's format "
            "(offset, length, rule or replacements) and left out")


def _offset_converter(matches: list[Any], text: str):
    """How to turn this answer's offsets into Python indices: UTF-16 (as documented) or code points.

    Some LanguageTool versions counted code points. A server uses one way for the whole answer,
    and the matched text in each `context` tells which: a match whose context agrees only with the
    code-point reading settles it (when no other match agrees only with UTF-16).
    """
    to_index = utf16_to_index(text)
    if all(ord(c) < 0x10000 for c in text):
        return to_index
    only_utf16 = only_code_points = 0
    for match in matches:
        offset, length = _whole_number(match["offset"]), _whole_number(match["length"])
        as_utf16, as_code_points = _context_readings(match)
        utf16_agrees = as_utf16 is not None and text[to_index(offset) : to_index(offset + length)] == as_utf16
        code_points_agree = as_code_points is not None and text[offset : offset + length] == as_code_points
        only_utf16 += utf16_agrees and not code_points_agree
        only_code_points += code_points_agree and not utf16_agrees
    if only_code_points and not only_utf16:
        return lambda offset: max(0, min(offset, len(text)))
    return to_index


def _context_readings(match: Any) -> tuple[str | None, str | None]:
    """The matched text as the context shows it, read with UTF-16 and with code-point offsets."""
    context = match.get("context") if isinstance(match, dict) else None
    if not isinstance(context, dict):
        return None, None
    ctext, coffset, clength = context.get("text"), _whole_number(context.get("offset")), _whole_number(context.get("length"))
    if not isinstance(ctext, str) or coffset is None or clength is None:
        return None, None
    convert = utf16_to_index(ctext)
    return ctext[convert(coffset) : convert(coffset + clength)], ctext[coffset : coffset + clength]


def _has_latin_letter(word: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in word)


@lru_cache(maxsize=8)
def engine_for(url: str | None = None, language: str = "en-US", timeout: float = DEFAULT_TIMEOUT) -> LanguageToolEngine:
    """One engine (one client, one HTTP session) per server and variant per process, reused."""
    return LanguageToolEngine(url, language=language, timeout=timeout)


SETUP_HELP = """\
  How to get LanguageTool (optional; Harper and lihua's own rules work without it):
    - run a server (Java 17+):
        java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081
    - or with Docker:
        docker run -d -p 8081:8010 erikvl87/languagetool
    - then point lihua at it:
        lihua grade letter.txt --engine harper,languagetool --lt-url http://localhost:8081
        (or export LIHUA_LT_URL=http://localhost:8081 once)
    - or let language-tool-python install one (downloads ~250 MB, needs Java 17+):
        python -c "import language_tool_python as l; l.LanguageTool('en-US').close()"
      lihua then finds it in ~/.cache/language_tool_python (or $LTP_PATH) by itself.
    - the public API (your letter leaves this machine): --lt-url public"""


RULE_ID_PATTERN = re.compile(r"languagetool\.[A-Z][A-Z0-9_]*")  # its rules live on the server: any id of this shape


def rule_ids() -> list[str]:
    """The names --disable takes for all of LanguageTool (any id of `RULE_ID_PATTERN`)."""
    return ["languagetool"]


def build(*, lt_url: str | None = None, lt_language: str | None = None, lt_timeout: float | None = None,
          **_options: object) -> LanguageToolEngine:
    """The registry's factory (lihua.engines.ENGINES): one engine per server, variant and timeout."""
    return engine_for(resolve_url(lt_url), lt_language or "en-US", float(lt_timeout or DEFAULT_TIMEOUT))


def asked_for(*, lt_url: str | None = None, **_options: object) -> bool:
    """A server named (--lt-url, LIHUA_LT_URL, lt_url in lihua.toml) asks for LanguageTool."""
    return bool(resolve_url(lt_url))


def probe(line: str, *, lt_url: str | None = None, lt_language: str | None = None, **_options: object) -> tuple[bool, str]:
    """`lihua doctor`'s check: which server answers, its version, and how long a one-line check takes."""
    variant = lt_language or "en-US"
    try:
        engine = LanguageToolEngine(lt_url, language=variant)
        started = time.perf_counter()
        software = engine.server_info(line)
        elapsed = time.perf_counter() - started
    except EngineUnavailable as error:
        return False, str(error).removesuffix("; see `lihua doctor`")
    name = software.get("name") or "LanguageTool"
    where = engine.label if engine.url else f"{engine.label} (started by language-tool-python)"
    notice = "; your letter leaves this machine" if engine.public else ""
    engine.close()
    return True, (f"{name} {software.get('version', '?')} at {where} ({variant}); "
                  f"one-line check {elapsed * 1000:.0f} ms{notice}")
