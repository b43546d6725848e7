"""Grading a class: the worker pool, the per-letter rows, CSV/JSON outputs, the class summary and HTML report."""
