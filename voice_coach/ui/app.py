"""The Streamlit app's entry script: page set-up, model warm-up, navigation over the pages.

Run it with ``voice-coach app`` (or ``streamlit run streamlit_app.py`` in a checkout).
"""

from __future__ import annotations

import streamlit as st

from voice_coach.ui import components, resources
from voice_coach.ui.pages import history, practice, progress


def main() -> None:
    """Render the app (one run of the script)."""
    st.set_page_config(page_title="voice-coach", page_icon=":material/record_voice_over:",
                       layout="wide", initial_sidebar_state="auto")
    components.inject_style()
    with components.user_errors():
        resources.get_transcriber()  # warm the model at start-up, once per server
    pages = [
        st.Page(practice.render, title="Practice", icon=":material/mic:",
                url_path="practice", default=True),
        st.Page(history.render, title="History", icon=":material/history:",
                url_path="history"),
        st.Page(progress.render, title="Progress", icon=":material/trending_up:",
                url_path="progress"),
    ]
    page = st.navigation(pages, position="top")
    with components.user_errors():
        page.run()


if __name__ == "__main__":
    main()
