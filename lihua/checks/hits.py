"""What a named check yields for each place it fires, shared by every check module."""

from __future__ import annotations

#: (start, end, replacement or None, values for the rule's message) of one place a check fires.
Hit = tuple[int, int, str | None, dict[str, str]]
