"""The names `--disable` and lihua.toml's `disable` list accept, so that a mistyped one is an error
with a did-you-mean instead of a silent no-op that leaves the rule on.

A name is a category (grammar, spelling …), a rule id or a dotted prefix of one ("learner.verb"),
or an engine's rule ids as its module names them (lihua.engines: "harper.<lint kind>", "languagetool",
and any "languagetool.<RULE_ID>", as LanguageTool's rules live on its server).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache


class UnknownRuleName(ValueError):
    """A --disable name that matches no rule, prefix or category; the message says what is close."""


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every category, rule id and dotted rule-id prefix lihua can switch off."""
    from lihua.checks import all_rule_ids
    from lihua.checks.rulebook import retired_rules
    from lihua.engines import engine_rule_ids
    from lihua.findings import Category

    ids = all_rule_ids() + engine_rule_ids()
    prefixes = {".".join(parts[:i]) for parts in (rule_id.split(".") for rule_id in ids) for i in range(1, len(parts))}
    return frozenset({*ids, *prefixes, *retired_rules(), *(c.value for c in Category)})


def did_you_mean(wanted: str, choices: Iterable[str]) -> str:
    """"did you mean 'x'? " for the closest choice (or one ending the same way), else ""."""
    choices = list(choices)
    close = difflib.get_close_matches(wanted.strip(), choices, n=1, cutoff=0.6)
    if not close:
        tail = wanted.strip().rsplit(".", 1)[-1]
        close = [c for c in choices if tail and c.rsplit(".", 1)[-1].startswith(tail)][:1]
    return f"did you mean '{close[0]}'? " if close else ""


def check_disable(names: Iterable[str], where: str = "--disable") -> None:
    """Raise UnknownRuleName for the first name that would switch nothing off."""
    from lihua.engines import is_engine_rule_id
    from lihua.findings import Category

    known = known_names()
    for name in names:
        if name in known or is_engine_rule_id(name):
            continue
        categories = ", ".join(c.value for c in Category)
        raise UnknownRuleName(f"{where}: no rule or category '{name}'; {did_you_mean(name, sorted(known))}"
                              f"see `lihua rules list` for rule ids (categories: {categories})")
