"""lihua's Zipf lookup agrees with wordfreq itself, cached list or not."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from lihua.text.frequency import zipf

WORDS = ["the", "festival", "zongzi", "dumplings", "magnificent", "ubiquitous", "and", "qwertyzz", "a",
         "Beijing", "don't", "café", "covid-19", "I", "teacher", "honesty", "steadily"]


@pytest.mark.parametrize("word", WORDS)
def test_zipf_is_wordfreqs(word: str) -> None:
    assert zipf(word) == pytest.approx(zipf_frequency(word, "en"), abs=0.011)
