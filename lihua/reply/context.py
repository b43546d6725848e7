"""What a pen pal would pick up from Li Hua's letter: its purpose, who it was for, what it said.

Everything here is plain text analysis (no templates): the letter type (from the prompt, else
from the letter's own words), the recipient named in the salutation, its sentences, the content
points it covers, and the time, place and things to bring it names. The results are *values* for
the reply templates; none of the student's text is ever template code. What the pen pal says
back (answers, tips, thanks) lives in `lihua.reply.answers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lihua.reply.answers import clean_phrase, swap_person
from lihua.text.word_classes import word_class

_NOT_THANKED = word_class("not_thanked_things")

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?"
_SALUTATION = re.compile(r"^\s*(?:dear|hi|hello|hey|to|my dear)\s+(?P<name>.+?)\s*[,:：，!！.]*\s*$", re.IGNORECASE)
_NAME = re.compile(rf"(?:{_TITLES}\s+)?[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){{0,2}}")
_NOT_NAMES = word_class("not_names")

#: Words that show what a letter is for, with weights; "I'm writing to invite" counts most.
TYPE_SIGNALS: dict[str, tuple[tuple[str, int], ...]] = {
    "invitation": (("writing to invite", 6), ("invite you", 4), ("invitation", 3), ("would you like to come", 4),
                   ("would you like to join", 4), ("would you like to", 2), ("do you want to come", 3),
                   ("join us", 3), ("with us", 1), ("come and", 1), ("are you free", 2), ("come to my home", 2)),
    "thanks": (("writing to thank", 6), ("writing to express my thanks", 6), ("thank you for", 3), ("thanks for", 3),
               ("grateful", 2), ("appreciate", 2)),
    "apology": (("writing to apologi", 6), ("sorry", 3), ("apologi", 3), ("forgive", 2), ("my fault", 2)),
    "advice": (("writing to give you some advice", 6), ("advice", 3), ("suggestion", 3), ("you should", 2),
               ("you'd better", 2), ("why not", 2), ("i suggest", 3), ("it's a good idea", 2), ("here are some", 1)),
    "application": (("writing to apply", 6), ("apply for", 4), ("application", 3), ("volunteer", 2), ("position", 2),
                    ("i am qualified", 3), ("suitable for", 2)),
    "request": (("writing to ask for", 6), ("could you please", 3), ("i wonder if you could", 4), ("ask for your help", 4),
                ("i'd appreciate it if", 3), ("would you mind", 3)),
    "introduction": (("writing to introduce", 6), ("let me introduce", 4), ("introduce", 2), ("let me tell you about", 3)),
    "notice": (("notice", 3), ("attention", 2), ("will be held", 3), ("all students", 2), ("sign up", 2)),
    "congratulation": (("congratulat", 5), ("well done", 2), ("proud of you", 3), ("happy for you", 3), ("you won", 2),
                       ("you passed", 2), ("paid off", 2), ("first prize", 1)),
    "consultation": (("writing to ask", 4), ("i'd like to know", 3), ("could you tell me", 3), ("inquire", 4), ("enquire", 4)),
    "farewell": (("farewell", 5), ("goodbye", 3), ("going back", 2), ("miss you", 3), ("leaving", 2)),
    "complaint": (("complain", 5), ("disappointed", 3), ("not satisfied", 3), ("unacceptable", 3)),
    "recommendation": (("writing to recommend", 6), ("recommend", 3), ("you must try", 2), ("is worth", 2)),
    "reply": (("your last letter", 4), ("your letter", 2), ("in your email", 3), ("you asked me", 3)),
}

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = re.compile(
    rf"\b(?:(?:this|next|on)\s+)?(?:{_WEEKDAY}(?:\s+{_PART_OF_DAY})?|tomorrow(?:\s+{_PART_OF_DAY})?)\b"
    rf"|\b(?:this|next)\s+weekend\b"
    rf"|\b(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    rf"\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b(?:in\s+)?(?:early|late|mid-)\s*(?:January|February|March|April|May|June|July|August|September|October|"
    rf"November|December)\b"
    rf"|\b(?:this|next|during the|in the|over the)\s+(?:summer|winter)\s+(?:vacation|holidays?)\b"
    rf"|\b(?:this|next|in the)\s+(?:spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(r"\b(how about|what about|instead|let's|shall we|meet|could we|can we|would you like)\b|\?", re.IGNORECASE)
_CLOCK = re.compile(r"\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|o'clock)(?![A-Za-z])", re.IGNORECASE)

_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|e\.g|i\.e|etc)\.)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)]*\s+")


def is_name(text: str) -> bool:
    """'Chris', 'Mr. Smith' are names; 'Sir or Madam', 'all students' are not."""
    return text.lower() not in _NOT_NAMES and bool(_NAME.fullmatch(text))


def recipient_from_salutation(salutation: str | None) -> str | None:
    """'Dear Chris,' → 'Chris'; 'Dear Mr. Smith' → 'Mr. Smith'; 'Dear Sir or Madam,' → None."""
    if not salutation:
        return None
    match = _SALUTATION.match(salutation)
    if not match:
        return None
    name = match.group("name").strip()
    return name if is_name(name) else None


def is_formal(name: str | None) -> bool:
    """A recipient with a title (Mr. Smith, Ms. Green) writes back in a teacher's register."""
    return bool(name and re.match(rf"{_TITLES}\s", name))


def detect_letter_type(text: str) -> str:
    """The letter's purpose from its own words; 'generic' when nothing stands out."""
    lowered = text.lower().replace("’", "'")
    scores = {kind: sum(weight * lowered.count(words) for words, weight in signals)
              for kind, signals in TYPE_SIGNALS.items()}
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] >= 3 else "generic"


def split_sentences(text: str) -> list[str]:
    """Sentences of the body, whitespace-normalised, in order ("at 9 a.m. instead" stays whole).

    A paragraph break always ends a sentence, so a notice's title ("Notice") stays on its own.
    """
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = re.sub(r"\s+", " ", paragraph).strip()
        start = len(sentences)
        for piece in (p.strip() for p in _SENTENCE_END.split(flat) if p.strip()):
            if len(sentences) > start and (_ABBREVIATION.search(sentences[-1]) or piece[:1].islower()):
                sentences[-1] = f"{sentences[-1]} {piece}"
            else:
                sentences.append(piece)
    return sentences


def flagged_sentences(text: str, sentences: list[str], spans: Sequence[tuple[int, int]]) -> set[str]:
    """The sentences (as `split_sentences` gives them) that overlap any of the (start, end) spans of `text`."""
    if not spans:
        return set()
    flat_chars: list[str] = []
    origin: list[int] = []
    for match in re.finditer(r"\s+|\S", text):
        if match.group().isspace():
            if flat_chars and flat_chars[-1] != " ":
                flat_chars.append(" ")
                origin.append(match.start())
        else:
            flat_chars.append(match.group())
            origin.append(match.start())
    flat = "".join(flat_chars)
    flagged, position = set(), 0
    for sentence in sentences:
        found = flat.find(sentence, position)
        if found < 0:
            continue
        start, end = origin[found], origin[found + len(sentence) - 1] + 1
        position = found + len(sentence)
        if any(a < end and b > start for a, b in spans):
            flagged.add(sentence)
    return flagged


def points_covered(text: str, prompt: Any) -> list[dict[str, Any]]:
    """Each content point of the prompt, covered or not, with the keywords the letter used for it.

    Coverage is the scorer's own (`lihua.scoring.content`: lemma-aware keywords in the body), so the
    reply thanks Li Hua for exactly the points the grade gives credit for.
    """
    if prompt is None:
        return []
    from lihua.scoring.content import read_content
    from lihua.text.letter import parse_letter

    reading = read_content(parse_letter(text), prompt)
    return [{"id": p.id, "en": p.en, "zh": p.zh, "used": list(p.matched), "covered": p.covered} for p in reading.points]


def find_time(text: str) -> str | None:
    """The time the letter proposes, tidied: 'next Friday at 2 p.m.'.

    Day and clock are taken from one sentence; a sentence that proposes ("How about…", "…instead",
    a question) wins over one that only reports, so "I can't come this Saturday. How about next
    Saturday at 9 a.m.?" gives 'next Saturday at 9 a.m.'.
    """
    best: tuple[int, int, int] | None = None
    chosen = None
    sentences = split_sentences(text)
    for index, sentence in enumerate(sentences):
        found = int(bool(_DAY.search(sentence))) + int(bool(_CLOCK.search(sentence)))
        if not found:
            continue
        proposes = int(bool(_PROPOSAL.search(sentence)))
        key = (proposes, found, -index)
        if best is None or key > best:
            best, chosen = key, sentence
            # "…with my family next Friday. The race starts at 2 p.m." — a day and the clock right after it
            if not _CLOCK.search(sentence):
                following = [s for s in sentences[index + 1 : index + 3] if _CLOCK.search(s) and not _DAY.search(s)]
                chosen = f"{sentence} {following[0]}" if following else sentence
    return _time_phrase(chosen) if chosen else None


_PLACE = re.compile(r"\b(?:at|in|by|outside) the (?:[a-z]+ ){0,3}?(?:gate|park|station|museum|library|lake|river|"
                    r"playground|hall|room|square|entrance|door|restaurant|cinema|stadium|bridge|corner|stop)\b")


#: How Li Hua invites, whatever the letter's main purpose; `what` is what the reader is invited to.
_INVITATIONS = (
    re.compile(r"\binvit(?:e|es|ed|ing) you (?:to )?(?P<what>[^.!?;]+)", re.IGNORECASE),
    re.compile(r"\bwould you like to (?P<what>(?:come|visit|join|spend|stay|go|watch|celebrate|attend|take part)\b[^.!?;]*)",
               re.IGNORECASE),
    re.compile(r"\b(?:we|I|my family|my parents)(?: would|'d|’d) (?:like|love) you to "
               r"(?P<what>(?:come|visit|join|spend|stay|celebrate|attend|take part)\b[^.!?;]*)", re.IGNORECASE),
    re.compile(r"\byou are (?:always |most |very )?welcome to (?P<what>(?:come|visit|stay|join)\b[^.!?;]*)", re.IGNORECASE),
    re.compile(r"\bplease (?P<what>(?:come|visit|join us)\b[^.!?;]*)|\bwhy not (?P<visit>(?:come|visit)\b[^.!?;]*)",
               re.IGNORECASE),
)
_OURS = re.compile(r"\b(?:us|our|ours)\b", re.IGNORECASE)  # Li Hua's "us": the pen pal's "you"
_OURS_TO_YOURS = {"us": "you", "our": "your", "ours": "yours"}
_ACTIVITY_VERBS = word_class("activity_verbs")
_TRIP = re.compile(r"\b(?:China|Beijing|Shanghai|Hangzhou|Chengdu|Xi'an|my (?:hometown|country|city)|our (?:country|city))\b")
#: Li Hua telling of his or her own success: only then may the pen pal say "I am proud of you".
_OWN_ACHIEVEMENT = re.compile(
    r"\bI(?: have|'ve|’ve)? (?:won|passed|came first|got into|made it into)\b"
    r"|\bI (?:was|have been|'ve been|’ve been|am) (?:accepted|admitted|chosen|selected|offered)\b"
    r"|\bI (?:got|won|received) (?:the |a )?(?:first|second|third|top) (?:prize|place)\b", re.IGNORECASE)


def find_invitation(sentences: list[str]) -> dict[str, Any] | None:
    """What Li Hua invites the reader to, in the reader's words, if the letter invites at all.

    Found in a letter of any kind: a thank-you letter that ends "you are welcome to visit China"
    invites, and the reply must say yes to that, not only to the thanks.

    {"sentence", "activity": "visit China during the summer holiday", "trip": True}; the
    activity is None when the words are not plain enough to reuse.
    """
    for sentence in sentences:
        for pattern in _INVITATIONS:
            match = pattern.search(sentence)
            if not match:
                continue
            said = match.group("what") or match.group("visit")
            what = clean_phrase(re.split(r",\s*(?:and|but|so|or)\b", said)[0], max_words=12, verb_phrase=False)
            activity = None
            if what:
                what = _OURS.sub(lambda m: _OURS_TO_YOURS[m.group().lower()], swap_person(what))
                first = what.split()[0].lower()
                activity = what if first in _ACTIVITY_VERBS else f"come to {what}"
                activity = re.sub(r"^come (?:to )?us\b", "join you", activity)
                activity = re.sub(r"^join us\b", "join you", activity)
            return {"sentence": sentence, "activity": activity, "trip": bool(_TRIP.search(sentence))}
    return None


def tells_own_achievement(sentences: list[str]) -> bool:
    """Does Li Hua tell of a success of his or her own (won, passed, was accepted)?"""
    return any(_OWN_ACHIEVEMENT.search(sentence) for sentence in sentences)


_BRING = re.compile(r"\bbring\s+(?P<what>(?:a|an|some|your)?\s*[A-Za-z][A-Za-z ,-]*)", re.IGNORECASE)


def things_to_bring(sentences: list[str]) -> str | None:
    """What Li Hua asks the guest to bring, in the guest's words: 'please bring your coat' → 'my coat'."""
    for sentence in sentences:
        if sentence.endswith("?"):
            continue
        match = _BRING.search(sentence)
        if match:
            what = clean_phrase(re.split(r"\s+(?:because|since|as|so|when|if|to|for)\b", match.group("what"))[0], max_words=6,
                                 verb_phrase=False)
            if what and what.split()[0].lower() not in _NOT_THANKED:
                return swap_person(what)
    return None


def find_place(text: str) -> str | None:
    """Where the letter proposes to meet, as written in the sentence that names the time: 'at the school gate'."""
    for sentence in split_sentences(text):
        places = list(_PLACE.finditer(sentence))
        if places and (_CLOCK.search(sentence) or _PROPOSAL.search(sentence)):
            # "…by the river, so we should meet at the school gate at 8 a.m.": the meeting place wins
            meeting = [p for p in places if re.search(r"\bmeet(?:ing)?(?: \w+)?\s*$", sentence[: p.start()])]
            return (meeting or places)[-1].group()
    return None


def _time_phrase(text: str) -> str | None:
    day = _DAY.search(text)
    clock = _CLOCK.search(text)
    parts = []
    if day:
        words = day.group().split()
        parts.append(" ".join(w.capitalize() if re.fullmatch(rf"{_WEEKDAY}|{_MONTH}", w, re.IGNORECASE) else w.lower()
                              for w in words))
    if clock:
        hour, minute, suffix = clock.groups()
        if 1 <= int(hour) <= 12:
            mark = "o'clock" if "clock" in suffix.lower() else ("a.m." if suffix.lower().startswith("a") else "p.m.")
            time = f"{int(hour)}:{minute}" if minute else str(int(hour))
            parts.append(f"at {time} {mark}")
    return " ".join(parts) or None

