"""Tools for working on lihua itself, not for grading: the generator of docs/ from the code."""
