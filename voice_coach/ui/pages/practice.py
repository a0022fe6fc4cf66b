"""Practice: pick a question, answer it out loud (or upload, or type), read the analysis."""

from __future__ import annotations

import hashlib
import re

import streamlit as st

from voice_coach.audio import load_audio
from voice_coach.compare import compare_reports
from voice_coach.errors import VoiceCoachError
from voice_coach.pipeline import (
    STAGE_LABELS,
    analyze_answer,
    analyze_text,
    utc_now,
    validate_text,
)
from voice_coach.questions import (
    Question,
    custom_question,
    get_question,
    load_questions,
    random_question,
)
from voice_coach.storage import AnswerStore, StoredAnswer
from voice_coach.ui import components, resources
from voice_coach.ui import state as keys

#: Question sources and answer modes, as shown.
QUESTION_MODES = {"random": "At random", "bank": "From the bank", "own": "My own"}
ANSWER_MODES = {"record": "Speak", "upload": "Upload a file", "type": "Type"}
#: Audio formats the uploader offers (all decode through voice_coach.audio).
UPLOAD_TYPES = ["wav", "flac", "ogg", "oga", "opus", "mp3", "webm", "m4a", "mp4"]


def render() -> None:
    """Render the practice page."""
    st.title("Practice")
    store = resources.get_store()
    question = _question_picker()
    st.divider()
    _answer_inputs(question, store)
    error = st.session_state.get(keys.LAST_ERROR)
    if error:
        st.error(error, icon=":material/error:")
    _results(store)


# ---------------------------------------------------------------------------- question


def _question_picker() -> Question | None:
    mode = st.segmented_control(
        "Question", list(QUESTION_MODES), format_func=QUESTION_MODES.get,
        default="random", key=keys.QUESTION_MODE, label_visibility="collapsed",
    ) or "random"
    question: Question | None
    if mode == "bank":
        bank = load_questions()
        chosen = st.selectbox("Question from the bank", [q.id for q in bank],
                              format_func=lambda qid: get_question(qid).text,
                              key=keys.BANK_QUESTION)
        question = get_question(chosen)
    elif mode == "random":
        if keys.RANDOM_QUESTION not in st.session_state:
            st.session_state[keys.RANDOM_QUESTION] = random_question().id
        question = get_question(st.session_state[keys.RANDOM_QUESTION])
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(f"### {question.text}")
        if right.button("Another", icon=":material/shuffle:", width="stretch",
                        help="Draw another question"):
            st.session_state[keys.RANDOM_QUESTION] = random_question(exclude=question.id).id
            st.rerun()
    else:
        text = st.text_input("Your question", key=keys.OWN_QUESTION,
                             placeholder="Type the question you want to practise",
                             max_chars=500)
        question = custom_question(text) if text.strip() else None
    if question is not None and question.tip:
        st.info(question.tip, icon=":material/lightbulb:")
    elif mode == "own":
        st.caption("The content checks run on any question; the tips come with the bank's.")
    return question


# ---------------------------------------------------------------------------- answering


def _answer_inputs(question: Question | None, store: AnswerStore) -> None:
    round_ = st.session_state.setdefault(keys.INPUT_ROUND, 0)
    mode = st.segmented_control(
        "Answer by", list(ANSWER_MODES), format_func=ANSWER_MODES.get, default="record",
        key=keys.ANSWER_MODE,
    ) or "record"
    if mode == "record":
        audio = st.audio_input("Record your answer, then stop to analyse it", sample_rate=16000,
                               key=keys.widget_key("recorder", round_))
        if audio is not None:
            _handle_audio(audio.getvalue(), audio.name or "recording.wav", question, store)
    elif mode == "upload":
        upload = st.file_uploader("Upload a recorded answer", type=UPLOAD_TYPES,
                                  key=keys.widget_key("uploader", round_),
                                  help="WAV, FLAC, OGG, MP3, WebM or M4A; up to 15 minutes.")
        if upload is not None:
            _handle_audio(upload.getvalue(), upload.name, question, store)
    else:
        with st.form(keys.widget_key("typed", round_), border=False):
            text = st.text_area("Your answer", height=200,
                                placeholder="Write your answer as you would say it.")
            submitted = st.form_submit_button("Analyse", type="primary",
                                              icon=":material/insights:")
        if submitted:
            _analyse_text(text, question, store)


def _handle_audio(data: bytes, name: str, question: Question | None,
                  store: AnswerStore) -> None:
    """Analyse audio once: a rerun with the same recording shows the result, not a new one."""
    fingerprint = hashlib.sha256(data).hexdigest()[:16]
    handled = st.session_state.setdefault(keys.HANDLED_AUDIO, {})
    if fingerprint in handled:
        return
    handled[fingerprint] = None
    _analyse_audio(data, name, question, store)


def _start_attempt() -> None:
    st.session_state[keys.LAST_ERROR] = None


def _finish_attempt(answer_id: str, question: Question | None, store: AnswerStore) -> None:
    previous = st.session_state.get(keys.PREVIOUS_ANSWER)
    if previous is not None:
        try:
            before = store.get(previous)
        except VoiceCoachError:
            before = None
        same = (before is not None and before.question is not None and question is not None
                and before.question.text == question.text)
        if not same:
            st.session_state[keys.PREVIOUS_ANSWER] = None
    st.session_state[keys.CURRENT_ANSWER] = answer_id


def _analyse_audio(data: bytes, name: str, question: Question | None,
                   store: AnswerStore) -> None:
    _start_attempt()
    created_at = utc_now()
    try:
        recording = load_audio(data, name=_display_name(name))
    except VoiceCoachError as error:
        st.session_state[keys.LAST_ERROR] = f"This recording cannot be used: {error}"
        return
    answer_id = store.record_audio(recording, question=question, created_at=created_at)
    with st.status("Analysing your answer...", expanded=True) as status:
        analysis = _run(status, answer_id, store, lambda on_step: analyze_answer(
            recording, question, transcriber=resources.get_transcriber(),
            answer_id=answer_id, created_at=created_at, on_step=on_step,
            baseline=store.baseline(before=created_at, exclude_id=answer_id)))
        if analysis is None:
            return
    _finish_attempt(answer_id, question, store)


def _display_name(name: str) -> str:
    """An uploaded file's name as messages show it: no folders, Markdown characters escaped
    (messages are rendered as Markdown). The name is a label only, never a path."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), base)


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+!|~$:-]")


def _analyse_text(text: str, question: Question | None, store: AnswerStore) -> None:
    _start_attempt()
    created_at = utc_now()
    try:
        cleaned = validate_text(text)
    except VoiceCoachError as error:
        st.session_state[keys.LAST_ERROR] = str(error)
        return
    answer_id = store.record_text(cleaned, question=question, created_at=created_at)
    with st.status("Analysing your answer...", expanded=True) as status:
        analysis = _run(status, answer_id, store, lambda on_step: analyze_text(
            cleaned, question, answer_id=answer_id, created_at=created_at, on_step=on_step))
        if analysis is None:
            return
    _finish_attempt(answer_id, question, store)


def _run(status, answer_id: str, store: AnswerStore, analyse):
    """Run an analysis under ``status``; save it, or mark the saved answer failed."""

    def on_step(stage: str, event: str, seconds: float) -> None:
        label = STAGE_LABELS.get(stage, stage).capitalize()
        if event == "start":
            status.update(label=f"{label}...")
        else:
            status.write(f":material/check: {label} ({seconds:.1f} s)")

    try:
        analysis = analyse(on_step)
    except VoiceCoachError as error:
        store.mark_failed(answer_id, str(error))
        status.update(label="The analysis failed", state="error", expanded=False)
        st.session_state[keys.LAST_ERROR] = (
            f"{error}. Your answer is kept in the History, where you can re-analyse it.")
        st.session_state[keys.CURRENT_ANSWER] = None
        return None
    except Exception as error:
        store.mark_failed(answer_id, f"analysis interrupted: {type(error).__name__}: {error}")
        status.update(label="The analysis failed", state="error", expanded=False)
        st.session_state[keys.CURRENT_ANSWER] = None
        raise
    store.save_analysis(answer_id, analysis)
    total = analysis.timings_s.get("total")
    status.update(label="Analysed" + ("" if total is None else f" in {total:.1f} s"),
                  state="complete", expanded=False)
    return analysis


# ---------------------------------------------------------------------------- results


def _load(store: AnswerStore, answer_id: str | None) -> StoredAnswer | None:
    if answer_id is None:
        return None
    try:
        answer = store.get(answer_id)
    except VoiceCoachError:
        return None
    return answer if answer.analysis is not None else None


def _try_again() -> None:
    st.session_state[keys.PREVIOUS_ANSWER] = st.session_state.get(keys.CURRENT_ANSWER)
    st.session_state[keys.CURRENT_ANSWER] = None
    st.session_state[keys.LAST_ERROR] = None
    st.session_state[keys.INPUT_ROUND] = st.session_state.get(keys.INPUT_ROUND, 0) + 1


def _results(store: AnswerStore) -> None:
    current = _load(store, st.session_state.get(keys.CURRENT_ANSWER))
    previous = _load(store, st.session_state.get(keys.PREVIOUS_ANSWER))
    if current is None:
        if previous is not None:
            st.caption("Your last attempt is below. Answer again and the two appear side by "
                       "side.")
            st.subheader("Last attempt")
            components.answer_view(previous, key="practice.previous", compact=True)
        return
    st.divider()
    header, action = st.columns([4, 1], vertical_alignment="center")
    header.subheader("Your answer" if previous is None else "This attempt and the last")
    action.button("Try again", icon=":material/replay:", on_click=_try_again,
                  type="primary", width="stretch",
                  help="Answer the same question again and compare the two attempts")
    if previous is None:
        components.answer_view(current, key="practice.current")
        return
    assert current.analysis is not None and previous.analysis is not None
    components.comparison(compare_reports(previous.analysis, current.analysis))
    new_col, old_col = st.columns(2, gap="large")
    with new_col:
        st.markdown(f"**This attempt** · {components.when(current.created_at)}")
        components.answer_view(current, key="practice.current", compact=True,
                     previous=previous.analysis)
    with old_col:
        st.markdown(f"**Last attempt** · {components.when(previous.created_at)}")
        components.answer_view(previous, key="practice.previous", compact=True)
    with st.expander("The whole analysis of this attempt", icon=":material/analytics:"):
        components.answer_view(current, key="practice.full")


if __name__ == "__main__":
    render()
