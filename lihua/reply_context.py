"""What a pen pal would pick up from Li Hua's letter: its purpose, who it was for, what it said.

Everything here is plain text analysis (no templates): the letter type (from the prompt, else
from the letter's own words), the recipient named in the salutation, the content points the
letter covers, its questions, a time it names, the tips it gives and what it thanks for. The
results are *values* for the reply templates; none of the student's text is ever template code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?"
_SALUTATION = re.compile(r"^\s*(?:dear|hi|hello|hey|to|my dear)\s+(?P<name>.+?)\s*[,:：，!！.]*\s*$", re.IGNORECASE)
_NAME = re.compile(rf"(?:{_TITLES}\s+)?[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){{0,2}}")
_NOT_NAMES = {"sir", "madam", "sir or madam", "friend", "friends", "all", "everyone", "teacher", "editor"}

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
    "congratulation": (("congratulat", 5), ("well done", 2), ("proud of you", 3)),
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
    rf"November|December)\b",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(r"\b(how about|what about|instead|let's|shall we|meet|could we|can we|would you like)\b|\?", re.IGNORECASE)
_CLOCK = re.compile(r"\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|o'clock)(?![A-Za-z])", re.IGNORECASE)

_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|e\.g|i\.e|etc)\.)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)]*\s+")
_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z\u4e00-\u9fff' ,’-]*")
_SWAP = {"me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i": "you", "your": "my",
         "yours": "mine", "yourself": "myself", "i'm": "you're", "i've": "you've", "i'll": "you'll",
         "you're": "I'm", "you've": "I've", "you'll": "I'll", "we": "we", "us": "us"}
_SUBJECT_NEXT = {"sent", "gave", "did", "have", "had", "will", "would", "can", "could", "made", "taught", "showed",
                 "bought", "prepared", "wrote", "told", "shared", "are", "were", "helped", "cooked", "took", "offered", "spent", "brought", "introduced", "recommended", "invited", "organised", "organized"}
_ADVICE = (
    re.compile(r"\byou(?:\s+(?:should|could|can|had better|might|may want to|need to|must)|['’]d better)\s+(?P<vp>[^.!?;]+)",
               re.IGNORECASE),
    re.compile(r"\bwhy not\s+(?P<vp>[^.!?;]+)", re.IGNORECASE),
    re.compile(r"\bI\s+(?:suggest|advise|recommend)\s+(?:that\s+)?you\s+(?:should\s+)?(?P<vp>[^.!?;]+)", re.IGNORECASE),
    re.compile(r"\bit(?:'s|’s| is| would be)\s+(?:a good idea|helpful|useful|important|wise)\s+to\s+(?P<vp>[^.!?;]+)", re.IGNORECASE),
    re.compile(r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|besides|also|finally|what's more)?,?\s*(?:try to|remember to)\s+(?P<vp>[^.!?;]+)", re.IGNORECASE),
    # an imperative tip: "Second, take a walk after dinner to relax."
    re.compile(r"^(?:(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|besides|also|finally|what's more|in addition),?\s+)?"
               r"(?P<vp>(?:take|make|keep|go|get|read|listen|watch|join|talk|practise|practice|use|set|put|eat|drink|spend|"
               r"find|ask|do|write|sleep|relax|exercise|plan|limit|turn|smile|review|learn|speak|share|have)\b[^.!?;]*)",
               re.IGNORECASE),
)
_THANKS = re.compile(r"\bthanks?(?: you)?(?: so much| very much| a lot| again)?\s+for\s+(?P<what>[^.!?;]+)", re.IGNORECASE)
_CONJUNCTIONS = {"before", "after", "when", "if", "because", "that", "so", "and", "but", "until", "while", "as", "once",
                 "unless", "where", "whenever", "since"}
_PRAISE = "kind|kindest|great|warm|warmest|generous|patient|wonderful|selfless|valuable|precious|thoughtful|lovely"
_SUGGESTION = re.compile(r"\b(?:why not|how about|what about)\b(?! you\b)", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r",\s*(?:because|so|which|as|and then|but)\b|\s+(?:because|so that|which)\b|,\s*(?=I\b)")


@dataclass(frozen=True, slots=True)
class Question:
    text: str  # the student's question, exactly as written
    answer: str  # our answer (the pen pal's words)

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "answer": self.answer}


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


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """A keyword as a whole word or phrase, allowing common endings on its last word (invite → invited)."""
    words = [re.escape(w) for w in keyword.split()]
    body = r"\s+".join(words)
    return re.compile(rf"(?<![A-Za-z]){body}(?:s|es|d|ed|ing)?(?![A-Za-z])", re.IGNORECASE)


def points_covered(text: str, prompt: Any) -> list[dict[str, Any]]:
    """Each content point with the keywords the letter used for it (empty list: not covered)."""
    if prompt is None:
        return []
    points = []
    for point in prompt.content_points:
        words = [*point.keywords, *getattr(point, "synonyms", [])]
        used = [word for word in words if keyword_pattern(word).search(text)]
        points.append({"id": point.id, "en": point.en, "zh": point.zh, "used": used, "covered": bool(used)})
    return points


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


_PLACE = re.compile(r"\b(?:at|in|on|by|outside) the (?:[a-z]+ ){0,3}?(?:gate|park|station|museum|library|lake|river|"
                    r"playground|hall|room|square|entrance|door|restaurant|cinema|stadium|bridge|corner|stop)\b")


_BRING = re.compile(r"\bbring\s+(?P<what>(?:a|an|some|your)?\s*[A-Za-z][A-Za-z ,-]*)", re.IGNORECASE)


def things_to_bring(sentences: list[str]) -> str | None:
    """What Li Hua asks the guest to bring, in the guest's words: 'please bring your coat' → 'my coat'."""
    for sentence in sentences:
        if sentence.endswith("?"):
            continue
        match = _BRING.search(sentence)
        if match:
            what = _clean_phrase(re.split(r"\s+(?:because|since|as|so|when|if|to|for)\b", match.group("what"))[0], max_words=6,
                                 verb_phrase=False)
            if what and what.split()[0].lower() not in {"it", "them", "me", "us", "back"}:
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


def swap_person(phrase: str) -> str:
    """Turn Li Hua's words into the pen pal's: 'helping me with my English' → 'helping you with your English'."""
    tokens = phrase.split()
    out = []
    for i, token in enumerate(tokens):
        key = token.lower().replace("’", "'")
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if key == "you":
            prev = tokens[i - 1].lower() if i else ""
            subject = i == 0 or prev in _CONJUNCTIONS or nxt in _SUBJECT_NEXT or nxt.endswith("ed")
            out.append("I" if subject else "me")
        elif key in _SWAP:
            out.append(_SWAP[key])
        elif key == "am" and out and out[-1] == "you":
            out.append("are")
        elif key == "are" and out and out[-1] == "I":
            out.append("am")
        elif key == "were" and out and out[-1] == "I":
            out.append("was")
        else:
            out.append(token)
    # the pen pal does not praise their own "kind care": "your kind care" → "my care"
    return re.sub(rf"\b(my|our|the) (?:{_PRAISE})\s+", r"\1 ", " ".join(out))


def _clean_phrase(raw: str, max_words: int = 12, *, verb_phrase: bool = True) -> str | None:
    """A short, plain phrase we can safely reuse in our own sentence, or None.

    A verb phrase ("practise every day") must not start like a noun phrase or an infinitive.
    """
    phrase = _CLAUSE_CUT.split(raw, maxsplit=1)[0].strip(" ,")
    if not phrase or not _PLAIN_WORDS.fullmatch(phrase) or len(phrase.split()) > max_words:
        return None
    banned = {"to", "be", "not", "that", "it", "the"} if verb_phrase else {"to", "that", "it"}
    if phrase.split()[0].lower() in banned:
        return None
    return phrase


def is_suggestion(sentence: str) -> bool:
    """'Why not practise with me?' is advice phrased as a question, not a question to answer."""
    return bool(_SUGGESTION.search(sentence))


def advice_tips(sentences: list[str]) -> list[dict[str, str | None]]:
    """Li Hua's tips: the sentence, and (when it is clean) what the pen pal will do: 'practise every day'."""
    tips = []
    for sentence in sentences:
        if sentence.endswith("?") and not _SUGGESTION.search(sentence):
            continue
        for pattern in _ADVICE:
            match = pattern.search(sentence)
            if match and sentence[: match.start()].rstrip().lower().endswith(("so that", "that", " so", " if", "when")):
                continue
            if match and len(match.group("vp").split()) >= 3 and not match.group("vp").lower().startswith("take care"):
                action = _clean_phrase(match.group("vp"), max_words=12)
                if action and action.split()[0].lower().endswith("ing"):
                    action = None
                tips.append({"sentence": sentence, "action": swap_person(action) if action else None})
                break
    return tips


def thanked_for(sentences: list[str]) -> str | None:
    """What Li Hua thanks the pen pal for, in the pen pal's words: 'the novel I sent you'."""
    for sentence in sentences:
        match = _THANKS.search(sentence)
        if match:
            phrase = _clean_phrase(match.group("what"), max_words=10, verb_phrase=False)
            if phrase and not phrase.lower().startswith(("everything", "all")):
                return swap_person(phrase)
            if phrase:
                return "everything"
    return None


_REASON = re.compile(r"\b(because|since|so I (?:have|had) to|I (?:have|had) to|ill|sick|busy|hospital|broke|forgot|missed)\b",
                     re.IGNORECASE)


def reason_sentence(sentences: list[str]) -> str | None:
    """The sentence where Li Hua explains (an apology's reason), if there is one."""
    for sentence in sentences:
        if not sentence.endswith("?") and _REASON.search(sentence) and len(sentence.split()) <= 30:
            return sentence
    return None


def answer_question(question: str, time_phrase: str, *, index: int = 0, formal: bool = False) -> str:
    """A pen pal's short, friendly answer to one of Li Hua's questions (index varies the wording)."""
    q = question.lower().replace("’", "'")
    if re.search(r"\b(would you like to|do you want to|can you come|could you come|will you come|are you free|"
                 r"will you join|can you join|could you join|would you join|are you coming)\b", q):
        return f"Yes, I'd love to, and {time_phrase} suits me perfectly."
    if re.search(r"\b(would|will) you be (free|available)\b|\bare you (free|available)\b", q):
        return "Yes, I'm free then."
    if re.search(r"\b(do you want me to|would you like me to|shall i|should i send)\b", q):
        return "Yes, please! That would be really helpful."
    if re.search(r"\bwhen (shall|should|can|could|will) we\b|\bwhat time (shall|should|can|could|will) we\b", q):
        return f"How about {time_phrase}? That works best for me."
    if re.search(r"\bwhat should i (bring|prepare|wear|take)\b|\bwhat do i need\b", q):
        if formal:
            return "You only need to bring your passport and your student card. We will send you a full list later."
        return "Just bring some comfortable shoes and a big appetite. I'll take care of the rest!"
    if re.search(r"\b(could|can|would) you (also |please )*tell me\b|\bi wonder\b", q):
        if formal:
            return ("I will check the details for you and reply in my next letter.",
                    "I will find out and let you know as soon as possible.")[index % 2]
        return ("Good question! I'll find out and tell you in my next letter.",
                "I'm not sure yet, but I'll ask and let you know soon.")[index % 2]
    if re.search(r"^(?:\w+, )?(could|can|may) i\b", q):
        return "Of course you can. I'll be glad to see you." if formal else "Of course you can!"
    if re.search(r"\bweather\b", q):
        return "It's usually mild, but the evenings can be cool, so a jacket is a good idea."
    if re.search(r"\bhow far\b", q):
        return "It's not far at all: about fifteen minutes by bus, and on your first day I'll go with you."
    if re.search(r"\bare there any\b", q):
        return "Just a few simple ones, and I'll explain them when you arrive."
    if re.search(r"^(how|what) about you\b", q):
        if formal:
            return "I will tell you more about that in my next letter."
        return "Me? I spend a lot of time playing soccer and hanging out with friends, but I'll tell you more next time!"
    if re.search(r"\bhow are you\b|\bhow is (it|everything|your)\b|\bhow have you been\b", q):
        return "I'm doing really well, thanks for asking!"
    if re.search(r"\bwhat do you think\b|\bhow do you feel\b|\bwhat's your opinion\b", q):
        return "I think you make a really good point, and I mostly agree with you."
    if re.search(r"\bdo you (still )?remember\b", q):
        return "Of course I do! How could I forget?"
    if re.search(r"\bhave you (ever )?(tried|heard|been|seen|eaten|tasted|visited|had)\b", q):
        return "Not yet, but I'd really like to, and I hope you'll show me one day."
    if re.search(r"\bwhat (will|are) you (do|doing|going to do)\b|\bwhat's your plan\b|\bwhat are your plans\b", q):
        return "First I'm going to have a good rest, and then I'll start getting ready for the next challenge."
    if re.search(r"\bwhat do you (usually )?do\b", q):
        return ("After school I usually play soccer with my friends, and in the evening I do my homework and "
                "practise a little Chinese.")
    if re.search(r"\bdo you (like|enjoy|love)\b", q):
        return "I do, very much!"
    if re.search(r"\b(favourite|favorite)\b|\b(what|which) \w+ do you (like|enjoy)\b", q):
        return "That's hard to choose, but I'd say anything we can do together."
    if re.search(r"\b(could|can|would|will) you( please)? (?!come\b|join\b)[a-z]+", q):
        return ("Of course! I'd be happy to.", "Sure, I'd be glad to.", "Of course I can. It's no trouble at all.")[index % 3]
    if re.search(r"^(is|are|do|does|did|can|could|will|would|have|has|should)\b", q):
        return ("Yes, I think so!", "I believe so, yes.", "Yes, definitely!")[index % 3]
    if formal:
        return ("I will check the details for you and reply in my next letter.",
                "I will find out and let you know as soon as possible.",
                "Let me confirm this first, and I will write to you again soon.")[index % 3]
    return ("I'll tell you all about it in my next letter!",
            "Good question! I'll write more about that next time.",
            "There's a lot to say about that, so I'll save it for my next letter.")[index % 3]
