"""Which literal text a rule's pattern cannot match without: a cheap test that skips most rules.

Most learner rules begin with a handful of words ("can|could|will…", "discuss about"). Reading
those literal prefixes out of the compiled pattern (Python's own regex parser) lets the engine skip
a rule with one substring test when none of them is in the letter, instead of running the regex
at every word boundary. A pattern whose start is not literal gets no triggers and always runs.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

_MAX_PREFIXES = 300
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


def literal_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match starts with (lower-cased if the pattern ignores case), or None."""
    prefixes, _ = _sequence(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not prefixes or any(len(p) < 2 for p in prefixes) or len(prefixes) > _MAX_PREFIXES:
        return None
    if pattern.flags & re.IGNORECASE:
        return frozenset(p.lower() for p in prefixes)
    return frozenset(prefixes)


def _sequence(items: list) -> tuple[set[str] | None, bool]:
    """(prefixes, complete): complete when the whole sequence is literal text."""
    found = {""}
    for op, av in items:
        if op in _ZERO_WIDTH or (op is sre.BRANCH and _all_zero_width(av[1])):
            continue
        if op is sre.LITERAL:
            found = {p + chr(av) for p in found}
            continue
        if op is sre.SUBPATTERN:
            inner, complete = _sequence(list(av[3]))
        elif op is sre.BRANCH:
            inner, complete = _branch(av[1])
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
