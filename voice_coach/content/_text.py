"""Light clause analysis for the content checks: sentences, clause starts, negation, modality,
quantities and first-person agents.

No parser: a typed answer or a Whisper transcript is short (50-300 words) and written in the
first person, so a few structural cues carry the checks. A clause starts after sentence
punctuation, a comma, or a coordinating/subordinating word ("and", "but", "because", "which");
a negator ("not", "n't", "never", "no", "without") or a modal of intention ("will", "would",
"want to", "hope to") between the clause start and a cue word puts the cue in its scope.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = [
    "QUANTITY",
    "Sentence",
    "clause_opener",
    "clause_prefix",
    "has_first_person",
    "has_quantity",
    "is_hypothetical",
    "is_negated",
    "sentences",
    "to_gerund",
]

#: Longest "sentence", in characters (about 350 words): a text with no sentence punctuation is
#: cut at a space before this. The longest run-on sentence in the labelled answers
#: (tests/content_cases) is 1,009 characters; without a cap, the checks' per-match look-ups
#: over the whole sentence made a 30,000-character unpunctuated answer take 7 s (measured).
MAX_SENTENCE_CHARS: int = 2_000
#: Longest look-back, in characters, for the clause that holds a cue (about 12 words):
#: negation and modality in spoken English sit close to their verb.
CLAUSE_LOOKBACK_CHARS: int = 70


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the answer: ``text == answer[start:end]``."""

    start: int
    end: int
    text: str


# A sentence ends at . ! ? ; or a line break, but not inside "3.5", "e.g." or "U.S.".
_SENTENCE_END = re.compile(r"(?<!\b[A-Za-z]\.[A-Za-z])(?<!\be\.g)(?<!\bi\.e)[.!?;]+(?=\s|$)|\n+")


@functools.lru_cache(maxsize=8)
def sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with character offsets (punctuation kept).

    Cached for the last few texts: every check asks for the sentence around each of its
    matches, and splitting again for each made a long answer quadratic (measured: 51 s for
    3,000 repeats of "your team", 0.1 s with the cache).
    """
    return _split_sentences(text)


def _split_sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        _add_sentence(text, start, end, out)
        start = end
    _add_sentence(text, start, len(text), out)
    return tuple(out)


def _add_sentence(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Append ``text[start:end]`` without its leading space, in pieces of at most
    :data:`MAX_SENTENCE_CHARS` cut at a space; nothing when it is blank."""
    while start < end:
        chunk = text[start:end]
        if not chunk.strip():
            return
        start += len(chunk) - len(chunk.lstrip())
        stop = end
        if stop - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            space = max(text.rfind(" ", start + 1, limit), text.rfind("\t", start + 1, limit))
            stop = space if space > start else limit
        out.append(Sentence(start, stop, text[start:stop]))
        start = stop


_CLAUSE_BOUNDARY = re.compile(
    r"[,;:.!?()\"“”—–]|\s-\s|\b(?:and|but|because|so|which|who|although|though|while|whereas|"
    r"when|then|since|after|before|until|unless|if|or|that|where)\b",
    re.IGNORECASE,
)


def clause_opener(text: str, pos: int) -> str:
    """Return the clause word that opened the clause holding ``pos`` ("if", "because", ...),
    lower-cased, or ``""`` when punctuation or the start of the text opened it.

    :func:`clause_prefix` starts *after* that word, so a test for "if" inside the prefix can
    never succeed; this is the way to ask whether the clause is conditional.
    """
    lo = max(0, pos - CLAUSE_LOOKBACK_CHARS)
    last = None
    for m in _CLAUSE_BOUNDARY.finditer(text, lo, pos):
        last = m
    if last is None or not last.group(0)[0].isalpha():
        return ""
    return last.group(0).lower()


def clause_prefix(text: str, pos: int, *, keep_that: bool = False) -> str:
    """Return the text from the start of the clause that holds ``pos`` up to ``pos``.

    Parameters
    ----------
    text : str
        The whole answer.
    pos : int
        Character offset of the cue word.
    keep_that : bool
        Do not treat "that" as a clause start (for "I don't think that ...").
    """
    lo = max(0, pos - CLAUSE_LOOKBACK_CHARS)
    window = text[lo:pos]
    last = 0
    for m in _CLAUSE_BOUNDARY.finditer(window):
        if keep_that and m.group(0).lower() == "that":
            continue
        last = m.end()
    return window[last:]


_NEGATOR = re.compile(
    r"\b(?:not|never|no|without|nobody|nothing|none|neither|nor|hardly|barely|failed\s+to|"
    r"unable\s+to|couldn['’]?t|can['’]?t|cannot|won['’]?t|didn['’]?t|don['’]?t|doesn['’]?t|"
    r"isn['’]?t|wasn['’]?t|weren['’]?t|aren['’]?t|haven['’]?t|hasn['’]?t|hadn['’]?t|"
    r"wouldn['’]?t|shouldn['’]?t)\b",
    re.IGNORECASE,
)


# A short quoted phrase (not the apostrophe of "didn't", which has letters on both sides).
_QUOTED = re.compile(r"(?<!\w)['‘\"“][^'’\"”\n]{1,40}['’\"”](?!\w)")


def is_negated(text: str, pos: int) -> bool:
    """True when a negator sits in the clause before ``pos`` ("I didn't need ..."); a negator
    inside a short quotation ("failed deliveries for 'not at home' fell") does not count."""
    prefix = _QUOTED.sub(lambda m: " " * len(m.group(0)), clause_prefix(text, pos))
    return _NEGATOR.search(prefix) is not None


_HYPOTHETICAL = re.compile(
    r"\b(?:will|would|could|can|should|might|may|shall|must|going\s+to|gonna|want\s+to|"
    r"wanna|hope\s+to|plan\s+to|planning\s+to|aim\s+to|aiming\s+to|intend\s+to|try\s+to|"
    r"trying\s+to|tried\s+to|goal\s+(?:is|was)\s+to|like\s+to|love\s+to|wish|if|"
    r"need\s+to|have\s+to|expected\s+to|supposed\s+to|able\s+to)\b|['’](?:ll|d)\b",
    re.IGNORECASE,
)


# "we'd got", "I'd cut", "they'd been": "'d" before a past participle is "had", not "would".
_PLUPERFECT_D = re.compile(
    r"['’]d(?=\s+(?:already\s+|just\s+|never\s+)?(?:got|gotten|been|done|made|had|grown|"
    r"brought|won|kept|built|taken|gone|come|cut|hit|run|risen|fallen|shrunk|driven|sold|"
    r"beaten|spent|paid|led|held|\w+ed)\b)", re.IGNORECASE)
#: Clause words that make the whole clause a condition ("if we cut costs by 20%").
_CONDITIONAL_OPENERS = frozenset({"if", "unless"})


def is_hypothetical(text: str, pos: int) -> bool:
    """True when the cue at ``pos`` is wished, planned, promised or conditional, not achieved.

    The clause counts as hypothetical when a modal of intention sits before the cue ("I would
    cut ..."; the "'d" of "we'd got" is "had" and does not count) or when "if"/"unless"
    opened it.
    """
    if clause_opener(text, pos) in _CONDITIONAL_OPENERS:
        return True
    prefix = _PLUPERFECT_D.sub("  ", clause_prefix(text, pos))
    return _HYPOTHETICAL.search(prefix) is not None


_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|I['’]d|we|we['’]ve|my|our|me|us)\b",
                           re.IGNORECASE)


def has_first_person(text: str) -> bool:
    """True when ``text`` names the speaker (I, we, my, our ...)."""
    return _FIRST_PERSON.search(text) is not None


_NUM_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|half|a\s+third|a\s+quarter|dozen|"
    r"(?:a|one|two|three|four)\s+(?:fifths?|tenths?|thirds|quarters))"
)
_NUMBER = (rf"(?:[$£€]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?"
           rf"|{_NUM_WORD}(?:[\s-]+(?:and\s+)?{_NUM_WORD})*)")
_UNIT = (
    r"(?:\s?%|\s?percent|\s?per\s?cent|\s?x\b|\s?times\s+(?:more|less|fewer|faster|higher|bigger|"
    r"larger|as|the|over)\b|\s?k\b|\s?m\b|\s?bn\b|\s?(?:million|billion|"
    r"thousand|hundred)|\s?(?:dollars|euros|pounds|bucks|grand|quid|points|basis\s+points|hours?|days?|"
    r"weeks?|fortnights?|months?|minutes?|seconds?|ms|milliseconds|users|customers|clients|accounts|"
    r"deals|sales|leads|tickets|orders|signups|sign-ups|downloads|subscribers|complaints|"
    r"defects|bugs|incidents|errors|students|patients|stars|places|spots|positions|ranks|"
    r"beds|calls|visits|jobs|cases|shifts|sites|stores|schools|members|volunteers|"
    r"applications|referrals|bookings|covers|units|items|parcels|pallets|claims|"
    r"appointments|reviews|hires|staff|people|families|pupils|kids|children))"
)

#: A measurable quantity: a number with a unit ("12%", "fifteen percent", "$2 million",
#: "3 weeks"), money ("$40k"), or a multiplicative change ("doubled", "twice as", "in half").
QUANTITY = re.compile(
    rf"(?:[$£€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion|thousand))?"
    rf"|(?<![\w.]){_NUMBER}{_UNIT}"
    rf"|\b(?:doubl|tripl|quadrupl|halv)(?:ed|ing|e)\b|\btwice\s+as\b|\bin\s+half\b"
    rf"|\bby\s+(?:(?:about|around|almost|nearly|roughly|over|more\s+than)\s+)?(?:half|a\s+third|"
    rf"a\s+quarter|a\s+fifth|a\s+tenth|two[\s-]thirds|three[\s-]quarters|a\s+(?:day|week|"
    rf"fortnight|month|year))\b"
    rf"|\b(?:ten|two|three|four|five)[\s-]?fold\b"
    rf"|\bfrom\s+{_NUMBER}\b[^.;]{{0,30}}?\bto\s+{_NUMBER}\b)",
    re.IGNORECASE,
)


def has_quantity(text: str) -> bool:
    """True when ``text`` holds a measurable quantity (see :data:`QUANTITY`)."""
    return QUANTITY.search(text) is not None


_GERUND_IRREGULAR = {
    "led": "leading", "ran": "running", "built": "building", "made": "making",
    "wrote": "writing", "took": "taking", "gave": "giving", "set": "setting",
    "put": "putting", "cut": "cutting", "began": "beginning", "got": "getting",
    "drove": "driving", "brought": "bringing", "taught": "teaching", "sold": "selling",
    "found": "finding", "kept": "keeping", "held": "holding", "spent": "spending",
    "oversaw": "overseeing", "did": "doing", "was": "being", "were": "being",
    "had": "having", "won": "winning", "shipped": "shipping", "planned": "planning",
    "managed": "managing", "handled": "handling", "owned": "owning",
    "organised": "organising", "organized": "organizing", "supervised": "supervising",
    "coordinated": "coordinating", "created": "creating", "used": "using",
    "moved": "moving", "reduced": "reducing", "improved": "improving",
}


def to_gerund(verb: str) -> str:
    """Turn a past-tense verb into its -ing form ("managed" -> "managing").

    Unknown irregular verbs are returned with "-ing" added to their stem; good enough for
    the verbs of work history ("worked", "handled", "answered").
    """
    low = verb.lower()
    if low in _GERUND_IRREGULAR:
        return _GERUND_IRREGULAR[low]
    if low.endswith("ied"):
        return low[:-3] + "ying"
    if low.endswith("ed"):
        stem = low[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            stem = stem[:-1]
        if stem.endswith(("at", "iz", "is", "rv", "dg", "ur", "uc", "v", "c")):
            stem += "e"
        return (stem[:-1] if stem.endswith("e") and not stem.endswith("ee") else stem) + "ing"
    return low + "ing"
