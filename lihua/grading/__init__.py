"""The one grading path: engines and lihua's checks on a text, findings merged, the letter scored."""
