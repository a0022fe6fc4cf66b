"""voice-coach in the browser: ``streamlit run streamlit_app.py`` (or ``voice-coach app``).

The app itself lives in the package (``voice_coach/ui/app.py``) so that an installed copy
runs the same code; this file only runs it.
"""

from voice_coach.ui.app import main

main()
