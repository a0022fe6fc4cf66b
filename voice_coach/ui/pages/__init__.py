"""The app's pages: practice, history, progress (each a ``render()`` function)."""
