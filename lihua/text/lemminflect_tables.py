"""A faster first lookup in lemminflect's lexicon: its two tables kept in lihua's cache.

lemminflect reads its tables from gzip'd text on first use (about 0.8 s, most of a cold `lihua
grade` beyond Harper); even a marshal copy of them takes a third of that to load whole. So the
first run writes each table as a `lihua.io.cache.Table`, which later runs open in milliseconds and
decode a bucket at a time, for the words a letter has. lemminflect reads its tables only through
`.get`, which a Table answers as the dict would. It is only a copy: if it is missing, damaged or
from another lemminflect version, lemminflect loads its own data as usual.
"""

from __future__ import annotations

from lihua.io.cache import read_table, write_table

_ready = False


def entry_names() -> tuple[str, str]:
    """The cache names of the lemma table and the inflection table, for this lemminflect version."""
    import lemminflect

    return (
        f"lemminflect-{lemminflect.__version__}-lemmas.table",
        f"lemminflect-{lemminflect.__version__}-inflections.table",
    )


def warm() -> None:
    """Make lemminflect ready; call before any use of it. It is imported after spaCy's lean import
    (lemminflect imports spaCy itself), and given its tables from the cache, or loads them once
    and writes the cache."""
    global _ready
    if _ready:
        return
    from lihua.text.spacy_import import import_spacy

    import_spacy()
    _load_tables()
    _ready = True


def _load_tables() -> None:
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer, inflections = Lemmatizer(), Inflections()
    if hasattr(lemmatizer, "lemma_dict") and hasattr(inflections, "infl_dict"):
        return
    lemma_name, inflection_name = entry_names()
    lemmas, forms = read_table(lemma_name), read_table(inflection_name)
    if lemmas is not None and forms is not None:
        lemmatizer.lemma_dict, inflections.infl_dict = lemmas, forms
        return
    write_table(lemma_name, lemmatizer._getLemmaDict())
    write_table(inflection_name, inflections._getInflDict())
