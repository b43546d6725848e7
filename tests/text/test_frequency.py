"""lihua's Zipf lookup agrees with wordfreq itself, cached list or not."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from lihua.text.frequency import zipf

WORDS = ["the", "festival", "zongzi", "dumplings", "magnificent", "ubiquitous", "and", "qwertyzz", "a",
         "Beijing", "don't", "i'm", "tom's", "o'clock", "ma'am", "y'all", "qwe'rty", "rock'n'roll", "café", "covid-19", "I", "teacher", "honesty", "steadily"]


@pytest.mark.parametrize("word", WORDS)
def test_zipf_is_wordfreqs(word: str) -> None:
    assert zipf(word) == pytest.approx(zipf_frequency(word, "en"), abs=0.011)


def test_every_listed_apostrophe_word_is_wordfreqs_own_value() -> None:
    """The direct lookup of contractions is right only because each listed one is a single token."""
    from wordfreq import get_frequency_dict

    listed = [word for word in get_frequency_dict("en") if "'" in word and word.isascii()]
    assert len(listed) > 1000
    wrong = [word for word in listed if abs(zipf(word) - zipf_frequency(word, "en")) > 0.011]
    assert wrong == []
