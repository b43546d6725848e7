"""Checks that read the parse (lihua.text.analysis): each finds one kind of error from the
sentence's structure, where a phrase pattern or the shallow clause reader would guess."""

from __future__ import annotations

from lihua.checks.parsed.agreement import AGREEMENT_CHECKS
from lihua.checks.parsed.tense import TENSE_CHECKS
from lihua.checks.parsed.verbs import VERB_CHECKS

PARSED_CHECKS = {**AGREEMENT_CHECKS, **VERB_CHECKS, **TENSE_CHECKS}
