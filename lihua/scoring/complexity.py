"""Sentence complexity read from the parse: how many clauses a sentence holds, how they are joined,
and how many kinds of structure the writer uses.

Markers reward "varied structures" (rubric: language range): a letter of short simple sentences
joined by "and" reads as band 3 however correct it is. These figures come from the one analysis
of the letter (`lihua.text.analysis`), not from counting commas.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from lihua.text.analysis import Analysis, Token

# Clause relations (UD): a dependent clause hangs from its head by one of these.
SUBORDINATE = frozenset({"advcl", "ccomp", "acl:relcl", "csubj", "csubj:pass"})
NONFINITE = frozenset({"xcomp", "acl"})
# A structure's name, and the test that finds it: the variety is how many of these a letter uses.
STRUCTURES = ("relative clause", "adverbial clause", "object clause", "subject clause", "passive",
              "non-finite clause", "coordinated clauses", "comparison", "conditional", "modal verb")


@dataclass(frozen=True)
class Complexity:
    """Per-letter figures (means over sentences with at least one word)."""

    sentences: int
    words_per_sentence: float
    clauses_per_sentence: float
    subordinate_per_sentence: float  # dependent finite clauses per sentence
    structures: tuple[str, ...]  # the kinds of STRUCTURES the letter uses

    @property
    def variety(self) -> int:
        return len(self.structures)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["structures"] = list(self.structures)
        data["variety"] = self.variety
        return data


def _has_subject(analysis: Analysis, token: Token) -> bool:
    """A conjunct with its own subject is a clause ("… and it is still busy"), not a listed word."""
    return any(child.dep.startswith("nsubj") or child.dep == "expl" for child in analysis.children(token))


def _structures_of(analysis: Analysis, token: Token) -> set[str]:
    found: set[str] = set()
    dep = token.dep
    if dep == "acl:relcl":
        found.add("relative clause")
    elif dep == "advcl":
        found.add("adverbial clause")
        if any(child.dep == "mark" and child.lower in ("if", "unless") for child in analysis.children(token)):
            found.add("conditional")
    elif dep == "ccomp":
        found.add("object clause")
    elif dep.startswith("csubj"):
        found.add("subject clause")
    elif dep in NONFINITE:
        found.add("non-finite clause")
    elif dep == "conj" and _has_subject(analysis, token):
        found.add("coordinated clauses")
    if dep.endswith(":pass"):
        found.add("passive")
    if token.tag in ("JJR", "RBR") or (token.lower == "than" and token.pos in ("ADP", "SCONJ")):
        found.add("comparison")
    if token.tag == "MD":
        found.add("modal verb")
    return found


def complexity(analysis: Analysis, start: int = 0, end: int | None = None) -> Complexity:
    """The complexity figures of one analysed text (linear in its length), or of its sentences
    between `start` and `end` (a letter's body, read from the letter's one analysis)."""
    counted = 0
    words = clauses = subordinate = 0
    kinds: set[str] = set()
    for index, sentence in enumerate(analysis.sentences):
        if sentence.start < start or (end is not None and sentence.end > end):
            continue
        tokens = analysis.sentence_tokens(index)
        sentence_words = sum(1 for t in tokens if t.pos not in ("PUNCT", "SYM", "SPACE", "X"))
        if sentence_words == 0:
            continue
        counted += 1
        words += sentence_words
        clauses += 1  # the main clause
        for token in tokens:
            kinds |= _structures_of(analysis, token)
            if token.dep in SUBORDINATE:
                clauses += 1
                subordinate += 1
            elif token.dep == "conj" and _has_subject(analysis, token):
                clauses += 1
    if counted == 0:
        return Complexity(0, 0.0, 0.0, 0.0, ())
    return Complexity(counted, words / counted, clauses / counted, subordinate / counted,
                      tuple(s for s in STRUCTURES if s in kinds))
