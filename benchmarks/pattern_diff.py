"""Did a rewrite of the rule packs change what any rule matches? Compares every built-in rule's
expanded pattern (lists written out) at a git revision with the working tree's.

    python benchmarks/pattern_diff.py [REV]      # REV defaults to main; exit 1 when a pattern differs

Adjacent negative look-behinds are compared as a set: they all test the same position, so their
order cannot change a match. Anything else must be the same text, flag for flag.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from lihua.checks.rulebook import Rule, load_pack

ROOT = Path(__file__).resolve().parents[1]
PACKS = "lihua/checks/rules"
LOOK_BEHIND = r"\(\?<!(?:[^()\\]|\\.)*\)"


def canonical(source: str | None) -> str | None:
    """The pattern with each run of adjacent look-behinds in sorted order."""
    if source is None:
        return None
    return re.sub(rf"(?:{LOOK_BEHIND})+", lambda m: "".join(sorted(re.findall(LOOK_BEHIND, m.group()))), source)


def rules_at(rev: str | None) -> dict[str, Rule]:
    """Every built-in rule by id, from the packs at `rev` (None: the working tree)."""
    if rev is None:
        files = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / PACKS).glob("*.yaml")}
    else:
        names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{rev}:{PACKS}"],
                               capture_output=True, text=True, check=True).stdout.split()
        files = {name: subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{PACKS}/{name}"],
                                      capture_output=True, text=True, check=True).stdout
                 for name in names if name.endswith(".yaml")}
    return {rule.id: rule for name, text in sorted(files.items()) for rule in load_pack(text, name)}


def main(rev: str = "main") -> int:
    old, new = rules_at(rev), rules_at(None)
    exact = same = 0
    for rule_id in sorted(old.keys() & new.keys()):
        a, b = old[rule_id], new[rule_id]
        if (a.source, a.flags) == (b.source, b.flags):
            exact += 1
        elif a.flags == b.flags and canonical(a.source) == canonical(b.source):
            same += 1
        else:
            print(f"differs: {rule_id}")
    for rule_id in sorted(old.keys() ^ new.keys()):
        print(f"only {'at ' + rev if rule_id in old else 'now'}: {rule_id}")
    differ = len(old.keys() | new.keys()) - exact - same
    print(f"{len(new)} rules: {exact} expanded patterns identical to {rev}'s, {same} identical up to the order "
          f"of adjacent look-behinds, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
