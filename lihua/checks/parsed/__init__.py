"""Checks that judge the parse: each reads `lihua.text.analysis` (word class and relation in its
sentence) and combines it with word facts from `lihua.checks.lexicon`, one pass over the tokens."""
