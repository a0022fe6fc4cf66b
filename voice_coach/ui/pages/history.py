"""History: every answer kept; open, replay, compare, re-analyse, download or delete one."""

from __future__ import annotations

import streamlit as st

from voice_coach.compare import compare_reports
from voice_coach.errors import VoiceCoachError
from voice_coach.pipeline import analyze_answer, analyze_text
from voice_coach.report import clock
from voice_coach.storage import AnswerStore, StoredAnswer
from voice_coach.ui import components, resources
from voice_coach.ui import state as keys

ALL = "all"
#: The two ways to look at the history, as shown.
VIEWS = {"open": "Open an answer", "compare": "Compare two"}


def render() -> None:
    """Render the history page."""
    st.title("History")
    store = resources.get_store()
    notice = st.session_state.pop(keys.HISTORY_NOTICE, None)
    if notice:
        st.success(notice, icon=":material/check:")
    everything = store.list()
    if not everything:
        st.info("No answers yet. Answer a question on the Practice page and it appears here.",
                icon=":material/history:")
        return
    questions = _questions(everything)
    chosen = st.selectbox("Question", [ALL, *questions],
                          format_func=lambda q: "All questions" if q == ALL else questions[q],
                          key=keys.HISTORY_FILTER)
    answers = everything if chosen == ALL else store.list(question_id=chosen)
    _table(answers)
    labels = {a.id: _label(a) for a in answers}
    ids = list(labels)
    if st.session_state.get(keys.HISTORY_OPEN) not in ids:
        st.session_state[keys.HISTORY_OPEN] = ids[0] if ids else None
    view = st.segmented_control("View", list(VIEWS), format_func=VIEWS.get, default="open",
                                key=keys.HISTORY_VIEW, label_visibility="collapsed") or "open"
    if view == "open":
        opened = st.selectbox("Answer", ids, format_func=labels.get, key=keys.HISTORY_OPEN)
        if opened is not None:
            _opened(store, store.get(opened))
    else:
        _compare(store, ids, labels)


def _questions(answers: tuple[StoredAnswer, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for answer in answers:
        if answer.question is not None:
            name = ("Your own questions" if answer.question.id == "custom"
                    else answer.question.text)
            found.setdefault(answer.question.id, name)
    return found


def _label(answer: StoredAnswer) -> str:
    question = answer.question.text if answer.question else "(no question)"
    scores = answer.scores or {}
    tail = (f"overall {components.score_text(scores.get('overall'))}"
            if answer.status == "analyzed" else answer.status)
    return f"{components.when(answer.created_at)} · {question[:60]} · {tail}"


def _table(answers: tuple[StoredAnswer, ...]) -> None:
    rows = []
    for answer in answers:
        scores = answer.scores or {}
        rows.append({
            "Date": components.when(answer.created_at),
            "Question": answer.question.text if answer.question else "(no question)",
            "Answer": "typed" if answer.kind == "typed" else clock(answer.duration_s),
            "Verdict": (components.verdict_label(answer.verdict)
                        if answer.status == "analyzed" else answer.status),
            "Overall": scores.get("overall"),
            "Confidence": scores.get("confidence"),
            "Results": scores.get("results_framing"),
            "Their needs": scores.get("hiring_manager_focus"),
        })
    score_column = {name: st.column_config.ProgressColumn(name, min_value=0, max_value=100,
                                                          format="%d")
                    for name in ("Overall", "Confidence", "Results", "Their needs")}
    st.dataframe(rows, hide_index=True, width="stretch", column_config=score_column,
                 height=min(38 + 35 * len(rows), 320))


def _opened(store: AnswerStore, answer: StoredAnswer) -> None:
    actions = st.container(horizontal=True, gap="small")
    if actions.button("Re-analyse", icon=":material/refresh:", key=f"re.{answer.id}",
                         help="Run the analysis again on the stored audio or text"):
        _reanalyse(store, answer)
    if actions.button("Delete", icon=":material/delete:", key=f"del.{answer.id}"):
        st.session_state[keys.HISTORY_CONFIRM_DELETE] = answer.id
    if answer.analysis is not None:
        with actions:
            components.downloads(answer.analysis, key=f"dl.{answer.id}")
    if st.session_state.get(keys.HISTORY_CONFIRM_DELETE) == answer.id:
        st.warning("Delete this answer and its recording for good?", icon=":material/warning:")
        yes, no = st.columns([1, 5])
        if yes.button("Delete it", type="primary", key=f"del-yes.{answer.id}"):
            store.delete(answer.id)
            st.session_state[keys.HISTORY_CONFIRM_DELETE] = None
            st.session_state[keys.HISTORY_NOTICE] = f"Deleted the answer of {_label(answer)}."
            st.rerun()
        if no.button("Keep it", key=f"del-no.{answer.id}"):
            st.session_state[keys.HISTORY_CONFIRM_DELETE] = None
            st.rerun()
    if answer.analysis is None:
        why = f": {answer.error}" if answer.error else "."
        st.warning(f"This answer is {answer.status} but not analysed{why} "
                   "Re-analyse it to see the report.", icon=":material/warning:")
        audio = components.answer_audio(answer)
        if audio is not None:
            st.audio(audio, format="audio/flac")
        elif answer.text:
            st.markdown(answer.text)
        return
    components.answer_view(answer, key=f"history.{answer.id}")


def _reanalyse(store: AnswerStore, answer: StoredAnswer) -> None:
    with st.status("Analysing again...", expanded=False) as status:
        try:
            if answer.kind == "typed":
                analysis = analyze_text(answer.text or "", answer.question, answer_id=answer.id,
                                        created_at=answer.created_at)
            else:
                recording = store.load_recording(answer.id)
                analysis = analyze_answer(
                    recording, answer.question, transcriber=resources.get_transcriber(),
                    answer_id=answer.id, created_at=answer.created_at,
                    baseline=store.baseline(before=answer.created_at, exclude_id=answer.id))
        except VoiceCoachError as error:
            store.mark_failed(answer.id, str(error))
            status.update(label="The analysis failed", state="error")
            st.error(str(error), icon=":material/error:")
            return
        store.save_analysis(answer.id, analysis)
        status.update(label="Analysed again", state="complete")
    st.session_state[keys.HISTORY_NOTICE] = "Analysed again with the current version."
    st.rerun()


def _compare(store: AnswerStore, ids: list[str], labels: dict[str, str]) -> None:
    analysed = [i for i in ids if not labels[i].endswith(("recorded", "failed"))]
    if len(analysed) < 2:
        st.caption("Two analysed answers are needed to compare.")
        return
    kept = [i for i in st.session_state.get(keys.HISTORY_COMPARE) or () if i in analysed]
    st.session_state[keys.HISTORY_COMPARE] = kept if keys.HISTORY_COMPARE in st.session_state \
        else analysed[:2][::-1]
    chosen = st.multiselect("Pick two answers", analysed, format_func=labels.get,
                            max_selections=2,
                            key=keys.HISTORY_COMPARE)
    if len(chosen) != 2:
        st.caption("Pick two answers.")
        return
    first, second = sorted((store.get(i) for i in chosen), key=lambda a: a.created_at)
    assert first.analysis is not None and second.analysis is not None
    components.comparison(compare_reports(first.analysis, second.analysis))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**Earlier** · {components.when(first.created_at)}")
        components.answer_view(first, key=f"cmp.a.{first.id}", compact=True)
    with right:
        st.markdown(f"**Later** · {components.when(second.created_at)}")
        components.answer_view(second, key=f"cmp.b.{second.id}", compact=True,
                               previous=first.analysis)


if __name__ == "__main__":
    render()
