"""Sentence complexity from the parse: varied, subordinated writing reads as more complex than a
string of short simple sentences, whatever its length."""

from __future__ import annotations

from lihua.scoring.complexity import complexity
from lihua.text.analysis import analyse

SIMPLE = "I like tea. I drink tea. My mother likes tea. We drink tea at home. It is good."
VARIED = ("If you come to Beijing, I will show you the tea house which my grandfather opened. "
          "It was built in 1990 and it is still busy, because people who love tea think it is the best.")


def test_varied_writing_has_more_clauses_and_structures_than_simple_sentences() -> None:
    simple, varied = complexity(analyse(SIMPLE)), complexity(analyse(VARIED))
    assert simple.sentences == 5 and varied.sentences == 2
    assert simple.clauses_per_sentence == 1.0 and simple.subordinate_per_sentence == 0.0
    assert varied.clauses_per_sentence >= 3 and varied.subordinate_per_sentence >= 2
    assert {"relative clause", "adverbial clause", "conditional", "passive", "coordinated clauses"} <= set(varied.structures)
    assert varied.variety > simple.variety


def test_no_words_gives_zeros_not_a_division_error() -> None:
    empty = complexity(analyse("... !!!"))
    assert empty.sentences == 0 and empty.to_dict()["variety"] == 0
