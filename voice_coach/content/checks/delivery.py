"""The ``delivery_promises`` check of shared/CONTENT.md.

Delivery promises: on time, early, under budget, as a promise or a record.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    clause_prefix,
    is_negated,
)
from voice_coach.content.checks._base import _I, Finding, _merge
from voice_coach.questions import Question

__all__ = ["check_delivery_promises"]

_DELIVERY_VERB = (
    r"(?:deliver(?:ed|s|ing)?|ship(?:ped|s|ping)?|launch(?:ed|es|ing)?|finish(?:ed|es|ing)?|"
    r"complet(?:e|ed|es|ing)|hand(?:ed)?\s+(?:it\s+)?over|releas(?:e|ed|es|ing)|"
    r"roll(?:ed)?\s+(?:it\s+|them\s+)?out|rolled|clos(?:e|ed|ing)|wrap(?:ped)?\s+up|"
    r"land(?:ed)?|c[oa]me\s+in|hit|meet|met|submit(?:ted)?|turn(?:ed)?\s+around|"
    r"deploy(?:ed)?|went\s+live|go\s+live|implement(?:ed)?|migrat(?:e|ed)|built|build|"
    r"produc(?:e|ed)|execut(?:e|ed)|publish(?:ed)?|got\s+(?:it|them|this|that)\s+done|"
    r"get\s+(?:it|them|this|that|things)\s+done|done|ready|live|out)"
)
_TIMELY = (
    r"(?:on\s+time|on\s+schedule|on\s+budget|ahead\s+of\s+(?:schedule|time|the\s+deadline|"
    r"plan|target|deadline)|before\s+(?:the|its|our|their|your|every|each|a|my)\s+(?:[\w-]+\s+)?"
    r"deadlines?|(?:under|within|below|inside)\s+(?:the\s+|our\s+|their\s+|its\s+)?budget|"
    r"under\s+cost|faster\s+than\s+(?:planned|expected|scheduled|estimated|promised|"
    r"the\s+(?:plan|estimate|deadline))|ahead\s+of\s+plan|in\s+record\s+time|"
    r"(?:\w+|\d+)\s+(?:days?|weeks?|months?)\s+(?:early|ahead|before\s+the\s+deadline)|"
    r"earlier\s+than\s+(?:planned|expected|promised)|by\s+the\s+deadline|"
    r"(?:\w+\s+)?(?:percent|%)\s+under\s+budget|"
    r"early(?=\s*(?:[.,;!?]|$|and\b|but\b|so\b|which\b|too\b|every\b)))"
)
_DELIVERY_PATTERNS = (
    # A delivery verb with a timeliness/budget phrase in the same clause.
    re.compile(rf"\b{_DELIVERY_VERB}\b[^.;!?]{{0,60}}?\b{_TIMELY}", _I),
    # "over-deliver", "exceed expectations", "under-promise and over-deliver".
    re.compile(r"\bover[\s-]?deliver\w*|\bexceed(?:ed|s|ing)?\s+(?:\w+\s+)?expectations\b|"
               r"\bunder[\s-]?promise\w*", _I),
    # "never missed a deadline", "meet every deadline", "hit all our milestones".
    re.compile(r"\b(?:never|not\s+once|haven['’]?t|have\s+not|hasn['’]?t)\s+(?:\w+\s+)?missed\s+"
               r"(?:a|one|any|the|a\s+single)\s+(?:\w+\s+)?(?:deadline|milestone|"
               r"delivery|launch|release|target)s?\b", _I),
    re.compile(r"\b(?:meet|met|hit|beat|make|made|hitting|meeting|beating)\s+(?:every|all|each|"
               r"all\s+(?:of\s+)?(?:my|our|the|their))\s+(?:\w+\s+)?(?:deadlines?|milestones?|"
               r"targets?|sprint\s+goals?|release\s+dates?)\b", _I),
    re.compile(r"\b(?:always|consistently|reliably|every\s+time)\b[^.;!?]{0,25}\b"
               rf"{_DELIVERY_VERB}\b[^.;!?]{{0,30}}?\b(?:on\s+time|early|under\s+budget|"
               r"what\s+I\s+promise|what\s+I\s+say|results)", _I),
    re.compile(r"\b(?:I|we)\s+(?:always\s+|reliably\s+|consistently\s+)?(?:deliver|ship|"
               r"get\s+(?:it|things|the\s+job)\s+done)\s+(?:on\s+time|early|under\s+budget|"
               r"what\s+I\s+promise|results\s+on\s+time)", _I),
)
_DELIVERY_PATTERNS = (
    *_DELIVERY_PATTERNS,
    # Any achieved or promised act with a strong timeliness phrase: "we opened it a month
    # ahead of schedule", "I always delivered ahead of the date", "both opened on the
    # planned date". The verb is checked below (not punctuality, not negated).
    re.compile(r"\b(?:I|we|I['’]ll|we['’]ll|I['’]d|I['’]ve|we['’]ve|both|all|it|they|the\s+\w+|"
               r"which)\s+"
               r"(?:\w+\s+){0,6}?(?:ahead\s+of\s+(?:the\s+|its\s+|our\s+|their\s+|your\s+)?"
               r"(?:schedule|date|deadline|plan|target|time)|on\s+(?:the\s+)?(?:planned|agreed|"
               r"promised|target|scheduled|original)\s+(?:date|day)|(?:under|within|inside|below)\s+"
               r"(?:the\s+|our\s+|their\s+|its\s+|your\s+|what\s+)?(?:\w+\s+){0,3}?budget|"
               r"(?:under|below)\s+what\s+\w+\s+had\s+(?:signed\s+off|approved|budgeted)|"
               r"on\s+(?:or\s+before|schedule|budget)|before\s+(?:the|its|your|our|their)\s+(?:\w+\s+)?"
               r"(?:deadline|due\s+date|go-live))\b", _I),
    # A promised date kept: "promised we'd have it restored by end of day, which we did".
    re.compile(r"\b(?:promised|said|committed|told\s+\w+)\b[^.;!?]{0,60}?\bby\s+(?:the\s+)?"
               r"(?:end\s+of\s+(?:the\s+)?(?:day|week|month|quarter)|\w+day|tomorrow|morning|"
               r"deadline|date)\b[^.;!?]{0,15}?\b(?:which|and)\s+(?:we|I)\s+did\b", _I),
    # A clean record: "zero late payments for three years", "no missed delivery windows",
    # "if I say Friday it's Friday".
    re.compile(r"\b(?:zero|no|not\s+a\s+single|not\s+one)\s+(?:late|missed|overdue|delayed)\s+"
               r"\w+|\bnever\s+(?:\w+\s+)?missed\s+(?:a|one|any|the|a\s+single)\s+(?:\w+\s+){0,2}?"
               r"(?:window|date|payroll|payment|shipment|slot|handover|filing)s?\b|\bif\s+I\s+say\s+"
               r"(?P<day>\w+day)\b[^.]{0,10}?\b(?:it['’]s|it\s+is|you['’]ll\s+have\s+it)\s+(?P=day)",
               _I),
    # "get it into production faster", "done in four and a half (weeks) against six".
    re.compile(r"\b(?:get|getting|got|bring|deliver|ship)\s+(?:it|them|this|that|things)\s+"
               r"(?:\w+\s+){0,3}?(?:faster|sooner|quicker|earlier)\b|\bsupposed\s+to\s+take\s+"
               r"[^.;!?]{0,40}?\b(?:got|had|finished|did)\s+(?:it\s+)?(?:done\s+)?in\b", _I),
)
_DELIVERY_PATTERNS = (
    *_DELIVERY_PATTERNS,
    # "brought the school extension in two weeks early / under budget / on time".
    re.compile(rf"\b(?:brought|bring|bringing|came|come|coming)\s+(?:[\w'’-]+\s+){{0,5}}?in\s+"
               rf"{_TIMELY}", _I),
)
_DELIVERY_NO_NEG = frozenset({2, len(_DELIVERY_PATTERNS) - 3})
_LATE_AFTER = re.compile(r"\s*(?:late|behind|over\s+budget)", _I)


def check_delivery_promises(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    for i, pattern in enumerate(_DELIVERY_PATTERNS):
        for m in pattern.finditer(text):
            if i not in _DELIVERY_NO_NEG and is_negated(text, m.start() + 1):
                continue  # "we didn't ship on time"; pattern 2 is itself a negated miss
            inner = m.group(0)
            if i >= 6 and re.search(r"\b(?:arriv|show|turn\s+up|came\s+to\s+work|clock|"
                                    r"get\s+to\s+work|start\s+work)", inner, _I):
                continue  # punctuality, not delivery
            if i >= 6 and re.search(r"\b(?:contractor|supplier|vendor|they|he|she)\b",
                                    inner[:20], _I) and not re.search(r"\b(?:I|we)\b", inner, _I):
                continue  # someone else's delivery
            if i not in _DELIVERY_NO_NEG and re.search(
                    r"\b(?:not|n['’]t|never|no|failed|missed|late)\b", inner,
                                    _I):
                continue  # "shipped it, but not on time"
            if i == 0 and re.search(r"\b(?:arriv|show|turn\s+up|came\s+to\s+work|come\s+to\s+"
                                    r"work|get\s+to\s+work|clock)", inner, _I):
                continue  # punctuality, not delivery
            if i == 0 and re.search(r"\b(?:that|which|who)\s+\w+\b[^.;!?]*\bearly\s*$", inner,
                                    _I):
                continue  # "built a dashboard that helped spot students early": another verb
            if re.search(r"\b(?:if|unless|whether)\b", clause_prefix(text, m.start()), _I):
                continue
            spans.append((m.start(), m.end()))
    return Finding(_merge(spans))
