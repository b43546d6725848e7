"""What a text is made of: the letter's parts, sentences and words, names and pinyin, word frequency."""
