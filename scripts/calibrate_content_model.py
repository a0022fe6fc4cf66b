"""Calibrate the learned back-off of the content checks (voice_coach/content/learned.py).

The back-off has two settings per check: the probability at or above which it detects the
check where the rules found nothing (:data:`~voice_coach.content.learned.THRESHOLDS`), and the
probability below which it overrules a detection by the rules
(:data:`~voice_coach.content.learned.OVERRULE_BELOW`). Both are chosen on *rounds*: sets of
writers whose answers the rules had never seen, each run with the rules of a commit that
predates them (``--round TREE=FILES``; TREE is a checkout of that commit, e.g. a
``git worktree``). In each round the back-off is trained on every other packaged answer and
the whole pipeline of :func:`voice_coach.content.check_content` runs (rules, the back-off,
the rules' tests of its evidence).

For each check, the pair chosen is the one with the best F1 averaged over the rounds (to three
decimals) among the pairs that keep precision, in every round, within :data:`PRECISION_GIVE`
of the rules' own precision there (precision first). Ties go to the lower floor (overrule
less), then the higher threshold. A check's rules are overruled at all only where that gains
at least :data:`MIN_OVERRULE_GAIN` over the best pair without overruling.

``--cross-writer`` adds the back-off alone, leave-one-writer-out over all packaged writers
(F1, precision and recall at 0.5; the sealed sets in ``tests/content_cases/`` are never read).

Writers: the first engineer's sets (answers_a, answers_b, fresh_c) count as one writer; each
blind_* file is another.

The settings in code were chosen with four rounds, each run with the rules of the commit
just before its writers' answers were added::

    git worktree add /tmp/rules-47bcc67 47bcc67
    git worktree add /tmp/rules-077cc58 077cc58
    git worktree add /tmp/rules-0531b66 0531b66
    git worktree add /tmp/rules-74e237c 74e237c
    python scripts/calibrate_content_model.py \\
        --round /tmp/rules-47bcc67=blind_q,blind_r,blind_s,blind_t,blind_u,blind_v \\
        --round /tmp/rules-077cc58=blind_x,blind_y,blind_z,blind_za,blind_zb,blind_zc \\
        --round /tmp/rules-0531b66=blind_zd,blind_ze,blind_zf,blind_zg \\
        --round /tmp/rules-74e237c=blind_zh,blind_zi,blind_zj,blind_zk,blind_zl,blind_zm
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from voice_coach.content.learned import (
    MIN_WORDS_FOR_LEARNED,
    OVERRULE_BELOW,
    REGULARISATION_C,
    THRESHOLDS,
    _features,
    _train,
)
from voice_coach.lexicon import count_words
from voice_coach.questions import CHECK_IDS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "voice_coach" / "data" / "content_cases"
FIRST_WRITER = ("answers_a", "answers_b", "fresh_c")
#: How much precision the back-off may cost a check, below its rules' own precision.
PRECISION_GIVE = 0.05
#: The least gain in averaged F1 for which a check's rules are overruled at all: below it,
#: a few answers either way, the rules keep the last word.
MIN_OVERRULE_GAIN = 0.01
#: The thresholds and overrule floors tried.
CANDIDATES = tuple(round(t, 2) for t in np.arange(0.40, 0.901, 0.05))
OVERRULE_FLOORS = (0.0, 0.02, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30)

# Run in a fresh interpreter with the rules tree first on sys.path, the back-off replaced by
# the pickled one (trained without the unseen writers) and every threshold at 0: for each
# answer of the unseen writers, the rules' verdicts (back-off switched off), the back-off's
# probability per check, and the checks the whole pipeline reports (the rules, or the back-off
# where its evidence passed the rules' tests), as JSON.
_PIPELINE_CODE = r"""
import importlib.util, json, pickle, sys, tomllib, pathlib
sys.path.insert(0, sys.argv[1])
import voice_coach.content as vc
import voice_coach.content.learned as lm
from voice_coach.lexicon import count_words
from voice_coach.questions import get_question
with open(sys.argv[3], "rb") as handle:
    model = pickle.load(handle)
lm._model = lambda: model
lm.THRESHOLDS = {cid: 0.0 for cid in lm.THRESHOLDS}
vc.OVERRULE_BELOW = {}  # the overrule is applied by the caller, from the probabilities
# This checkout's evidence_probability, whatever the rules tree (older ones lack it).
spec = importlib.util.spec_from_file_location("current_learned", sys.argv[5])
current = sys.modules["current_learned"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(current)
current._model = lambda: model
# Older trees call the back-off through learned_hits, newer ones through learned_view.
name = "learned_view" if hasattr(vc, "learned_view") else "learned_hits"
backoff = getattr(vc, name)
off = (lambda text, word_count: lm.LearnedView({}, {})) if name == "learned_view" else (
    lambda text, word_count: {})
wanted = set(sys.argv[4].split(","))
out = {}
for path in sorted(pathlib.Path(sys.argv[2]).glob("*.toml")):
    if path.stem not in wanted:
        continue
    for raw in tomllib.loads(path.read_text("utf-8"))["case"]:
        text = raw["text"].strip()
        q = get_question(raw["question"]) if raw.get("question") else None
        setattr(vc, name, off)
        by_rules = [c for c in vc.check_content(text, question=q).checks if c.detected]
        setattr(vc, name, backoff)
        full = [c.id for c in vc.check_content(text, question=q).checks if c.detected]
        hits = lm.learned_hits(text, word_count=count_words(text))
        local = {c.id: current.evidence_probability(
            text, c.id, tuple((e.start_char, e.end_char) for e in c.evidence)) for c in by_rules}
        out[raw["id"]] = {"rules": [c.id for c in by_rules], "full": full,
                          "p": {cid: hit.probability for cid, hit in hits.items()},
                          "local": {k: v for k, v in local.items() if v is not None}}
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


def _pipeline_verdicts(rules_tree: Path, unseen: str,
                       training: list[tuple[str, frozenset[str]]]) -> dict[str, dict]:
    """Run :data:`_PIPELINE_CODE` on the ``unseen`` files with a back-off trained on
    ``training``; returns its verdicts by case id."""
    model = _train(tuple(training))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pkl"
        path.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        done = subprocess.run([sys.executable, "-c", _PIPELINE_CODE, str(rules_tree), str(DATA),
                               str(path), unseen,
                               str(ROOT / "voice_coach" / "content" / "learned.py")],
                              capture_output=True, text=True, check=True, cwd="/")
    return json.loads(done.stdout)


def _round_arrays(tree: Path, files: str, ids, texts, labels, writers) -> dict[str, tuple]:
    """Per check: truth, the rules' verdicts, whether the back-off's evidence passed, and its
    probability, for the answers of ``files`` (the back-off trained without them)."""
    unseen = np.isin(writers, files.split(","))
    verdicts = _pipeline_verdicts(tree, files, [
        (text, lab) for text, lab, u in zip(texts, labels, unseen, strict=True) if not u])
    unseen_ids = [i for i, u in zip(ids, unseen, strict=True) if u]
    out = {}
    for cid in CHECK_IDS:
        y = np.array([cid in lab for lab, u in zip(labels, unseen, strict=True) if u])
        by_rules = np.array([cid in verdicts[i]["rules"] for i in unseen_ids])
        # The back-off's say where the rules found nothing: only if its evidence passed.
        passed = np.array([cid in verdicts[i]["full"] for i in unseen_ids]) & ~by_rules
        p = np.array([verdicts[i]["p"].get(cid, np.nan) for i in unseen_ids])
        local = np.array([verdicts[i]["local"].get(cid, np.nan) for i in unseen_ids])
        out[cid] = (y, by_rules, passed, p, local)
    return out


def _combined(arrays: tuple, floor: float, threshold: float) -> np.ndarray:
    _, by_rules, passed, p, local = arrays
    # Overruled: both the whole answer and the rules' sentences below the floor (NaN, no
    # probability, as for a short answer, is never below it).
    kept = by_rules & ~((p < floor) & (local < floor))
    return kept | (passed & (np.nan_to_num(p) >= threshold))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", action="append", required=True, metavar="TREE=FILES",
                        help="a checkout whose rules predate FILES (comma-separated case "
                             "files); repeat for more rounds")
    parser.add_argument("--cross-writer", action="store_true",
                        help="also the back-off alone, leave-one-writer-out (about 2 minutes)")
    args = parser.parse_args(argv)
    ids, texts, labels, writers = _load()
    print(f"{len(texts)} answers from {len(set(writers))} writers")
    if args.cross_writer:
        probs = _cross_writer_probabilities(texts, labels, writers)
        print("\nBack-off alone, leave-one-writer-out, at 0.5")
        print(f"{'check':<22} {'F1':>5} {'P':>5} {'R':>5}")
        for cid in CHECK_IDS:
            y = np.array([cid in lab for lab in labels])
            f1, p, r = _prf(probs[cid] >= 0.5, y)
            print(f"{cid:<22} {f1:5.2f} {p:5.2f} {r:5.2f}")

    rounds = []
    for spec in args.round:
        tree, _, files = spec.partition("=")
        rounds.append(_round_arrays(Path(tree).resolve(), files, ids, texts, labels, writers))
        print(f"round {len(rounds)}: rules of {Path(tree).resolve()} on {files} "
              f"({len(rounds[-1][CHECK_IDS[0]][0])} answers)")
    print("\nF1/precision per round: the rules alone, the settings in code, the best pair "
          "(floor below which the back-off overrules the rules, threshold at which it detects)")
    print(f"{'check':<22} {'rules':>{11 * len(rounds)}}  {'in code':>{11 * len(rounds) + 11}}"
          f"  {'chosen':>{11 * len(rounds) + 11}}  overruled (hits lost)")
    for cid in CHECK_IDS:
        rules_cells = [_prf(r[cid][1], r[cid][0]) for r in rounds]
        floors = []
        for floor in OVERRULE_FLOORS:
            for t in CANDIDATES:
                scores = [_prf(_combined(r[cid], floor, t), r[cid][0]) for r in rounds]
                if all(s[1] >= rc[1] - PRECISION_GIVE for s, rc in zip(scores, rules_cells,
                                                                        strict=True)):
                    floors.append((round(float(np.mean([s[0] for s in scores])), 3), -floor, t))
        best_f1, neg_floor, chosen_t = max(floors)
        chosen_f = -neg_floor
        without = max(f for f in floors if f[1] == 0.0)
        if best_f1 - without[0] < MIN_OVERRULE_GAIN:  # not worth overruling the rules
            chosen_f, chosen_t = 0.0, without[2]

        def cells(floor: float, t: float, cid: str = cid) -> str:
            return " ".join(f"{f:4.2f}/{p:4.2f}" for f, p, _ in (
                _prf(_combined(r[cid], floor, t), r[cid][0]) for r in rounds))
        over = [r[cid][1] & (r[cid][3] < chosen_f) & (r[cid][4] < chosen_f) for r in rounds]
        lost = [int((o & r[cid][0]).sum()) for o, r in zip(over, rounds, strict=True)]
        print(f"{cid:<22} " + " ".join(f"{f:4.2f}/{p:4.2f}" for f, p, _ in rules_cells)
              + f"  {OVERRULE_BELOW.get(cid, 0.0):4.2f} {THRESHOLDS[cid]:4.2f} "
              + cells(OVERRULE_BELOW.get(cid, 0.0), THRESHOLDS[cid])
              + f"  {chosen_f:4.2f} {chosen_t:4.2f} " + cells(chosen_f, chosen_t)
              + "  " + " ".join(f"{int(o.sum())} ({n})" for o, n in zip(over, lost, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
