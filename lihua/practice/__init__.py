"""Practising: the history of attempts, drafts, comparing two attempts, the editor's word wrap."""
