"""Delivery analysis: pauses, rates, pitch, phrase ends and loudness (librosa lives here)."""

from voice_coach.prosody.delivery import Delivery, DeliveryOptions, TimedText, measure_delivery
from voice_coach.prosody.pauses import Pause, PauseOptions, SpeechActivity, detect_speech_activity

__all__ = [
    "Delivery",
    "DeliveryOptions",
    "Pause",
    "PauseOptions",
    "SpeechActivity",
    "TimedText",
    "detect_speech_activity",
    "measure_delivery",
]
