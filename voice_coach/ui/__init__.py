"""The Streamlit app (the only part of voice_coach that imports streamlit).

``app.py`` is the entry script (``streamlit run voice_coach/ui/app.py``); ``pages/`` holds the
pages, ``components.py`` the shared views, ``resources.py`` the cached model and history,
``state.py`` every session-state key, and ``launch.py`` the ``voice-coach app`` command.
"""
