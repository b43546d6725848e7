"""The LanguageTool engine against a real HTTP server on 127.0.0.1 that answers like LanguageTool.

The server replays recorded `/v2/check` answers (tests/fixtures/languagetool/, LanguageTool's
documented v2 format) and can fail on demand: HTTP 400/413/429/500/503, broken JSON, or a hang.
lihua's own code runs unchanged, through language-tool-python and `requests`.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lihua.engines import EngineUnavailable, build_engine
from lihua.engines.languagetool import NO_SERVER_MESSAGE, LanguageToolEngine, utf16_to_index
from lihua.findings import Category, Severity, Source
from lihua.grading.pipeline import grade
from tests.support import FIXTURES, ROOT

LT_FIXTURES = FIXTURES / "languagetool"
EMOJI_LETTER = (LT_FIXTURES / "emoji_letter.txt").read_text(encoding="utf-8")
HE_GO = (LT_FIXTURES / "he_go.txt").read_text(encoding="utf-8")
NO_HANG_BOUND = 8.0  # seconds; the engine is given a 1 s timeout, so this only proves "no hang"


class FakeLanguageTool:
    """What the server should do next, and what it was asked."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.forms: list[dict[str, str]] = []
        self.requests: list[str] = []
        self.release = threading.Event()
        self.answers = {
            EMOJI_LETTER: (LT_FIXTURES / "check_emoji_letter.json").read_bytes(),
            HE_GO: (LT_FIXTURES / "check_he_go.json").read_bytes(),
        }
        self.clean = (LT_FIXTURES / "check_clean.json").read_bytes()
        self.languages = (LT_FIXTURES / "languages.json").read_bytes()

    def answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        path = urllib.parse.urlsplit(handler.path).path
        self.requests.append(f"{method} {path}")
        if method == "POST":
            size = int(handler.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(handler.rfile.read(size).decode("utf-8"), keep_blank_values=True))
            self.forms.append(form)
        if self.mode == "slow-both":
            time.sleep(0.7)  # each answer inside a 1 s limit, the two together not
        if self.mode == "hang" or (self.mode == "hang-check" and path == "/v2/check"):
            self.release.wait(30)  # longer than any timeout a test gives; released at teardown
            return
        if self.mode.isdigit() and (path == "/v2/check" or self.mode != "413"):
            status = int(self.mode)
            headers = {"Retry-After": "30"} if status in (426, 429) else {}
            body = {413: "Error: Your text exceeds the limit of 1000 characters (it's 1203 characters).",
                    429: "Error: too many requests, please try again later",
                    400: "Error: Missing 'text' or 'data' parameter"}.get(status, "Error: Internal Error: null")
            return self.send(handler, status, body.encode(), "text/plain", headers)
        if path == "/v2/languages":
            return self.send(handler, 200, self.languages)
        if path != "/v2/check":
            return self.send(handler, 404, b"Not found", "text/plain")
        if self.mode == "malformed":
            return self.send(handler, 200, b'{"software": {"name": "LanguageTool"}, "matches": [{"offs')
        if self.mode == "html":
            return self.send(handler, 200, b"<html><body>Bad gateway</body></html>", "text/html")
        if self.mode == "codepoints":
            return self.send(handler, 200, json.dumps(as_code_points(json.loads(self.answers[EMOJI_LETTER]))).encode())
        if self.mode == "not-lt":
            return self.send(handler, 200, b'{"status": "ok"}')
        if self.mode in BROKEN_MATCHES:
            answer = json.loads(self.answers.get(self.forms[-1].get("text", ""), self.answers[HE_GO]))
            answer["matches"][0].update(BROKEN_MATCHES[self.mode])
            return self.send(handler, 200, json.dumps(answer).encode())  # json.dumps writes Infinity as is
        if self.mode == "trickle":
            return self.trickle(handler, self.answers.get(self.forms[-1].get("text", ""), self.clean))
        self.send(handler, 200, self.answers.get(self.forms[-1].get("text", ""), self.clean))

    def trickle(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        """A server that is alive but slow: the status line and headers a byte every 0.25 s (~10 s)."""
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                "\r\n").encode()
        handler.close_connection = True
        for byte in range(len(head)):
            handler.wfile.write(head[byte:byte + 1])
            handler.wfile.flush()
            if self.release.wait(0.25):
                return
        handler.wfile.write(body)

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str = "application/json",
             headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", f"{content_type}; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)


# Answers that are JSON, and LanguageTool-like, but whose first match is not in LanguageTool's format.
BROKEN_MATCHES = {
    "replacements-number": {"replacements": 5},
    "infinite-offset": {"offset": float("inf")},
    "nan-length": {"length": float("nan")},
    "rule-text": {"rule": "HE_VERB_AGR"},
}


def as_code_points(answer: dict) -> dict:
    """The recorded answer as a server that counts code points (not UTF-16) would send it."""
    def points(text: str, utf16_offset: int) -> int:
        return next(i for i in range(len(text) + 1) if len(text[:i].encode("utf-16-le")) // 2 >= utf16_offset)

    for match in answer["matches"]:
        start, end = points(EMOJI_LETTER, match["offset"]), points(EMOJI_LETTER, match["offset"] + match["length"])
        context = match["context"]
        cstart = points(context["text"], context["offset"])
        cend = points(context["text"], context["offset"] + context["length"])
        match.update(offset=start, length=end - start)
        context.update(offset=cstart, length=cend - cstart)
    return answer


@pytest.fixture
def lt_server() -> Iterator[tuple[str, FakeLanguageTool]]:
    """A real HTTP server on 127.0.0.1 (port chosen by the OS), stopped cleanly after the test."""
    state = FakeLanguageTool()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            state.answer(self, "GET")

        def do_POST(self) -> None:  # noqa: N802
            state.answer(self, "POST")

        def log_message(self, *args) -> None:
            pass

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()  # a client that gave up (a timeout test) has nothing left to read

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        assert not thread.is_alive()


def covered(text: str, findings) -> list[str]:
    return [text[f.span.start : f.span.end] for f in findings]


# --- offsets, mapping, filtering -------------------------------------------------------------


def test_offsets_after_chinese_characters_and_emoji_are_python_indices(lt_server) -> None:
    url, _ = lt_server
    findings = LanguageToolEngine(url, timeout=5).check(EMOJI_LETTER, names={"Krzysztof"})
    # "go" comes after Chinese characters, "recieve" after an emoji, and the emoji 🐼 sits
    # inside the last match: each span covers exactly the words LanguageTool meant.
    assert covered(EMOJI_LETTER, findings) == ["go", "recieve", "book🐼so"]


def test_spelling_on_names_pinyin_and_chinese_characters_is_dropped(lt_server) -> None:
    url, _ = lt_server
    engine = LanguageToolEngine(url, timeout=5)
    words = covered(EMOJI_LETTER, engine.check(EMOJI_LETTER))
    assert "Krzysztof" in words  # not a known name until the prompt says so
    assert not {"zongzi", "Hua", "李华"} & set(words)
    assert "Krzysztof" not in covered(EMOJI_LETTER, engine.check(EMOJI_LETTER, names=["krzysztof"]))


def test_matches_become_findings_with_rule_category_severity_and_replacements(lt_server) -> None:
    url, _ = lt_server
    by_text = {EMOJI_LETTER[f.span.start : f.span.end]: f for f in LanguageToolEngine(url, timeout=5).check(EMOJI_LETTER)}
    go, recieve, book = by_text["go"], by_text["recieve"], by_text["book🐼so"]
    assert (go.rule_id, go.source, go.category, go.severity) == (
        "languagetool.HE_VERB_AGR", Source.LANGUAGETOOL, Category.GRAMMAR, Severity.ERROR)
    assert go.replacements == ("goes",) and "third-person" in go.message
    assert (recieve.rule_id, recieve.category) == ("languagetool.MORFOLOGIK_RULE_EN_US", Category.SPELLING)
    assert recieve.replacements == ("receive", "relieve", "reprieve", "retrieve", "deceive")  # first five
    assert (book.category, book.severity) == (Category.PUNCTUATION, Severity.SUGGESTION)


def test_mother_tongue_and_variant_are_sent(lt_server) -> None:
    url, server = lt_server
    LanguageToolEngine(url, timeout=5).check(HE_GO)
    assert server.forms[-1]["motherTongue"] == "zh"
    assert server.forms[-1]["language"] == "en-US"
    assert server.forms[-1]["text"] == HE_GO
    assert "PUNCTUATION_PARAGRAPH_END" in server.forms[-1]["disabledRules"].split(",")
    LanguageToolEngine(url, language="en-GB", timeout=5).check(HE_GO)
    assert (server.forms[-1]["language"], server.forms[-1]["motherTongue"]) == ("en-GB", "zh")


def test_one_client_per_process_asks_for_languages_once(lt_server) -> None:
    url, server = lt_server
    engine = build_engine("languagetool", lt_url=url, lt_language="en-US", lt_timeout=5)
    assert build_engine("languagetool", lt_url=url, lt_language="en-US", lt_timeout=5) is engine
    engine.check(HE_GO)
    engine.check(EMOJI_LETTER)
    assert server.requests == ["GET /v2/languages", "POST /v2/check", "POST /v2/check"]


def test_a_server_counting_code_points_still_gets_the_right_spans(lt_server) -> None:
    url, server = lt_server
    server.mode = "codepoints"
    findings = LanguageToolEngine(url, timeout=5).check(EMOJI_LETTER, names={"Krzysztof"})
    assert covered(EMOJI_LETTER, findings) == ["go", "recieve", "book🐼so"]


def test_utf16_offsets_map_to_python_indices_for_every_character() -> None:
    text = "a😀b李🐉🐉c\U00020000d é"
    to_index = utf16_to_index(text)
    for i in range(len(text) + 1):
        assert to_index(len(text[:i].encode("utf-16-le")) // 2) == i


def test_an_unsupported_variant_is_one_clear_line(lt_server) -> None:
    url, _ = lt_server
    with pytest.raises(EngineUnavailable, match=r"^http://127\.0\.0\.1:\d+: .*'pt-BR'.*--variant"):
        LanguageToolEngine(url, language="pt-BR", timeout=5).check(HE_GO)


# --- merging with Harper, the pipeline, the environment ---------------------------------------


def test_same_span_from_harper_and_languagetool_is_one_finding(lt_server) -> None:
    url, _ = lt_server
    report = grade(HE_GO, engines=("harper", "languagetool"), engine_options={"lt_url": url, "lt_timeout": 5},
                   disabled=["learner"])
    on_go = [f for f in report.findings if f.text == "go"]
    assert len(on_go) == 1 and on_go[0].source is Source.LANGUAGETOOL
    assert report.notes == []


def test_a_learner_rule_on_the_same_span_wins_over_both_engines(lt_server) -> None:
    """Same words, same kind of problem: one finding, lihua's (it has the Chinese explanation)."""
    url, _ = lt_server
    report = grade(HE_GO, engines=("harper", "languagetool"), engine_options={"lt_url": url, "lt_timeout": 5})
    on_go = [f for f in report.findings if f.text == "go"]
    assert len(on_go) == 1 and on_go[0].source is Source.LIHUA and on_go[0].message_zh


def test_lihua_lt_url_is_used_without_a_flag(lt_server, monkeypatch) -> None:
    url, server = lt_server
    monkeypatch.setenv("LIHUA_LT_URL", url)
    report = grade(HE_GO, engines=("languagetool",), engine_options={"lt_timeout": 5}, disabled=["learner"])
    assert [f.rule_id for f in report.findings if f.text == "go"] == ["languagetool.HE_VERB_AGR"]
    assert server.forms


def test_no_server_and_no_local_install_says_how_to_get_one_and_downloads_nothing(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LIHUA_LT_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt"))
    with pytest.raises(EngineUnavailable) as caught:
        LanguageToolEngine()
    assert str(caught.value) == NO_SERVER_MESSAGE
    assert not (tmp_path / "lt").exists()  # not even the download folder was created
    report = grade(HE_GO, engines=("harper", "languagetool"))
    assert report.notes == [f"languagetool: {NO_SERVER_MESSAGE}"]
    assert any(f.text == "go" for f in report.findings)


def test_a_broken_local_install_fails_once_without_downloading(tmp_path, monkeypatch) -> None:
    install = tmp_path / "LanguageTool-6.6"
    install.mkdir()
    (install / "languagetool-server.jar").write_bytes(b"not a jar")
    monkeypatch.delenv("LIHUA_LT_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    try:
        engine = LanguageToolEngine(timeout=5)
    except EngineUnavailable as error:  # no Java on this machine: also a clean line
        assert str(error) == NO_SERVER_MESSAGE
        return
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="^local LanguageTool 6.6: could not start LanguageTool"):
        engine.check(HE_GO)
    assert time.monotonic() - started < 60  # one try, not one per free port
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LanguageTool-6.6"]


def test_public_api_is_only_used_when_named_and_gives_one_notice() -> None:
    code = (
        "from lihua.engines.languagetool import LanguageToolEngine as E\n"
        "a = E('public'); b = E('https://api.languagetool.org/')\n"
        "print(a.url, a.public, len(a.take_notices()), len(b.take_notices()), a.take_notices())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.split() == ["https://api.languagetool.org", "True", "1", "0", "[]"]
    notice = subprocess.run(
        [sys.executable, "-c", "from lihua.engines.languagetool import LanguageToolEngine as E; print(E('public').notices[0])"],
        capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert "leaves this machine" in notice and "--lt-url" in notice


# --- failures: one line naming the server, grading goes on -------------------------------------


@pytest.mark.parametrize(("mode", "cause"), [
    ("400", "HTTP 400"),
    ("413", "HTTP 413, the letter is too long"),
    ("429", "HTTP 429, rate limit"),
    ("426", "HTTP 426, rate limit"),
    ("500", "HTTP 500"),
    ("503", "HTTP 503"),
    ("malformed", "not JSON"),
    ("html", "not JSON"),
    ("not-lt", "not LanguageTool JSON"),
    ("hang", "no answer within 1 s"),
    ("hang-check", "no answer within 1 s"),
])
def test_each_failure_is_one_note_naming_the_server_and_grading_goes_on(lt_server, mode, cause) -> None:
    url, server = lt_server
    server.mode = mode
    started = time.monotonic()
    report = grade(HE_GO, engines=("harper", "languagetool"), disabled=["learner"],
                   engine_options={"lt_url": url, "lt_timeout": 1.0, "lt_language": "en-GB"})
    assert time.monotonic() - started < NO_HANG_BOUND
    assert len(report.notes) == 1
    assert report.notes[0].startswith(f"languagetool: {url}: ")
    assert cause in report.notes[0] and "\n" not in report.notes[0]
    assert [f.source for f in report.findings if f.text == "go"] == [Source.HARPER]


def test_a_server_that_is_not_running_is_one_note(monkeypatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"  # nothing listens once the socket closes
    report = grade(HE_GO, engines=("harper", "languagetool"), engine_options={"lt_url": url, "lt_timeout": 1.0})
    assert report.notes == [f"languagetool: {url}: cannot connect (is the server running?)"]
    assert any(f.text == "go" for f in report.findings)


@pytest.mark.parametrize("mode", sorted(BROKEN_MATCHES))
def test_a_match_not_in_languagetools_format_is_left_out_with_a_note(lt_server, mode) -> None:
    """`"replacements": 5` raised TypeError and `"offset": Infinity` OverflowError out of `grade`."""
    url, server = lt_server
    server.mode = mode
    report = grade(HE_GO, engines=("harper", "languagetool"), disabled=["learner"],
                   engine_options={"lt_url": url, "lt_timeout": 5})
    assert [f.source for f in report.findings if f.text == "go"] == [Source.HARPER]  # the broken match is left out
    assert report.failed_engines == []  # the server answered; only that match was unreadable
    assert len(report.notes) == 1 and report.notes[0].startswith(f"languagetool notice: {url}: 1 of 1 match")
    assert "left out" in report.notes[0] and "\n" not in report.notes[0]


def test_a_whole_answer_of_broken_matches_is_one_warning_on_the_command_line(lt_server, runner, tmp_path) -> None:
    from lihua.cli.app import app

    url, server = lt_server
    server.mode = "infinite-offset"
    result = runner.invoke(app, ["grade", write_letter(tmp_path), "--engine", "harper,languagetool",
                                 "--lt-url", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert any(f["text"] == "go" for f in json.loads(result.stdout)["findings"])  # Harper's, still there
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and url in warnings[0] and "left out" in warnings[0]


@pytest.mark.parametrize("mode", ["infinite-offset", "replacements-number"])
def test_doctor_does_not_call_a_server_with_unreadable_answers_available(lt_server, runner, mode) -> None:
    from lihua.cli.app import app

    url, server = lt_server
    server.mode = mode
    result = runner.invoke(app, ["doctor", "--lt-url", url])
    assert result.exit_code == 1, result.output  # asked for with --lt-url and not working: doctor fails
    lt_line = next(line for line in result.stdout.splitlines() if line.startswith("languagetool"))
    assert "not available" in lt_line.lower() and url in lt_line and "not in LanguageTool's format" in lt_line


def test_a_server_that_trickles_its_answer_is_given_up_on_at_the_deadline(lt_server) -> None:
    """A byte every 0.25 s keeps every single read under the timeout; the whole answer still must not."""
    url, server = lt_server
    server.mode = "trickle"
    started = time.monotonic()
    report = grade(HE_GO, engines=("harper", "languagetool"), disabled=["learner"],
                   engine_options={"lt_url": url, "lt_timeout": 1.0})
    elapsed = time.monotonic() - started
    assert elapsed < 4.0, f"waited {elapsed:.1f} s on a 1 s limit"  # grading itself takes well under a second
    assert report.notes == [f"languagetool: {url}: no answer within 1 s"]


def test_the_deadline_covers_the_first_languages_request_and_the_check_together(lt_server) -> None:
    """The first check asks /v2/languages, then /v2/check: both inside one limit, not one limit each."""
    url, server = lt_server
    server.mode = "slow-both"
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="no answer within 1 s"):
        LanguageToolEngine(url, timeout=1.0).check(HE_GO)
    assert time.monotonic() - started < 1.6
    assert server.requests == ["GET /v2/languages", "POST /v2/check"]


def test_a_rate_limit_pauses_requests_instead_of_hammering(lt_server) -> None:
    url, server = lt_server
    engine = LanguageToolEngine(url, timeout=5)
    engine.check(HE_GO)
    server.mode = "429"
    with pytest.raises(EngineUnavailable, match="rate limit"):
        engine.check(HE_GO)
    asked = len(server.requests)
    server.mode = "ok"
    for _ in range(3):
        with pytest.raises(EngineUnavailable, match=r"rate limit.*not asked again for \d+ s"):
            engine.check(HE_GO)
    assert len(server.requests) == asked  # Retry-After: 30 was respected


def test_a_hanging_server_is_not_waited_on_for_every_letter(lt_server) -> None:
    url, server = lt_server
    server.mode = "hang-check"
    engine = LanguageToolEngine(url, timeout=1.0)
    started = time.monotonic()
    for _ in range(5):  # a batch of five letters
        with pytest.raises(EngineUnavailable, match="no answer within 1 s"):
            engine.check(HE_GO)
    assert time.monotonic() - started < NO_HANG_BOUND
    assert server.requests.count("POST /v2/check") == 1


def test_languagetool_only_and_failing_leaves_only_the_note(lt_server) -> None:
    url, server = lt_server
    server.mode = "500"
    report = grade(HE_GO, engines=("languagetool",), engine_options={"lt_url": url})
    assert [f for f in report.findings if f.source is not Source.LIHUA] == []
    assert len(report.notes) == 1 and report.notes[0].startswith(f"languagetool: {url}: HTTP 500")


# --- the command line -------------------------------------------------------------------------


def write_letter(tmp_path: Path, text: str = HE_GO) -> str:
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_grade_with_languagetool_reports_its_findings(lt_server, runner, tmp_path) -> None:
    from lihua.cli.app import app

    url, _ = lt_server
    result = runner.invoke(app, ["grade", write_letter(tmp_path), "--engine", "harper,languagetool",
                                 "--lt-url", url, "--format", "json", "--disable", "learner"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["rule_id"] for f in data["findings"] if f["text"] == "go"] == ["languagetool.HE_VERB_AGR"]


def test_grade_with_languagetool_down_warns_once_and_goes_on(lt_server, runner, tmp_path) -> None:
    from lihua.cli.app import app

    url, server = lt_server
    server.mode = "503"
    result = runner.invoke(app, ["grade", write_letter(tmp_path), "--engine", "harper,languagetool",
                                 "--lt-url", url, "--format", "json"])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and url in warnings[0] and "HTTP 503" in warnings[0]
    assert any(f["text"] == "go" for f in json.loads(result.stdout)["findings"])


def test_grade_with_only_languagetool_down_exits_2(lt_server, runner, tmp_path) -> None:
    from lihua.cli.app import app

    url, server = lt_server
    server.mode = "500"
    result = runner.invoke(app, ["grade", write_letter(tmp_path), "--engine", "languagetool", "--lt-url", url])
    assert result.exit_code == 2
    assert url in result.stderr


def test_grade_with_only_languagetool_down_exits_2_even_when_lihua_rules_find_something(lt_server, runner, tmp_path) -> None:
    from lihua.cli.app import app

    url, server = lt_server
    server.mode = "500"
    result = runner.invoke(app, ["grade", write_letter(tmp_path, EMOJI_LETTER), "--engine", "languagetool", "--lt-url", url])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert url in result.stderr


def test_doctor_reports_each_engine_with_version_and_time(lt_server, runner) -> None:
    from lihua.cli.app import app

    url, _ = lt_server
    result = runner.invoke(app, ["doctor", "--lt-url", url])
    assert result.exit_code == 0, result.output
    harper_line = next(line for line in result.stdout.splitlines() if line.startswith("harper"))
    lt_line = next(line for line in result.stdout.splitlines() if line.startswith("languagetool"))
    assert "available" in harper_line and " ms" in harper_line
    assert "available" in lt_line and "6.6" in lt_line and url in lt_line and " ms" in lt_line


def test_doctor_without_languagetool_says_how_to_get_one(runner, tmp_path, monkeypatch) -> None:
    from lihua.cli.app import app

    monkeypatch.delenv("LIHUA_LT_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "languagetool" in result.stdout and "not available" in result.stdout
    assert "org.languagetool.server.HTTPServer --port 8081" in result.stdout
    assert "LIHUA_LT_URL" in result.stdout and "docker" in result.stdout.lower()
