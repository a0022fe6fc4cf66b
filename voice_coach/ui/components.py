"""Views shared by the pages: errors, scores, fixes, the transcript player, charts, checks.

Every view reads a report object (``AnswerAnalysis.to_dict()``, as stored in the history) and
shows what is there: a field that is None or missing is said to be unmeasured, never drawn as
zero.
"""

from __future__ import annotations

import base64
import contextlib
import html
import logging
import traceback
from collections.abc import Iterator, Mapping
from typing import Any

import altair as alt
import streamlit as st

from voice_coach import report as report_text
from voice_coach.annotate import Contour, find_highlights, split_pieces, split_sentences
from voice_coach.compare import SCORE_LABELS, Comparison, check_passed
from voice_coach.errors import VoiceCoachError
from voice_coach.report import clock
from voice_coach.storage import StoredAnswer
from voice_coach.ui import resources

logger = logging.getLogger("voice_coach.ui")

#: The verdicts in words (the report's ``verdict``).
VERDICT_TEXT: dict[str | None, tuple[str, str]] = {
    "confident": ("Confident", "You sounded like an equal making an offer."),
    "mixed": ("Mixed", "Some confident cues, some that undercut you."),
    "supplicant": ("Supplicant", "You sounded like someone asking for a favour."),
    "insufficient_speech": ("Not enough speech",
                            "About 20 seconds of speech are needed to judge how you sounded."),
    None: ("Not judged", "This analysis has no verdict on how you sounded."),
}
#: The three scores shown for every answer, then the overall score.
SHOWN_SCORES = ("confidence", "results_framing", "hiring_manager_focus", "overall")
#: Highlight kinds: (legend label, background colour).
HIGHLIGHT_STYLE: dict[str, tuple[str, str]] = {
    "pleading": ("pleading", "#f6d5d8"),
    "filler": ("filler", "#fbe7a1"),
    "hedge": ("hedge", "#f9dcc4"),
    "result": ("result", "#d3ebd8"),
    "hiring_manager": ("their needs", "#d5e3f3"),
}
_STATUS_ICON = {"good": ":material/check_circle:", "amber": ":material/error:",
                "flag": ":material/cancel:", "unscored": ":material/remove:"}
#: Score tiles: two a row on a phone, four on a laptop.
TILE_WIDTH = 170
_STATUS_COLOUR = {"good": "green", "amber": "orange", "flag": "red", "unscored": "gray"}


# ---------------------------------------------------------------------------- page frame


def inject_style() -> None:
    """A little CSS: a readable measure, calm spacing."""
    st.html("""<style>
    .block-container {max-width: 1100px; padding-top: 2.2rem;}
    [data-testid="stMetricValue"] {font-size: 2rem;}
    .vc-quote {border-left: 3px solid #c9d6d8; padding: .1rem .7rem; color: #38474a;
               margin: .3rem 0 .2rem 0;}
    .vc-legend span {padding: 0 .35rem; border-radius: .25rem; margin-right: .4rem;
                     font-size: .85rem;}
    </style>""")


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Show any error inside the block as a readable message in the page, never a traceback.

    A :class:`VoiceCoachError` is shown as its message; anything else as a one-line summary,
    with the traceback written to the log (``VOICE_COACH_HOME/voice-coach.log``).
    """
    try:
        yield
    except VoiceCoachError as error:
        st.error(str(error), icon=":material/error:")
    except Exception as error:  # noqa: BLE001 - the UI top level shows every error
        where = _log_traceback()
        first = (str(error).strip().splitlines() or [""])[0][:300]
        st.error(f"Something went wrong: {type(error).__name__}"
                 f"{': ' + first if first else ''}."
                 + (f" The details are in {where}." if where else ""),
                 icon=":material/error:")


def _log_traceback() -> str | None:
    logger.error("app error\n%s", traceback.format_exc())
    try:
        from voice_coach.config import home_dir

        path = home_dir() / "voice-coach.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return str(path)
    except (OSError, VoiceCoachError):
        return None


# ---------------------------------------------------------------------------- small helpers


def when(created_at: str) -> str:
    """``2026-11-21T22:28:10+00:00`` -> ``2026-11-21 22:28`` (local time of the machine)."""
    import datetime as dt

    try:
        stamp = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return created_at[:16].replace("T", " ")
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone()
    return stamp.strftime("%Y-%m-%d %H:%M")


def score_text(value: int | None) -> str:
    """A score for a table cell: the number, or an em dash when there was no evidence."""
    return "—" if value is None else str(value)


def verdict_label(verdict: str | None) -> str:
    """The verdict's short name."""
    return VERDICT_TEXT.get(verdict, (str(verdict), ""))[0]


def at(seconds: float | None) -> str:
    """``at 0:12`` or an empty string."""
    return "" if seconds is None else f"at {clock(seconds)}"


# ---------------------------------------------------------------------------- summary


def verdict_and_scores(report: Mapping[str, Any],
                       previous: Mapping[str, Any] | None = None) -> None:
    """The verdict and the three scores (plus overall), with the change from ``previous``."""
    verdict = report.get("verdict")
    name, meaning = VERDICT_TEXT.get(verdict, (str(verdict), ""))
    st.markdown(f"#### {name}")
    if meaning:
        st.caption(meaning)
    scores = report.get("scores") or {}
    before = (previous or {}).get("scores") or {}
    row = st.container(horizontal=True, gap="small")
    for key in SHOWN_SCORES:
        value = scores.get(key)
        delta = None
        if previous is not None and value is not None and before.get(key) is not None:
            delta = value - before[key]
        row.metric(SCORE_LABELS[key], score_text(value),
                      delta=delta if delta else None,
                      help=None if value is not None
                      else "Not enough evidence in this answer to score it.",
                      border=True, width=TILE_WIDTH)


def top_fixes(report: Mapping[str, Any]) -> None:
    """The three things to fix first, each quoting the answer with its timestamp."""
    fixes = list(report.get("top_fixes") or ())[:3]
    st.markdown("##### Fix these first")
    if not fixes:
        st.caption("No fixes listed for this answer.")
        return
    for number, fix in enumerate(fixes, start=1):
        st.markdown(f"**{number}. {fix.get('title', '')}**")
        if fix.get("quote"):
            stamp = at(fix.get("time_s"))
            st.html(f'<div class="vc-quote">“{html.escape(str(fix["quote"]))}”'
                    f'{" <small>" + stamp + "</small>" if stamp else ""}</div>')
        if fix.get("detail"):
            st.markdown(str(fix["detail"]))


# ---------------------------------------------------------------------------- transcript


_PLAYER_CSS = """
.vc-player {font-family: inherit; color: #262730;}
.vc-player audio {width: 100%; margin-bottom: .6rem;}
.vc-text {line-height: 1.9; font-size: 1.05rem;}
.vc-s {border-radius: .3rem; padding: .05rem .1rem;}
.vc-s[data-start] {cursor: pointer;}
.vc-s[data-start]:hover {background: #eef3f4;}
.vc-s.vc-now {background: #e2ecee; box-shadow: 0 0 0 1px #9db7bb;}
.vc-h {border-radius: .25rem; padding: 0 .1rem;}
.vc-legend {margin-top: .5rem; font-size: .85rem; color: #555;}
.vc-legend span {padding: 0 .35rem; border-radius: .25rem; margin-right: .4rem;}
.vc-hint {font-size: .85rem; color: #666; margin-top: .2rem;}
"""

_PLAYER_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let root = parentElement.querySelector('.vc-player');
  if (!root) {
    root = document.createElement('div');
    root.className = 'vc-player';
    parentElement.appendChild(root);
  }
  if (root.dataset.sig === data.sig) { return; }
  root.dataset.sig = data.sig;
  root.innerHTML = data.html;
  const audio = root.querySelector('audio');
  if (audio && data.audio) { audio.src = data.audio; }
  const sentences = Array.from(root.querySelectorAll('.vc-s[data-start]'));
  const play = (el) => {
    if (!audio) { return; }
    audio.currentTime = parseFloat(el.dataset.start);
    audio.play().catch(() => {});
  };
  sentences.forEach((el) => {
    el.addEventListener('click', () => play(el));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); play(el); }
    });
  });
  if (audio) {
    audio.addEventListener('timeupdate', () => {
      const t = audio.currentTime;
      let current = null;
      sentences.forEach((el) => { if (parseFloat(el.dataset.start) <= t + 0.05) current = el; });
      sentences.forEach((el) => el.classList.toggle('vc-now', el === current && !audio.paused));
    });
  }
}
"""

_player = st.components.v2.component("vc_transcript_player", css=_PLAYER_CSS, js=_PLAYER_JS)


def transcript_html(report: Mapping[str, Any], *, with_audio: bool) -> str:
    """The transcript as HTML: one span per sentence (with its start time), phrases marked."""
    text = str((report.get("transcript") or {}).get("text") or "")
    highlights = find_highlights(report)
    parts = []
    for sentence in split_sentences(report):
        inner = "".join(
            html.escape(piece.text) if piece.kind is None else
            f'<mark class="vc-h vc-{piece.kind}" style="background:'
            f'{HIGHLIGHT_STYLE[piece.kind][1]}" title="{HIGHLIGHT_STYLE[piece.kind][0]}">'
            f"{html.escape(piece.text)}</mark>"
            for piece in split_pieces(text, highlights, sentence.start_char, sentence.end_char)
        )
        if sentence.start_s is not None and with_audio:
            parts.append(f'<span class="vc-s" role="button" tabindex="0" '
                         f'data-start="{sentence.start_s:.2f}" '
                         f'title="Play from {clock(sentence.start_s)}">{inner}</span>')
        else:
            parts.append(f'<span class="vc-s">{inner}</span>')
    kinds = {h.kind for h in highlights}
    legend = "".join(f'<span style="background:{colour}">{label}</span>'
                     for kind, (label, colour) in HIGHLIGHT_STYLE.items() if kind in kinds)
    body = (f'<div class="vc-text">{" ".join(parts) or "<em>(no words)</em>"}</div>'
            + (f'<div class="vc-legend">Marked: {legend}</div>' if legend else ""))
    if with_audio:
        body = ('<audio controls preload="metadata"></audio>' + body
                + '<div class="vc-hint">Click a sentence to hear it.</div>')
    return body


def transcript_player(report: Mapping[str, Any], audio: bytes | None, *, key: str,
                      mime: str = "audio/flac") -> None:
    """The answer's audio and its highlighted transcript; a click on a sentence plays from it."""
    st.markdown("##### Transcript")
    body = transcript_html(report, with_audio=audio is not None)
    source = None
    if audio is not None:
        source = f"data:{mime};base64," + base64.b64encode(audio).decode("ascii")
    signature = f"{report.get('id')}:{len(body)}:{hash(body)}:{len(audio or b'')}"
    _player(data={"html": body, "audio": source, "sig": signature}, key=key)


# ---------------------------------------------------------------------------- delivery


def pitch_chart(report: Mapping[str, Any], contour: Contour | None) -> None:
    """Pitch over time, with each phrase end marked rise, fall or level."""
    st.markdown("##### Pitch")
    delivery = report.get("delivery") or {}
    pitch = delivery.get("pitch") or {}
    if contour is None or contour.median_hz is None or len(contour.times_s) == 0:
        st.caption("No voiced speech to draw a pitch contour from.")
        return
    import numpy as np

    keep = ~np.isnan(contour.semitones)
    line = alt.Chart(alt.Data(values=[
        {"time_s": float(t), "semitones": float(v)}
        for t, v in zip(contour.times_s[keep], contour.semitones[keep], strict=True)
    ])).mark_circle(size=9, opacity=0.55, color="#5b7f85").encode(
        x=alt.X("time_s:Q", title="seconds"),
        y=alt.Y("semitones:Q", title="semitones"),
    )
    ends = []
    for end in delivery.get("phrase_ends") or ():
        if end.get("end_s") is None:
            continue
        value = contour.value_at(float(end["end_s"]))
        ends.append({"time_s": float(end["end_s"]), "semitones": value if value is not None
                     else 0.0, "kind": str(end.get("kind", "level")),
                     "word": str(end.get("word", "")), "at": clock(end["end_s"])})
    layers = [line]
    if ends:
        layers.append(alt.Chart(alt.Data(values=ends)).mark_point(
            size=140, filled=True, opacity=0.95).encode(
            x="time_s:Q", y="semitones:Q",
            color=alt.Color("kind:N", title="phrase end", legend=alt.Legend(orient="bottom"),
                            scale=alt.Scale(
                domain=["fall", "level", "rise"], range=["#2f7d4f", "#8a8f98", "#c0392b"])),
            shape=alt.Shape("kind:N", scale=alt.Scale(
                domain=["fall", "level", "rise"],
                range=["triangle-down", "circle", "triangle-up"])),
            tooltip=["at:N", "word:N", "kind:N"],
        ))
    st.altair_chart(alt.layer(*layers).properties(height=260), width="stretch")
    notes = []
    if pitch.get("range_st") is not None:
        notes.append(f"range {pitch['range_st']:.1f} semitones")
    if pitch.get("median_hz") is not None:
        notes.append(f"median {pitch['median_hz']:.0f} Hz")
    if delivery.get("uptalk_ratio") is not None:
        notes.append(f"{delivery['uptalk_ratio']:.0%} of statements end rising")
    if not ends:
        notes.append("phrase ends not measured in this analysis")
    sentence = "; ".join(notes)
    st.caption(sentence[:1].upper() + sentence[1:] + ". Statements that fall at the end "
               "sound sure; rising ends sound like asking for approval.")


def pause_timeline(report: Mapping[str, Any]) -> None:
    """Speech and pauses along the answer; long pauses stand out."""
    st.markdown("##### Pauses")
    delivery = report.get("delivery") or {}
    duration = (report.get("audio") or {}).get("duration_s")
    pauses = [p for p in delivery.get("pauses") or ()
              if p.get("start_s") is not None and p.get("end_s") is not None]
    if duration is None:
        st.caption("No audio.")
        return
    from voice_coach.prosody.delivery import LONG_PAUSE_S

    rows = [{"start_s": 0.0, "end_s": float(duration), "what": "speaking", "length": ""}]
    for p in pauses:
        long_ = p["end_s"] - p["start_s"] >= LONG_PAUSE_S
        rows.append({"start_s": p["start_s"], "end_s": p["end_s"],
                     "what": "long pause" if long_ else "pause",
                     "length": f"{p['end_s'] - p['start_s']:.1f} s at {clock(p['start_s'])}"})
    chart = alt.Chart(alt.Data(values=rows)).mark_bar(height=26).encode(
        x=alt.X("start_s:Q", title="seconds", scale=alt.Scale(domain=[0, float(duration)])),
        x2="end_s:Q",
        color=alt.Color("what:N", title=None, scale=alt.Scale(
            domain=["speaking", "pause", "long pause"],
            range=["#cfdfe1", "#7d9ca1", "#c0392b"]), legend=alt.Legend(orient="bottom")),
        tooltip=["what:N", "length:N"],
    ).properties(height=70)
    st.altair_chart(chart, width="stretch")
    latency = delivery.get("response_latency_s")
    st.caption(f"{len(pauses)} pauses, {delivery.get('long_pause_count', 0)} of "
               f"{LONG_PAUSE_S:.0f} s or more"
               + ("" if latency is None else f"; first word after {latency:.1f} s") + ".")


#: The speaking-rate bands (words per minute), from voice_coach.report (PROSODY.md F1).
RATE_BANDS = (
    (0.0, report_text.RATE_SLOW_WPM, "slow"),
    (report_text.RATE_SLOW_WPM, report_text.RATE_GOOD_LOW_WPM, "a little slow"),
    (report_text.RATE_GOOD_LOW_WPM, report_text.RATE_GOOD_HIGH_WPM, "target"),
    (report_text.RATE_GOOD_HIGH_WPM, report_text.RATE_RUSHED_WPM, "brisk"),
    (report_text.RATE_RUSHED_WPM, 1000.0, "rushed"),
)
#: The part of the rate axis drawn (words per minute).
RATE_AXIS_WPM = (60.0, 240.0)


def rate_chart(report: Mapping[str, Any]) -> None:
    """Speaking rate against its target band."""
    st.markdown("##### Speaking rate")
    wpm = (report.get("delivery") or {}).get("words_per_minute")
    if wpm is None:
        st.caption("Not measured (no timed words).")
        return
    low, high = RATE_AXIS_WPM
    bands = alt.Chart(alt.Data(values=[
        {"from": max(lo, low), "to": min(hi, high), "band": name} for lo, hi, name in RATE_BANDS
    ])).mark_bar(height=28).encode(
        x=alt.X("from:Q", title="words per minute", scale=alt.Scale(domain=[low, high])),
        x2="to:Q",
        color=alt.Color("band:N", title=None, legend=None, scale=alt.Scale(
            domain=[b[2] for b in RATE_BANDS],
            range=["#e9d7b4", "#eee6cf", "#bcd9c4", "#eee6cf", "#e9d7b4"])),
        tooltip=["band:N"],
    )
    you = {"from": min(max(float(wpm), low), high), "label": f"you: {wpm:.0f}"}
    marker = alt.Chart(alt.Data(values=[you])).mark_tick(
        color="#1f2d30", thickness=4, size=40).encode(x="from:Q", tooltip=["label:N"])
    label = alt.Chart(alt.Data(values=[you])).mark_text(
        baseline="top", align="left", dx=6, fontWeight="bold", color="#1f2d30").encode(
        x="from:Q", y=alt.value(2), text="label:N")
    st.altair_chart(alt.layer(bands, marker, label).properties(height=100),
                    width="stretch")
    band = next((name for lo, hi, name in RATE_BANDS if lo <= wpm < hi), "rushed")
    st.caption(f"{wpm:.0f} words a minute: {band}. The target band is "
               f"{report_text.RATE_GOOD_LOW_WPM:.0f}-{report_text.RATE_GOOD_HIGH_WPM:.0f}: "
               "easy to follow, and it sounds unhurried.")


def delivery_numbers(report: Mapping[str, Any]) -> None:
    """Fillers, hedges and the other delivery figures in one line each."""
    delivery = report.get("delivery") or {}
    fillers = delivery.get("fillers") or []
    row = st.container(horizontal=True, gap="small")
    row.metric("Fillers", delivery.get("filler_count", len(fillers)),
                   help="um, uh, like, you know ... (a lower bound: the recogniser drops many)",
               width=TILE_WIDTH)
    hedge_rate = delivery.get("hedge_per_100_words")
    row.metric("Hedges per 100 words", "—" if hedge_rate is None else f"{hedge_rate:.1f}",
               width=TILE_WIDTH)
    loudness = delivery.get("loudness") or {}
    fade = loudness.get("fade_db")
    row.metric("Fade at sentence ends", "—" if fade is None else f"{fade:.1f} dB",
               help="How much quieter the ends of sentences are than their starts.",
               width=TILE_WIDTH)


# ---------------------------------------------------------------------------- content and cues


def content_checks(report: Mapping[str, Any]) -> None:
    """Every content check with its evidence (quoted, timed) and advice."""
    content = report.get("content") or {}
    checks = content.get("checks") or []
    if not checks:
        st.caption("The content checks did not run for this answer.")
        return
    for check in checks:
        good = check_passed(check)
        icon = ":material/check_circle:" if good else ":material/error:"
        label = str(check.get("label") or check.get("id"))
        with st.expander(f"{label}", icon=icon, expanded=good is False):
            if check.get("advice"):
                st.markdown(str(check["advice"]))
            for evidence in check.get("evidence") or ():
                stamp = at(evidence.get("start_s"))
                st.html(f'<div class="vc-quote">“{html.escape(str(evidence.get("text", "")))}”'
                        f'{" <small>" + stamp + "</small>" if stamp else ""}</div>')
    rewrite = content.get("rewrite")
    if rewrite and rewrite.get("suggestion"):
        st.markdown("##### Try saying it this way")
        if rewrite.get("original"):
            st.html(f'<div class="vc-quote"><s>{html.escape(str(rewrite["original"]))}</s></div>')
        st.html(f'<div class="vc-quote">{html.escape(str(rewrite["suggestion"]))}</div>')


def cue_list(report: Mapping[str, Any]) -> None:
    """Every scored cue: value, band, status, explanation and where it happened."""
    cues = report.get("cues") or []
    if not cues:
        st.caption("No scored cues in this analysis.")
        return
    for cue in cues:
        status = str(cue.get("status", "unscored"))
        value = cue.get("value")
        shown = "not measured" if value is None else f"{value:g} {cue.get('unit', '')}".strip()
        with st.expander(f"{cue.get('label', cue.get('id'))}: {shown}",
                         icon=_STATUS_ICON.get(status, ":material/remove:")):
            st.markdown(f":{_STATUS_COLOUR.get(status, 'gray')}-badge[{status}] "
                        f"{cue.get('threshold', '')}")
            if cue.get("explanation"):
                st.markdown(str(cue["explanation"]))
            for moment in cue.get("moments") or ():
                stamp = at(moment.get("time_s"))
                st.markdown(f"- {stamp + ': ' if stamp else ''}“{moment.get('text', '')}” "
                            f"{moment.get('detail', '')}")


# ---------------------------------------------------------------------------- whole report


def full_report(report: Mapping[str, Any], *, audio: bytes | None, contour: Contour | None,
                key: str, previous: Mapping[str, Any] | None = None) -> None:
    """Everything about one analysed answer."""
    question = report.get("question") or {}
    if question.get("text"):
        st.markdown(f"**{question['text']}**")
    verdict_and_scores(report, previous)
    fixes, transcript = st.columns([2, 3], gap="large")
    with fixes:
        top_fixes(report)
    with transcript:
        transcript_player(report, audio, key=f"{key}.player")
    spoken = report.get("delivery") is not None
    tabs = st.tabs(["Delivery", "Content checks", "All cues"] if spoken
                   else ["Content checks", "All cues"])
    if spoken:
        with tabs[0]:
            rate_chart(report)
            pause_timeline(report)
            pitch_chart(report, contour)
            delivery_numbers(report)
    with tabs[-2]:
        content_checks(report)
    with tabs[-1]:
        cue_list(report)
    for note in report.get("notes") or ():
        st.caption(str(note))


def comparison(result: Comparison) -> None:
    """What improved and what did not, between two attempts."""
    better, not_better = result.improved(), result.not_improved()
    left, right = st.columns(2)
    with left:
        st.markdown("##### Improved")
        if better:
            st.markdown("\n".join(f"- {line}" for line in better))
        else:
            st.caption("Nothing measurably better yet.")
    with right:
        st.markdown("##### Not yet")
        if not_better:
            st.markdown("\n".join(f"- {line}" for line in not_better))
        else:
            st.caption("Nothing got worse.")


def downloads(report: Mapping[str, Any], *, key: str) -> None:
    """Download buttons for the report as Markdown and JSON."""
    from voice_coach.report import render_json, render_markdown

    name = f"voice-coach-{report.get('id') or 'answer'}"
    st.download_button("Markdown", render_markdown(dict(report)), file_name=f"{name}.md",
                       mime="text/markdown", icon=":material/download:", key=f"{key}.md",
                       help="Download the report as Markdown")
    st.download_button("JSON", render_json(dict(report)), file_name=f"{name}.json",
                       mime="application/json", icon=":material/download:",
                       key=f"{key}.json", help="Download the report as JSON")


# ---------------------------------------------------------------------------- stored answers


def answer_view(answer: StoredAnswer, *, key: str, compact: bool = False,
                 previous: dict | None = None) -> None:
    """Show one stored answer: compact (scores, fixes, transcript) or the whole analysis."""
    report = answer.analysis or {}
    audio = answer_audio(answer)
    if compact:
        verdict_and_scores(report, previous)
        top_fixes(report)
        transcript_player(report, audio, key=f"{key}.player")
        return
    contour = None
    if answer.audio_path is not None and audio is not None:
        with user_errors():
            contour = resources.get_contour(answer.id, answer.updated_at)
    full_report(report, audio=audio, contour=contour, key=key)


def answer_audio(answer: StoredAnswer) -> bytes | None:
    """The stored audio of a spoken answer, or None (typed, or the file is gone)."""
    path = answer.audio_path
    if path is None or not path.is_file():
        return None
    return resources.get_audio_bytes(str(path), path.stat().st_mtime_ns)
