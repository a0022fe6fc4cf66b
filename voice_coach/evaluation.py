"""Word error rate with a fair English normaliser, and a filler counter.

The normaliser puts a reference and a hypothesis into the same written form before they are
compared, so that "Mr." and "Mister", "1455" and "fourteen fifty-five", "10" and "ten" or
"one oh two" and "1 0 2" are not counted as errors. It is applied to both sides in the same way.
It is deliberately smaller than Whisper's ``EnglishTextNormalizer`` (openai/whisper
``whisper/normalizers/english.py``): no British/American spelling map, and fillers are kept
unless asked (Whisper's normaliser deletes "um", "uh", "hmm" on both sides, which hides
the fact that the model drops them).

The module is pure Python with no dependency; it is used by the evaluation test and by
``scripts/eval_asr.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from voice_coach.errors import InputTextError

__all__ = [
    "FILLER_WORDS",
    "WerResult",
    "count_fillers",
    "normalize_text",
    "word_error_rate",
]

#: Canonical filled pauses. Spellings such as "umm", "uhh", "erm", "hmmm" and "mm" are mapped
#: onto these by ``_FILLER_SPELLINGS``. "ah" and "er" are included because they are the usual
#: transcriptions of the same hesitation sound (CHAT ``&-uh``/``&-um``; Whisper paper App. C).
FILLER_WORDS: frozenset[str] = frozenset({"um", "uh", "er", "ah", "eh", "hmm"})

_FILLER_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^u+h*m+$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^e+r+m*$"), "er"),  # "er", "err", "erm"
    (re.compile(r"^a+h+$"), "ah"),
    (re.compile(r"^e+h+$"), "eh"),
    (re.compile(r"^h+m+$|^m{2,}$|^mhm+$"), "hmm"),
)

# Abbreviations and spoken forms that mean the same word. Both sides are mapped the same way.
_EQUIVALENT_WORDS: dict[str, str] = {
    "mr": "mister",
    "mrs": "missus",
    "ms": "miz",
    "dr": "doctor",
    "jr": "junior",
    "sr": "senior",
    "vs": "versus",
    "etc": "etcetera",
    "ok": "okay",
    "alright": "all right",
}

# Multi-word spoken forms that collapse onto one token (matched on whole words).
_EQUIVALENT_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bet cetera\b"), "etcetera"),
    (re.compile(r"\bo k\b"), "okay"),
    (re.compile(r"\bper cent\b"), "percent"),
)

_ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}
_ORDINALS: dict[str, str] = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five",
    "sixth": "six", "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
    "eleventh": "eleven", "twelfth": "twelve", "thirteenth": "thirteen",
    "fourteenth": "fourteen", "fifteenth": "fifteen", "sixteenth": "sixteen",
    "seventeenth": "seventeen", "eighteenth": "eighteen", "nineteenth": "nineteen",
    "twentieth": "twenty", "thirtieth": "thirty", "fortieth": "forty", "fiftieth": "fifty",
    "sixtieth": "sixty", "seventieth": "seventy", "eightieth": "eighty",
    "ninetieth": "ninety", "hundredth": "hundred", "thousandth": "thousand",
    "millionth": "million",
}
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(st|nd|rd|th)$")
_DIGITS = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_ORDINAL_MARK = "\x00th"

# "uh-huh" and "mm-hmm" are backchannels (yes), not filled pauses: keep them one token.
_BACKCHANNELS = re.compile(r"\b(uh-huh|mm-hmm|uh-uh)\b")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalize_text(text: str, *, drop_fillers: bool = False) -> str:
    """Put English text into a canonical form for word-error-rate scoring.

    Lower-cases; unifies apostrophes; splits hyphenated words; removes punctuation;
    maps abbreviations onto spoken words ("Mr." -> "mister", "etc." -> "etcetera",
    "OK" -> "okay"); spells filled pauses one way ("umm" -> "um", "uhh" -> "uh", "mm" -> "hmm");
    and writes every number as its digits, one token per digit, whether it was spelled out or
    written: "forty-two" and "42" -> "4 2"; "fourteen fifty-five" and "1455" -> "1 4 5 5";
    "nine oh two one oh", "9-0-2-1-0" and "90210" -> "9 0 2 1 0" ("oh" is zero only next to
    a digit); "5%" and "five per cent" -> "5 percent"; "21st" and "twenty-first" -> "2 1th";
    "3.5" and "three point five" -> "3 point 5". One token per digit makes every grouping of
    a digit string agree; the price is that a wrong number costs one error per digit.

    Parameters
    ----------
    text : str
        Any English text (a reference transcript or a recogniser's output).
    drop_fillers : bool, optional
        Remove the filled pauses of :data:`FILLER_WORDS` as well. Off by default: counting
        fillers needs them kept.

    Returns
    -------
    str
        Space-separated canonical tokens; empty when the text has no words.
    """
    if not isinstance(text, str):
        raise InputTextError(f"Expected text as a string, got {type(text).__name__}.")
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,455 -> 1455
    text = _BACKCHANNELS.sub(lambda m: m.group(0).replace("-", ""), text)  # not fillers
    text = re.sub(r"(?<=\d)\s*%", " percent", text)
    text = re.sub(r"\$\s*(\d+(?:\.\d+)?)", r"\1 dollars", text)
    # Keep letters, digits, apostrophes inside words and decimal points; everything else splits.
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = re.sub(r"[^\w'.]+|_", " ", text)
    tokens = [token.strip("'") for token in text.split()]
    tokens = [token for token in tokens if token]
    joined = " ".join(_EQUIVALENT_WORDS.get(token, token) for token in tokens)
    for pattern, replacement in _EQUIVALENT_PHRASES:
        joined = pattern.sub(replacement, joined)
    tokens = [_canonical_filler(token) for token in joined.split()]
    if drop_fillers:
        tokens = [token for token in tokens if token not in FILLER_WORDS]
    return " ".join(_normalize_numbers(tokens))


def count_fillers(text: str) -> int:
    """Count filled pauses in a text, exactly as the delivery analysis counts them.

    Delegates to :func:`voice_coach.lexicon.find_fillers` ("um", "uh", "er", "erm", "hmm",
    "mm", "ah" and their spellings; back-channels such as "uh-huh" are not fillers), so the
    study of what the recogniser keeps measures the number the product reports.

    Parameters
    ----------
    text : str
        Raw text; it is never normalised before counting.

    Returns
    -------
    int
        The number of fillers.
    """
    from voice_coach.lexicon import find_fillers

    return len(find_fillers(text))


@dataclass(frozen=True, slots=True)
class WerResult:
    """The word-level edit counts between references and hypotheses.

    Attributes
    ----------
    substitutions, deletions, insertions : int
        Edit counts of a minimum-edit (Levenshtein) alignment, summed over all pairs.
    reference_words : int
        Number of words in the normalised references.
    wer : float or None
        ``(substitutions + deletions + insertions) / reference_words``; ``None`` when the
        references hold no words (the rate does not exist).
    """

    substitutions: int
    deletions: int
    insertions: int
    reference_words: int
    wer: float | None

    @property
    def errors(self) -> int:
        """Total edits: substitutions + deletions + insertions."""
        return self.substitutions + self.deletions + self.insertions


def word_error_rate(
    references: str | Sequence[str],
    hypotheses: str | Sequence[str],
    *,
    normalize: bool = True,
    drop_fillers: bool = False,
) -> WerResult:
    """Corpus word error rate: total edits over total reference words.

    Parameters
    ----------
    references, hypotheses : str or sequence of str
        One text each, or equal-length sequences of texts paired by position.
    normalize : bool, optional
        Apply :func:`normalize_text` to both sides first (default). When False the texts are
        only split on whitespace.
    drop_fillers : bool, optional
        Remove filled pauses from both sides (passed to :func:`normalize_text`).

    Returns
    -------
    WerResult
        Summed edit counts and the corpus rate.
    """
    refs = _as_texts(references, "references")
    hyps = _as_texts(hypotheses, "hypotheses")
    if len(refs) != len(hyps):
        raise InputTextError(
            f"Got {len(refs)} references but {len(hyps)} hypotheses; they must pair up."
        )
    subs = dels = ins = words = 0
    for ref, hyp in zip(refs, hyps, strict=True):
        if normalize:
            ref = normalize_text(ref, drop_fillers=drop_fillers)
            hyp = normalize_text(hyp, drop_fillers=drop_fillers)
        ref_words, hyp_words = ref.split(), hyp.split()
        s, d, i = _edit_counts(ref_words, hyp_words)
        subs, dels, ins, words = subs + s, dels + d, ins + i, words + len(ref_words)
    wer = (subs + dels + ins) / words if words else None
    return WerResult(subs, dels, ins, words, wer)


def _as_texts(texts: str | Sequence[str], name: str) -> tuple[str, ...]:
    if isinstance(texts, str):
        return (texts,)
    result = tuple(texts)
    for text in result:
        if not isinstance(text, str):
            raise InputTextError(f"Every item of {name} must be a string, got {text!r}.")
    return result


def _edit_counts(ref: Sequence[str], hyp: Sequence[str]) -> tuple[int, int, int]:
    """(substitutions, deletions, insertions) of a minimum-edit alignment of two word lists.

    Ties between alignments of equal cost prefer substitutions, then deletions, then
    insertions (as jiwer/Kaldi do), so the split of the total is deterministic.
    """
    rows, cols = len(ref) + 1, len(hyp) + 1
    # cost[i][j] = (total, subs, dels, ins) for ref[:i] vs hyp[:j]
    previous = [(j, 0, 0, j) for j in range(cols)]
    for i in range(1, rows):
        current = [(i, 0, i, 0)]
        for j in range(1, cols):
            diag = previous[j - 1]
            if ref[i - 1] == hyp[j - 1]:
                candidates = [diag]
            else:
                candidates = [(diag[0] + 1, diag[1] + 1, diag[2], diag[3])]
            up = previous[j]
            candidates.append((up[0] + 1, up[1], up[2] + 1, up[3]))
            left = current[j - 1]
            candidates.append((left[0] + 1, left[1], left[2], left[3] + 1))
            current.append(min(candidates, key=lambda c: c[0]))
        previous = current
    _, subs, dels, ins = previous[-1]
    return subs, dels, ins


def _canonical_filler(token: str) -> str:
    for pattern, canonical in _FILLER_SPELLINGS:
        if pattern.match(token):
            return canonical
    return token


def _normalize_numbers(tokens: Sequence[str]) -> list[str]:
    """Spelled-out and written numbers -> one token per digit.

    Every number ends up as its decimal digits, one token each ("ten" -> "1 0",
    "fourteen fifty-five" and "1455" -> "1 4 5 5", "one two three", "1, 2, 3" and "123" ->
    "1 2 3"). Digit-by-digit readings, years read in halves and written numbers then agree
    whatever the grouping; the price is that a number weighs one word per digit.
    """
    expanded: list[str] = []
    for token in tokens:
        ordinal = _ORDINAL_SUFFIX.match(token)
        if ordinal:  # "21st" -> "21" + ordinal marker
            expanded.extend((ordinal.group(1), _ORDINAL_MARK))
        elif token in _ORDINALS:
            expanded.extend((_ORDINALS[token], _ORDINAL_MARK))
        else:
            expanded.append(token)
    # "oh" is zero only next to a single digit ("nine oh two"), never in "oh, hello".
    for k, token in enumerate(expanded):
        if token == "oh" and (_is_digit_word(expanded, k - 1) or _is_digit_word(expanded, k + 1)):
            expanded[k] = "zero"
    # "a hundred", "a thousand": the article is the number one.
    for k in range(len(expanded) - 1):
        if expanded[k] == "a" and expanded[k + 1] in _SCALES:
            expanded[k] = "one"

    out: list[str] = []
    k = 0
    while k < len(expanded):
        token = expanded[k]
        if out and out[-1] == "point" and _is_digit_word(expanded, k):
            out.append(str(_ONES.get(token, token)))  # decimals are read digit by digit
            k += 1
            continue
        value, consumed = _parse_number(expanded, k)
        if consumed:
            out.extend(str(value))
            k += consumed
            continue
        if _NUMBER.match(token):
            whole, _, fraction = token.partition(".")
            out.extend(whole)
            if fraction:
                out.append("point")
                out.extend(fraction)
        elif token == _ORDINAL_MARK:
            if out and _DIGITS.match(out[-1]):
                out[-1] += "th"
        else:
            out.append(token)
        k += 1
    return out


def _is_digit_word(tokens: Sequence[str], index: int) -> bool:
    if not 0 <= index < len(tokens):
        return False
    token = tokens[index]
    return (token in _ONES and _ONES[token] < 10) or bool(re.fullmatch(r"\d", token))


def _parse_number(tokens: Sequence[str], start: int) -> tuple[int, int]:
    """Parse one spelled-out cardinal at ``tokens[start]``; (value, tokens consumed)."""
    total = 0  # completed thousands/millions
    current = 0  # the part below the last scale word
    k = start
    last: str | None = None  # "ones", "teen", "tens", "hundred", "scale"
    while k < len(tokens):
        token = tokens[k]
        if token in _ONES:
            value = _ONES[token]
            if last == "tens" and 0 < value < 10:
                current += value
                last = "ones"
            elif last in (None, "hundred", "scale"):
                current += value
                last = "ones" if value < 10 else "teen"
            else:
                break
        elif token in _TENS:
            if last in (None, "hundred", "scale"):
                current += _TENS[token]
                last = "tens"
            else:
                break
        elif token == "hundred":
            if last in (None, "ones", "teen", "tens"):
                current = (current or 1) * 100
                last = "hundred"
            else:
                break
        elif token in _SCALES:
            if last is None or last == "scale":
                break
            total += (current or 1) * _SCALES[token]
            current = 0
            last = "scale"
        elif not (
            token == "and"
            and last in ("hundred", "scale")
            and k + 1 < len(tokens)
            and (tokens[k + 1] in _ONES or tokens[k + 1] in _TENS)
        ):
            break
        k += 1
    if last is None:
        return 0, 0
    return total + current, k - start
