r"""Which literal text a rule's pattern cannot match without: a cheap test that skips most rules.

Most learner rules begin with a handful of words ("can|could|will…", "discuss about"). Reading
those literal prefixes out of the compiled pattern (Python's own regex parser) lets the engine skip
a rule with one substring test when none of them is in the letter, instead of running the regex
at every word boundary. A pattern whose start is not literal gets no triggers and always runs. The same prefixes give the
only offsets where a match can begin, so the engine tries the pattern there and nowhere else.

Most rules start with words every letter has ("a", "the", "I"), so the same parse also reads what
else a match cannot do without: groups of literal strings, each group needing one of its strings
somewhere in the letter (`\bthe\s+\w+\s+(?:of|for)\b` needs "the" and one of "of", "for"). A rule
missing one is skipped before its pattern is compiled, which in a fresh process costs more than
running it.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

_MAX_PREFIXES = 300
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


Needs = tuple[frozenset[str], ...]


def analyse(source: str, flags: int) -> tuple[frozenset[str] | None, bool, Needs]:
    """(literal prefixes, starts at a word boundary, needed strings) of a pattern, from one parse."""
    items = list(sre_parse.parse(source, flags))
    needs = _needed(items, bool(flags & re.IGNORECASE))
    prefixes, _ = _sequence(items)
    if not prefixes or "" in prefixes or len(prefixes) > _MAX_PREFIXES:
        return None, _bounded(items, False), needs
    if flags & re.IGNORECASE:
        prefixes = {p.lower() for p in prefixes}
    return frozenset(prefixes), _bounded(items, False), needs


def _needed(items: list, ignore_case: bool) -> Needs:
    """Groups of strings every match contains one of per group (lower-cased if the pattern ignores
    case); groups holding a string shorter than two letters are left out: nearly every text has it."""
    groups = {frozenset(s.lower() for s in group) if ignore_case else group for group in _needs(items)}
    useful = [group for group in groups if all(len(s.strip()) >= 2 for s in group)]
    return tuple(sorted(useful, key=sorted))


def _needs(items: list) -> list[frozenset[str]]:
    """What a sequence of pattern items cannot match without (see `_needed`)."""
    found: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:  # a literal run ends at anything else
            found.append(frozenset({run}))
            run = ""
        if op is sre.SUBPATTERN:
            found += _needs(list(av[3]))
        elif op is sre.BRANCH:  # each alternative's most telling group, joined: one of them is there
            alternatives = [_needs(list(alternative)) for alternative in av[1]]
            if all(alternatives):
                union: set[str] = set()
                for groups in alternatives:
                    union |= min(groups, key=lambda g: (len(g), -min(len(s) for s in g)))
                found.append(frozenset(union))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found += _needs(list(av[2]))
        elif op is sre.IN and 0 < len(av) <= 4 and all(kind is sre.LITERAL for kind, _ in av):
            found.append(frozenset(chr(code) for _, code in av))
        # anything else (classes, look-arounds, optional parts) needs nothing for certain
    if run:
        found.append(frozenset({run}))
    return found


def has_needs(needs: Needs, haystack: str) -> bool:
    """True when `haystack` holds one string of every group (the pattern may match)."""
    return all(any(s in haystack for s in group) for group in needs)


def literal_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match starts with (lower-cased if the pattern ignores case), or None."""
    return analyse(pattern.pattern, pattern.flags)[0]


def needed_strings(pattern: re.Pattern[str]) -> Needs:
    """The groups of strings a match of `pattern` needs one of each (see `_needed`)."""
    return analyse(pattern.pattern, pattern.flags)[2]


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
