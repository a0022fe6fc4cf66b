"""The Streamlit app's entry script: page set-up, model warm-up, navigation over the pages.

Run it with ``voice-coach app`` (or ``streamlit run streamlit_app.py`` in a checkout).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from voice_coach.ui import components, resources

#: The page scripts (file pages, so that AppTest.switch_page can open them).
PAGES_DIR = Path(__file__).resolve().parent / "pages"


def main() -> None:
    """Render the app (one run of the script)."""
    st.set_page_config(page_title="voice-coach", page_icon=":material/record_voice_over:",
                       layout="wide", initial_sidebar_state="auto")
    components.inject_style()
    with components.user_errors():
        resources.get_transcriber()  # warm the model at start-up, once per server
        resources.warm_analysis()  # and the analysis stages (the pitch decoder compiles)
    pages = [
        st.Page(PAGES_DIR / "practice.py", title="Practice", icon=":material/mic:",
                url_path="practice", default=True),
        st.Page(PAGES_DIR / "history.py", title="History", icon=":material/history:",
                url_path="history"),
        st.Page(PAGES_DIR / "progress.py", title="Progress", icon=":material/trending_up:",
                url_path="progress"),
    ]
    page = st.navigation(pages, position="top")
    with components.user_errors():
        page.run()


if __name__ == "__main__":
    main()
