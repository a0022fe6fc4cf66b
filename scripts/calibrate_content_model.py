"""Calibrate the learned back-off of the content checks (voice_coach/content/learned.py).

Leave-one-writer-out cross-validation on the packaged labelled answers
(``voice_coach/data/content_cases/``; the sealed sets in ``tests/content_cases/`` are never
read): for each writer, the back-off is trained on the others and scores that writer's
answers. Two tables follow.

1. The back-off alone, per check: cross-writer F1, precision and recall at 0.5.
2. Rules + back-off, as :func:`voice_coach.content.check_content` combines them (the back-off
   speaks only where the rules found nothing), on the writers the rules were never tuned on
   (``--unseen``), for each threshold from 0.40 to 0.90. The threshold chosen is the one with
   the best F1 (to two decimals) among those that keep precision within
   :data:`PRECISION_GIVE` of the rules' own precision (precision first: the back-off may not
   make a check much less precise than its rules); ties go to the higher threshold.

The rules must not have seen the ``--unseen`` writers: ``--rules-tree`` runs the rules of
another checkout (a ``git worktree`` of an older commit). :data:`THRESHOLDS` were chosen from
two such tables, their F1 averaged per threshold: ``--rules-tree`` at commit 47bcc67 with
``--unseen blind_q,...,blind_v`` and at commit 077cc58 with the default ``--unseen``
(blind_x..zc); each commit's rules predate the writers it is run on. (An earlier round,
blind_j..p with the rules of c74d44c, had chosen lower thresholds with a back-off trained on
fewer writers.)

Writers: the first engineer's sets (answers_a, answers_b, fresh_c) count as one writer; each
blind_* file is another.

Usage::

    git worktree add /tmp/rules-077cc58 077cc58
    python scripts/calibrate_content_model.py --rules-tree /tmp/rules-077cc58
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from voice_coach.content.learned import (
    MIN_WORDS_FOR_LEARNED,
    REGULARISATION_C,
    THRESHOLDS,
    _features,
)
from voice_coach.lexicon import count_words
from voice_coach.questions import CHECK_IDS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "voice_coach" / "data" / "content_cases"
FIRST_WRITER = ("answers_a", "answers_b", "fresh_c")
#: The writers of the latest round: written after the rules of commit 077cc58.
UNSEEN_DEFAULT = "blind_x,blind_y,blind_z,blind_za,blind_zb,blind_zc"
#: How much precision the back-off may cost a check, below its rules' own precision.
PRECISION_GIVE = 0.05
CANDIDATES = tuple(round(t, 2) for t in np.arange(0.40, 0.901, 0.05))

# Run in a fresh interpreter with the rules tree first on sys.path: the rules' verdicts
# (the back-off switched off) for every packaged answer, as JSON.
_RULES_CODE = r"""
import json, sys, tomllib, pathlib
sys.path.insert(0, sys.argv[1])
import voice_coach.content as vc
vc.learned_hits = lambda text, word_count: {}
from voice_coach.content import check_content
from voice_coach.questions import get_question
out = {}
for path in sorted(pathlib.Path(sys.argv[2]).glob("*.toml")):
    for raw in tomllib.loads(path.read_text("utf-8"))["case"]:
        q = get_question(raw["question"]) if raw.get("question") else None
        report = check_content(raw["text"].strip(), question=q)
        out[raw["id"]] = [c.id for c in report.checks if c.detected]
print(json.dumps(out))
"""


def _load() -> tuple[list[str], list[str], list[frozenset[str]], np.ndarray]:
    ids, texts, labels, writers = [], [], [], []
    for path in sorted(DATA.glob("*.toml")):
        writer = "first" if path.stem in FIRST_WRITER else path.stem
        for raw in tomllib.loads(path.read_text("utf-8"))["case"]:
            ids.append(raw["id"])
            texts.append(raw["text"].strip())
            labels.append(frozenset(raw["detected"]))
            writers.append(writer)
    return ids, texts, labels, np.array(writers)


def _prf(hit: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """F1, precision and recall of the boolean predictions ``hit`` against ``y``."""
    tp = float((hit & y).sum())
    p = tp / hit.sum() if hit.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def _cross_writer_probabilities(texts: list[str], labels: list[frozenset[str]],
                                writers: np.ndarray) -> dict[str, np.ndarray]:
    probs = {cid: np.zeros(len(texts)) for cid in CHECK_IDS}
    for w in sorted(set(writers)):
        train, test = writers != w, writers == w
        features = _features()
        x_train = features.fit_transform([t for t, k in zip(texts, train, strict=True) if k])
        x_test = features.transform([t for t, k in zip(texts, test, strict=True) if k])
        for cid in CHECK_IDS:
            y = np.array([cid in lab for lab, k in zip(labels, train, strict=True) if k])
            model = LogisticRegression(C=REGULARISATION_C, class_weight="balanced",
                                       max_iter=2000).fit(x_train, y)
            probs[cid][test] = model.predict_proba(x_test)[:, 1]
    short = np.array([count_words(t) < MIN_WORDS_FOR_LEARNED for t in texts])
    return {cid: np.where(short, 0.0, p) for cid, p in probs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-tree", type=Path, default=ROOT,
                        help="checkout whose rules to combine with (default: this one)")
    parser.add_argument("--unseen", default=UNSEEN_DEFAULT,
                        help="comma-separated case files the rules were not tuned on")
    args = parser.parse_args(argv)
    ids, texts, labels, writers = _load()
    print(f"{len(texts)} answers from {len(set(writers))} writers\n")
    probs = _cross_writer_probabilities(texts, labels, writers)

    print("Back-off alone, leave-one-writer-out, at 0.5")
    print(f"{'check':<22} {'F1':>5} {'P':>5} {'R':>5}")
    for cid in CHECK_IDS:
        y = np.array([cid in lab for lab in labels])
        f1, p, r = _prf(probs[cid] >= 0.5, y)
        print(f"{cid:<22} {f1:5.2f} {p:5.2f} {r:5.2f}")

    done = subprocess.run([sys.executable, "-c", _RULES_CODE, str(args.rules_tree), str(DATA)],
                          capture_output=True, text=True, check=True, cwd="/")
    rules = json.loads(done.stdout)
    unseen = np.isin(writers, args.unseen.split(","))
    print(f"\nRules ({args.rules_tree}) + back-off on {int(unseen.sum())} answers the rules "
          "never saw: F1/precision per threshold")
    print(f"{'check':<22} {'rules':>9}  " + " ".join(f"{t:>9.2f}" for t in CANDIDATES)
          + f"  {'chosen':>6} {'in code':>7}")
    for cid in CHECK_IDS:
        y = np.array([cid in lab for lab in labels])[unseen]
        by_rules = np.array([cid in rules[i] for i in ids])[unseen]
        p_cid = probs[cid][unseen]
        rf1, rp, _ = _prf(by_rules, y)
        floor = rp - PRECISION_GIVE
        cells, qualifying = [], []
        for t in CANDIDATES:
            f1, p, _ = _prf(by_rules | (p_cid >= t), y)
            cells.append(f"{f1:4.2f}/{p:4.2f}")
            if p >= floor:
                qualifying.append((round(f1, 2), t))
        chosen = max(qualifying)[1] if qualifying else max(CANDIDATES)
        print(f"{cid:<22} {rf1:4.2f}/{rp:4.2f}  " + " ".join(cells)
              + f"  {chosen:6.2f} {THRESHOLDS[cid]:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
