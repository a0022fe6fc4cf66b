"""Calibrate the learned back-off of the content checks (voice_coach/content/learned.py).

Leave-one-writer-out cross-validation on the packaged labelled answers
(``voice_coach/data/content_cases/``; the sealed set in ``tests/content_cases/`` is never
read): for each writer, train on the others and score that writer's answers. Prints, per
check, the cross-writer F1/precision/recall of the back-off alone at 0.5, and the threshold
:data:`voice_coach.content.learned.THRESHOLDS` should hold: the lowest of 0.50, 0.55, ...
0.95 at which cross-writer precision reaches 0.95.

Writers: the first engineer's sets (answers_a, answers_b, fresh_c) count as one writer; each
blind_* file is another.

Usage::

    python scripts/calibrate_content_model.py
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from voice_coach.content.learned import REGULARISATION_C, THRESHOLDS, _features
from voice_coach.questions import CHECK_IDS

DATA = Path(__file__).resolve().parents[1] / "voice_coach" / "data" / "content_cases"
#: Precision the threshold must reach across writers.
TARGET_PRECISION = 0.95
FIRST_WRITER = ("answers_a", "answers_b", "fresh_c")


def _load() -> tuple[list[str], list[frozenset[str]], np.ndarray]:
    texts, labels, writers = [], [], []
    for path in sorted(DATA.glob("*.toml")):
        writer = "first" if path.stem in FIRST_WRITER else path.stem
        for raw in tomllib.loads(path.read_text("utf-8"))["case"]:
            texts.append(raw["text"].strip())
            labels.append(frozenset(raw["detected"]))
            writers.append(writer)
    return texts, labels, np.array(writers)


def _prf(prob: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float, float]:
    """F1, precision and recall of ``prob >= t`` against ``y``."""
    hit = prob >= t
    tp = float((hit & y).sum())
    p = tp / hit.sum() if hit.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main() -> int:
    texts, labels, writers = _load()
    print(f"{len(texts)} answers from {len(set(writers))} writers\n")
    print(f"{'check':<22} {'F1@.5':>6} {'P@.5':>5} {'R@.5':>5}  {'thr':>5} {'P@thr':>5} "
          f"{'R@thr':>5}  {'in code':>7}")
    for cid in CHECK_IDS:
        y = np.array([cid in lab for lab in labels])
        prob = np.zeros(len(texts))
        for w in sorted(set(writers)):
            train, test = writers != w, writers == w
            features = _features()
            x_train = features.fit_transform([t for t, k in zip(texts, train, strict=True) if k])
            model = LogisticRegression(C=REGULARISATION_C, class_weight="balanced",
                                       max_iter=2000).fit(x_train, y[train])
            x_test = features.transform([t for t, k in zip(texts, test, strict=True) if k])
            prob[test] = model.predict_proba(x_test)[:, 1]

        thr = 0.95
        for t in np.arange(0.50, 0.951, 0.05):
            if _prf(prob, y, t)[1] >= TARGET_PRECISION:
                thr = float(round(t, 2))
                break
        f1, p, r = _prf(prob, y, 0.5)
        _, pt, rt = _prf(prob, y, thr)
        print(f"{cid:<22} {f1:6.2f} {p:5.2f} {r:5.2f}  {thr:5.2f} {pt:5.2f} {rt:5.2f}  "
              f"{THRESHOLDS[cid]:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
