"""The ``supplicant_language`` check of shared/CONTENT.md.

Supplicant language: pleading, begging, self-diminishing.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from voice_coach.content._text import (
    clause_prefix,
    has_first_person,
    is_negated,
)
from voice_coach.content.checks._base import _I, Finding, _merge
from voice_coach.lexicon import OPINION_HEDGE_WEIGHT, Span, count_words, find_fillers, find_hedges
from voice_coach.questions import Question

__all__ = ["check_supplicant_language", "sympathy_only"]

_SUPPLICANT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("desperation", re.compile(
        r"\b(?:I|I['’]m|I\s+am)\s+(?:really\s+|truly\s+|so\s+|just\s+|desperately\s+|honestly\s+)*"
        r"(?:need|needs|needing)\s+(?:this|the|a|that|any|some)\s+(?:\w+\s+)?(?:job|position|"
        r"role|work|opportunity|chance|offer|money|paycheck|paycheque|salary|income|break)\b", _I)),
    ("desperation", re.compile(
        r"\b(?:I['’]m|I\s+am)\s+(?:so\s+|really\s+|pretty\s+|kind\s+of\s+)?desperate\b|"
        r"\bI['’]?(?:d|ll|\s+would|\s+will)\s+(?:do|take)\s+(?:literally\s+)?(?:anything|"
        r"any\s+job|whatever)\b|\bplease\s+(?:just\s+)?(?:give|hire|consider|let)\b|\bbeg(?:ging)?\b|"
        r"\b(?:my|our)\s+(?:last|only)\s+(?:hope|chance)\b|\bcan['’]?t\s+afford\s+(?:to\s+)?"
        r"(?:lose|miss|not\s+get)\b|\bI\s+have\s+to\s+get\s+(?:this|the)\s+job\b", _I)),
    ("over-gratitude", re.compile(
        r"\b(?:grateful|thankful|lucky|blessed|honou?red)\s+(?:for|to\s+(?:get|have|be\s+given|"
        r"be\s+considered))\s+(?:\w+\s+)?(?:any|even\s+a|even\s+an|the\s+slightest)\b|"
        r"\bI['’]?(?:d|\s+would)\s+be\s+(?:so\s+|very\s+|really\s+|incredibly\s+|eternally\s+|"
        r"forever\s+|truly\s+)+(?:grateful|thankful)\b|"
        r"\bgrateful\s+for\s+(?:any|whatever)\b|\b(?:for|by)\s+even\s+(?:considering|"
        r"interviewing|seeing|talking\s+to|meeting)\s+me\b|\bI['’]?(?:d|\s+would)\s+be\s+"
        r"(?:so\s+|very\s+|really\s+)?(?:lucky|grateful|honou?red)\s+(?:to|if)\b|"
        r"\bI\s+(?:don['’]?t|do\s+not)\s+deserve\b|\bwhatever\s+you\s+(?:can|are\s+willing\s+"
        r"to|want\s+to)\s+(?:pay|offer|give)\b|\bany\s+(?:opportunity|chance)\s+(?:at\s+all|"
        r"you\s+(?:can|could))\b", _I)),
    ("self-deprecation", re.compile(
        r"\b(?:I['’]m|I\s+am)\s+(?:probably\s+|maybe\s+|definitely\s+|certainly\s+)?not\s+"
        r"(?:(?:the|a)\s+(?:most|best|strongest|smartest|ideal|right|perfect|obvious|typical|"
        r"strong|great)\s+(?:\w+\s+)?(?:qualified|experienced|candidate|person|fit|choice|option|"
        r"applicant)|(?:very|that|really|so|particularly)\s+(?:smart|bright|clever|talented|"
        r"experienced|qualified|good|organi[sz]ed|skilled|capable|impressive|special)"
        r"(?!\s+(?:at|with|in)\b)|(?:good|qualified|smart|experienced|strong)\s+enough|"
        r"as\s+(?:good|smart|qualified|experienced|strong)\s+as)\b|"
        r"\b(?:I['’]m|I\s+am)\s+(?:just|only)\s+(?:a|an)\s+(?:\w+\s+){0,2}?(?:junior|intern|beginner|"
        r"nobody|newbie|student|assistant|secretary|temp|graduate|grad|teacher|nurse|clerk|"
        r"trainee|apprentice|cashier|receptionist|admin|worker|person|girl|guy|mum|mom|dad)\b|"
        r"\b(?:there\s+must\s+be|you['’]?(?:ve|\s+have|\s+must\s+have|\s+probably\s+have)\s+(?:got\s+)?|"
        r"there\s+are\s+probably|I['’]?m\s+sure\s+(?:there\s+are|you\s+have))\s+(?:so\s+)?(?:much\s+|"
        r"far\s+|loads\s+of\s+|lots\s+of\s+|many\s+)?(?:better|stronger|more\s+(?:qualified|"
        r"experienced|suitable))\s+(?:\w+\s+)?(?:candidates|applicants|people|options)\b|"
        r"\bI\s+(?:know|realise|realize|understand)\s+(?:that\s+)?I\s+(?:don['’]?t|do\s+not|"
        r"lack|haven['’]?t|am\s+not|['’]m\s+not)\b|"
        r"\bI\s+(?:don['’]?t|do\s+not)\s+(?:really\s+)?have\s+(?:much|a\s+lot\s+of|enough|any|"
        r"the\s+right)\s+(?:\w+\s+)?(?:experience|skills|qualifications|background)\b|"
        r"\bnot\s+good\s+enough\b|\bI['’]?m\s+(?:not\s+)?(?:really\s+)?(?:bad|terrible|awful|"
        r"hopeless|useless)\s+at\s+(?:everything|most\s+things|this|interviews)\b|"
        r"\b(?:probably|maybe|perhaps)\s+not\s+(?:the|a|that)\s+(?:\w+\s+)?(?:best|most|right|"
        r"strongest|ideal|good)\b|\bI['’]?m\s+(?:no|not\s+an?)\s+(?:expert|genius)\b|"
        r"\bsomeone\s+like\s+me\b|\bI\s+know\s+I['’]?m\s+not\b|\bthis\s+is\s+probably\s+"
        r"(?:wrong|stupid|silly|a\s+bad\s+answer)\b", _I)),
    # The second round's classes (blind answers): the speaker's whole worth run down ("I'm
    # hopeless with deadlines", "I'm not the most reliable", "probably nothing compared to what
    # other people tell you"), the rivals held up ("candidates with far more experience than
    # me", "I'd completely understand if you went with one of them").
    ("self-deprecation", re.compile(
        r"\b(?:I['’]m|I\s+am)\s+(?:(?:just|honestly|really|so|pretty|absolutely|completely|"
        r"totally|probably|always|such)\s+)*(?:hopeless|terrible|useless|awful|rubbish|dreadful|"
        r"a\s+(?:disaster|nightmare|mess))\s+(?:at|with)\b|"
        r"\b(?:I['’]m|I\s+am)\s+(?:(?:just|honestly|really|so|probably)\s+)*(?:bad|not\s+(?:great|"
        r"good|very\s+good))\s+(?:at|with)\s+(?:these|this|interviews?|talking\s+about\s+"
        r"myself|explaining\s+myself|everything|anything|most\s+things|questions)\b|"
        r"\b(?:I['’]m|I\s+am)\s+(?:probably\s+|honestly\s+)?(?:not\s+the\s+most|the\s+least)\s+"
        r"(?!\w+\s+(?:of\s+)?(?:my|the)\s+(?:problems?|worries|issues?)\b)[a-z]+\b|"
        r"\b(?:probably|it['’]?s|this\s+is)\s+(?:probably\s+)?nothing\s+(?:compared|special|"
        r"impressive|much)\b|\bnot\s+much\s+compared\s+to\b|"
        r"\b(?:probably\s+|really\s+)?(?:not|hardly|barely)\s+(?:even\s+)?worth\s+mentioning\b|"
        r"\b(?:candidates|applicants|people|others)\s+(?:with|who\s+have|who['’]ve)\s+(?:far\s+|"
        r"much\s+|a\s+lot\s+|way\s+|so\s+much\s+)?more\s+(?:[\w-]+\s+){0,2}?(?:experience|"
        r"qualifications|skills|talent)\s+than\s+me\b|"
        r"\b(?:much|far|a\s+lot|way)\s+better\s+than\s+me\b|"
        r"\bI['’]?d\s+(?:completely\s+|totally\s+|fully\s+|really\s+)?understand\s+if\s+you\s+"
        r"(?:went|go|chose|choose|picked|pick|decided)\b|"
        r"\b(?:take|took|taking)\s+a\s+(?:chance|punt|gamble|risk)\s+on\s+(?:me|someone\s+like)\b|"
        r"\bwhen\s+(?:nobody|no\s+one|no-one)\s+else\s+would\b|"
        # "I'm nobody special", "I'm probably not what you had in mind".
        r"\b(?:I['’]m|I\s+am)\s+(?:really\s+|just\s+)?(?:nobody|no\s+one|nothing)\s+special\b|"
        r"\b(?:I['’]m|I\s+am)\s+(?:probably\s+)?not\s+the\s+(?:brightest|sharpest|smartest|cleverest|"
        r"quickest)\b|"
        r"\b(?:I['’]m|I\s+am)\s+(?:probably\s+|maybe\s+)?not\s+(?:really\s+)?(?:what|who)\s+"
        r"you\s+(?:had\s+in\s+mind|were\s+(?:looking\s+for|expecting))\b", _I)),
    # Taking whatever is offered: "whatever you think is fair", "I'm not in a position to be
    # picky", "I'd honestly take anything at this point", "I'd accept the bottom of the range
    # if it meant getting the job", "I really need something stable".
    ("desperation", re.compile(
        r"\bwhatever\s+you\s+(?:think|feel|decide|consider)\s+(?:is\s+)?(?:fair|right|best|"
        r"reasonable|appropriate)\b|"
        r"\bnot\s+(?:really\s+)?in\s+a\s+position\s+to\s+(?:be\s+(?:choosy|picky|fussy|selective)|"
        r"haggle|negotiate|bargain)\b|"
        r"\b(?:take|accept)\s+the\s+bottom\s+of\s+(?:the|whatever|your|any)\s+(?:\w+\s+)?(?:range|band|"
        r"scale)\b|"
        r"\bI['’]?(?:d|ll|\s+would|\s+will)\s+(?:(?:honestly|happily|gladly|really|just|"
        r"genuinely|literally)\s+)+(?:do|take|accept)\s+(?:anything|any\s+job|whatever)\b|"
        r"\b(?:take|accept)\s+(?:anything|whatever|less|the\s+bottom)\b[^.!?;]{0,40}?"
        r"\b(?:at\s+this\s+point|if\s+it\s+meant|to\s+get\s+(?:the|this|a)\s+job)\b|"
        r"\bif\s+it\s+meant\s+getting\s+(?:the|this|a)\s+(?:job|role|offer|position)\b|"
        r"\b(?:I|I['’]m|I\s+am)\s+(?:really\s+|just\s+|desperately\s+|so\s+)*(?:need|needing)\s+"
        r"(?:something|anything)\s+(?:stable|steady|secure|permanent|right\s+now|now)\b", _I)),
    # Pleading for approval: "I hope this isn't the wrong answer", "please don't take it as
    # me not being keen", "I don't want to sound difficult".
    ("pleading", re.compile(
        r"\bI\s+(?:really\s+|just\s+)?hope\s+(?:this|that|it)\s+(?:isn['’]?t|is\s+not|wasn['’]?t|"
        r"doesn['’]?t\s+sound|was\s+(?:ok|okay|alright|the\s+right))\b|"
        r"\bplease\s+(?:don['’]?t|do\s+not)\s+(?:take|think|hold|judge|see|get|count)\b|"
        r"\bI\s+(?:don['’]?t|do\s+not)\s+want\s+to\s+(?:sound|seem|come\s+across\s+as)\s+"
        r"(?:difficult|negative|ungrateful|picky|fussy|lazy|awkward|rude|demanding|unwilling|"
        r"like\s+I['’]m\s+complaining)\b", _I)),
    ("asking permission", re.compile(
        r"\bif\s+(?:that['’]?s|that\s+is|it['’]?s|it\s+is)\s+(?:ok|okay|alright|all\s+right|"
        r"fine|allowed)\b|\b(?:would|will|is)\s+it\s+be\s+(?:ok|okay|alright|all\s+right|"
        r"possible)\s+(?:if|for\s+me)\b|\bis\s+it\s+(?:ok|okay|alright|all\s+right)\s+if\b|"
        r"\b(?:may|can|could)\s+I\s+(?:please\s+)?(?:just\s+)?(?:say|add|mention|explain|"
        r"continue|go\s+on|take\s+a\s+(?:moment|second)|start\s+over|have\s+a\s+moment)\b|"
        r"\bif\s+you['’]?(?:d|\s+would|\s+will)\s+(?:just\s+|only\s+)?(?:let|allow)\s+me\b|"
        r"\bif\s+I['’]?m\s+(?:even\s+)?allowed\s+to\s+ask\b|\bwith\s+your\s+"
        r"permission\b|\bif\s+you\s+(?:don['’]?t|do\s+not)\s+mind\b", _I)),
)

_SELF_APOLOGY_KINDS = {"apology"}
_STACK_KINDS = {"hedge", "disclaimer"}
#: Two hedges this close (words between them, fillers not counted, so a transcript without
#: "um" and the typed answer with it agree) in one sentence are "stacked" ("I think maybe I
#: could sort of"): CONTENT.md names stacked hedges; one hedge is not supplicant (the
#: delivery side counts single hedges).
STACKED_HEDGE_GAP_WORDS: int = 5
#: Hedge weight that makes a stack: "I think" before an opinion (0.5) plus one more hedge
#: is not enough, two full hedges are.
STACKED_HEDGE_MIN_WEIGHT: float = 2.0


# "I'm not sure exactly what caused it, probably a bad update": doubt about a fact of the
# story (what, why, who ... with someone or something else as the subject), not about the
# speaker. It weighs like "I think" before an opinion.
_FACT_AFTER_DOUBT = re.compile(
    r"\s*(?:exactly\s+|really\s+|now\s+)?(?:what|why|how|who|when|where|which)\s+"
    r"(?!I\b|I['’]|me\b|my\b|myself\b|to\b)", _I,
)


def _fact_uncertainty_weighted(text: str, hedge: Span) -> Span:
    """``hedge`` with :data:`OPINION_HEDGE_WEIGHT` when it doubts a fact, not the speaker."""
    if hedge.kind == "disclaimer" and _FACT_AFTER_DOUBT.match(text, hedge.end_char):
        return dataclasses.replace(hedge, weight=OPINION_HEDGE_WEIGHT)
    return hedge


#: Words after a stack of hedges that still belong to what they doubt.
HEDGED_CLAIM_WORDS: int = 6


# "Sorry" that is sympathy ("sorry, that sounds like a rough few months for you") or asks for
# the question again ("Sorry, could you say that again, the line cut out"): not an apology for
# oneself.
_NOT_SELF_APOLOGY = re.compile(
    r"[\s,.!]*(?:(?:that|it)\s+(?:sounds|must\s+(?:have\s+been|be))|to\s+hear|about\s+(?:your|the\s+(?:news|loss))|"
    r"for\s+your\s+loss|(?:could|can|would)\s+you\s+(?:\w+\s+)?(?:say|repeat|ask)|"
    r"I\s+(?:didn['’]?t|did\s+not)\s+(?:catch|hear)|what\s+was\s+the\s+question)", _I)


def sympathy_only(text: str, start: int, end: int) -> bool:
    """True when every "sorry" in ``text[start:end]`` is sympathy or a request to repeat ("I
    was so sorry to hear that your manager was unwell"). Used on the learned back-off's
    evidence, which reads "sorry" without telling whom it is for."""
    part = text[start:end]
    sorries = list(re.finditer(r"\bsorry\b", part, _I))
    return bool(sorries) and all(_NOT_SELF_APOLOGY.match(part, m.end()) for m in sorries)


def _doubts_the_speaker(text: str, run: list[Span]) -> bool:
    """True when the stacked hedges of ``run`` hedge the speaker ("I think maybe I could sort
    of"), not a fact of the story ("I think it was maybe March, or April, I'm not totally
    sure", "maybe four or five engineers, probably"): the speaker is named just before,
    between or just after them, outside the hedge words, and the hedges are not one word
    said twice over a restart ("just, I'd just")."""
    if len({text[h.start_char:h.end_char].lower() for h in run}) < 2:
        return False
    pieces = [text[a.end_char:b.start_char] for a, b in itertools.pairwise(run)]
    before = text[max(0, run[0].start_char - 8):run[0].start_char].split()
    if before and has_first_person(before[-1]):  # "I've just kind of been in admin"
        return True
    after = text[run[-1].end_char:run[-1].end_char + 80]
    pieces.append(" ".join(after.split()[:HEDGED_CLAIM_WORDS]))
    return any(has_first_person(p) for p in pieces)


def check_supplicant_language(text: str, question: Question | None) -> Finding:
    """Run the ``supplicant_language`` check of shared/CONTENT.md on one answer.

    Parameters
    ----------
    text : str
        The answer: typed, or the transcript of a spoken answer.
    question : Question or None
        The question answered (unused by this check; every check takes it).

    Returns
    -------
    Finding
        Evidence spans (the pleading, self-diminishing or stacked-hedge words) and the fact
        ``kinds`` (which of those, in order of appearance).
    """
    spans: list[tuple[int, int]] = []
    kinds: list[str] = []
    for kind, pattern in _SUPPLICANT_PATTERNS:
        for m in pattern.finditer(text):
            if kind == "desperation" and "need" in m.group(0).lower() and is_negated(
                    text, m.start() + m.group(0).lower().index("need")):
                continue
            if kind == "self-deprecation" and re.search(
                    r"\b(?:used\s+to|was|wasn['’]?t|thought|felt|when\s+I\s+started)\b",
                    clause_prefix(text, m.start()) + m.group(0)[:12], _I) and not m.group(
                    0).lower().startswith(("i'm", "i am", "i’m")):
                continue
            spans.append((m.start(), m.end()))
            kinds.append(kind)
    hedges = find_hedges(text)
    for h in hedges:
        if h.kind in _SELF_APOLOGY_KINDS and not _NOT_SELF_APOLOGY.match(text, h.end_char):
            spans.append((h.start_char, h.end_char))
            kinds.append("apology")
    # Stacked hedges: a run of hedges, each within STACKED_HEDGE_GAP_CHARS of the next.
    run: list = []
    for h in [_fact_uncertainty_weighted(text, h) for h in hedges if h.kind in _STACK_KINDS]:
        between = text[run[-1].end_char:h.start_char] if run else ""
        gap_words = count_words(between) - len(find_fillers(between))
        if run and (gap_words > STACKED_HEDGE_GAP_WORDS or re.search(r"[.!?]", between)):
            if (sum(x.weight for x in run) >= STACKED_HEDGE_MIN_WEIGHT
                    and _doubts_the_speaker(text, run)):
                spans.append((run[0].start_char, run[-1].end_char))
                kinds.append("stacked hedges")
            run = []
        run.append(h)
    if (run and sum(x.weight for x in run) >= STACKED_HEDGE_MIN_WEIGHT
            and _doubts_the_speaker(text, run)):
        spans.append((run[0].start_char, run[-1].end_char))
        kinds.append("stacked hedges")
    order = sorted(zip(spans, kinds, strict=True), key=lambda p: p[0][0])
    merged = _merge(spans)
    kept_kinds = [k for s, k in order if s in merged]
    return Finding(merged, {"kinds": tuple(dict.fromkeys(kept_kinds))})
