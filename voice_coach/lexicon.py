"""Word lists shared by the delivery analysis and the content checks: fillers and hedges.

The delivery side counts :func:`find_fillers` and :func:`find_hedges` per 100 words
(``shared/PROSODY.md`` section 6, features F5 and F6); the content checks use the hedges as one
cue of supplicant language. Both functions work on typed text and on Whisper transcripts
(capitals, punctuation and hyphens may be missing or odd), and return character spans of the
text they were given.

Precision comes first: a word is only counted where it does the hedging job. ``just`` in
"just-in-time", "a just decision" or "just 3 weeks" is not a hedge; ``kind of`` in "what kind of
team" is not; ``sorry`` in "sorry to hear that" is sympathy, not an apology; ``I think about``
is thinking, not hedging. ``I think`` before an opinion about the world ("I think the data
shows ...") weighs half (PROSODY.md F6); ``I think`` before a claim about oneself ("I think I
could ...") weighs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "FILLERS",
    "HEDGE_KINDS",
    "OPINION_HEDGE_WEIGHT",
    "Span",
    "count_words",
    "find_fillers",
    "find_hedges",
    "hedge_weight",
]

#: Filled pauses counted by F5 (PROSODY.md section 6). Back-channels such as "uh-huh" and
#: "mm-hmm" mean "yes" and are excluded (as is any hyphenated word: "err-or").
FILLERS: frozenset[str] = frozenset({
    "um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "err", "hmm", "hm", "hmmm",
    "mm", "mmm", "ah", "ahh", "eh",
})

#: Weight of "I think" before an opinion about the world, as opposed to a claim about oneself.
#: Source: PROSODY.md F6, "'I think' before an opinion counts half".
OPINION_HEDGE_WEIGHT: float = 0.5

#: The kinds of hedge that :func:`find_hedges` reports, in the order of PROSODY.md F6.
HEDGE_KINDS: tuple[str, ...] = (
    "hedge", "disclaimer", "tag_question", "apology", "stacked_intensifier",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text that matched a lexicon entry.

    Attributes
    ----------
    start_char, end_char : int
        Offsets into the text given to the finder (``text[start_char:end_char] == text``).
    text : str
        The matched text, as written.
    kind : str
        ``"filler"``, or one of :data:`HEDGE_KINDS`.
    weight : float
        How much this match counts in a per-100-words rate (1.0, or
        :data:`OPINION_HEDGE_WEIGHT` for "I think" before an opinion).
    """

    start_char: int
    end_char: int
    text: str
    kind: str = "hedge"
    weight: float = 1.0


_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


def count_words(text: str) -> int:
    """Count the words of ``text`` (runs of letters/digits, contractions kept whole)."""
    return len(_WORD_RE.findall(text))


def _span(text: str, start: int, end: int, kind: str, weight: float = 1.0) -> Span:
    return Span(start_char=start, end_char=end, text=text[start:end], kind=kind, weight=weight)


# --------------------------------------------------------------------------- fillers

_FILLER_RE = re.compile(
    r"(?<![\w'’-])(" + "|".join(sorted(FILLERS, key=len, reverse=True))
    + r")(?![\w'’]|-\w)",
    re.IGNORECASE,
)


def find_fillers(text: str) -> tuple[Span, ...]:
    """Find filled pauses ("um", "uh", "er", "erm", "hmm", "mm", "ah" ...).

    Parameters
    ----------
    text : str
        An answer, typed or transcribed.

    Returns
    -------
    tuple of Span
        One span per filler token, ``kind == "filler"``, in text order.
    """
    return tuple(_span(text, m.start(1), m.end(1), "filler") for m in _FILLER_RE.finditer(text))


# --------------------------------------------------------------------------- hedges

# Words after which "kind of"/"sort of" names a category ("what kind of team"), not a hedge.
_CATEGORY_DETERMINERS = (
    "the|a|an|this|that|these|those|what|which|whatever|some|any|every|each|no|one|same|other|"
    "another|different|right|wrong|new|all|many|several|certain|particular|similar|specific|"
    "first|second|last|best|worst|only|main|two|three|four|five|my|your|our|their|his|her|its"
)
_KIND_OF_RE = re.compile(
    rf"(?<!\w)(?:(?P<det>{_CATEGORY_DETERMINERS})\s+)?(?P<hedge>(?:kind|sort)s?\s+of)(?!\w)",
    re.IGNORECASE,
)

# "a little" hedges an adjective/adverb/comparative ("a little nervous"), not a quantity of a
# noun ("a little money", "a little startup").
_LITTLE_TARGETS = (
    "bit|nervous|worried|unsure|anxious|scared|afraid|shy|rusty|slow|slower|late|behind|hard|"
    "harder|difficult|tricky|tough|weak|lost|confused|overwhelmed|uncomfortable|awkward|off|"
    "out|more|less|better|worse|too|over|under|long|longer|short|unclear|uncertain|hesitant|"
    "intimidated|daunting|stressful|tired|insecure|underqualified|inexperienced|new|green|"
    "limited|lacking|different|strange|odd|messy|bumpy|disorganised|disorganized"
)
_A_LITTLE_RE = re.compile(
    r"(?<!\w)(?P<core>a\s+little)(?:\s+(?P<next>[a-z'’-]+))?", re.IGNORECASE,
)
_LITTLE_TARGET_RE = re.compile(rf"(?:{_LITTLE_TARGETS})$|\w+(?:ly|ed|ous|ive)$", re.IGNORECASE)

# "just" as a minimiser ("I just wanted", "it's just"); not the adjective ("a just decision"),
# not "just-in-time", "just in time", "just as", "just like", "not just", "just after/before",
# "just over/under/about" (+ quantity) or "just" + a number ("just 3 weeks").
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundred|a\\s+hundred|half|a\\s+few|a\\s+couple"
)
_JUST_RE = re.compile(r"(?<![\w-])just(?![\w-])", re.IGNORECASE)
_JUST_NOT_BEFORE = re.compile(
    r"(?:a|the|more|most|less|fair\s+and|fair|very|so|and)\s+$", re.IGNORECASE,
)
_JUST_NOT_AFTER = re.compile(
    rf"\s*(?:-?in-?time|\s*in\s+time\b|as\b|like\b|after\b|before\b|over\b|under\b|about\b|"
    rf"around\b|shy\s+of\b|now\b|cause\b|decision\b|reward\b|outcome\b|society\b|"
    rf"\d|\$|£|€|(?:{_NUMBER_WORDS})\b)",
    re.IGNORECASE,
)
_NOT_JUST_RE = re.compile(r"(?:not|n't)\s+$", re.IGNORECASE)

# "I think": not a hedge when it is thinking ("I think about", "I think of", "I think through");
# full weight before a claim about oneself ("I think I could", "I think my"), half before an
# opinion about the world ("I think the data shows").
_I_THINK_RE = re.compile(
    r"(?<!\w)I\s+(?:really\s+|honestly\s+|just\s+)?think(?!\w)(?P<after>[^.?!;]{0,40})",
    re.IGNORECASE,
)
_THINK_NOT_HEDGE = re.compile(
    r"^\s*(?:about|of|through|back|ahead|carefully|hard|deeply|critically|strategically|"
    r"differently|creatively|like\s+a|in\s+terms)\b",
    re.IGNORECASE,
)
_THINK_SELF = re.compile(
    r"^\s*,?\s*(?:that\s+)?(?:I|I'm|I’m|I'd|I’d|I'll|I’ll|I've|I’ve|me|my|myself|so)\b",
    re.IGNORECASE,
)

_SIMPLE_HEDGE_RE = re.compile(
    r"(?<![\w-])(?:I\s+guess|I\s+suppose|maybe|probably|perhaps|possibly|somewhat|"
    r"more\s+or\s+less|I(?:\s+would|'d|’d)\s+say|sorta|kinda)(?![\w-])",
    re.IGNORECASE,
)

_DISCLAIMER_RE = re.compile(
    r"(?<!\w)(?:"
    r"(?:I'?m|I’m|I\s+am)\s+not\s+(?:really\s+|totally\s+|entirely\s+|completely\s+|quite\s+|"
    r"a\s+hundred\s+percent\s+|100%\s+)?sure"
    r"|not\s+sure\s+(?:if|whether|but|how|what|that)"
    r"|(?:this|that|it)\s+(?:might|may|could)\s+(?:be|sound)\s+(?:wrong|silly|stupid|dumb|"
    r"strange|weird|obvious|crazy)"
    r"|I\s+(?:could|might|may)\s+be\s+wrong"
    r"|correct\s+me\s+if\s+I'?m\s+wrong"
    r"|I'?m\s+no\s+expert|I’m\s+no\s+expert|I\s+am\s+no\s+expert"
    r"|I\s+(?:don't|don’t|do\s+not)\s+(?:really\s+)?know\s+(?:if|whether|but|exactly|for\s+sure|"
    r"how\s+to\s+(?:say|put|explain))"
    r"|if\s+that\s+makes\s+(?:any\s+)?sense"
    r"|this\s+is\s+(?:probably\s+)?a\s+(?:silly|stupid|dumb)\s+question"
    r")(?!\w)",
    re.IGNORECASE,
)

_TAG_RE = re.compile(
    r"(?:,\s*|\s)(?P<tag>"
    r"right\s*\?|you\s+know\s*\?|yeah\s*\?|okay\s*\?|ok\s*\?|you\s+know\s+what\s+I\s+mean\s*\??"
    r"|don'?t\s+you\s+think\s*\?|wouldn'?t\s+you\s+(?:say|agree)\s*\?"
    r"|(?:is|are|was|were|do|does|did|has|have|would|could|can|should|will|wo)n['’]?t\s+"
    r"(?:it|they|you|he|she|we|that|there|I)\s*\?"
    r")",
    re.IGNORECASE,
)
# "you know" set off as a discourse marker: ", you know," or ", you know." / sentence end.
_YOU_KNOW_MARKER_RE = re.compile(
    r"(?:^|[,.;!?]\s*|\b(?:and|but|so|like)\s+)(?P<tag>you\s+know)(?=\s*(?:,|\.|$|\s+(?:I|it|we|"
    r"like|um|uh|the\s+way)\b))",
    re.IGNORECASE,
)
_AS_YOU_KNOW_RE = re.compile(r"(?:as|do|did|if|what|you)\s+$", re.IGNORECASE)

# "sorry": an apology for oneself unless it is sympathy ("sorry to hear", "sorry for your
# loss", "sorry about your ...", "feel sorry for").
_SORRY_RE = re.compile(r"(?<!\w)(?:sorry|I\s+apologi[sz]e|apologies)(?!\w)", re.IGNORECASE)
_SORRY_SYMPATHY_AFTER = re.compile(
    r"^\s*(?:to\s+hear|to\s+see|to\s+learn|to\s+say|to\s+report|to\s+tell\s+you|for\s+(?:your|their|his|her|the)\s+loss|"
    r"for\s+(?:you|them|him|her)\b|about\s+(?:your|their|his|her|the\s+loss)|"
    r"that\s+(?:happened|you|your|they|their))",
    re.IGNORECASE,
)
# Reported apologies on someone's behalf ("told the client we were sorry") are not the
# speaker apologising for themself in the interview.
_SORRY_SYMPATHY_BEFORE = re.compile(
    r"(?:feel|felt|feeling|(?:said|told\s+\w+|explained)\s+(?:that\s+)?(?:we|they)\s+(?:were|are)|"
    r"(?:we|they)\s+were)\s+$",
    re.IGNORECASE,
)

_INTENSIFIERS = "really|very|so|super|extremely|truly|totally|incredibly|absolutely|awfully"
_STACKED_RE = re.compile(
    rf"(?<![\w-])(?P<first>{_INTENSIFIERS})(?:\s+(?:{_INTENSIFIERS})(?![\w-]))+",
    re.IGNORECASE,
)
_CLAUSE_START_BEFORE = re.compile(r"(?:^|[.,;:!?]\s*|\b(?:and|but|or)\s+)$", re.IGNORECASE)


def _hedges(text: str) -> list[Span]:
    spans: list[Span] = []

    for m in _KIND_OF_RE.finditer(text):
        if m.group("det") is None:
            spans.append(_span(text, m.start("hedge"), m.end("hedge"), "hedge"))

    for m in _A_LITTLE_RE.finditer(text):
        nxt = m.group("next")
        if nxt is None or _LITTLE_TARGET_RE.match(nxt):
            end = m.end() if nxt and nxt.lower() == "bit" else m.end("core")
            spans.append(_span(text, m.start(), end, "hedge"))

    for m in _JUST_RE.finditer(text):
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 24]
        if (_JUST_NOT_BEFORE.search(before) or _NOT_JUST_RE.search(before)
                or _JUST_NOT_AFTER.match(after)):
            continue
        spans.append(_span(text, m.start(), m.end(), "hedge"))

    for m in _I_THINK_RE.finditer(text):
        after = m.group("after")
        if _THINK_NOT_HEDGE.match(after):
            continue
        weight = 1.0 if _THINK_SELF.match(after) or not after.strip() else OPINION_HEDGE_WEIGHT
        spans.append(_span(text, m.start(), m.start("after"), "hedge", weight))

    for m in _SIMPLE_HEDGE_RE.finditer(text):
        spans.append(_span(text, m.start(), m.end(), "hedge"))

    for m in _DISCLAIMER_RE.finditer(text):
        spans.append(_span(text, m.start(), m.end(), "disclaimer"))

    for m in _TAG_RE.finditer(text):
        spans.append(_span(text, m.start("tag"), m.end("tag"), "tag_question"))
    for m in _YOU_KNOW_MARKER_RE.finditer(text):
        if _AS_YOU_KNOW_RE.search(text[max(0, m.start("tag") - 5):m.start("tag")]):
            continue
        spans.append(_span(text, m.start("tag"), m.end("tag"), "tag_question"))

    for m in _SORRY_RE.finditer(text):
        after = text[m.end():m.end() + 30]
        before = text[max(0, m.start() - 30):m.start()]
        if _SORRY_SYMPATHY_AFTER.match(after) or _SORRY_SYMPATHY_BEFORE.search(before):
            continue
        spans.append(_span(text, m.start(), m.end(), "apology"))

    for m in _STACKED_RE.finditer(text):
        start = m.start()
        if (m.group("first").lower() == "so"
                and _CLAUSE_START_BEFORE.search(text[max(0, start - 6):start])):
            # "So, really, ..." / "and so very" at a clause start: "so" is a connective.
            rest = _STACKED_RE.match(text, m.end("first") + 1)
            if rest is None:
                continue
            start = rest.start()
            spans.append(_span(text, start, rest.end(), "stacked_intensifier"))
            continue
        spans.append(_span(text, start, m.end(), "stacked_intensifier"))

    return spans


def find_hedges(text: str) -> tuple[Span, ...]:
    """Find hedges and other powerless language (PROSODY.md F6).

    Parameters
    ----------
    text : str
        An answer, typed or transcribed.

    Returns
    -------
    tuple of Span
        Non-overlapping spans in text order; ``kind`` is one of :data:`HEDGE_KINDS` and
        ``weight`` is 1.0, or :data:`OPINION_HEDGE_WEIGHT` for "I think" before an opinion.
        Where two matches overlap ("I'm not sure, maybe"), the longer one is kept.
    """
    spans = sorted(_hedges(text), key=lambda s: (s.start_char, -(s.end_char - s.start_char)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start_char < kept[-1].end_char:
            continue
        kept.append(span)
    return tuple(kept)


def hedge_weight(spans: tuple[Span, ...]) -> float:
    """Sum the weights of hedge spans (the numerator of a per-100-words hedge rate)."""
    return float(sum(s.weight for s in spans))
