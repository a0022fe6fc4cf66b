"""Progress: scores over time and per question, and the cues that improved most."""

from __future__ import annotations

import altair as alt
import streamlit as st

from voice_coach.compare import SCORE_LABELS, cue_trends
from voice_coach.ui import components, resources
from voice_coach.ui import state as keys

ALL = "all"


def render() -> None:
    """Render the progress page."""
    st.title("Progress")
    store = resources.get_store()
    answers = [a for a in store.list(status="analyzed") if a.analysis is not None]
    answers.sort(key=lambda a: (a.created_at, a.id))
    if not answers:
        st.info("Your progress appears here once you have analysed answers on the Practice "
                "page.", icon=":material/trending_up:")
        return
    questions: dict[str, str] = {}
    for answer in answers:
        if answer.question is not None:
            questions.setdefault(answer.question.id, "Your own questions"
                                 if answer.question.id == "custom" else answer.question.text)
    chosen = st.selectbox("Question", [ALL, *questions], key=keys.PROGRESS_FILTER,
                          format_func=lambda q: "All questions" if q == ALL else questions[q])
    if chosen != ALL:
        answers = [a for a in answers if a.question is not None and a.question.id == chosen]
    total = len(answers)
    days = len({components.when(a.created_at)[:10] for a in answers})
    row = st.container(horizontal=True, gap="small")
    row.metric("Answers", total, border=True, width=components.TILE_WIDTH)
    row.metric("Days practised", days, border=True, width=components.TILE_WIDTH)
    overall = [a.scores.get("overall") for a in answers if a.scores]
    overall = [v for v in overall if v is not None]
    row.metric("Latest overall", components.score_text(overall[-1] if overall else None),
                   delta=(overall[-1] - overall[0]) if len(overall) > 1 else None,
               help="Change since the first answer shown", border=True,
               width=components.TILE_WIDTH)
    _scores_over_time(answers)
    if chosen == ALL:
        _per_question(answers)
    _improved_cues(answers)


def _scores_over_time(answers) -> None:
    st.subheader("Scores over time")
    rows = []
    for number, answer in enumerate(answers, start=1):
        for key, label in SCORE_LABELS.items():
            value = (answer.scores or {}).get(key)
            if value is not None:
                rows.append({"answer": number, "date": components.when(answer.created_at),
                             "score": label, "value": value,
                             "question": answer.question.text if answer.question else ""})
    if not rows:
        st.caption("None of these answers has a score yet.")
        return
    chart = alt.Chart(alt.Data(values=rows)).mark_line(point=True).encode(
        x=alt.X("answer:Q", title="answer (oldest first)",
                axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("value:Q", title="score", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("score:N", title=None, legend=alt.Legend(orient="bottom", columns=2),
                        sort=list(SCORE_LABELS.values())),
        tooltip=["date:N", "question:N", "score:N", "value:Q"],
    ).properties(height=280)
    st.altair_chart(chart, width="stretch")


def _per_question(answers) -> None:
    st.subheader("Per question")
    table: dict[str, dict] = {}
    for answer in answers:
        name = answer.question.text if answer.question else "(no question)"
        row = table.setdefault(name, {"Question": name, "Answers": 0, "First": None,
                                      "Latest": None, "Best": None})
        value = (answer.scores or {}).get("overall")
        row["Answers"] += 1
        if value is not None:
            row["First"] = value if row["First"] is None else row["First"]
            row["Latest"] = value
            row["Best"] = value if row["Best"] is None else max(row["Best"], value)
    st.dataframe(list(table.values()), hide_index=True, width="stretch", column_config={
        name: st.column_config.ProgressColumn(name, min_value=0, max_value=100, format="%d")
        for name in ("First", "Latest", "Best")})


def _improved_cues(answers) -> None:
    st.subheader("What is improving")
    trends = cue_trends([a.analysis for a in answers])
    if not trends:
        st.caption("Answer at least twice to see which cues improve.")
        return
    better = [t for t in trends if t.change > 0][:5]
    worse = sorted((t for t in trends if t.recent_rate < 1.0), key=lambda t: t.recent_rate)[:3]
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("##### Improved most")
        if better:
            for trend in better:
                st.markdown(f"- **{trend.label}**: good in {trend.first_rate:.0%} of your "
                            f"earlier answers, {trend.recent_rate:.0%} of the recent ones")
        else:
            st.caption("No cue has improved yet: keep practising.")
    with right:
        st.markdown("##### Still to work on")
        if worse:
            for trend in worse:
                st.markdown(f"- **{trend.label}**: good in {trend.recent_rate:.0%} of your "
                            "recent answers")
        else:
            st.caption("Every cue was good in your recent answers.")


if __name__ == "__main__":
    render()
