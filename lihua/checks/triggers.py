"""Which literal text a rule's pattern cannot match without: a cheap test that skips most rules.

Most learner rules begin with a handful of words ("can|could|will…", "discuss about"). Reading
those literal prefixes out of the compiled pattern (Python's own regex parser) lets the engine skip
a rule with one substring test when none of them is in the letter, instead of running the regex
at every word boundary. A pattern whose start is not literal gets no triggers and always runs. The same prefixes give the
only offsets where a match can begin, so the engine tries the pattern there and nowhere else.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

_MAX_PREFIXES = 300
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


def analyse(source: str, flags: int) -> tuple[frozenset[str] | None, bool]:
    """(literal prefixes, starts at a word boundary) of a pattern, from one parse of its source."""
    items = list(sre_parse.parse(source, flags))
    prefixes, _ = _sequence(items)
    if not prefixes or "" in prefixes or len(prefixes) > _MAX_PREFIXES:
        return None, _bounded(items, False)
    if flags & re.IGNORECASE:
        prefixes = {p.lower() for p in prefixes}
    return frozenset(prefixes), _bounded(items, False)


def literal_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match starts with (lower-cased if the pattern ignores case), or None."""
    return analyse(pattern.pattern, pattern.flags)[0]


def _sequence(items: list) -> tuple[set[str] | None, bool]:
    """(prefixes, complete): complete when the whole sequence is literal text."""
    found = {""}
    for index, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH or (op is sre.BRANCH and _all_zero_width(av[1])):
            continue
        if op is sre.LITERAL:
            found = {p + chr(av) for p in found}
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # an optional part: a match starts with it or with whatever follows it
            rest = items[index + 1:]
            with_it, _ = _sequence(list(av[2]) + rest)
            without, _ = _sequence(rest)
            if with_it is None or without is None:
                return None, False
            return {p + q for p in found for q in with_it | without}, False
        if op is sre.SUBPATTERN:
            inner, complete = _sequence(list(av[3]))
        elif op is sre.BRANCH:
            inner, complete = _branch(av[1])
        elif op is sre.IN and 0 < len(av) <= 4 and all(kind is sre.LITERAL for kind, _ in av):
            inner, complete = {chr(code) for _, code in av}, True  # [Tt]o
        else:
            return found, False
        if inner is None:
            return found, False
        found = {p + q for p in found for q in inner}
        if len(found) > _MAX_PREFIXES:
            return None, False
        if not complete:
            return found, False
    return found, True


def _branch(alternatives: list) -> tuple[set[str] | None, bool]:
    union: set[str] = set()
    complete = True
    for alternative in alternatives:
        prefixes, whole = _sequence(list(alternative))
        if prefixes is None:
            return None, False
        union |= prefixes
        complete = complete and whole
    return union, complete


def _all_zero_width(alternatives: list) -> bool:
    return all(all(op in _ZERO_WIDTH for op, _ in alternative) for alternative in alternatives)


def _bounded(items: list, seen: bool) -> bool:
    """True when every match of `items` begins right after a `\\b` (`seen`: one came before them)."""
    for index, (op, av) in enumerate(items):
        if op is sre.AT:
            seen = seen or av is sre.AT_BOUNDARY
        elif op in _ZERO_WIDTH or (op is sre.BRANCH and _all_zero_width(av[1])):
            continue
        elif op is sre.SUBPATTERN:
            return _bounded(list(av[3]) + items[index + 1:], seen)
        elif op is sre.BRANCH:
            return all(_bounded(list(alt) + items[index + 1:], seen) for alt in av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            rest = items[index + 1:]
            return _bounded(list(av[2]) + rest, seen) and _bounded(rest, seen)
        else:
            return seen
    return seen


_WORD_RUN = re.compile(r"[^\W\d_]+")


def word_prefix_index(lowered: str) -> dict[str, list[int]]:
    """Every prefix of every word in the text → where words with that prefix start."""
    index: dict[str, list[int]] = {}
    for match in _WORD_RUN.finditer(lowered):
        word, start = match.group(), match.start()
        for end in range(1, len(word) + 1):
            index.setdefault(word[:end], []).append(start)
    return index


def trigger_heads(triggers: frozenset[str]) -> frozenset[str] | None:
    """The leading letters of each trigger, lower-cased; None when a trigger does not start with one."""
    heads = set()
    for trigger in triggers:
        run = _WORD_RUN.match(trigger.lower())
        if run is None:
            return None
        heads.add(run.group())
    return frozenset(heads)
