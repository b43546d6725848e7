"""The feature vector of one text for the fitted score: the code now lives in lihua/scoring/features.py
(the scorer computes the same features at run time); this script writes one feature line per
graded text for fit.py.
"""

from __future__ import annotations

from lihua.scoring.features import FEATURES, features

__all__ = ["FEATURES", "features", "live_features", "main"]


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
    ap.add_argument("--as-live", action="store_true",
                    help="length as the scorer judges it with no task: every text measured at the usual length")
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
            scale = 1.0
            if args.as_live:
                from lihua.scoring.model import load_models, usual_words
                from lihua.text.letter import parse_letter

                scale = usual_words(load_models()) / max(parse_letter(row["text"]).word_count, 1)
            vector = features(row["text"], record["findings"], scale)
            sink.write(json.dumps({"id": row["id"], "features": vector, "lihua": record["lihua"]}) + "\n")
            n += 1
    print(f"{n} feature vectors -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
