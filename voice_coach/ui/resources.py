"""Resources shared by every session of the server: the speech model and the history.

The model is loaded once per server process (``st.cache_resource``) and warmed when the app
starts, so the first answer does not wait for it.
"""

from __future__ import annotations

import streamlit as st

from voice_coach.annotate import Contour, pitch_contour
from voice_coach.config import home_dir, model_setting
from voice_coach.pipeline import warm_up
from voice_coach.storage import AnswerStore
from voice_coach.transcription import FasterWhisperTranscriber, load_transcriber


@st.cache_resource(show_spinner="Loading the speech model...")
def get_transcriber(model: str | None = None) -> FasterWhisperTranscriber:
    """Return the loaded speech recogniser for ``model`` (None: ``VOICE_COACH_MODEL``/default)."""
    return load_transcriber(model if model is not None else model_setting(), preload=True)


def get_store() -> AnswerStore:
    """Return the history in ``VOICE_COACH_HOME`` (one store object per folder)."""
    return _store_for(str(home_dir()))


@st.cache_resource(show_spinner="Preparing the analysis...")
def warm_analysis() -> bool:
    """Import and compile the analysis stages once per server (see ``pipeline.warm_up``)."""
    warm_up(get_transcriber())
    return True


@st.cache_resource(show_spinner=False)
def _store_for(home: str) -> AnswerStore:
    return AnswerStore(home)


@st.cache_data(show_spinner=False, max_entries=32)
def get_contour(answer_id: str, updated_at: str) -> Contour:
    """Pitch contour of a stored answer (cached per answer version)."""
    del updated_at  # part of the cache key only
    return pitch_contour(get_store().load_recording(answer_id))


@st.cache_data(show_spinner=False, max_entries=16)
def get_audio_bytes(path: str, mtime_ns: int) -> bytes:
    """The bytes of a stored audio file (cached per file version)."""
    del mtime_ns
    with open(path, "rb") as handle:
        return handle.read()
