"""The feature vector of one text for the fitted score: what a marker reads, as named numbers.

Every feature is a cheap count on the text and on lihua's own findings (no parser yet), chosen so a
teacher can read its coefficient:
- accuracy: findings per 100 words by category (grammar, word choice, spelling apart, punctuation,
  (style findings count toward organisation)), errors and warnings weighed as lihua weighs them (1, 0.5), on a log scale (the tenth
  error in a hundred words costs less than the first); errors that hinder meaning counted apart.
- range of words: MTLD, the share of content words rarer than Zipf 4 / 3 in wordfreq (beyond the
  few thousand words a high-school list holds) but known to it, mean Zipf, word length.
- sentences: mean length and spread, subordinators, relative words and non-finite forms per sentence.
- cohesion: linking words per 100 words, how many different ones and of how many kinds, paragraphs.
- length: log of the word count (against the task's range when there is one: not in these data).
- letter format: salutation, closing, signature (only counted when the text is a letter).

`features(text, findings)` takes the findings as graded by grade_cache.py (or live from lihua);
`FEATURES` lists every name with a one-line description, the order the model file uses.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from typing import Any

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
}

_FAMILIES = {"fam_verb": ("learner.verb.",), "fam_agreement": ("learner.agreement.",),
             "fam_article": ("learner.article.",), "fam_noun": ("learner.noun.",),
             "fam_pronoun": ("learner.pronoun.",), "fam_sentence": ("learner.sentence.",),
             "fam_typo": ("harper.Typo", "harper.Miscellaneous")}

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CATEGORIES = ("grammar", "word-choice", "spelling", "punctuation")
_SEVERITY = {"error": 1.0, "warning": 0.5}


def _per100(count: float, words: int) -> float:
    return math.log1p(100.0 * count / max(words, 30))


def features(text: str, findings: Sequence[Sequence[Any]]) -> dict[str, float]:
    """Named features of `text`, given its findings as [rule_id, source, category, severity,
    component, start, end, hinders] rows."""
    from lihua.scoring.range import range_profile, zipf
    from lihua.scoring.words import scoring_words
    from lihua.text.letter import parse_letter
    from lihua.text.sentences import read_body

    letter = parse_letter(text)
    words = letter.word_count
    body = read_body(letter)
    out: dict[str, float] = {"log_words": math.log1p(words)}

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
    out["types"] = math.log1p(len({w.lower() for w in plain}))

    sentences = max(profile.sentences, 1)
    out["sentence_length"] = profile.mean_sentence_length / 10.0
    out["sentence_spread"] = profile.sentence_length_spread / 10.0
    out["subordinators"] = profile.structures.get("subordinate", 0) / sentences
    out["relatives"] = profile.structures.get("relative", 0) / sentences
    out["non_finite"] = profile.structures.get("non-finite", 0) / sentences
    out["commas"] = letter.body_text.count(",") / sentences

    linking = scoring_words().linking.counts(body)
    out["linking"] = 100.0 * sum(linking.values()) / max(words, 30)
    out["linking_distinct"] = math.log1p(len(linking))
    out["linking_kinds"] = len({kind for w in linking for kind in _linking_kinds().get(w, ())}) / 6.0

    paragraphs = len(letter.paragraphs)
    out["paragraphs"] = math.log(max(paragraphs, 1))
    out["one_block"] = 1.0 if paragraphs == 1 and words >= 50 else 0.0
    sizes = [len(_WORD.findall(p.text)) for p in letter.paragraphs]
    out["short_paragraphs"] = sum(1 for n in sizes if n < 25) / len(sizes) if sizes else 0.0
    out["paragraph_words"] = math.log1p(statistics.fmean(sizes)) if sizes else 0.0
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
    clean_words = sum(len(toks) for p, toks in zip(body.sentences, body.sentence_tokens, strict=True)
                      if p.text.strip() and not any(p.start <= a < p.end or (a <= p.start < b) for a, b in flagged))
    out["log_clean_words"] = math.log1p(clean_words)
    for family, prefixes in _FAMILIES.items():
        hits = sum(_SEVERITY.get(f[3], 0.0) for f in findings if f[0].startswith(prefixes))
        out[family] = _per100(hits, words)
    lower = [w for w in plain if w.islower()]
    lower_z = [zipf(w.lower().replace("’", "'")) for w in lower]
    all_z = [zipf(w.lower().replace("’", "'")) for w in plain]
    known_z = [z for z in all_z if z >= 1.5]
    out["unknown_words"] = sum(1 for z in lower_z if z < 1.5) / len(lower_z) if lower_z else 0.0
    n_known = max(len(known_z), 1)
    out["common_words"] = sum(1 for z in known_z if z >= 6) / n_known
    out["band_5_6"] = sum(1 for z in known_z if 5 <= z < 6) / n_known
    out["band_4_5"] = sum(1 for z in known_z if 4 <= z < 5) / n_known
    out["band_3_4"] = sum(1 for z in known_z if 3 <= z < 4) / n_known
    out["band_lt3"] = sum(1 for z in known_z if z < 3) / n_known
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
    out["repetition"] = 100.0 * (sum(profile.overused.values()) + sum(profile.repeated.values())) / max(words, 30)
    return {name: float(out[name]) for name in FEATURES}


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


def live_features(text: str) -> dict[str, float]:
    """Grade `text` with lihua (no prompt, Harper on) and return its features: what the scorer will do."""
    from grade_cache import grade_record  # same folder; the fit reads cached records instead

    return features(text, grade_record(text)["findings"])


def main(argv: list[str] | None = None) -> int:
    """Join a data file with its graded cache and write one feature line per text."""
    import argparse
    import json
    import sys

    ap = argparse.ArgumentParser(description="features of every graded text")
    ap.add_argument("--data", required=True)
    ap.add_argument("--graded", required=True, help="grade_cache.py's output for --data")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    from pathlib import Path

    graded = {}
    for line in Path(args.graded).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            graded[record["id"]] = record
    n = 0
    with open(args.out, "w", encoding="utf-8") as sink:
        for line in Path(args.data).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            record = graded.get(row["id"])
            if record is None:
                continue
            vector = features(row["text"], record["findings"])
            sink.write(json.dumps({"id": row["id"], "features": vector, "lihua": record["lihua"]}) + "\n")
            n += 1
    print(f"{n} feature vectors -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
