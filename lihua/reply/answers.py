"""What the pen pal says back: answers to Li Hua's questions, the tip they will try, what they were thanked for.

Phrases taken from the letter are turned round to the pen pal's point of view ("helping me with my
English" → "helping you with your English") and only reused when they are short and plain;
otherwise the templates quote the student's sentence instead of rewriting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lihua.text.word_classes import word_class

_BANNED_VERB_PHRASE_STARTS = word_class("verb_phrase_banned_starts")

_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z\u4e00-\u9fff' ,’-]*")
_SWAP = {"me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i": "you", "your": "my",
         "yours": "mine", "yourself": "myself", "i'm": "you're", "i've": "you've", "i'll": "you'll",
         "you're": "I'm", "you've": "I've", "you'll": "I'll", "we": "we", "us": "us"}
_SUBJECT_NEXT = word_class("subject_next")
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
_CONJUNCTIONS = word_class("reply_conjunctions")
_PRAISE = "kind|kindest|great|warm|warmest|generous|patient|wonderful|selfless|valuable|precious|thoughtful|lovely"
_SUGGESTION = re.compile(r"\b(?:why not|how about|what about)\b(?! you\b)", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r",\s*(?:because|so|which|as|and then|but)\b|\s+(?:because|so that|which)\b|,\s*(?=I\b)")


@dataclass(frozen=True, slots=True)
class Question:
    text: str  # the student's question, exactly as written
    answer: str  # our answer (the pen pal's words)

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "answer": self.answer}



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


def clean_phrase(raw: str, max_words: int = 12, *, verb_phrase: bool = True) -> str | None:
    """A short, plain phrase we can safely reuse in our own sentence, or None.

    A verb phrase ("practise every day") must not start like a noun phrase or an infinitive.
    """
    phrase = _CLAUSE_CUT.split(raw, maxsplit=1)[0].strip(" ,")
    if not phrase or not _PLAIN_WORDS.fullmatch(phrase) or len(phrase.split()) > max_words:
        return None
    banned = _BANNED_VERB_PHRASE_STARTS if verb_phrase else {"to", "that", "it"}
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
                action = clean_phrase(match.group("vp"), max_words=12)
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
            what = re.sub(r"\s*\([^)]*\)", "", match.group("what"))  # "(端午节)" glosses are the student's aside
            phrase = clean_phrase(what, max_words=12, verb_phrase=False)
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


_ACCEPT = (r"\b(would you like to|do you want to|(can|could|will) you (come|arrive|make it|be there|visit)|are you free|"
           r"will you join|can you join|could you join|would you join|are you coming)\b")


def accepts_invitation(question: str) -> bool:
    """'Would you like to come?': answering it yes already accepts the letter's invitation."""
    return bool(re.search(_ACCEPT, question.lower().replace("’", "'")))


def invitation_answer(activity: str | None, *, formal: bool, when: str | None, trip: bool) -> str:
    """The pen pal's yes to an invitation in a letter that is mainly about something else.

    `when` is the time the letter named (a noun phrase: "the summer holiday"), if any; a visit
    to China with no time named is left for Li Hua's family to choose.
    """
    doing = activity or "come"
    if formal:
        text = f"Thank you also for the kind invitation. I would be delighted to {doing}."
    else:
        text = f"Thank you for inviting me, too: I'd love to {doing}!"
    if when and when.lower() not in doing.lower():
        return f"{text} {when[:1].upper()}{when[1:]} suits me well."
    if not when and not re.search(r"\b(?:someday|some day|one day|again)\b", doing):
        return f"{text} {'Just tell me which dates suit your family best.' if trip else 'Just tell me when, and I will be there.'}"
    return text


# What the pen pal answers to each kind of question, first match wins. Each row: the question's
# pattern (on the lower-cased question), the casual answers and, if they differ, the formal ones;
# `index` picks among several answers, "{time}" is the time the letter proposed.
_ANSWERS: tuple[tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...] | None], ...] = tuple(
    (re.compile(pattern), casual, formal) for pattern, casual, formal in (
        (_ACCEPT, ("Yes, I'd love to, and {time} suits me perfectly.",), None),
        (r"\b(would|will) you be (free|available)\b|\bare you (free|available)\b", ("Yes, I'm free then.",), None),
        (r"\b(do you want me to|would you like me to|shall i|should i send)\b",
         ("Yes, please! That would be really helpful.",), None),
        (r"\bwhen (shall|should|can|could|will) we\b|\bwhat time (shall|should|can|could|will) we\b",
         ("How about {time}? That works best for me.",), None),
        (r"\bwhat should i (bring|prepare|wear|take)\b|\bwhat do i need\b",
         ("Just bring some comfortable shoes and a big appetite. I'll take care of the rest!",),
         ("You only need to bring your passport and your student card. We will send you a full list later.",)),
        (r"\b(could|can|would) you (also |please )*tell me\b|\bi wonder\b",
         ("Good question! I'll find out and tell you in my next letter.",
          "I'm not sure yet, but I'll ask and let you know soon."),
         ("I will check the details for you and reply in my next letter.",
          "I will check and let you know as soon as possible.")),
        (r"^(?:\w+, )?(could|can|may) i\b", ("Of course you can!",), ("Of course you can. I'll be glad to see you.",)),
        (r"\bweather\b", ("It's usually mild, but the evenings can be cool, so a jacket is a good idea.",), None),
        (r"\bhow far\b",
         ("It's not far at all: about fifteen minutes by bus, and on your first day I'll go with you.",), None),
        (r"\bare there any\b", ("Just a few simple ones, and I'll explain them when you arrive.",), None),
        (r"^(how|what) about you\b",
         ("Me? I spend a lot of time playing soccer and hanging out with friends, but I'll tell you more next time!",),
         ("I will tell you more about that in my next letter.",)),
        (r"\bhow are you\b|\bhow is (it|everything|your)\b|\bhow have you been\b",
         ("I'm doing really well, thanks for asking!",), None),
        (r"\bwhat do you think\b|\bhow do you feel\b|\bwhat's your opinion\b",
         ("I think you make a really good point, and I mostly agree with you.",), None),
        (r"\bdo you (still )?remember\b", ("Of course I do! How could I forget?",), None),
        (r"\bhave you (ever )?(tried|heard|been|seen|eaten|tasted|visited|had)\b",
         ("Not yet, but I'd really like to, and I hope you'll show me one day.",), None),
        (r"\bwhat (will|are) you (do|doing|going to do)\b|\bwhat's your plan\b|\bwhat are your plans\b",
         ("First I'm going to have a good rest, and then I'll start getting ready for the next challenge.",), None),
        (r"\bwhat do you (usually )?do\b",
         ("After school I usually play soccer with my friends, and in the evening I do my homework and "
          "practise a little Chinese.",), None),
        (r"\bdo you (like|enjoy|love)\b", ("I do, very much!",), None),
        (r"\b(favourite|favorite)\b|\b(what|which) \w+ do you (like|enjoy)\b",
         ("That's hard to choose, but I'd say anything we can do together.",), None),
        (r"\b(could|can|would|will) you( please)? (?!come\b|join\b)[a-z]+",
         ("Of course! I'd be happy to.", "Sure, I'd be glad to.", "Of course I can. It's no trouble at all."), None),
        (r"^(is|are|do|does|did|can|could|will|would|have|has|should)\b",
         ("Yes, I think so!", "I believe so, yes.", "Yes, definitely!"), None),
    ))
_NO_ANSWER_YET = (
    ("I'll tell you all about it in my next letter!",
     "Good question! I'll write more about that next time.",
     "There's a lot to say about that, so I'll save it for my next letter."),
    ("I will check the details for you and reply in my next letter.",
     "I will check and let you know as soon as possible.",
     "Let me confirm this first, and I will write to you again soon."),
)


def answer_question(question: str, time_phrase: str, *, index: int = 0, formal: bool = False,
                    accepting: str | None = None) -> str:
    """A pen pal's short, friendly answer to one of Li Hua's questions (index varies the wording).

    `accepting` is what the letter invites the pen pal to do ("visit China"): a yes names it.
    """
    if accepting and accepts_invitation(question):
        return f"Yes, I'd love to {accepting}, and {time_phrase} suits me perfectly."
    q = question.lower().replace("’", "'")
    answers = next(((formal_answers if formal and formal_answers else casual)
                    for pattern, casual, formal_answers in _ANSWERS if pattern.search(q)),
                   _NO_ANSWER_YET[formal])
    return answers[index % len(answers)].replace("{time}", time_phrase)
