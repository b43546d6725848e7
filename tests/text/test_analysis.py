"""The one analysis every check reads: offsets into the original text, tags read from the sentence."""

from __future__ import annotations

import subprocess
import sys

from lihua.text.analysis import MAX_BLOCK, analyse, blocks


def test_every_token_points_at_its_own_text() -> None:
    text = "Dear Chris,\n\nI’m Li Hua.  We can't wait to see you\nin Beijing next week!\n\nYours,\nLi Hua\n"
    analysis = analyse(text)
    assert analysis.tokens, "nothing was analysed"
    for token in analysis.tokens:
        assert text[token.start:token.end] == token.text
    for sentence in analysis.sentences:
        assert analysis.tokens[sentence.first].start == sentence.start


def test_a_hard_wrapped_paragraph_is_one_block_and_short_lines_stand_alone() -> None:
    text = "Dear Chris,\nWe can't wait to see you\nin Beijing next week.\nYours,\nLi Hua"
    pieces = [block.strip() for _, block in blocks(text)]
    assert pieces == ["Dear Chris,", "We can't wait to see you in Beijing next week.", "Yours,", "Li Hua"]
    for offset, block in blocks(text):
        assert len(block) == len(text[offset:offset + len(block)])  # newlines read as spaces: offsets kept


def test_a_long_block_is_cut_after_a_sentence_so_cost_stays_linear() -> None:
    text = "We played in the park. " * 2000
    pieces = blocks(text)
    assert len(pieces) > 1 and all(len(block) <= MAX_BLOCK for _, block in pieces)
    assert "".join(block for _, block in pieces) == text


def test_the_word_class_comes_from_the_sentence_not_the_dictionary() -> None:
    analysis = analyse("The people who lives the longest are happy. I play the piano. We watched a play.")
    by_text = {}
    for token in analysis.tokens:
        by_text.setdefault(token.text, []).append(token)
    lives = by_text["lives"][0]
    assert lives.tag == "VBZ" and analysis.head(lives).text == "people"  # the verb of a relative clause on "people"
    play_verb, play_noun = by_text["play"]
    assert play_verb.pos == "VERB" and play_noun.pos == "NOUN"
    assert lives.lemma == "live" and lives.feature("Number") == "Sing"


def test_contractions_and_chinese_names_are_read_as_such() -> None:
    analysis = analyse("I'm Li Hua and I can't come.")
    lemmas = {t.text: t.lemma for t in analysis.tokens}
    assert lemmas["'m"] == "be" and lemmas["ca"] == "can" and lemmas["n't"] == "not"
    names = [t for t in analysis.tokens if t.text in ("Li", "Hua")]
    assert [t.tag for t in names] == ["NNP", "NNP"]


def test_the_same_text_is_analysed_once() -> None:
    text = "My mother and father is teachers."
    assert analyse(text) is analyse(text)


def test_empty_and_odd_text_gives_an_empty_or_sane_analysis() -> None:
    assert analyse("").tokens == ()
    assert analyse("\n\n   \n").tokens == ()
    chinese = analyse("我们 like 端午节 very much。")
    assert all(chinese.text[t.start:t.end] == t.text for t in chinese.tokens)


def test_undecodable_bytes_are_parsed_and_offsets_stay_in_the_original_text() -> None:
    """Bytes read with surrogateescape ('\\udcc2') cannot reach spaCy as they are; the words around them can."""
    text = "I have many book.\udcc2\udcd8 We went home."
    analysis = analyse(text)
    assert [t.text for t in analysis.tokens if t.text.isalpha()] == ["I", "have", "many", "book", "We", "went", "home"]
    assert all(text[t.start:t.end] == t.text or not t.text.isascii() for t in analysis.tokens)


def test_the_pipeline_tokenizes_as_the_model_loaded_the_default_way() -> None:
    import spacy

    from lihua.text.analysis import MODEL_DIR, pipeline

    ours, default = pipeline(), spacy.load(MODEL_DIR)
    default.tokenizer.add_special_case("I.", [{"ORTH": "I"}, {"ORTH": "."}])  # lihua's one addition
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == default.tokenizer.to_bytes(exclude=["vocab"])  # the rules
    text = "Dear Chris, I'm glad you're coming at 5 p.m. on Sat. (see www.example.com) -- don't worry :)"
    assert [(t.text, t.tag_, t.dep_, t.head.i) for t in ours(text)] == [(t.text, t.tag_, t.dep_, t.head.i) for t in default(text)]


def test_spacy_is_imported_without_its_command_line_which_still_loads_when_asked() -> None:
    script = ("import sys; from lihua.text.spacy_import import import_spacy; spacy = import_spacy(); "
              "print('spacy.cli' in sys.modules, 'weasel' in sys.modules); "
              "import spacy.cli; print(callable(spacy.cli.download), callable(spacy.info))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["False", "False", "True", "True"]


def test_i_before_a_full_stop_is_a_word_and_an_initial_stays_one_token() -> None:
    analysis = analyse("This is a photo of my sister and I. J. K. Rowling wrote it.")
    words = [t.text for t in analysis.tokens]
    assert words[8:10] == ["I", "."] and "J." in words
    assert len(analysis.sentences) == 2
