"""Train lihua's English tagger, lemmatizer and dependency parser from UD English-EWT, and ship it.

    python training/parser/train.py                 # ../shared/ud → lihua/text/model/ (about 15 min on 1 core)
    python training/parser/train.py --ud DIR --out DIR --threads 2

Steps: convert the treebank's CoNLL-U files to spaCy's binary corpus (ten sentences to a document,
so the parser learns sentence boundaries too); train with `config.cfg` beside this file (tuned on
dev, never on test); evaluate the best model on EWT test and write the figures into the model's
`accuracy.json`; copy the model into the package with its licence. The model is ours, trained
here; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_UD = ROOT.parent / "shared" / "ud"
DEFAULT_OUT = ROOT / "lihua" / "text" / "model"
SPLITS = ("train", "dev", "test")


def run(*args: str, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True, env=env)


def _with_space_after(misc: str, space: bool) -> str:
    parts = [p for p in misc.split("|") if p not in ("_", "") and not p.startswith("SpaceAfter=")]
    if not space:
        parts.append("SpaceAfter=No")
    return "|".join(parts) or "_"


def split_contractions(conllu: str) -> str:
    """EWT writes "don't" as one multi-word token over "do" + "n't"; spaCy's converter would merge
    them into one token tagged "VBP_RB", which spaCy's own tokenizer never produces. Keep the two
    words as tokens (the first glued to the second), as the tokenizer splits them."""
    out: list[str] = []
    pending: tuple[int, bool] | None = None  # (last word id of the range, space after the range)
    for line in conllu.split("\n"):
        cols = line.split("\t")
        if len(cols) == 10 and "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            pending = (last, "SpaceAfter=No" not in cols[9])
            continue
        if len(cols) == 10 and pending is not None and cols[0].isdigit():
            last, space = pending
            word = int(cols[0])
            cols[9] = _with_space_after(cols[9], space if word == last else False)
            if word == last:
                pending = None
            line = "\t".join(cols)
        out.append(line)
    return "\n".join(out)


def convert(ud: Path, work: Path) -> dict[str, Path]:
    corpus = {}
    for split in SPLITS:
        source = ud / f"en_ewt-ud-{split}.conllu"
        if not source.is_file():
            sys.exit(f"train: {source} is missing; point --ud at the UD English-EWT folder")
        words = work / f"en_ewt-ud-{split}.conllu"
        words.write_text(split_contractions(source.read_text(encoding="utf-8")), encoding="utf-8")
        run(sys.executable, "-m", "spacy", "convert", str(words), str(work), "--converter", "conllu", "-n", "10")
        corpus[split] = work / f"en_ewt-ud-{split}.spacy"
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD, help="folder with en_ewt-ud-{train,dev,test}.conllu")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the shipped model goes")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads), "OPENBLAS_NUM_THREADS": str(args.threads)}
    with tempfile.TemporaryDirectory(prefix="lihua-train-") as tmp:
        work = Path(tmp)
        corpus = convert(args.ud, work)
        run(sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(work / "out"),
            "--paths.train", str(corpus["train"]), "--paths.dev", str(corpus["dev"]), env=env)
        best = work / "out" / "model-best"
        scores = work / "test-scores.json"
        run(sys.executable, "-m", "spacy", "evaluate", str(best), str(corpus["test"]), "--output", str(scores), env=env)
        target = args.out / "en_lihua_ewt"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(best, target)
        figures = json.loads(scores.read_text(encoding="utf-8"))
        keep = {k: figures[k] for k in ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las",
                                         "sents_f", "speed") if k in figures}
        (target / "accuracy.json").write_text(json.dumps({"ewt_test": keep}, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(keep, indent=2))


if __name__ == "__main__":
    main()
