"""Known-answer tests of the WER normaliser, the word error rate and the filler count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice_coach.errors import InputTextError
from voice_coach.evaluation import (
    WerResult,
    count_fillers,
    normalize_text,
    word_error_rate,
)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Mr. Quilter is here.", "Mister Quilter is here"),
        ("Mrs. Dashwood", "missus dashwood"),
        ("Dr. Who", "doctor who"),
        ("Philip Steels, etc.", "Philip Steels et cetera"),
        ("OK, fine", "okay fine"),
        ("the 42-line Bible of about 1455.",
         'the "forty-two line Bible" of about fourteen fifty-five,'),
        ("in 1905", "in nineteen oh five"),
        ("in 1900", "in nineteen hundred"),
        ("the year 2020", "the year twenty twenty"),
        ("the year 2020", "the year two thousand and twenty"),
        ("105 dogs", "one hundred and five dogs"),
        ("101", "a hundred and one"),
        ("1,234", "one thousand two hundred thirty-four"),
        ("go forward 10 meters", "go forward ten meters"),
        ("1, 2, 3", "one two three"),
        ("123", "one two three"),
        ("10001, 90210, 01803",
         "one zero zero zero one, nine oh two one oh, zero one eight zero three"),
        ("1-0-0-0-1", "one zero zero zero one"),
        ("5%", "five per cent"),
        ("5 %", "five percent"),
        ("$20", "twenty dollars"),
        ("the 21st time", "the twenty-first time"),
        ("the 1st", "the first"),
        ("3.5 million", "three point five million"),
        ("cold-hearted", "cold hearted"),
        ("I\u2019m here", "i'm here"),
        ("Hello? Hello!", "hello hello"),
    ],
)
def test_written_and_spoken_forms_agree(written: str, spoken: str) -> None:
    assert normalize_text(written) == normalize_text(spoken)
    assert word_error_rate(spoken, written).wer == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Quilter, the apostle!", "mister quilter the apostle"),
        ("fourteen fifty-five", "1 4 5 5"),
        ("nine oh two", "9 0 2"),
        ("Oh, hello.", "oh hello"),  # "oh" stays a word away from digits
        ("No. 5 is 3.5", "no 5 is 3 point 5"),
        ("Umm, uh... Hmm, erm", "um uh hmm er"),
        ("uh-huh, mm-hmm", "uhhuh mmhmm"),  # back-channels are not fillers
        ("God bless 'em", "god bless em"),
        ("I am here", "i am here"),
        ("", ""),
        ("?!...", ""),
    ],
)
def test_normalize_text_known_forms(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_different_numbers_still_differ() -> None:
    assert normalize_text("fourteen fifty-five") != normalize_text("1456")
    assert normalize_text("ten meters") != normalize_text("two meters")
    assert word_error_rate("ten meters", "eleven meters").errors == 1  # "1 0" vs "1 1"


def test_fillers_are_kept_unless_asked() -> None:
    assert normalize_text("So um I like uh beans") == "so um i like uh beans"
    assert normalize_text("So um I like uh beans", drop_fillers=True) == "so i like beans"
    # A hypothesis that drops the fillers loses two words, or none when fillers are excluded.
    assert word_error_rate("so um i like uh beans", "so i like beans").deletions == 2
    assert word_error_rate("so um i like uh beans", "so i like beans", drop_fillers=True).wer == 0


def test_word_error_rate_counts_each_kind_of_edit() -> None:
    result = word_error_rate("the cat sat on the mat", "the cat sat on a mat")
    assert result == WerResult(1, 0, 0, 6, pytest.approx(1 / 6))
    result = word_error_rate("the cat sat on the mat", "the cat on the mat")
    assert (result.substitutions, result.deletions, result.insertions) == (0, 1, 0)
    result = word_error_rate("the cat sat", "the black cat sat down")
    assert (result.substitutions, result.deletions, result.insertions) == (0, 0, 2)
    assert result.wer == pytest.approx(2 / 3)


def test_word_error_rate_is_a_minimum_edit_distance() -> None:
    # "a b c d e" -> "b c d e f": one deletion and one insertion (2), not five substitutions.
    result = word_error_rate("a b c d e", "b c d e f")
    assert result.errors == 2
    assert (result.deletions, result.insertions) == (1, 1)


def test_corpus_wer_pools_words_rather_than_averaging_rates() -> None:
    # Pair 1: 1 error in 1 word (rate 1.0); pair 2: 0 errors in 9 words. Corpus: 1/10, not 0.5.
    result = word_error_rate(["hello", "one two three four five six seven eight nine"],
                             ["goodbye", "1 2 3 4 5 6 7 8 9"])
    assert result.reference_words == 10
    assert result.wer == pytest.approx(0.1)


def test_wer_above_one_when_hypothesis_is_all_insertions() -> None:
    result = word_error_rate("yes", "thank you for watching")
    assert result.errors == 4
    assert result.wer == pytest.approx(4.0)


def test_empty_references_have_no_rate() -> None:
    assert word_error_rate("", "").wer is None
    result = word_error_rate("", "thanks for watching")
    assert result.wer is None
    assert result.insertions == 3


def test_normalize_false_only_splits_on_whitespace() -> None:
    assert word_error_rate("Mr. Smith", "mister smith", normalize=False).errors == 2
    assert word_error_rate("Mr. Smith", "mister smith").errors == 0


def test_mismatched_lengths_and_wrong_types_are_errors() -> None:
    with pytest.raises(InputTextError, match="2 references but 1 hypotheses"):
        word_error_rate(["a", "b"], ["a"])
    with pytest.raises(InputTextError, match="must be a string"):
        word_error_rate(["a", None], ["a", "b"])  # type: ignore[list-item]
    with pytest.raises(InputTextError, match="string"):
        normalize_text(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("But um here's some retracing. Um I like beans.", 2),
        ("That's the uh what's that? Hmm.", 2),
        ("Umm, uhh, err... erm", 4),
        ("uh-huh, mm-hmm", 0),
        ("I am humming an umbrella song", 0),
        ("", 0),
    ],
)
def test_count_fillers(text: str, expected: int) -> None:
    assert count_fillers(text) == expected


_words = st.lists(st.sampled_from(["the", "cat", "sat", "on", "a", "mat", "ten", "mr"]),
                  max_size=12).map(" ".join)


@given(_words, _words)
def test_wer_properties(reference: str, hypothesis: str) -> None:
    result = word_error_rate(reference, hypothesis)
    ref_n = len(normalize_text(reference).split())
    hyp_n = len(normalize_text(hypothesis).split())
    assert result.reference_words == ref_n
    # Every reference word is a hit, substitution or deletion; every hypothesis word is a hit,
    # substitution or insertion.
    assert result.deletions - result.insertions == ref_n - hyp_n
    assert result.errors <= max(ref_n, hyp_n)
    assert result.errors >= abs(ref_n - hyp_n)
    assert word_error_rate(reference, reference).errors == 0
    assert word_error_rate(hypothesis, reference).errors == result.errors  # symmetric distance
