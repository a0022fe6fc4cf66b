"""Synthetic signals with known properties, for tests."""

from __future__ import annotations

import numpy as np


def tone(freq_hz: float, seconds: float, *, rate: int = 16000, amplitude: float = 0.3
         ) -> np.ndarray:
    """A sine tone as float32."""
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq_hz * t)).astype(np.float32)
