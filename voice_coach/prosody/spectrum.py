"""Short-time power spectra at chosen instants (shared by the filler and creak detectors)."""

from __future__ import annotations

import numpy as np

__all__ = ["FRAME_S", "frame_power"]

#: 25 ms analysis frames, the usual speech framing.
FRAME_S = 0.025


def frame_power(samples: np.ndarray, sample_rate: int, times_s: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Power spectra of 25 ms Hann frames centred at ``times_s``.

    Parameters
    ----------
    samples : numpy.ndarray, shape (n,)
        Mono audio.
    sample_rate : int
        Samples per second.
    times_s : numpy.ndarray, shape (k,)
        Frame centres in seconds (clipped to the signal).

    Returns
    -------
    power : numpy.ndarray, shape (k, n_fft // 2 + 1)
        Squared magnitude spectra (n_fft is the next power of two above the frame).
    freqs_hz : numpy.ndarray, shape (n_fft // 2 + 1,)
        The frequency of each bin.
    """
    frame = max(16, round(FRAME_S * sample_rate))
    n_fft = 1 << (frame - 1).bit_length()
    half = frame // 2
    padded = np.pad(np.asarray(samples, dtype=np.float32).reshape(-1), (half, half + 1))
    centres = np.clip(np.round(np.asarray(times_s) * sample_rate).astype(int), 0,
                      padded.size - frame)
    frames = np.lib.stride_tricks.sliding_window_view(padded, frame)[centres]
    window = np.hanning(frame).astype(np.float32)
    power = np.square(np.abs(np.fft.rfft(frames * window, n=n_fft, axis=1)))
    return power, np.fft.rfftfreq(n_fft, 1.0 / sample_rate)
