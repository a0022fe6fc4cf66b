"""Every session-state key of the app, in one place.

Pages read and write ``st.session_state`` only through these names, so two pages never
collide on a key by accident and a test can set up a page's state by name.
"""

from __future__ import annotations

# --- practice page -------------------------------------------------------------------------
#: How the question is chosen: "bank", "random" or "own".
QUESTION_MODE = "practice.question_mode"
#: The bank question selected (its id).
BANK_QUESTION = "practice.bank_question"
#: The id of the question drawn at random.
RANDOM_QUESTION = "practice.random_question"
#: The text of the user's own question.
OWN_QUESTION = "practice.own_question"
#: How the answer is given: "record", "upload" or "type".
ANSWER_MODE = "practice.answer_mode"
#: Bumped to give the recorder, uploader and text box fresh keys (clears them).
INPUT_ROUND = "practice.input_round"
#: Fingerprints of audio already analysed (so a rerun does not analyse it again).
HANDLED_AUDIO = "practice.handled_audio"
#: The history id of the attempt on show.
CURRENT_ANSWER = "practice.current_answer"
#: The history id of the attempt before it ("Try again"), or absent.
PREVIOUS_ANSWER = "practice.previous_answer"
#: The last analysis error, shown until the next attempt.
LAST_ERROR = "practice.last_error"

# --- history page --------------------------------------------------------------------------
#: Question filter ("all" or a question id).
HISTORY_FILTER = "history.filter"
#: "open" (one answer) or "compare" (two side by side).
HISTORY_VIEW = "history.view"
#: The answer opened.
HISTORY_OPEN = "history.open"
#: The two answers compared.
HISTORY_COMPARE = "history.compare"
#: The answer awaiting delete confirmation.
HISTORY_CONFIRM_DELETE = "history.confirm_delete"
#: A one-line notice to show after a rerun (deleted, re-analysed).
HISTORY_NOTICE = "history.notice"

# --- progress page -------------------------------------------------------------------------
#: Question filter for the progress page.
PROGRESS_FILTER = "progress.filter"


def widget_key(name: str, round_: int) -> str:
    """Key of an input widget in input round ``round_`` (a new round clears the widget)."""
    return f"{name}.{round_}"
