"""Rules written as token or dependency patterns, matched over the parsed sentence.

Some learner errors are a shape of the sentence, not a string: a verb's base form as the object
of a preposition ("good at play"), "suggest" with an object and a to-infinitive. A rule says so
in YAML with spaCy's own pattern vocabulary, and lihua runs spaCy's `Matcher` or
`DependencyMatcher` over a spaCy `Doc` rebuilt from the text's `Analysis` (same tokens, tags,
morphology, lemmas and parse, so token i of the Doc is token i of the Analysis):

- `tokens:` a list of token specs, one per token, as spaCy's Matcher reads them (LOWER, LEMMA,
  TAG, POS, MORPH, DEP, IS_SENT_START …, with IN, NOT_IN, REGEX, IS_SUBSET … and OP). lihua adds
  `name:` to a spec, so `mark:`, `when`/`unless`, `fix` and the messages can refer to that token.
- `dependency:` a list of nodes as spaCy's DependencyMatcher reads them (RIGHT_ID, RIGHT_ATTRS,
  then LEFT_ID, REL_OP, RIGHT_ID, RIGHT_ATTRS); each RIGHT_ID names its token.

`mark:` names the token that is flagged (a token name or a 0-based index into `tokens:`); without
it the whole match is. The pattern vocabulary the schema accepts is listed here (TOKEN_ATTRS,
VALUE_OPERATORS, REL_OPS), so a misspelt attribute fails when the pack loads, with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lihua.text.analysis import Analysis, Token

#: Token attributes a `tokens:` spec or a RIGHT_ATTRS may test (spaCy's names; no entities: lihua's
#: pipeline has no entity recogniser). `name` is lihua's own: it names the token for the rule.
TOKEN_ATTRS = frozenset({
    "ORTH", "TEXT", "NORM", "LOWER", "LEMMA", "POS", "TAG", "MORPH", "DEP", "SHAPE", "LENGTH",
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
    "IS_STOP", "IS_SENT_START", "LIKE_NUM", "SPACY", "OP",
})
NAME_KEY = "name"
#: What an attribute's value may be instead of a plain value: {IN: [...]}, {REGEX: "..."} …
VALUE_OPERATORS = frozenset({"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS", "REGEX", "FUZZY",
                             "==", "!=", ">=", "<=", ">", "<"})
#: OP: how many times the token may occur (! none, ? at most once, * any, + at least once, {n,m}).
OP_PATTERN = r"[!?*+]|\{\d*,?\d*\}"
#: DependencyMatcher's relations between LEFT_ID and RIGHT_ID (> head of, < child of, . before, …).
REL_OPS = frozenset({"<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--",
                     ">+", ">-", ">++", ">--", "<+", "<-", "<++", "<--"})
DEPENDENCY_KEYS = frozenset({"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"})


@dataclass(frozen=True)
class ParsedMatch:
    """One match: the flagged character span, and each named token of the pattern."""

    start: int
    end: int
    named: dict[str, Token]


def token_names(tokens: list[dict[str, Any]] | None, dependency: list[dict[str, Any]] | None) -> list[str]:
    """The names a rule's pattern gives its tokens (what `mark`, `when`, `fix` may refer to)."""
    if tokens is not None:
        return [spec[NAME_KEY] for spec in tokens if isinstance(spec, dict) and isinstance(spec.get(NAME_KEY), str)]
    return [node["RIGHT_ID"] for node in dependency or () if isinstance(node, dict) and isinstance(node.get("RIGHT_ID"), str)]


class ParsedPattern:
    """A rule's token or dependency pattern, compiled into a spaCy matcher on first use."""

    def __init__(self, rule_id: str, tokens: list[dict[str, Any]] | None,
                 dependency: list[dict[str, Any]] | None, mark: str | int | None) -> None:
        self.rule_id, self.tokens, self.dependency = rule_id, tokens, dependency
        self.names: list[str | None] = [spec.get(NAME_KEY) for spec in tokens] if tokens is not None else []
        self.mark = self.names[mark] or mark if isinstance(mark, int) else mark
        self.mark_index = mark if isinstance(mark, int) else (self.names.index(mark) if mark in self.names else None)
        self._matcher: Any = None

    def _compiled(self, vocab: Any) -> Any:
        if self._matcher is None:
            from spacy.matcher import DependencyMatcher, Matcher

            if self.tokens is not None:
                matcher = Matcher(vocab, validate=True)
                matcher.add(self.rule_id, [[{k: v for k, v in spec.items() if k != NAME_KEY} for spec in self.tokens]])
            else:
                matcher = DependencyMatcher(vocab, validate=True)
                matcher.add(self.rule_id, [self.dependency])
            self._matcher = matcher
        return self._matcher

    def matches(self, analysis: Analysis) -> Iterator[ParsedMatch]:
        """Every match in the analysed text, left to right, overlapping matches dropped."""
        if not analysis.tokens:
            return
        doc = spacy_doc(analysis)
        matcher = self._compiled(doc.vocab)
        tokens = analysis.tokens
        found: list[ParsedMatch] = []
        if self.tokens is not None:
            for _, first, last, aligned in matcher(doc, with_alignments=True):
                named: dict[str, Token] = {}
                marked = []
                for position, spec_index in zip(range(first, last), aligned, strict=True):
                    name = self.names[spec_index]
                    if name is not None:
                        named.setdefault(name, tokens[position])
                    if spec_index == self.mark_index:
                        marked.append(tokens[position])
                span = (marked[0].start, marked[-1].end) if marked else (tokens[first].start, tokens[last - 1].end)
                if self.mark_index is not None and not marked:
                    continue  # the marked token was optional and absent
                found.append(ParsedMatch(*span, named))
        else:
            ids = [node["RIGHT_ID"] for node in self.dependency or ()]
            for _, positions in matcher(doc):
                named = {name: tokens[p] for name, p in zip(ids, positions, strict=True)}
                if self.mark is not None:
                    span = (named[self.mark].start, named[self.mark].end)
                else:
                    span = (min(t.start for t in named.values()), max(t.end for t in named.values()))
                found.append(ParsedMatch(*span, named))
        resume = -1
        for match in sorted(found, key=lambda m: (m.start, -m.end)):
            if match.start >= resume:
                resume = match.end
                yield match


_last: list[tuple[Analysis, Any]] = []


def spacy_doc(analysis: Analysis) -> Any:
    """A spaCy Doc holding the analysis (its tokens, tags, morphology, lemmas, heads, relations);
    built once per analysis, in time linear in its length."""
    last = _last[0] if _last else None  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is analysis:
        return last[1]
    from spacy.tokens import Doc

    from lihua.text.analysis import pipeline

    tokens = analysis.tokens
    spaces = [token.end < following.start for token, following in zip(tokens, tokens[1:], strict=False)] + [False]
    roots = [token.is_root for token in tokens]
    doc = Doc(pipeline().vocab, words=[t.text for t in tokens], spaces=spaces,
              tags=[t.tag for t in tokens], pos=[t.pos for t in tokens], morphs=[t.morph for t in tokens],
              lemmas=[t.lemma for t in tokens], heads=[t.head for t in tokens],
              deps=["ROOT" if root else t.dep for t, root in zip(tokens, roots, strict=True)])
    _last[:] = [(analysis, doc)]
    return doc
