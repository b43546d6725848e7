"""The pen pal's reply: it answers the letter's purpose, signs as its recipient, and teaches back the
Chinese words the student used — typed as pinyin or as characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lihua.cli.app import app
from lihua.prompts import LETTER_TYPES, load_bank
from lihua.render.templating import make_environment
from lihua.reply.context import detect_letter_type, find_time, recipient_from_salutation
from lihua.reply.writer import build_context, reply_variants, write_reply
from lihua.text.glossary import GLOSSARY_FILE, find_terms, load_glossary, tone_pinyin
from tests.support import FIXTURES, ROOT

REPLIES = FIXTURES / "replies"
LETTERS = sorted(REPLIES.glob("*.txt"))
SIGNERS = {
    "advice": "Mike", "apology": "Tom", "application": "Mr. Johnson", "complaint": "The Customer Service Team",
    "congratulation": "Peter", "consultation": "Mr. Smith", "farewell": "Lucy", "introduction": "Emily",
    "invitation": "Chris", "notice": "An exchange student", "recommendation": "David", "reply": "Jake",
    "request": "Jim", "thanks": "Jessica",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def letter(name: str) -> str:
    return (REPLIES / f"{name}.txt").read_text(encoding="utf-8")


def test_a_fixture_for_every_letter_type() -> None:
    assert {path.stem for path in LETTERS} == set(LETTER_TYPES)
    assert set(SIGNERS) == {path.stem for path in LETTERS}


@pytest.mark.parametrize("letter_type", [*LETTER_TYPES, "generic"])
def test_every_letter_type_has_at_least_two_reply_variants(letter_type: str) -> None:
    assert len(reply_variants(make_environment(), letter_type)) >= 2


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_each_fixture_mentions_chinese_terms_both_ways(path: Path) -> None:
    forms = {term.form for term in find_terms(path.read_text(encoding="utf-8"))}
    assert forms == {"pinyin", "characters"}


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_every_variant_answers_its_letter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    letter_type = path.stem
    assert detect_letter_type(text) == letter_type
    variants = reply_variants(make_environment(), letter_type)
    seen = set()
    for seed in range(len(variants)):
        reply = write_reply(text, seed=seed)
        seen.add(reply.template)
        assert reply.letter_type == letter_type
        first, *_, close, signer = reply.text.strip().splitlines()
        assert first in ("Dear Li Hua,", "Hi Li Hua,")
        assert signer == SIGNERS[letter_type] and close.endswith(",")
        for term in reply.terms[:4]:
            assert term.phrase in reply.text, f"{term.written} not given back in {reply.template}"
        _assert_clean_english_layout(reply.text)
    assert seen == set(variants), "each seed picks the next variant"


def _assert_clean_english_layout(text: str) -> None:
    """Template slips that would show in the letter: doubled punctuation or spaces, leftovers, empty lines."""
    assert "{{" not in text.replace("{{ 7*7 }}", "") and "None" not in text
    assert not re.search(r"(?<!\.)\.\.(?!\.)|\s[,.!?]|  |,,|\?\.", text), text
    assert "\n\n\n" not in text
    for paragraph in text.strip().split("\n\n")[1:-1]:
        assert paragraph[:1].isupper() or paragraph[:1] in "“\"", paragraph


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_terms_come_back_with_characters_tone_marked_pinyin_and_a_gloss(path: Path) -> None:
    reply = write_reply(path.read_text(encoding="utf-8"), seed=0)
    assert reply.terms
    for term in reply.terms:
        assert _CJK.search(term.phrase) and _TONE_MARKS.search(term.pinyin) and " — " in term.phrase


def test_pinyin_and_characters_are_both_recognised() -> None:
    terms = {t.zh: t for t in find_terms("We ate zongzi at Duanwu, then 饺子 and 北京烤鸭 near the Hutongs.")}
    assert terms["粽子"].phrase == "zongzi (粽子, zòngzi — sticky rice wrapped in bamboo leaves)"
    assert terms["饺子"].phrase == "饺子 (jiǎozi — dumplings)"
    assert terms["端午节"].pinyin == "Duānwǔjié" and terms["端午节"].form == "pinyin"
    assert terms["胡同"].written == "hutong", "the plural a student typed is given back in the glossary's form"
    assert "烤鸭" not in terms, "北京烤鸭 is one thing, not two"


def test_english_words_are_not_mistaken_for_pinyin() -> None:
    assert find_terms("I often change my plans, but I enjoy a cup of tea in the morning.") == []


def test_glossary_is_data_with_derived_pinyin() -> None:
    entries = load_glossary()
    assert len(entries) >= 60
    assert {e.category for e in entries} >= {"festival", "food", "place", "school", "app"}
    raw = GLOSSARY_FILE.read_text(encoding="utf-8")
    assert not _TONE_MARKS.search(raw), "tone-marked pinyin is derived with pypinyin, never typed"
    for item in yaml.safe_load(raw):
        assert set(item) <= {"zh", "en", "category", "pinyin_spellings"} and _CJK.search(item["zh"])
    assert tone_pinyin("粽子") == "zòngzi" and tone_pinyin("长城", proper=True) == "Chángchéng"


@pytest.mark.parametrize(("salutation", "name"), [
    ("Dear Chris,", "Chris"), ("Dear Mr. Smith", "Mr. Smith"), ("Hi Emily!", "Emily"), ("Dear Ms Green:", "Ms Green"),
    ("Dear Sir or Madam,", None), ("Dear friends,", None), ("Dear {{ 7*7 }},", None), (None, None),
])
def test_recipient_comes_from_the_salutation(salutation: str | None, name: str | None) -> None:
    assert recipient_from_salutation(salutation) == name


def test_the_prompt_names_the_signer_when_the_salutation_does_not() -> None:
    prompt = load_bank(use_env=False).get("invite-dragon-boat")
    reply = write_reply("Hello,\n\nPlease come to our party next Friday at 2 p.m.\n\nYours,\nLi Hua\n", prompt=prompt, seed=0)
    assert reply.text.rstrip().endswith("Chris") and reply.letter_type == "invitation"


def test_invitation_reply_accepts_and_names_the_time_the_letter_gave() -> None:
    reply = write_reply(letter("invitation"), seed=0)
    assert "next Friday at 2 p.m." in reply.text
    assert "I'll come" in reply.text or "join you" in reply.text


def test_invitation_reply_names_a_time_when_the_letter_gave_none() -> None:
    text = "Dear Chris,\n\nI'd like to invite you to my home to make jiaozi with my family.\n\nYours,\nLi Hua\n"
    context = build_context(text, seed=0)
    assert not context["time"]["from_letter"]
    assert context["time"]["phrase"] in write_reply(text, seed=0).text


def test_a_proposed_new_time_wins_over_the_cancelled_one() -> None:
    assert find_time(letter("apology")) == "next Saturday at 9 a.m."
    assert all("next saturday at 9 a.m." in write_reply(letter("apology"), seed=s).text.lower() for s in range(2))


def test_advice_reply_says_which_tip_it_will_try() -> None:
    for seed in range(4):
        context = build_context(letter("advice"), seed=seed)
        reply = write_reply(letter("advice"), seed=seed)
        tip = context["tip"]
        assert tip and (tip["action"] or tip["sentence"]) in reply.text


def test_thanks_reply_says_you_are_welcome_and_reacts_to_the_thanks() -> None:
    replies = [write_reply(letter("thanks"), seed=seed).text for seed in range(2)]
    assert any("welcome" in text for text in replies)
    assert all("helping you with your spoken english every weekend" in text.lower() for text in replies)


def test_questions_are_quoted_and_answered() -> None:
    reply = write_reply(letter("consultation"), seed=0)
    for question in ("“How long does the programme last?”", "“Do students live with host families?”"):
        assert question in reply.text
    assert "“What should I prepare before I come?” You only need to bring" in reply.text


def test_a_suggestion_phrased_as_a_question_is_a_tip_not_a_question() -> None:
    context = build_context(letter("advice"), seed=0)
    assert all("why not" not in q["text"].lower() for q in context["questions"])
    assert any("practise with you on 微信" in (t["action"] or "") for t in context["tips"])


def test_covered_content_points_are_picked_up_with_a_prompt() -> None:
    prompt = load_bank(use_env=False).get("invite-dragon-boat")
    context = build_context(letter("invitation"), prompt=prompt, seed=0)
    assert [p["id"] for p in context["points"] if p["covered"]] == ["time-place", "activities", "hope"]
    assert "about the time and place of the activities" in context["told"]
    assert "Thank you for telling me" in write_reply(letter("invitation"), prompt=prompt, seed=0).text


def test_same_letter_same_reply_and_seeds_pick_variants() -> None:
    text = letter("invitation")
    assert write_reply(text).text == write_reply(text).text
    assert write_reply(text, seed=5).text == write_reply(text, seed=5).text
    assert {write_reply(text, seed=s).template for s in range(4)} == set(reply_variants(make_environment(), "invitation"))


def test_a_letter_with_no_clear_purpose_gets_the_generic_reply() -> None:
    reply = write_reply("Dear Anna,\n\nToday it rained and I stayed at home with my cat.\n\nYours,\nLi Hua\n", seed=0)
    assert reply.template.startswith("reply/generic-") and reply.text.rstrip().endswith("Anna")


# --- the command line -------------------------------------------------------------------------


def test_cli_reply_text_and_json(runner) -> None:
    path = str(REPLIES / "invitation.txt")
    text = runner.invoke(app, ["reply", path, "--seed", "1"])
    assert text.exit_code == 0 and text.stdout == write_reply(letter("invitation"), seed=1).text
    result = runner.invoke(app, ["reply", path, "--seed", "1", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["schema"] == 1 and data["reply"]["template"] == "reply/invitation-2.txt.j2"
    assert data["reply"]["terms"][0]["phrase"].startswith("zongzi (粽子, zòngzi")


def test_cli_reply_reads_stdin_and_uses_the_prompt(runner) -> None:
    result = runner.invoke(app, ["reply", "-", "--prompt", "thank-birthday-gift", "--seed", "0"],
                           input="Dear Chris,\n\nThank you for the novel. We ate changshoumian and 蛋糕.\n\nYours,\nLi Hua\n")
    assert result.exit_code == 0
    assert "changshoumian (长寿面, chángshòumiàn — long-life noodles eaten on birthdays)" in result.stdout
    assert result.stdout.rstrip().endswith("Chris")


@pytest.mark.parametrize(("args", "message"), [
    (["reply", "no-such-letter.txt"], "no such file"),
    (["reply", str(REPLIES / "thanks.txt"), "--prompt", "no-such-prompt"], "no prompt 'no-such-prompt'"),
    (["reply", str(REPLIES / "thanks.txt"), "--templates-dir", "no-such-folder"], "does not exist"),
    (["model", "no-such-prompt"], "no prompt 'no-such-prompt'"),
])
def test_cli_errors_are_one_stderr_line_and_exit_2(runner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("lihua: ") and message in result.stderr


@pytest.mark.parametrize("command", ["reply", "model"])
def test_help_has_an_example(runner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and f"lihua {command} " in result.stdout


def test_grade_with_reply_appends_it_to_text_and_json(runner) -> None:
    sample = str(ROOT / "examples" / "letter.txt")
    text = runner.invoke(app, ["grade", sample, "--reply"])
    assert text.exit_code == 0
    report, _, reply = text.stdout.partition("A reply from your pen pal (Chris):")
    assert "Looking forward to see you." in report and reply.strip().startswith(("Dear Li Hua,", "Hi Li Hua,"))
    data = json.loads(runner.invoke(app, ["grade", sample, "--reply", "--format", "json"]).stdout)
    alone = json.loads(runner.invoke(app, ["reply", sample, "--format", "json"]).stdout)
    assert set(data["reply"]) == set(alone["reply"]) == {"text", "template", "letter_type", "signer", "terms"}  # one shape
    assert data["reply"]["signer"] == "Chris" and data["reply"]["letter_type"] == "invitation"
    assert data["reply"]["terms"][0]["zh"] == "粽子" and data["reply"]["text"] == reply.lstrip("\n")


def test_sentences_with_mistakes_are_not_quoted_back() -> None:
    text = "Dear Chris,\n\nI think you will enjoy to make\nzongzi with us.   We will also eat 月饼 at 2 p.m.\n\nYours,\nLi Hua\n"
    start = text.index("enjoy to")
    assert build_context(text, seed=0)["highlight"] == "I think you will enjoy to make zongzi with us."
    context = build_context(text, seed=0, flagged_spans=[(start, start + 8)])
    assert context["highlight"] == "We will also eat 月饼 at 2 p.m."


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400),
       st.integers(min_value=0, max_value=50))
def test_any_text_gets_a_well_formed_reply(text: str, seed: int) -> None:
    reply = write_reply(text, seed=seed)
    lines = reply.text.strip().splitlines()
    assert lines[0] in ("Dear Li Hua,", "Hi Li Hua,") and lines[-1] == reply.signer
    assert reply.text.endswith("\n") and "\n\n\n" not in reply.text


def test_an_invitation_reply_meets_where_and_when_the_letter_said() -> None:
    reply = write_reply((ROOT / "examples" / "letter.txt").read_text(encoding="utf-8"), seed=0)
    assert "I'll meet you at the school gate at 8 a.m." in reply.text


def test_an_invitation_reply_remembers_what_to_bring() -> None:
    text = "Dear Emily,\n\nWould you like to spend the Spring Festival with us? It is cold, so please bring a warm coat.\n\nYours,\nLi Hua\n"
    for seed in range(2):
        assert "bring a warm coat" in write_reply(text, seed=seed).text
    assert build_context(text)["time"]["phrase"] == "the day before the Spring Festival"


@pytest.mark.parametrize("entry", load_glossary(), ids=lambda e: e.zh)
def test_every_glossary_entry_derives_tone_marked_pinyin_and_is_found_both_ways(entry) -> None:
    assert _TONE_MARKS.search(tone_pinyin(entry.zh))
    assert [t.zh for t in find_terms(f"I like {entry.zh}.")] == [entry.zh]
    for spelling in entry.spellings:
        assert entry.zh in [t.zh for t in find_terms(f"We talked about {spelling} yesterday.")], spelling


def test_the_readme_example_reply_is_what_lihua_writes(runner) -> None:
    """The README shows this letter and this reply; if a template changes, update both."""
    folder = REPLIES / "readme"
    result = runner.invoke(app, ["reply", str(folder / "letter.txt"), "--prompt", "invite-rednote-spring-festival", "--seed", "0"])
    assert result.exit_code == 0
    assert result.stdout == (folder / "reply.txt").read_text(encoding="utf-8")


def _our_words(text: str) -> list[tuple[int, int]]:
    """Spans that are not the pen pal's own words: quotes of the student and the (characters, pinyin — gloss)."""
    return [m.span() for m in re.finditer(r"“[^”]*”|\([^()]*(?:\([^()]*\)[^()]*)*\)", text)]


def test_the_pen_pals_own_english_passes_harper() -> None:
    """Every variant, on every fixture and every model letter: no error-level Harper finding in our words."""
    from lihua.grading.pipeline import check_text
    from lihua.reply.model_letter import write_model

    bank = load_bank(use_env=False)
    inputs = [(path.read_text(encoding="utf-8"), None) for path in LETTERS]
    inputs += [(write_model(bank.get(pid)).text, bank.get(pid)) for pid in sorted(bank.prompts)]
    problems = []
    for text, prompt in inputs:
        for seed in range(3):
            reply = write_reply(text, prompt=prompt, seed=seed)
            quoted = _our_words(reply.text)
            for finding in check_text(reply.text, engines=("harper",)):
                inside = any(a <= finding.span.start < b for a, b in quoted)
                pinyin = finding.rule_id == "harper.Spelling" and finding.text.lower().startswith("hutong")
                if finding.rule_id.startswith("harper.") and finding.severity.value == "error" and not inside and not pinyin:
                    problems.append(f"{reply.template}: {finding.text!r} {finding.message}")
    assert problems == []


@pytest.mark.parametrize("name", ["letter.docx", "letter_gbk.txt", "letter_utf16.txt", "letter_crlf.txt", "letter_utf8_bom.txt"])
def test_reply_reads_every_input_lihua_reads(runner, name: str) -> None:
    result = runner.invoke(app, ["reply", str(FIXTURES / name), "--seed", "0"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(("Dear Li Hua,", "Hi Li Hua,")) and "\r" not in result.stdout


def _spelling_findings(runner, text: str, *options: str) -> list[str]:
    """What `lihua grade - --format json` calls a spelling mistake in `text`."""
    result = runner.invoke(app, ["grade", "-", "--format", "json", *options], input=text)
    assert result.exit_code in (0, 1), result.output
    return [f"{f['rule_id']} {f['text']!r}" for f in json.loads(result.stdout)["findings"] if f["category"] == "spelling"]


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_every_reply_variant_graded_has_no_spelling_finding(runner, path: Path) -> None:
    """The pen pal writes Chinese terms back with tone marks (zòngzi, Běijīng kǎoyā): lihua's own words
    must not come back as misspellings when the reply is graded."""
    for seed in range(len(reply_variants(make_environment(), path.stem))):
        reply = runner.invoke(app, ["reply", str(path), "--seed", str(seed)])
        assert reply.exit_code == 0, reply.output
        assert _spelling_findings(runner, reply.stdout) == [], reply.stdout


def test_every_glossary_term_in_tone_marked_pinyin_is_no_misspelling(runner) -> None:
    """Every term lihua can teach back, as the reply writes it (tone marks, lower case and proper)."""
    spellings = sorted({tone_pinyin(entry.zh, proper=proper) for entry in load_glossary() for proper in (False, True)})
    body = " ".join(f"I like {spelling} very much." for spelling in spellings)
    assert _spelling_findings(runner, f"Dear Li Hua,\n\n{body}\n\nBest wishes,\nChris\n") == []
# --- the reply answers what the letter says -----------------------------------------------------

THANKS_AND_INVITATION = """Dear Mr. Smith,

I'm writing to thank you for the English books you sent me. I read one every week, and they have taught me a lot.

I would like to invite you to visit China next summer. You can stay with my family in Hangzhou, and I will show you around West Lake.

Thank you again, and I hope to see you in China.

Yours sincerely,
Li Hua
"""
CHINA_VISIT = """Dear Mr. Brown,

I'm Li Hua. I'm writing to invite you to visit China during the summer holiday. You once said you wanted to see the Great Wall, so I will take you there. My parents would also be glad to have you stay in our home in Beijing.

Please let me know if you can come.

Yours sincerely,
Li Hua
"""
FESTIVAL = """Dear Jim,

The Mid-Autumn Festival is coming. My family will have a big dinner and enjoy the full moon together, and we would like you to join us. We will also eat mooncakes in the garden.

Hope you can come.

Yours,
Li Hua
"""
ACHIEVEMENT = """Dear Peter,

I heard that you won first prize in the school chess competition. Well done! You practised hard for months, and your hard work has paid off.

I hope you will keep going and win more prizes.

Yours,
Li Hua
"""


def _all_replies(text: str) -> list[str]:
    """The reply from every variant the letter's type has (each seed picks the next one)."""
    count = len(reply_variants(make_environment(), build_context(text)["letter_type"]))
    return [write_reply(text, seed=seed).text for seed in range(count)]


def test_an_invitation_in_a_thank_you_letter_is_accepted_and_no_one_is_proud_of_nothing(runner) -> None:
    """The tester's reply ignored an invitation to visit China and said 'I am proud of you'."""
    assert detect_letter_type(THANKS_AND_INVITATION) == "thanks"
    for seed, text in enumerate(_all_replies(THANKS_AND_INVITATION)):
        assert "I would be delighted to visit China" in text, (seed, text)
        assert "Next summer suits me well." in text, (seed, text)
        assert "proud" not in text, (seed, text)
        assert text.count("invitation") == 1, (seed, text)
    result = runner.invoke(app, ["reply", "-", "--seed", "0"], input=THANKS_AND_INVITATION)
    assert result.exit_code == 0 and "I would be delighted to visit China" in result.stdout


def test_proud_of_you_is_said_when_li_hua_tells_of_a_success() -> None:
    success = THANKS_AND_INVITATION.replace("they have taught me a lot.",
                                            "I have been accepted by a summer programme in London.")
    assert any("I am proud of you" in text for text in _all_replies(success))
    assert not any("proud" in text for text in _all_replies(THANKS_AND_INVITATION))


def test_an_invitation_question_is_answered_by_naming_the_invitation() -> None:
    asked = THANKS_AND_INVITATION.replace("I hope to see you in China.", "will you come?")
    assert detect_letter_type(asked) == "thanks"
    for text in _all_replies(asked):
        assert "“Thank you again, and will you come?” Yes, I'd love to visit China, and next summer suits me" in text
        assert "Thank you also for the kind invitation" not in text  # answered once, in the answer to the question


def test_an_invitation_to_visit_china_is_accepted_for_the_time_the_letter_gave() -> None:
    for text in _all_replies(CHINA_VISIT):
        assert "visit China" in text and "summer holiday" in text, text
        assert not re.search(r"Saturday|Sunday|Friday|p\.m\.|after school", text), text  # no invented afternoon
        assert "proud" not in text


def test_a_visit_to_china_with_no_time_is_not_proposed_for_this_saturday() -> None:
    untimed = CHINA_VISIT.replace(" during the summer holiday", "")
    for text in _all_replies(untimed):
        assert "visit China" in text and not re.search(r"Saturday|Sunday|Friday|p\.m\.|after school", text), text


def test_an_invitation_to_a_festival_is_accepted_as_an_invitation() -> None:
    assert detect_letter_type(FESTIVAL) == "invitation"
    for text in _all_replies(FESTIVAL):
        assert re.search(r"I'll come|count me in|join you", text), text
        assert "Mid-Autumn Festival" in text and "proud" not in text


def test_an_achievement_letter_gets_thanks_for_the_congratulations_not_an_acceptance() -> None:
    assert detect_letter_type(ACHIEVEMENT) == "congratulation"
    for text in _all_replies(ACHIEVEMENT):
        assert re.search(r"kind words|congratulations", text, re.IGNORECASE), text
        assert "invit" not in text and "proud" not in text, text


@pytest.mark.parametrize("text", [
    "Dear Lucy,\n\nIt is normal to feel lonely at first. First, why not join a club, such as the music club? "
    "You should also talk to your classmates at lunch.\n\nYours,\nLi Hua\n",
    "Dear Sir or Madam,\n\nThe dictionary I ordered arrived damaged, and I am very disappointed. "
    "I would like you to replace it with a new one as soon as possible.\n\nYours faithfully,\nLi Hua\n",
], ids=["advice-why-not", "complaint-would-like-you-to"])
def test_advice_or_a_request_is_not_mistaken_for_an_invitation(text: str) -> None:
    assert build_context(text)["invitation"] is None
    assert not any("inviting me" in reply or "invitation" in reply for reply in _all_replies(text))
