"""voice-coach: a private, local mock-interview coach."""

__version__ = "0.1.0"
