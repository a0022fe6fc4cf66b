"""Evaluate the content checks on the labelled answers (voice_coach/data/content_cases/ and
tests/content_cases/).

Prints precision, recall and F1 per check for each part of the labelled set, then all of it.
Every split is fixed by a hash of the case id, so no case can be moved between parts by hand:

- ``tune`` / ``holdout``: ``answers_*.toml``, one case in three held out.
- ``fresh``: ``fresh_*.toml``, 24 answers written after the first round of tuning.
- ``blind-dev`` / ``blind-held``: ``blind_d.toml``, answers written from CONTENT.md and the
  seeds before the check code was read (commit 0954d8c); half of them (by hash) were used
  while improving the checks, the other half was only seen as aggregate figures until the
  sealed set below existed (macro F1 0.79 then), and is development data since.
- ``blind-2``: ``blind_e/f/h.toml``, 300 answers written blind by three more engineers in three
  styles (spoken transcripts, typed with subtle hard negatives, short and informal), used
  for development in the second round.
- ``blind-3``: ``blind_j/k/l/m.toml``, 400 answers written blind by four more engineers in
  the third round (spoken transcripts; concise typed; entry level and non-native; long senior
  answers). Each file was first scored as it arrived, as unseen data, then used for
  development and training.
- ``blind-4``: ``blind_q/r/s/t/u/v.toml``, 600 answers by six more engineers in the fourth
  round (public-sector STAR stories; rambling transcripts; short answers; near misses;
  numbers-heavy professionals; modest and second-language speakers), each first scored as
  unseen data, then used for development and training.
- ``blind-5``: ``blind_x/y/z/za/zb/zc.toml``, 600 answers by six more engineers in the fifth
  round (questions for the interviewer; speaking to the hiring manager's needs; delivery
  records and promises; conversational transcripts in many Englishes; trades, creative and
  technical stories; entry-level and returners), scored as unseen first, then used.
- ``blind-6``: ``blind_zd/ze/zf/zg.toml``, 400 answers by four more engineers in the sixth
  round, aimed at the weakest checks (delivery in speech; delivery against results;
  engagement across all questions; engagement and focus from senior candidates), scored as
  unseen first, then used.
- ``blind-7``: ``blind_zh/zi/zj/zk/zl/zm.toml``, 600 answers by six more engineers in the
  seventh round (delivery in typed STAR answers; personal value and growth from career
  changers and returners; engagement in short spoken answers; results at their edges; focus
  and not-after-your-job; a plain-spoken mixed set), scored as unseen first, then used to
  calibrate the back-off and for training.
- ``blind-8``: ``blind_zn/zo/zp/zq/zr.toml`` and ``blind_zv/zw/zx/zy/zz.toml``, 1,000 answers by
  ten more engineers in the eighth round (delivery in speech from new sectors; results,
  delivery or neither in short typed answers; personal value and not-after-your-job; growth
  and supplicant; older and career-changing candidates; delivery and results in public
  services; engagement and focus from juniors; tech and finance; hospitality, retail and
  trades; nervous candidates), each half scored as unseen first, then used.
- ``sealed``: ``sealed_g.toml``, 120 answers written blind in the second round and never
  looked at case by case: only its aggregate table is ever printed.
- ``sealed-2``: ``sealed_i.toml``, 160 answers written blind in the third round, sealed the
  same way.
- ``sealed-3``: ``sealed_w.toml``, 160 answers written blind in the fourth round, sealed the
  same way.
- ``sealed-4``: ``sealed_zs.toml``, 160 answers written blind in the fifth round, sealed the
  same way.
- ``sealed-5``: ``sealed_zt.toml``, 160 answers written blind in the sixth round, sealed the
  same way.
- ``sealed-6``: ``sealed_zu.toml``, 160 answers written blind in the seventh round, sealed the
  same way.
- ``sealed-7``: ``sealed_zv.toml``, 160 answers written blind in the eighth round, sealed the
  same way.

Usage::

    python scripts/eval_content.py            # the tables
    python scripts/eval_content.py --errors   # also list mistakes (never the sealed part)
    python scripts/eval_content.py --part blind-2 --errors
    python scripts/eval_content.py --file blind_j --errors   # one file
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from voice_coach.content import check_content
from voice_coach.questions import CHECK_IDS, Question, get_question

ROOT = Path(__file__).resolve().parents[1]
#: The labelled answers the rules were developed on, which also train the learned back-off
#: (package data), and the sealed test set, kept in tests/ (never trained or tuned on).
CASES_DIRS = (ROOT / "voice_coach" / "data" / "content_cases", ROOT / "tests" / "content_cases")
#: One case in HOLDOUT_MODULUS of answers_*.toml is held out (by the SHA-1 of its id).
HOLDOUT_MODULUS = 3
#: blind_*.toml is split in two halves by the SHA-1 of "blind:" + id.
BLIND_SALT = "blind:"
#: The parts in the order they are printed; the first and the blind-dev one are "seen".
PARTS = ("tune", "holdout", "fresh", "blind-dev", "blind-held", "blind-2", "blind-3", "blind-4",
         "blind-5", "blind-6", "blind-7", "blind-8", "sealed", "sealed-2", "sealed-3", "sealed-4",
         "sealed-5", "sealed-6", "sealed-7")
SEEN_PARTS = ("tune", "holdout", "fresh", "blind-dev", "blind-held", "blind-2", "blind-3",
              "blind-4", "blind-5", "blind-6", "blind-7", "blind-8")
SEALED_PARTS = ("sealed", "sealed-2", "sealed-3", "sealed-4", "sealed-5", "sealed-6",
                "sealed-7")
#: The sealed files and their parts.
SEALED_FILES = {"sealed_g": "sealed", "sealed_i": "sealed-2", "sealed_w": "sealed-3",
                "sealed_zs": "sealed-4", "sealed_zt": "sealed-5", "sealed_zu": "sealed-6",
                "sealed_zv": "sealed-7"}
#: The blind files of each later round and their part (the first round's is blind_d).
BLIND_ROUNDS = {
    "blind-2": ("blind_e", "blind_f", "blind_h"),
    "blind-3": ("blind_j", "blind_k", "blind_l", "blind_m", "blind_n", "blind_o", "blind_p"),
    "blind-4": ("blind_q", "blind_r", "blind_s", "blind_t", "blind_u", "blind_v"),
    "blind-5": ("blind_x", "blind_y", "blind_z", "blind_za", "blind_zb", "blind_zc"),
    "blind-6": ("blind_zd", "blind_ze", "blind_zf", "blind_zg"),
    "blind-7": ("blind_zh", "blind_zi", "blind_zj", "blind_zk", "blind_zl", "blind_zm"),
    "blind-8": ("blind_zn", "blind_zo", "blind_zp", "blind_zq", "blind_zr", "blind_zv",
                "blind_zw", "blind_zx", "blind_zy", "blind_zz"),
}
_ROUND_OF = {stem: part for part, stems in BLIND_ROUNDS.items() for stem in stems}


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    question: Question | None
    text: str
    expected: frozenset[str]
    note: str
    source: str = "answers"
    file: str = ""

    @property
    def part(self) -> str:
        """Which part of the evaluation the case belongs to (one of PARTS)."""
        if self.source == "sealed":
            return SEALED_FILES[self.file]
        if self.source == "fresh":
            return self.source
        if self.file in _ROUND_OF:
            return _ROUND_OF[self.file]
        if self.source == "blind":
            h = int(hashlib.sha1((BLIND_SALT + self.id).encode()).hexdigest(), 16)
            return "blind-held" if h % 2 == 0 else "blind-dev"
        h = int(hashlib.sha1(self.id.encode()).hexdigest(), 16)
        return "holdout" if h % HOLDOUT_MODULUS == 0 else "tune"


@dataclass(frozen=True, slots=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def load_cases(directories: tuple[Path, ...] = CASES_DIRS) -> list[Case]:
    """Read every ``*.toml`` file of labelled answers."""
    cases: list[Case] = []
    for path in sorted(p for d in directories for p in d.glob("*.toml")):
        for raw in tomllib.loads(path.read_text("utf-8"))["case"]:
            unknown = set(raw["detected"]) - set(CHECK_IDS)
            if unknown:
                raise ValueError(f"{path.name}: case {raw['id']} labels unknown {unknown}")
            qid = raw.get("question", "")
            source = path.name.split("_", 1)[0]
            cases.append(Case(raw["id"], get_question(qid) if qid else None,
                              raw["text"].strip(), frozenset(raw["detected"]),
                              raw.get("note", ""), source, path.stem))
    ids = [c.id for c in cases]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate case ids")
    return cases


def predict(cases: list[Case]) -> dict[str, frozenset[str]]:
    """Run the checks: case id -> the set of check ids detected."""
    out = {}
    for case in cases:
        report = check_content(case.text, question=case.question)
        out[case.id] = frozenset(c.id for c in report.checks if c.detected)
    return out


def evaluate(cases: list[Case], predicted: dict[str, frozenset[str]]) -> dict[str, Scores]:
    """Confusion counts per check."""
    result = {}
    for cid in CHECK_IDS:
        tp = fp = fn = tn = 0
        for case in cases:
            exp, got = cid in case.expected, cid in predicted[case.id]
            tp += exp and got
            fp += got and not exp
            fn += exp and not got
            tn += not exp and not got
        result[cid] = Scores(tp, fp, fn, tn)
    return result


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:5.2f}"


def print_table(title: str, scores: dict[str, Scores], n: int) -> None:
    print(f"\n{title} ({n} answers)")
    print(f"{'check':<22} {'pos':>4} {'tp':>4} {'fp':>4} {'fn':>4}  {'prec':>5} {'rec':>5} "
          f"{'F1':>5}")
    for cid, s in scores.items():
        print(f"{cid:<22} {s.tp + s.fn:>4} {s.tp:>4} {s.fp:>4} {s.fn:>4}  {_fmt(s.precision)} "
              f"{_fmt(s.recall)} {_fmt(s.f1)}")
    f1s = [s.f1 for s in scores.values() if s.f1 is not None]
    print(f"{'macro F1':<22} {'':>20}  {'':>5} {'':>5} {_fmt(sum(f1s) / len(f1s))}")


def print_errors(cases: list[Case], predicted: dict[str, frozenset[str]]) -> None:
    for case in cases:
        got = predicted[case.id]
        missed, extra = case.expected - got, got - case.expected
        if missed or extra:
            print(f"- {case.id}: missed {sorted(missed)} false {sorted(extra)}")
            print(f"    {case.text[:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true",
                        help="list mistakes on every part but the sealed one")
    parser.add_argument("--part", choices=PARTS, action="append",
                        help="print only these parts (repeatable)")
    parser.add_argument("--file", action="append", metavar="STEM",
                        help="print only the answers of these case files (e.g. blind_j)")
    args = parser.parse_args(argv)
    cases = load_cases()
    t0 = time.perf_counter()
    predicted = predict(cases)
    per_answer_ms = 1000 * (time.perf_counter() - t0) / len(cases)
    titles = {
        "tune": "Tuning part (answers_*, tuned on)",
        "holdout": "Held-out part 1 (answers_*, one in three by hash)",
        "fresh": "Fresh 24 (fresh_*, written after the first tuning)",
        "blind-dev": "Blind development half (blind_*, used while improving)",
        "blind-held": "Blind second half (blind_d, held out until the sealed set existed)",
        "blind-2": "Blind round 2 (blind_e/f/h, development)",
        "blind-3": "Blind round 3 (blind_j..p, development)",
        "blind-4": "Blind round 4 (blind_q..v, development)",
        "blind-5": "Blind round 5 (blind_x..zc, development)",
        "blind-6": "Blind round 6 (blind_zd..zg, development)",
        "blind-7": "Blind round 7 (blind_zh..zm, calibration and development)",
        "blind-8": "Blind round 8 (blind_zn..zr, zv..zz, development)",
        "sealed": "Sealed (sealed_g, never inspected case by case)",
        "sealed-2": "Sealed round 3 (sealed_i, never inspected case by case)",
        "sealed-3": "Sealed round 4 (sealed_w, never inspected case by case)",
        "sealed-4": "Sealed round 5 (sealed_zs, never inspected case by case)",
        "sealed-5": "Sealed round 6 (sealed_zt, never inspected case by case)",
        "sealed-6": "Sealed round 7 (sealed_zu, never inspected case by case)",
        "sealed-7": "Sealed round 8 (sealed_zv, never inspected case by case)",
    }
    if args.file:
        sealed_files = {c.file for c in cases if c.part in SEALED_PARTS}
        for stem in args.file:
            members = [c for c in cases if c.file == stem]
            if members:
                print_table(f"File {stem}", evaluate(members, predicted), len(members))
            if stem in sealed_files:
                args.errors = False  # never list a sealed file's cases
        if args.errors:
            print("\nMistakes:")
            print_errors([c for c in cases if c.file in args.file], predicted)
        return 0
    for part in args.part or PARTS:
        members = [c for c in cases if c.part == part]
        if members:
            print_table(titles[part], evaluate(members, predicted), len(members))
    if not args.part:
        seen = [c for c in cases if c.part not in SEALED_PARTS]
        print_table("All but sealed", evaluate(seen, predicted), len(seen))
    print(f"\n{per_answer_ms:.1f} ms per answer (all eight checks)")
    if args.errors:
        print("\nMistakes (the sealed part is never listed):")
        print_errors([c for c in cases if c.part in SEEN_PARTS
                      and (not args.part or c.part in args.part)], predicted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
