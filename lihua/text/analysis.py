"""One English analysis per letter: sentences and tokens with tag, lemma, morphology and parse.

Every check, the scorer and the reply read the same `Analysis`, made once per text by lihua's own
spaCy pipeline (trained from UD English-EWT: `training/parser/`, shipped in `text/model/`). A
token's word class is read from its sentence ("play" after "good at" is a verb the parser sees),
never guessed from the list of classes the word could have.

Offsets are into the original text. The text is cut into blocks before parsing: a line that ends a
sentence, or is short like "Dear Chris," or "Li Hua", ends its block; a hard-wrapped line joins
the next one (the newline is read as a space, so offsets do not move). A block longer than
`MAX_BLOCK` characters is cut after a sentence-final mark, so a 1 MB letter costs linear time.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).resolve().parent / "model" / "en_lihua_ewt"
MAX_BLOCK = 5000  # characters parsed as one document at most
SHORT_LINE_WORDS = 4  # "Dear Mr Smith," / "Best wishes," / "Li Hua": a line of its own
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)\]]*\s*$")
_CUT = re.compile(r"[.!?。！？;；]\s")
_WORD = re.compile(r"[A-Za-z]+")
#: Undecodable bytes read with surrogateescape: spaCy cannot encode them; one U+FFFD each keeps the offsets.
_SURROGATE = re.compile("[\ud800-\udfff]")

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Token:
    """One token: where it is, what it is, and where it hangs in its sentence."""

    i: int  # index in Analysis.tokens
    text: str
    start: int  # offsets into the original text
    end: int
    lemma: str
    tag: str  # Penn Treebank tag: VBZ, NNS, JJ …
    pos: str  # Universal POS: VERB, AUX, NOUN …
    morph: str  # UD features, e.g. "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
    head: int  # index of the head token (itself for a sentence root)
    dep: str  # UD relation: nsubj, obj, amod, ROOT …
    sent: int  # index in Analysis.sentences

    @property
    def lower(self) -> str:
        return self.text.lower()

    def feature(self, name: str) -> str | None:
        """One morphological feature ("Number" → "Plur"), or None."""
        for pair in self.morph.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None

    @property
    def is_root(self) -> bool:
        return self.head == self.i


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its character span and the half-open range of its tokens."""

    start: int
    end: int
    first: int
    last: int  # one past the last token


@dataclass(frozen=True)
class Analysis:
    """The analysis of one text, shared by every part that reads it."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if not token.is_root:
                kids[token.head].append(token.i)
        return tuple(tuple(k) for k in kids)

    def children(self, token: Token) -> list[Token]:
        return [self.tokens[i] for i in self._children[token.i]]

    def head(self, token: Token) -> Token:
        return self.tokens[token.head]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        sentence = self.sentences[index]
        return self.tokens[sentence.first:sentence.last]

    def subtree(self, token: Token) -> list[Token]:
        """The token and everything that hangs from it, in text order."""
        seen = [token.i]
        stack = [token.i]
        while stack:
            for child in self._children[stack.pop()]:
                seen.append(child)
                stack.append(child)
        return [self.tokens[i] for i in sorted(seen)]



def blocks(text: str) -> list[tuple[int, str]]:
    """(offset, block text) pieces to parse: newlines inside a wrapped paragraph read as spaces."""
    pieces: list[tuple[int, str]] = []
    start = 0
    current: list[str] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ends_block = (not body.strip() or _SENTENCE_END.search(body) is not None
                      or len(_WORD.findall(body)) <= SHORT_LINE_WORDS)
        current.append(body + " " * (len(line) - len(body)))
        position += len(line)
        if ends_block:
            pieces.append((start, "".join(current)))
            start, current = position, []
    if current:
        pieces.append((start, "".join(current)))
    out: list[tuple[int, str]] = []
    for offset, block in pieces:
        out.extend(_cut_long(offset, block))
    return [(offset, block) for offset, block in out if block.strip()]


def _cut_long(offset: int, block: str) -> Iterator[tuple[int, str]]:
    while len(block) > MAX_BLOCK:
        cut = None
        for match in _CUT.finditer(block, 0, MAX_BLOCK):
            cut = match.end()
        if cut is None:  # no sentence end: cut at the last space, else hard
            space = block.rfind(" ", 0, MAX_BLOCK)
            cut = space + 1 if space > 0 else MAX_BLOCK
        yield offset, block[:cut]
        offset, block = offset + cut, block[cut:]
    yield offset, block


_CLOSED_TAGS = frozenset({"PRP", "PRP$", "DT", "IN", "CC", "MD", "WP", "WP$", "WDT", "WRB", "TO", "EX", "PDT", "RP", "UH"})
_LEMMA_POS = {"VERB": "VERB", "AUX": "AUX", "NOUN": "NOUN", "PROPN": "PROPN", "ADJ": "ADJ", "ADV": "ADV"}


def _is_name(word: str, tag: str) -> bool:
    """A capitalised Chinese name or pinyin word ("Li", "Hua", "Zhang"): EWT has few, so the tagger
    guesses ("Li" as a verb); lihua knows them. Closed-class words ("He", "An") keep their tag."""
    if not word[:1].isupper() or tag in _CLOSED_TAGS:
        return False
    from lihua.text.names import is_chinese_name_or_pinyin

    return is_chinese_name_or_pinyin(word)


@lru_cache(maxsize=1)
def _contractions() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    from lihua.io.yaml_data import data_file

    data = data_file("contractions.yaml")
    return dict(data["lemmas"]), {k: dict(v) for k, v in data["ambiguous"].items()}


@lru_cache(maxsize=65536)
def lemma_of(word: str, pos: str) -> str:
    """The dictionary form for the word's class in its sentence ("lives" as a verb → "live", "'m" → "be")."""
    lower = word.lower()
    fixed, ambiguous = _contractions()
    if lower in fixed and (lower[0] in "'’" or pos in ("AUX", "VERB", "PART")):
        return fixed[lower]
    if lower in ambiguous:
        return ambiguous[lower].get(pos, lower)
    upos = _LEMMA_POS.get(pos)
    if upos is None or not lower.isalpha():
        return lower
    from lihua.text.lemminflect_tables import warm

    warm()
    from lemminflect import getLemma

    found = getLemma(lower if upos != "PROPN" else word, upos=upos)
    return found[0].lower() if found else lower


_loaded: list[Any] = []  # the pipeline, once loaded
_loading = threading.Lock()


_TOKENIZER = "lihua.tokenizer_from_model.v1"


def _blank_tokenizer() -> Any:
    """A tokenizer with no rules: the model's own `tokenizer` file then gives it every rule.

    spaCy's default would first build English's 1 300 special cases and affix patterns, only for
    the model's file to replace them all (Tokenizer.from_bytes resets every field it reads): a
    fifth of the model's load, for nothing.
    """
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def pipeline() -> Any:
    """lihua's spaCy pipeline, loaded once per process (about 0.8 s with spaCy's import)."""
    with _loading:  # batch or library threads may ask at once: load it once
        if not _loaded:
            from lihua.text.spacy_import import import_spacy

            spacy = import_spacy()
            if not MODEL_DIR.is_dir():
                raise FileNotFoundError(f"lihua's English model is missing ({MODEL_DIR}); reinstall lihua")
            if _TOKENIZER not in spacy.registry.tokenizers:
                spacy.registry.tokenizers.register(_TOKENIZER, func=_blank_tokenizer)
            nlp = spacy.load(MODEL_DIR, config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER}}})
            # English's tokenizer keeps a capital and its full stop together as an initial ("J. K.
            # Rowling"); "I" is a word, and "my sister and I." ends a sentence.
            nlp.tokenizer.add_special_case("I.", [{"ORTH": "I"}, {"ORTH": "."}])
            _loaded.append(nlp)
        return _loaded[0]


@lru_cache(maxsize=64)
def analyse(text: str) -> Analysis:
    """The analysis of `text`, made once and shared (the same text is never parsed twice)."""
    nlp = pipeline()
    pieces = blocks(text)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    with _lock:  # one pipeline per process; spaCy's models are not meant to be run from two threads at once
        docs = list(nlp.pipe(_SURROGATE.sub("\ufffd", block) for _, block in pieces))
    for (offset, _), doc in zip(pieces, docs, strict=True):
        base = len(tokens)
        kept: dict[int, int] = {}
        for tok in doc:
            if tok.is_space:
                continue
            kept[tok.i] = base + len(kept)
        for sent in doc.sents:
            first = len(tokens)
            for tok in sent:
                if tok.is_space:
                    continue
                head = tok.head
                while head.is_space and head.head.i != head.i:
                    head = head.head
                index = kept[tok.i]
                tag, pos = tok.tag_, tok.pos_
                if _is_name(tok.text, tag):
                    tag, pos = "NNP", "PROPN"
                tokens.append(Token(
                    i=index, text=tok.text, start=offset + tok.idx, end=offset + tok.idx + len(tok.text),
                    lemma=lemma_of(tok.text, pos), tag=tag, pos=pos, morph=str(tok.morph),
                    head=kept.get(head.i, index), dep=tok.dep_, sent=len(sentences)))
            if len(tokens) > first:
                sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
    return Analysis(text, tuple(tokens), tuple(sentences))
