"""Delivery analysis: pauses, rates, pitch, phrase ends and loudness (librosa lives here)."""

from voice_coach.prosody.baseline import Baseline, build_baseline
from voice_coach.prosody.delivery import Delivery, DeliveryOptions, TimedText, measure_delivery
from voice_coach.prosody.pauses import Pause, PauseOptions, SpeechActivity, detect_speech_activity

# Pitch, phrase ends, loudness and baseline: import from their modules
# (voice_coach.prosody.pitch, .phrase_ends, .loudness, .baseline); they load scipy/soxr lazily.

__all__ = [
    "Baseline",
    "Delivery",
    "DeliveryOptions",
    "Pause",
    "PauseOptions",
    "SpeechActivity",
    "TimedText",
    "build_baseline",
    "detect_speech_activity",
    "measure_delivery",
]
