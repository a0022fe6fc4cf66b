"""Render an analysis as JSON, Markdown or terminal text.

All three read the same report object (:meth:`AnswerAnalysis.to_dict`), so a stored
analysis renders exactly like a fresh one.
"""

from __future__ import annotations

import html
import json
import textwrap
from typing import Any

from voice_coach.scoring import BANDS

__all__ = ["FORMATS", "clock", "render", "render_html", "render_json", "render_markdown",
           "render_text"]

FORMATS: tuple[str, ...] = ("text", "json", "md", "html")

# The bands that explain rate, latency and fillers are the scoring's own (one place).
_RATE = BANDS["speaking_rate"]
RATE_SLOW_WPM, RATE_RUSHED_WPM = _RATE.amber
RATE_GOOD_LOW_WPM, RATE_GOOD_HIGH_WPM = _RATE.good
LATENCY_FINE_S = BANDS["response_latency"].good[1]
LATENCY_FLAG_S = BANDS["response_latency"].amber[1]
FILLER_GOOD = BANDS["filled_pauses"].good[1]
FILLER_FLAG = BANDS["filled_pauses"].amber[1]

_VERDICT_TEXT = {
    "confident": "Confident: you sounded like an equal making an offer.",
    "mixed": "Mixed: some confident cues, some that undercut you.",
    "supplicant": "Supplicant: you sounded like someone asking for a favour.",
    "insufficient_speech": "Not enough speech to judge how you sounded (about 20 s is needed).",
}


def clock(seconds: float | None) -> str:
    """Format seconds as ``m:ss`` (``--:--`` for None)."""
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def render(report: dict[str, Any], fmt: str) -> str:
    """Render a report object in ``fmt`` (``text``, ``json`` or ``md``)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "md":
        return render_markdown(report)
    if fmt == "text":
        return render_text(report)
    if fmt == "html":
        return render_html(report)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def render_json(report: dict[str, Any]) -> str:
    """Return the report as indented JSON."""
    return json.dumps(report, indent=2, ensure_ascii=False)


def _fmt(value: float | None, spec: str = ".0f", unit: str = "") -> str:
    return "n/a" if value is None else f"{value:{spec}}{unit}"


def _rate_meaning(wpm: float | None) -> str:
    if wpm is None:
        return "not measured"
    if wpm < RATE_SLOW_WPM:
        return "slow: listeners may hear hesitation (aim for 130-170)"
    if wpm < RATE_GOOD_LOW_WPM:
        return "a little slow, acceptable in an interview (aim for 130-170)"
    if wpm <= RATE_GOOD_HIGH_WPM:
        return "a confident, easy-to-follow pace (130-170)"
    if wpm <= RATE_RUSHED_WPM:
        return "brisk; slow down a little for key results (aim for 130-170)"
    return "rushed: listeners may hear nerves (aim for 130-170)"


def _latency_meaning(latency: float | None) -> str:
    if latency is None:
        return "not measured"
    if latency <= LATENCY_FINE_S:
        return "you started promptly"
    if latency <= LATENCY_FLAG_S:
        return "a noticeable wait before you started"
    return "a long wait before you started reads as unsure; start with your headline"


def _filler_meaning(rate: float | None) -> str:
    if rate is None:
        return "not measured"
    if rate <= FILLER_GOOD:
        return "few fillers (a lower bound: the recogniser drops some)"
    if rate <= FILLER_FLAG:
        return "some fillers; replace them with a short silent pause"
    return "many fillers: they make you sound unsure; pause silently instead"


def _delivery_lines(delivery: dict[str, Any]) -> list[str]:
    wpm = delivery.get("words_per_minute")
    lines = [
        f"Speaking rate   {_fmt(wpm, '.0f', ' wpm')}   {_rate_meaning(wpm)}",
        f"Articulation    {_fmt(delivery.get('articulation_wpm'), '.0f', ' wpm')}   "
        "words per minute while actually speaking",
        f"Start           {_fmt(delivery.get('response_latency_s'), '.1f', ' s')}   "
        f"{_latency_meaning(delivery.get('response_latency_s'))}",
    ]
    pauses = delivery.get("pauses", [])
    long_pauses = [p for p in pauses if p["end_s"] - p["start_s"] >= 1.0]
    lines.append(
        f"Pauses          {len(pauses)} (of 0.25 s or more), {len(long_pauses)} long (1 s or more)"
        + ("   long pauses mid-answer can sound like lost thread" if long_pauses else "")
    )
    for p in long_pauses[:6]:
        lines.append(f"                  {clock(p['start_s'])} silent for "
                     f"{p['end_s'] - p['start_s']:.1f} s")
    rate = delivery.get("filler_per_100_words")
    fillers = delivery.get("fillers", [])
    lines.append(f"Fillers         {delivery.get('filler_count', 0)} "
                 f"({_fmt(rate, '.1f')} per 100 words)   {_filler_meaning(rate)}")
    if fillers:
        lines.append("                  " + ", ".join(
            f"{clock(f.get('start_s'))} '{f['text']}'" for f in fillers[:8]))
    hedges = delivery.get("hedges", [])
    lines.append(f"Hedges          {_fmt(delivery.get('hedge_per_100_words'), '.1f')} per 100 "
                 "words" + ("   softeners like these make a claim sound unsure" if hedges else ""))
    if hedges:
        lines.append("                  " + ", ".join(
            f"{clock(h.get('start_s'))} '{h['text']}'" for h in hedges[:8]))
    pitch = delivery.get("pitch")
    if pitch:
        lines.append(f"Pitch           median {_fmt(pitch.get('median_hz'), '.0f', ' Hz')}, "
                     f"range {_fmt(pitch.get('range_st'), '.1f', ' st')}")
    if delivery.get("uptalk_ratio") is not None:
        lines.append(f"Uptalk          {delivery['uptalk_ratio']:.0%} of statement endings rise")
    loudness = delivery.get("loudness")
    if loudness:
        fade = _fmt(loudness.get("fade_db"), ".1f", " dB")
        lines.append(f"Loudness        fade at phrase ends {fade}")
    if not delivery.get("enough_speech", False):
        lines.append(f"Note            only {delivery.get('speech_s', 0):.0f} s of speech: "
                     "too little to judge delivery (about 20 s is needed)")
    return lines


def _transcript_lines(report: dict[str, Any], width: int) -> list[str]:
    transcript = report.get("transcript") or {}
    words = transcript.get("words") or []
    if not words:
        return textwrap.wrap(transcript.get("text", ""), width=width) or ["(empty)"]
    lines: list[str] = []
    current: list[str] = []
    start = words[0]["start_s"]
    for word in words:
        if not current:
            start = word["start_s"]
        current.append(word["word"])
        if word["word"].endswith((".", "?", "!")) or len(" ".join(current)) > width - 10:
            lines.append(f"[{clock(start)}] " + " ".join(current))
            current = []
    if current:
        lines.append(f"[{clock(start)}] " + " ".join(current))
    return lines


def _scores_line(report: dict[str, Any]) -> str:
    scores = report.get("scores") or {}
    names = (("confidence", "Confidence"), ("results_framing", "Results framing"),
             ("hiring_manager_focus", "Hiring-manager focus"), ("overall", "Overall"))
    return "   ".join(
        f"{label} {'n/a' if scores.get(key) is None else scores[key]}" for key, label in names
    )


def render_text(report: dict[str, Any], *, width: int = 96) -> str:
    """Return a readable plain-text report for the terminal."""
    out: list[str] = []
    rule = "=" * min(width, 72)
    out.append(rule)
    title = "voice-coach report" + (f"  ({report['id']})" if report.get("id") else "")
    out.append(title)
    question = report.get("question")
    if question:
        out.append(f"Question: {question['text']}")
    audio = report.get("audio")
    if audio:
        out.append(f"Audio: {audio['duration_s']:.1f} s, "
                   f"{audio.get('speech_s', 0):.1f} s of speech")
    out.append(rule)
    verdict = report.get("verdict")
    if verdict:
        out.append(_VERDICT_TEXT.get(verdict, verdict))
    out.append(_scores_line(report))
    fixes = report.get("top_fixes") or []
    if fixes:
        out.append("")
        out.append("Fix first:")
        for n, fix in enumerate(fixes, 1):
            where = f" at {clock(fix['time_s'])}" if fix.get("time_s") is not None else ""
            quote = f" \"{fix['quote']}\"" if fix.get("quote") else ""
            out.append(f"  {n}. {fix['title']}{where}{quote}")
            out.extend(textwrap.wrap(fix.get("detail", ""), width=width,
                                     initial_indent="     ", subsequent_indent="     "))
    out.append("")
    out.append("Transcript" + ("" if report.get("audio") else " (typed)") + ":")
    out.extend("  " + line for line in _transcript_lines(report, width - 2))
    delivery = report.get("delivery")
    if delivery:
        out.append("")
        out.append("Delivery:")
        out.extend("  " + line for line in _delivery_lines(delivery))
    cues = report.get("cues") or []
    if cues:
        out.append("")
        out.append("Cues:")
        for cue in cues:
            value = "n/a" if cue.get("value") is None else f"{cue['value']:.3g} {cue['unit']}"
            out.append(f"  [{cue['status']:>8}] {cue['label']}: {value} ({cue['threshold']})")
            for moment in cue.get("moments", [])[:4]:
                out.append(f"             {clock(moment.get('time_s'))} '{moment['text']}'"
                           + (f" {moment['detail']}" if moment.get("detail") else ""))
    content = report.get("content")
    if content:
        out.append("")
        out.append("Content checks:")
        for check in content.get("checks", []):
            mark = _check_mark(check)
            out.append(f"  {mark} {check.get('label', check['id'])}")
            for ev in check.get("evidence", [])[:3]:
                when = f"{clock(ev['start_s'])} " if ev.get("start_s") is not None else ""
                out.append(f"      {when}\"{ev['text']}\"")
            out.extend(textwrap.wrap(check.get("advice", ""), width=width,
                                     initial_indent="      ", subsequent_indent="      "))
        rewrite = content.get("rewrite")
        if rewrite:
            out.append("")
            out.append("Try saying it this way:")
            if rewrite.get("original"):
                out.extend(textwrap.wrap(f"instead of \"{rewrite['original']}\"", width=width,
                                         initial_indent="  ", subsequent_indent="  "))
            out.extend(textwrap.wrap(f"say \"{rewrite['suggestion']}\"", width=width,
                                     initial_indent="  ", subsequent_indent="  "))
    for note in report.get("notes") or []:
        out.extend(textwrap.wrap(f"Note: {note}", width=width))
    timings = report.get("timings_s") or {}
    if timings.get("total") is not None:
        out.append("")
        out.append(f"Analysed in {timings['total']:.1f} s.")
    return "\n".join(out) + "\n"


def _check_mark(check: dict[str, Any]) -> str:
    good = check.get("good", True)
    detected = check.get("detected", False)
    if detected == good:
        return "[ok] "
    return "[fix]" if detected else "[ -- ]"


def render_markdown(report: dict[str, Any]) -> str:
    """Return the report as Markdown (text from the answer is escaped)."""
    out: list[str] = []
    question = report.get("question")
    out.append(f"# Answer {report.get('id') or ''}".rstrip())
    out.append("")
    out.append(f"- Date: {report.get('created_at', '')}")
    if question:
        out.append(f"- Question: {_md(question['text'])}")
    if report.get("verdict"):
        out.append(f"- Verdict: **{report['verdict']}**")
    scores = report.get("scores") or {}
    out.append("- Scores: " + ", ".join(
        f"{k.replace('_', ' ')} {'n/a' if v is None else v}" for k, v in scores.items()))
    fixes = report.get("top_fixes") or []
    if fixes:
        out += ["", "## Fix first", ""]
        for n, fix in enumerate(fixes, 1):
            where = f" ({clock(fix['time_s'])})" if fix.get("time_s") is not None else ""
            out.append(f"{n}. **{_md(fix['title'])}**{where}: {_md(fix.get('detail', ''))}")
    out += ["", "## Transcript", ""]
    out.extend(_md(line) + "  " for line in _transcript_lines(report, 100))
    delivery = report.get("delivery")
    if delivery:
        out += ["", "## Delivery", "", "```"]
        out.extend(_delivery_lines(delivery))
        out.append("```")
    cues = report.get("cues") or []
    if cues:
        out += ["", "## Cues", "", "| cue | value | threshold | status |", "|---|---|---|---|"]
        for cue in cues:
            value = "n/a" if cue.get("value") is None else f"{cue['value']:.3g} {cue['unit']}"
            out.append(f"| {_md(cue['label'])} | {value} | {_md(cue['threshold'])} | "
                       f"{cue['status']} |")
    content = report.get("content")
    if content:
        out += ["", "## Content checks", ""]
        for check in content.get("checks", []):
            out.append(f"- {_check_mark(check).strip()} **{_md(check.get('label', check['id']))}**"
                       f": {_md(check.get('advice', ''))}")
            for ev in check.get("evidence", [])[:3]:
                out.append(f"  - \"{_md(ev['text'])}\"")
        rewrite = content.get("rewrite")
        if rewrite:
            out += ["", f"**Try:** {_md(rewrite['suggestion'])}"]
    return "\n".join(out) + "\n"


_MD_SPECIAL = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>"},
                             "\n": " ", "\r": " "})  # CommonMark ends lines at \n and \r


def _md(text: str) -> str:
    """Escape Markdown and HTML control characters in text that came from the user."""
    return str(text).translate(_MD_SPECIAL)


_HTML_STYLE = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1f2933;line-height:1.5}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse}td,th{border-bottom:1px solid #d9e2ec;padding:.25rem .6rem;
text-align:left}.flag{color:#b42318}.good{color:#067647}pre{white-space:pre-wrap}
"""


def render_html(report: dict[str, Any]) -> str:
    """Return the report as one self-contained HTML page (all answer text escaped)."""

    def esc(value: object) -> str:
        return html.escape(str(value), quote=True)

    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>voice-coach answer {esc(report.get('id') or '')}</title>",
             f"<style>{_HTML_STYLE}</style></head><body>",
             f"<h1>Answer {esc(report.get('id') or '')}</h1>"]
    question = report.get("question")
    if question:
        parts.append(f"<p><strong>Question:</strong> {esc(question['text'])}</p>")
    if report.get("verdict"):
        parts.append(f"<p><strong>{esc(_VERDICT_TEXT.get(report['verdict'], report['verdict']))}"
                     "</strong></p>")
    parts.append(f"<p>{esc(_scores_line(report))}</p>")
    fixes = report.get("top_fixes") or []
    if fixes:
        parts.append("<h2>Fix first</h2><ol>")
        for fix in fixes:
            where = f" ({clock(fix['time_s'])})" if fix.get("time_s") is not None else ""
            parts.append(f"<li><strong>{esc(fix['title'])}</strong>{esc(where)}: "
                         f"{esc(fix.get('detail', ''))}</li>")
        parts.append("</ol>")
    parts.append("<h2>Transcript</h2>")
    parts.extend(f"<p>{esc(line)}</p>" for line in _transcript_lines(report, 100))
    delivery = report.get("delivery")
    if delivery:
        parts.append("<h2>Delivery</h2><pre>")
        parts.extend(esc(line) for line in _delivery_lines(delivery))
        parts.append("</pre>")
    cues = report.get("cues") or []
    if cues:
        parts.append("<h2>Cues</h2><table><tr><th>cue</th><th>value</th><th>threshold</th>"
                     "<th>status</th></tr>")
        for cue in cues:
            value = "n/a" if cue.get("value") is None else f"{cue['value']:.3g} {cue['unit']}"
            parts.append(f"<tr><td>{esc(cue['label'])}</td><td>{esc(value)}</td>"
                         f"<td>{esc(cue['threshold'])}</td>"
                         f"<td class=\"{esc(cue['status'])}\">{esc(cue['status'])}</td></tr>")
        parts.append("</table>")
    content = report.get("content")
    if content:
        parts.append("<h2>Content checks</h2><ul>")
        for check in content.get("checks", []):
            evidence = "".join(f"<br>&ldquo;{esc(ev['text'])}&rdquo;"
                               for ev in check.get("evidence", [])[:3])
            parts.append(f"<li>{esc(_check_mark(check).strip())} "
                         f"<strong>{esc(check.get('label', check['id']))}</strong>: "
                         f"{esc(check.get('advice', ''))}{evidence}</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
