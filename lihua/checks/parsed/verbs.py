"""Verb forms read from the parse (filled in below)."""

from __future__ import annotations

VERB_CHECKS: dict = {}
