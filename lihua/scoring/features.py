"""The feature vector of one text for the fitted score (lihua/data/score_model.yaml): what a marker
reads, as named numbers, and the facts behind each (counts a deduction can name).

Every feature is a cheap count on the text, lihua's own findings and the one parse of the text,
chosen so a teacher can read its coefficient:
- accuracy: findings per 100 words by category (grammar, word choice, spelling apart, punctuation),
  errors and warnings weighed as lihua weighs them (1, 0.5), on a log scale (the tenth error in a
  hundred words costs less than the first); errors that hinder meaning counted apart.
- range of words: MTLD, the share of content words rarer than Zipf 4 / 3 in wordfreq, word length.
- sentences: mean length and spread, subordinators; from the parse: clauses and subordinate clauses
  per sentence and how many kinds of structure (lihua.scoring.complexity).
- cohesion: linking words, how many different ones and of how many kinds, paragraphs.
- length: log of the word count.

Length is relative: the fitting data are ~250-word essays, a gaokao letter 80-120 words.
`length_scale` multiplies every word count that grows with length (counts of distinct words by
scale ** HEAPS, as vocabulary grows slower than text) so a letter is measured as if it were an essay
of the fitting data's usual length; the scorer passes usual_length / the task's midpoint (or / the
letter's own length without a task: length is then neutral). The fit uses 1.0.
Findings are rows [rule_id, source, category, severity, component, start, end, hinders]
(`finding_rows` makes them from lihua Findings).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lihua.text.names import is_chinese_name_or_pinyin

if TYPE_CHECKING:
    from lihua.scoring.complexity import Complexity
    from lihua.text.letter import Letter

HEAPS = 0.7  # distinct words grow as words ** 0.7 (Heaps' law): scale counts of distinct things by this


FEATURES: dict[str, str] = {
    "log_words": "ln(1 + words of the body)",
    "err_grammar": "ln(1 + grammar findings per 100 words; error 1, warning 0.5)",
    "err_word_choice": "ln(1 + word-choice findings per 100 words; error 1, warning 0.5)",
    "err_spelling": "ln(1 + spelling findings per 100 words; error 1, warning 0.5)",
    "err_punctuation": "ln(1 + punctuation findings per 100 words; error 1, warning 0.5)",
    "err_hinders": "ln(1 + findings that hinder meaning per 100 words)",
    "err_lihua": "ln(1 + lihua's own language errors/warnings per 100 words (learner rules))",
    "suggestions": "ln(1 + suggestions per 100 words)",
    "mtld": "lexical diversity (MTLD), /100",
    "rare4": "share of content words with Zipf < 4 (beyond the most common ~10 000 words)",
    "rare3": "share of content words with Zipf < 3 (rare but known to wordfreq)",
    "mean_zipf": "mean Zipf frequency of the content words",
    "word_length": "mean letters per word",
    "long_words": "share of words of 7 letters or more",
    "types": "ln(distinct word forms)",
    "sentence_length": "mean words per sentence, /10",
    "sentence_spread": "standard deviation of sentence length, /10",
    "subordinators": "subordinating words per sentence",
    "relatives": "relative words (who, which, where…) per sentence",
    "non_finite": "non-finite forms (to-infinitive, -ing/-ed clauses) per sentence",
    "commas": "commas per sentence",
    "linking": "linking words per 100 words",
    "linking_distinct": "ln(1 + distinct linking words)",
    "linking_kinds": "kinds of linking word used (sequence, addition, contrast, cause, example, conclusion), /6",
    "paragraphs": "ln(paragraphs of the body)",
    "one_block": "1 when the body is one block of 50+ words",
    "short_paragraphs": "share of body paragraphs under 25 words (a line per paragraph)",
    "paragraph_words": "ln(mean words per paragraph)",
    "is_letter": "1 when the text opens with a salutation",
    "format_complete": "for a letter: share of salutation, closing and signature present",
    "all_caps": "1 when most letters are capitals (a text typed in capitals)",
    "clean_sentences": "share of sentences with no language error or warning (error-free units)",
    "unknown_words": "share of lower-case words wordfreq hardly knows (Zipf < 1.5: misspelt or invented)",
    "common_words": "share of words among the ~100 most common (Zipf >= 6)",
    "band_5_6": "share of words with Zipf 5-6 (common, not the commonest)",
    "band_4_5": "share of words with Zipf 4-5 (everyday but less common)",
    "band_3_4": "share of words with Zipf 3-4 (beyond a high-school list)",
    "band_lt3": "share of known words with Zipf 1.5-3 (rare)",
    "guiraud": "distinct words / sqrt(words) (vocabulary size for the length)",
    "lowercase_starts": "share of sentences starting with a lower-case letter",
    "contractions": "contracted forms (don't, I'm) per 100 words",
    "questions": "questions and exclamations per sentence",
    "pronoun_i": "'I' per 100 words",
    "articles": "a, an, the per 100 words",
    "log_words_sq": "(ln words - 5)^2: very short and very long texts",
    "advanced_share": "lihua's advanced-word share (rare known words and listed phrasal verbs, as the range score counts)",
    "run_on": "share of sentences of 35 words or more (run-on sentences)",
    "repetition": "overused and repeated words per 100 words (as the range score lists them)",
    "log_clean_words": "ln(1 + words in sentences with no language error or warning): correct text produced",
    "fam_verb": "ln(1 + lihua verb-form findings per 100 words)",
    "fam_agreement": "ln(1 + lihua agreement findings per 100 words)",
    "fam_article": "ln(1 + lihua article findings per 100 words)",
    "fam_noun": "ln(1 + lihua noun-number findings per 100 words)",
    "fam_pronoun": "ln(1 + lihua pronoun findings per 100 words)",
    "fam_sentence": "ln(1 + sentence findings (capitals, comma splices, run-ons) per 100 words)",
    "fam_typo": "ln(1 + Harper typo and miscellaneous findings per 100 words)",
    "clauses": "clauses per sentence (from the parse: main, subordinate and coordinated clauses)",
    "subordinate_clauses": "subordinate finite clauses per sentence (from the parse)",
    "structure_variety": "kinds of structure used (relative, adverbial, object clause, passive...), /10",
}

_FAMILIES = {"fam_verb": ("learner.verb.",), "fam_agreement": ("learner.agreement.",),
             "fam_article": ("learner.article.",), "fam_noun": ("learner.noun.",),
             "fam_pronoun": ("learner.pronoun.",), "fam_sentence": ("learner.sentence.",),
             "fam_typo": ("harper.Typo", "harper.Miscellaneous")}

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CATEGORIES = ("grammar", "word-choice", "spelling", "punctuation")
_SEVERITY = {"error": 1.0, "warning": 0.5}
_WEIGHED = ("grammar", "word-choice", "spelling", "style", "punctuation")  # language.CATEGORY_WEIGHT's keys


def _per100(count: float, words: int) -> float:
    return math.log1p(100.0 * count / max(words, 30))


def finding_rows(findings: Sequence[Any]) -> list[list[Any]]:
    """lihua Findings as the rows the features read (what grade_cache.py stores); "hinders" as
    lihua.scoring.language.finding_weight reads it (a weighed language error or warning)."""
    return [[f.rule_id, f.source.value, f.category.value, f.severity.value, f.component, f.span.start,
             f.span.end, bool(f.hinders_meaning and f.component == "language" and f.category.value in _WEIGHED
                              and f.severity.value in _SEVERITY)] for f in findings]


def features(text: str, findings: Sequence[Sequence[Any]], length_scale: float = 1.0) -> dict[str, float]:
    """Named features of `text`, given its findings as rows (see the module doc)."""
    return measure(text, findings, length_scale)[0]


def measure(text: str, findings: Sequence[Sequence[Any]],
            length_scale: float = 1.0) -> tuple[dict[str, float], dict[str, Any]]:
    """(features, facts): the facts are the plain counts a deduction names (words, errors, words used)."""
    from lihua.scoring.range import range_profile, zipf
    from lihua.scoring.words import scoring_words
    from lihua.text.letter import parse_letter
    from lihua.text.sentences import read_body

    letter = parse_letter(text)
    words = letter.word_count
    body = read_body(letter)
    s, sv = length_scale, length_scale ** HEAPS
    out: dict[str, float] = {"log_words": math.log1p(words * s)}
    facts: dict[str, Any] = {"words": words}

    weighted = dict.fromkeys(_CATEGORIES, 0.0)
    hinders = own = suggestions = 0.0
    for _rule_id, source, category, severity, component, *_rest in findings:
        if component != "language":
            continue
        if severity == "suggestion":
            suggestions += 1
            continue
        weight = _SEVERITY.get(severity, 0.0)
        if category in weighted:
            weighted[category] += weight
        if _rest and _rest[-1]:
            hinders += 1
        if source == "lihua":
            own += weight
    for category, value in weighted.items():
        out["err_" + category.replace("-", "_")] = _per100(value, words)
        facts["n_" + category.replace("-", "_")] = sum(
            1 for f in findings if f[4] == "language" and f[2] == category and f[3] != "suggestion")
    facts["n_lihua"] = sum(1 for f in findings if f[4] == "language" and f[1] == "lihua" and f[3] != "suggestion")
    facts["n_hinders"] = int(hinders)
    out["err_hinders"] = _per100(hinders, words)
    out["err_lihua"] = _per100(own, words)
    out["suggestions"] = _per100(suggestions, words)

    profile = range_profile(letter)
    out["mtld"] = profile.mtld / 100.0
    stop = scoring_words().stop_words
    content = [t for t in body.tokens if t not in stop and len(t) > 1 and t.isalpha()]
    freqs = [zipf(t) for t in content]
    known = [z for z in freqs if z >= 1.5]
    out["rare4"] = sum(1 for z in known if z < 4.0) / len(known) if known else 0.0
    out["rare3"] = sum(1 for z in known if z < 3.0) / len(known) if known else 0.0
    out["mean_zipf"] = statistics.fmean(known) if known else 0.0
    plain = _WORD.findall(letter.body_text)
    out["word_length"] = statistics.fmean(len(w) for w in plain) if plain else 0.0
    out["long_words"] = sum(1 for w in plain if len(w) >= 7) / len(plain) if plain else 0.0
    out["types"] = math.log1p(len({w.lower() for w in plain}) * sv)
    facts["types"] = len({w.lower() for w in plain})

    sentences = max(profile.sentences, 1)
    out["sentence_length"] = profile.mean_sentence_length / 10.0
    out["sentence_spread"] = profile.sentence_length_spread / 10.0
    out["subordinators"] = profile.structures.get("subordinate", 0) / sentences
    out["relatives"] = profile.structures.get("relative", 0) / sentences
    out["non_finite"] = profile.structures.get("non-finite", 0) / sentences
    out["commas"] = letter.body_text.count(",") / sentences

    linking = scoring_words().linking.counts(body)
    out["linking"] = 100.0 * sum(linking.values()) / max(words, 30)
    out["linking_distinct"] = math.log1p(len(linking) * sv)
    facts["linking"] = sorted(linking)
    kinds = {kind for w in linking for kind in _linking_kinds().get(w, ())}
    out["linking_kinds"] = len(kinds) / 6.0
    facts["linking_kinds"] = sorted(kinds)

    paragraphs = len(letter.paragraphs)
    out["paragraphs"] = math.log(max(paragraphs, 1) * s)
    facts["paragraphs"] = paragraphs
    out["one_block"] = 1.0 if paragraphs == 1 and words * s >= 50 else 0.0
    sizes = [len(_WORD.findall(p.text)) for p in letter.paragraphs]
    short = sum(1 for n in sizes if n * s < 25)
    facts["short_paragraphs"] = short
    out["short_paragraphs"] = short / len(sizes) if sizes else 0.0
    out["paragraph_words"] = math.log1p(statistics.fmean(sizes) * s) if sizes else 0.0
    is_letter = letter.salutation is not None
    out["is_letter"] = 1.0 if is_letter else 0.0
    parts = (letter.salutation, letter.closing, letter.signature)
    out["format_complete"] = sum(p is not None for p in parts) / 3.0 if is_letter else 0.0
    letters = [c for c in text if c.isalpha() and c.isascii()]
    out["all_caps"] = 1.0 if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters) else 0.0
    sentence_parts = [p for p in body.sentences if p.text.strip()]
    flagged = [(f[5], f[6]) for f in findings if f[4] == "language" and f[3] != "suggestion"]
    clean = sum(1 for p in sentence_parts if not any(p.start <= a < p.end or (a <= p.start < b) for a, b in flagged))
    out["clean_sentences"] = clean / len(sentence_parts) if sentence_parts else 0.0
    facts["clean_sentences"], facts["sentences"] = clean, len(sentence_parts)
    clean_words = sum(len(toks) for p, toks in zip(body.sentences, body.sentence_tokens, strict=True)
                      if p.text.strip() and not any(p.start <= a < p.end or (a <= p.start < b) for a, b in flagged))
    out["log_clean_words"] = math.log1p(clean_words * s)
    for family, prefixes in _FAMILIES.items():
        hits = sum(_SEVERITY.get(f[3], 0.0) for f in findings if f[0].startswith(prefixes))
        out[family] = _per100(hits, words)
    # Pinyin (zongzi, jiaozi) is how a gaokao letter names Chinese things: not a misspelt word.
    lower = [w for w in plain if w.islower() and not is_chinese_name_or_pinyin(w)]
    lower_z = [zipf(w.lower().replace("’", "'")) for w in lower]
    all_z = [zipf(w.lower().replace("’", "'")) for w in plain]
    known_z = [z for z in all_z if z >= 1.5]
    out["unknown_words"] = sum(1 for z in lower_z if z < 1.5) / len(lower_z) if lower_z else 0.0
    facts["unknown_words"] = sorted({w for w, z in zip(lower, lower_z, strict=True) if z < 1.5})
    n_known = max(len(known_z), 1)
    out["common_words"] = sum(1 for z in known_z if z >= 6) / n_known
    out["band_5_6"] = sum(1 for z in known_z if 5 <= z < 6) / n_known
    out["band_4_5"] = sum(1 for z in known_z if 4 <= z < 5) / n_known
    out["band_3_4"] = sum(1 for z in known_z if 3 <= z < 4) / n_known
    out["band_lt3"] = sum(1 for z in known_z if z < 3) / n_known
    facts["rare_words"] = sorted({w.lower() for w, z in zip(plain, all_z, strict=True) if 1.5 <= z < 3})
    out["guiraud"] = len({w.lower() for w in plain}) / math.sqrt(len(plain)) if plain else 0.0
    out["lowercase_starts"] = (sum(1 for p in sentence_parts if p.text[:1].islower()) / len(sentence_parts)
                               if sentence_parts else 0.0)
    n_words = max(len(plain), 30)
    out["contractions"] = 100.0 * sum(1 for w in plain if "'" in w or "’" in w) / n_words
    out["questions"] = sum(1 for p in sentence_parts if p.text.rstrip().endswith(("?", "!"))) / sentences
    out["pronoun_i"] = 100.0 * sum(1 for w in plain if w == "I") / n_words
    out["articles"] = 100.0 * sum(1 for w in plain if w.lower() in ("a", "an", "the")) / n_words
    out["log_words_sq"] = (out["log_words"] - 5.0) ** 2
    out["advanced_share"] = profile.advanced_share
    lengths = [len(toks) for toks in body.sentence_tokens if toks]
    out["run_on"] = sum(1 for n in lengths if n >= 35) / len(lengths) if lengths else 0.0
    facts["run_on"] = sum(1 for n in lengths if n >= 35)
    facts["advanced_words"] = list(profile.advanced_words)
    facts["mtld"] = profile.mtld
    body_complexity = _body_complexity(letter)
    parsed = _parse_features(body_complexity)
    out.update(parsed)
    facts["structures"] = list(body_complexity.structures)
    out["repetition"] = 100.0 * (sum(profile.overused.values()) + sum(profile.repeated.values())) / max(words, 30)
    return {name: float(out[name]) for name in FEATURES}, facts


def _body_complexity(letter: Letter) -> Complexity:
    """Complexity of the body's sentences, read from the letter's one analysis (never a second parse)."""
    from lihua.scoring.complexity import complexity
    from lihua.text.analysis import analyse

    if not letter.paragraphs:
        return complexity(analyse(letter.text))
    return complexity(analyse(letter.text), letter.paragraphs[0].start, letter.paragraphs[-1].end)


def _parse_features(found: Complexity) -> dict[str, float]:
    """Clauses, subordination and structure variety from the parse of the body."""
    from lihua.scoring.complexity import STRUCTURES

    return {"clauses": found.clauses_per_sentence, "subordinate_clauses": found.subordinate_per_sentence,
            "structure_variety": found.variety / len(STRUCTURES)}


_KINDS: dict[str, tuple[str, ...]] = {}


def _linking_kinds() -> dict[str, tuple[str, ...]]:
    """Linking phrase -> the kinds (sequence, contrast…) scoring.yaml files it under."""
    if not _KINDS:
        from lihua.io.yaml_data import load_yaml
        from lihua.scoring.words import DATA_FILE

        groups = load_yaml(DATA_FILE.read_text(encoding="utf-8"))["linking_words"]
        for kind, phrases in groups.items():
            for phrase in phrases:
                key = " ".join(phrase.lower().split())
                _KINDS[key] = (*_KINDS.get(key, ()), kind)
    return _KINDS
