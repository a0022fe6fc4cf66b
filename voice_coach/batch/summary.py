"""The cohort summary: a CSV row per answer, aggregates as JSON, and a self-contained HTML page.

Everything is read from the per-answer JSON reports (``scores``, ``verdict``,
``content.checks``, ``cues``, ``top_fixes``). A value a report does not have is left empty
(None): nothing is estimated or filled in. The HTML page draws its charts as inline SVG, with
no script and no network access, so it opens offline and can be mailed as one file.
"""

from __future__ import annotations

import csv
import html
import io
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voice_coach.batch.runner import AnswerOutcome, BatchResult

__all__ = [
    "CSV_COLUMNS",
    "SCORE_NAMES",
    "build_summary",
    "digest_report",
    "render_csv",
    "render_html",
]

#: The report's scores, in display order.
SCORE_NAMES: tuple[str, ...] = ("overall", "confidence", "results_framing",
                                "hiring_manager_focus")
_SCORE_LABELS = {"overall": "Overall", "confidence": "Confidence",
                 "results_framing": "Results framing",
                 "hiring_manager_focus": "Hiring-manager focus"}
#: Width of a score-histogram bin, in score points (0-100 in ten bins; 100 joins the last).
HISTOGRAM_BIN = 10
#: Cue statuses counted as a problem in the "most common problems" chart.
_PROBLEM_CUE_STATUSES = frozenset({"flag"})
#: How an answer without a verdict (typed answers, for one) is counted.
_NO_VERDICT = "no verdict"
#: How many problems the chart lists.
TOP_PROBLEMS = 12

#: Columns of summary.csv, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "source", "person", "question_id", "question", "kind", "status", "error",
    "duration_s", "words_per_minute", "filler_per_100_words",
    *SCORE_NAMES, "verdict", "problems", "top_fix", "report_file", "key",
)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def digest_report(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """Keep only what the summary needs from one JSON report.

    Parameters
    ----------
    report : dict or None
        ``AnswerAnalysis.to_dict()`` output (any fields may be missing or None).

    Returns
    -------
    dict or None
        ``question_id``, ``question``, ``kind``, ``duration_s``, ``words_per_minute``,
        ``filler_per_100_words``, ``scores`` (name -> number or None), ``verdict``,
        ``problems`` (list of ``(id, label)``: failed content checks and flagged delivery
        cues) and ``top_fix`` (the first fix's title or None).
    """
    if report is None:
        return None
    question = report.get("question") or {}
    audio = report.get("audio") or {}
    delivery = report.get("delivery") or {}
    scores = report.get("scores") or {}
    problems: list[tuple[str, str]] = []
    for check in (report.get("content") or {}).get("checks") or ():
        if not isinstance(check, dict) or "good" not in check or "detected" not in check:
            continue
        if bool(check["detected"]) != bool(check["good"]):
            check_id = str(check.get("id", "?"))
            problems.append((check_id, str(check.get("label") or check_id)))
    for cue in report.get("cues") or ():
        if isinstance(cue, dict) and cue.get("status") in _PROBLEM_CUE_STATUSES:
            cue_id = str(cue.get("id", "?"))
            problems.append((f"delivery:{cue_id}", str(cue.get("label") or cue_id)))
    fixes = [f for f in report.get("top_fixes") or () if isinstance(f, dict) and f.get("title")]
    return {
        "question_id": question.get("id"),
        "question": question.get("text"),
        "kind": report.get("kind") or ("typed" if report.get("audio") is None else "spoken"),
        "duration_s": _number(audio.get("duration_s")),
        "words_per_minute": _number(delivery.get("words_per_minute")),
        "filler_per_100_words": _number(delivery.get("filler_per_100_words")),
        "scores": {name: _number(scores.get(name)) for name in SCORE_NAMES},
        "verdict": report.get("verdict"),
        "problems": problems,
        "top_fix": str(fixes[0]["title"]) if fixes else None,
    }


def _row(outcome: AnswerOutcome) -> dict[str, Any]:
    digest = outcome.digest or {}
    answer = outcome.answer
    question = answer.question
    scores = digest.get("scores") or {}
    return {
        "source": answer.source,
        "person": answer.person or "",
        "question_id": (question.id if question else digest.get("question_id")) or "",
        "question": (question.text if question else digest.get("question")) or "",
        "kind": answer.kind,
        "status": outcome.status,
        "error": outcome.error or "",
        "duration_s": digest.get("duration_s"),
        "words_per_minute": digest.get("words_per_minute"),
        "filler_per_100_words": digest.get("filler_per_100_words"),
        **{name: scores.get(name) for name in SCORE_NAMES},
        "verdict": digest.get("verdict") or "",
        "problems": "; ".join(label for _id, label in digest.get("problems") or ()),
        "top_fix": digest.get("top_fix") or "",
        "report_file": outcome.report_file or "",
        "key": outcome.key or "",
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) else f"{value:.1f}"
    return str(value)


def render_csv(outcomes: Sequence[AnswerOutcome]) -> str:
    """Return summary.csv: one row per answer (columns :data:`CSV_COLUMNS`; empty = none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for outcome in outcomes:
        row = _row(outcome)
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def _stats(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "mean": None, "median": None, "min": None, "max": None}
    return {"n": len(values), "mean": round(statistics.fmean(values), 1),
            "median": round(statistics.median(values), 1), "min": min(values),
            "max": max(values)}


def _histogram(values: list[float]) -> list[int]:
    bins = [0] * (100 // HISTOGRAM_BIN)
    for value in values:
        bins[min(int(value // HISTOGRAM_BIN), len(bins) - 1)] += 1
    return bins


def build_summary(result: BatchResult) -> dict[str, Any]:
    """Aggregate a batch: counts, score distributions, problems, verdicts, per question.

    Returns
    -------
    dict
        ``counts`` (per status and total), ``run`` (workers, scheduler, elapsed_s,
        answers_per_minute of this run), ``scores`` (per score: n, missing, mean, median, min,
        max, histogram of 10-point bins), ``verdicts``, ``problems`` (id, label, count,
        share of scored answers), ``questions`` (per question: answers, overall stats,
        verdicts), ``failures`` (source, person, error) and ``not_run``. Statistics cover
        the answers with a report (analysed now or reused); a missing score is counted in
        ``missing``, never as a number.
    """
    outcomes = result.outcomes
    reported = [o for o in outcomes if o.digest is not None]
    counts = Counter(o.status for o in outcomes)
    finished_now = counts["analysed"] + counts["failed"]
    scores: dict[str, Any] = {}
    for name in SCORE_NAMES:
        values = [v for o in reported if (v := o.digest["scores"].get(name)) is not None]
        scores[name] = {**_stats(values), "missing": len(reported) - len(values),
                        "histogram": _histogram(values), "bin_width": HISTOGRAM_BIN}
    problem_counts: Counter[tuple[str, str]] = Counter()
    for outcome in reported:
        problem_counts.update(set(map(tuple, outcome.digest["problems"])))
    questions: dict[str, dict[str, Any]] = {}
    for outcome in reported:
        digest = outcome.digest
        qid = (outcome.answer.question.id if outcome.answer.question else
               digest.get("question_id")) or "(no question)"
        text = (outcome.answer.question.text if outcome.answer.question else
                digest.get("question")) or ""
        entry = questions.setdefault(qid, {"id": qid, "text": text, "overall": [],
                                           "verdicts": Counter()})
        if (value := digest["scores"].get("overall")) is not None:
            entry["overall"].append(value)
        entry["verdicts"][digest.get("verdict") or _NO_VERDICT] += 1
    return {
        "results_dir": str(result.results_dir),
        "counts": {"total": len(outcomes), **{s: counts[s] for s in
                                              ("analysed", "reused", "failed", "not_run")}},
        "run": {"scheduler": result.scheduler, "workers": result.workers,
                "elapsed_s": round(result.elapsed_s, 2), "interrupted": result.interrupted,
                "answers_per_minute": round(60.0 * finished_now / result.elapsed_s, 2)
                if finished_now and result.elapsed_s > 0 else None},
        "scores": scores,
        "verdicts": dict(Counter(o.digest.get("verdict") or _NO_VERDICT for o in reported)),
        "problems": [
            {"id": pid, "label": label, "count": n,
             "share": round(n / len(reported), 3)}
            for (pid, label), n in sorted(problem_counts.items(),
                                          key=lambda kv: (-kv[1], kv[0][1]))
        ],
        "questions": [
            {"id": q["id"], "text": q["text"], "answers": sum(q["verdicts"].values()),
             "overall": _stats(q["overall"]), "verdicts": dict(q["verdicts"])}
            for q in sorted(questions.values(), key=lambda q: q["id"])
        ],
        "failures": [{"source": o.answer.source, "person": o.answer.person,
                      "error": o.error, "error_type": o.error_type}
                     for o in outcomes if o.status == "failed"],
        "not_run": [o.answer.source for o in outcomes if o.status == "not_run"],
    }


# ---------------------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;
border-bottom:1px solid #dde2ea;padding-bottom:.3rem}
.muted{color:#5b6578}.grid{display:flex;flex-wrap:wrap;gap:1.2rem}
.card{border:1px solid #dde2ea;border-radius:8px;padding:.6rem .9rem}
.stat{font-size:1.6rem;font-weight:600}.bad{color:#b42318}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef1f5;vertical-align:top}
th{background:#f5f7fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
svg text{font:12px system-ui,sans-serif;fill:#1d2433}
"""
_BAR = "#3b6fd8"
_BAR_BAD = "#d9534f"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _histogram_svg(name: str, info: dict[str, Any]) -> str:
    bins = info["histogram"]
    width, height, pad = 300, 150, 22
    top = max(bins) or 1
    bar_w = (width - 2 * pad) / len(bins)
    parts = [f'<svg role="img" aria-label="{_e(_SCORE_LABELS[name])} distribution" '
             f'width="{width}" height="{height + 34}" viewBox="0 0 {width} {height + 34}">']
    for i, count in enumerate(bins):
        bar_h = (height - pad) * count / top
        x = pad + i * bar_w
        y = height - bar_h
        parts.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
                     f'height="{bar_h:.1f}" fill="{_BAR}"><title>'
                     f'{i * HISTOGRAM_BIN}-{(i + 1) * HISTOGRAM_BIN}: {count}</title></rect>')
        if count:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" '
                         f'text-anchor="middle">{count}</text>')
    for tick in range(0, 101, 20):
        x = pad + (width - 2 * pad) * tick / 100
        parts.append(f'<text x="{x:.1f}" y="{height + 14}" text-anchor="middle">{tick}</text>')
    parts.append(f'<line x1="{pad}" y1="{height}" x2="{width - pad}" y2="{height}" '
                 'stroke="#8a94a6"/>')
    parts.append(f'<text x="{width / 2}" y="{height + 30}" text-anchor="middle" '
                 f'class="muted">score (n={info["n"]}, no score: {info["missing"]})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bars_svg(items: Sequence[tuple[str, float, str]], *, color: str = _BAR,
              max_value: float | None = None, label_width: int = 260) -> str:
    """Horizontal bars: (label, value, text shown after the bar)."""
    if not items:
        return '<p class="muted">Nothing to show.</p>'
    row_h, width = 24, 720
    top = max_value or max(v for _l, v, _t in items) or 1
    bar_space = width - label_width - 90
    height = row_h * len(items) + 6
    parts = [f'<svg role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">']
    for i, (label, value, text) in enumerate(items):
        y = 3 + i * row_h
        bar = bar_space * value / top
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
                     f'<title>{_e(label)}</title>{_e(short)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" '
                     f'height="{row_h - 8}" fill="{color}"/>')
        parts.append(f'<text x="{label_width + bar + 6:.1f}" y="{y + 15}">{_e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: Any) -> str:
    return "–" if value is None else _e(_cell(value))


def render_html(summary: dict[str, Any], outcomes: Sequence[AnswerOutcome], *,
                title: str = "Cohort summary") -> str:
    """Return summary.html: one self-contained page (inline CSS and SVG, no scripts).

    Parameters
    ----------
    summary : dict
        :func:`build_summary` output.
    outcomes : sequence of AnswerOutcome
        The answers, for the per-answer table (links to the reports are relative).
    """
    counts = summary["counts"]
    run = summary["run"]
    out: list[str] = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="muted">voice-coach batch · {counts["total"]} answers · results in '
        f'{_e(summary["results_dir"])}</p>',
        '<div class="grid">',
    ]
    for label, key in (("analysed now", "analysed"), ("reused (unchanged)", "reused"),
                       ("failed", "failed"), ("not run", "not_run")):
        cls = " bad" if key in ("failed", "not_run") and counts[key] else ""
        out.append(f'<div class="card"><div class="stat{cls}">{counts[key]}</div>'
                   f'<div class="muted">{label}</div></div>')
    rate = run["answers_per_minute"]
    out.append(f'<div class="card"><div class="stat">{_fmt(rate)}</div><div class="muted">'
               f'answers/min on {run["workers"]} worker(s) ({_e(run["scheduler"])})</div></div>')
    out.append("</div>")
    if run["interrupted"]:
        out.append('<p class="bad">The run was interrupted: rerun the same command to finish '
                   "(finished answers are reused).</p>")

    out.append("<h2>Score distributions</h2>")
    out.append('<p class="muted">Each bar counts answers in a 10-point band. An answer '
               "without enough evidence for a score is counted under “no score”, not as 0."
               "</p><div class=grid>")
    for name in SCORE_NAMES:
        info = summary["scores"][name]
        stats = (f"mean {_fmt(info['mean'])}, median {_fmt(info['median'])}"
                 if info["n"] else "no scores")
        out.append(f'<div class="card"><strong>{_e(_SCORE_LABELS[name])}</strong> '
                   f'<span class="muted">{stats}</span><br>{_histogram_svg(name, info)}</div>')
    out.append("</div>")

    scored = counts["analysed"] + counts["reused"]
    out.append("<h2>Most common problems</h2>")
    out.append(f'<p class="muted">Share of the {scored} analysed answers where a content '
               "check failed or a delivery cue was flagged.</p>")
    problems = summary["problems"][:TOP_PROBLEMS]
    out.append(_bars_svg([(p["label"], p["count"], f'{p["count"]} ({p["share"]:.0%})')
                          for p in problems], color=_BAR_BAD, max_value=scored or 1))

    out.append("<h2>Verdicts</h2>")
    verdicts = sorted(summary["verdicts"].items(), key=lambda kv: -kv[1])
    out.append(_bars_svg([(v, n, str(n)) for v, n in verdicts]))

    out.append("<h2>Per question</h2>")
    questions = summary["questions"]
    out.append(_bars_svg([(q["text"] or q["id"], q["overall"]["mean"] or 0.0,
                           f'mean {_fmt(q["overall"]["mean"])} (n={q["overall"]["n"]})')
                          for q in questions], max_value=100))
    out.append("<table><tr><th>question</th><th>answers</th><th>overall mean</th>"
               "<th>median</th><th>min</th><th>max</th><th>verdicts</th></tr>")
    for q in questions:
        verdict_text = ", ".join(f"{k}: {v}" for k, v in sorted(q["verdicts"].items()))
        ident = f'<br><span class="muted">{_e(q["id"])}</span>' if q["text"] else ""
        out.append(f'<tr><td>{_e(q["text"] or q["id"])}{ident}'
                   f'</td><td class=num>{q["answers"]}</td>'
                   + "".join(f'<td class=num>{_fmt(q["overall"][k])}</td>'
                             for k in ("mean", "median", "min", "max"))
                   + f"<td>{_e(verdict_text)}</td></tr>")
    out.append("</table>")

    if summary["failures"]:
        out.append(f'<h2 class="bad">Failed answers ({len(summary["failures"])})</h2>')
        out.append('<p class="muted">Each is retried when the batch is run again.</p>')
        out.append("<table><tr><th>file</th><th>person</th><th>why</th></tr>")
        for f in summary["failures"]:
            out.append(f'<tr><td>{_e(f["source"])}</td><td>{_e(f["person"])}</td>'
                       f'<td>{_e(f["error"])}</td></tr>')
        out.append("</table>")

    out.append("<h2>Answers</h2><table><tr><th>person</th><th>file</th><th>question</th>"
               "<th>status</th>"
               + "".join(f"<th>{_e(_SCORE_LABELS[n])}</th>" for n in SCORE_NAMES)
               + "<th>verdict</th><th>first fix</th></tr>")
    for outcome in outcomes:
        row = _row(outcome)
        name = _e(outcome.answer.name)
        link = (f'<a href="{_e(outcome.report_file)}">{name}</a>' if outcome.report_file
                else name)
        out.append(f'<tr><td>{_e(row["person"])}</td><td>{link}</td>'
                   f'<td>{_e(row["question_id"])}</td><td>{_e(row["status"])}</td>'
                   + "".join(f"<td class=num>{_fmt(row[n])}</td>" for n in SCORE_NAMES)
                   + f'<td>{_e(row["verdict"])}</td><td>{_e(row["top_fix"] or row["error"])}'
                   "</td></tr>")
    out.append("</table></body></html>\n")
    return "\n".join(out)
