"""The ``not_after_your_job`` check of shared/CONTENT.md.

Not after your job: wanting the interviewer's own position.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    is_negated,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
from voice_coach.questions import Question

__all__ = ["check_not_after_your_job"]

_THEIR_SEAT = r"(?:job|role|position|seat|chair|title|desk|office|shoes|spot|place)"
_AFTER_JOB_PATTERNS = (
    re.compile(r"\b(?:sitting|sit|be|being|end\s+up|ending\s+up|seated)\s+(?:right\s+)?"
               r"(?:where\s+|in\s+the\s+(?:seat|chair|position)\s+(?:where\s+)?)you['’]?(?:re|\s+are)"
               r"(?:\s+(?:sitting|sat))?(?:\s+(?:right\s+)?(?:now|today))?", _I),
    re.compile(rf"\b(?:have|take|get|steal|fill|inherit|sit\s+in|sitting\s+in|be\s+in|being\s+in|"
               rf"doing|do|move\s+into|moving\s+into|step\s+into|stepping\s+into|"
               rf"take\s+over|grow\s+into|land|want|after|eyeing|eye|covet|gunning\s+for|"
               rf"aiming\s+for|aim\s+for|going\s+for)\s+your\s+(?:own\s+)?{_THEIR_SEAT}\b"
               rf"(?!\s+(?:description|posting|ad|advert|listing|offer|spec|requirements))", _I),
    re.compile(r"\b(?:replace|replacing|succeed|succeeding|take\s+over\s+from|be\s+your\s+boss|"
               r"become\s+your\s+boss|be\s+your\s+manager|manage\s+you|outrank\s+you)\b(?:\s+you)?"
               r"|\byour\s+(?:successor|replacement)\b|\bdoing\s+(?:exactly\s+)?what\s+you['’]?"
               r"(?:re|\s+are)?\s*do(?:ing)?\b|\bdo\s+(?:exactly\s+)?what\s+you\s+do\b|"
               r"\bbe\s+(?:where|who)\s+you\s+are\b|\bin\s+your\s+shoes\b|\bbe\s+you\b", _I),
)
_AFTER_JOB_PATTERNS = (
    *_AFTER_JOB_PATTERNS,
    # Taking their place when they leave: "once you move up, I'd like to step into ...".
    re.compile(r"\b(?:once|when|after|if)\s+you(?:['’]ve|\s+have)?\s+(?:\w+\s+)?(?:move[sd]?\s+"
               r"(?:up|on)|leave|left|retire|retired|get\s+promoted|step\s+(?:down|aside|up)|"
               r"go|move\s+on)\b[^.!?]{0,60}\b(?:step|move|take|fill|be\s+the\s+one|replace)|"
               r"\bwith\s+you\s+(?:moved|promoted|gone)\s+(?:on|up)\b|\b(?:on|to|from)\s+your\s+side\s+"
               r"of\s+the\s+(?:desk|table)\b", _I),
    # "be the one running this department", "want to be running this team".
    re.compile(r"\b(?:the\s+one|be|being)\s+(?:\w+\s+)?(?:running|heading|leading|managing|in\s+charge\s+"
               r"of)\s+(?:this|the\s+whole)\s+(?:department|team|division|unit|office|branch|"
               r"function|practice|ward|store)\b(?!['’]s)", _I),
    # "your job/position/chair" as the object of an ambition in the same sentence, in any
    # word order ("your position is the one I'd be aiming for", "so I guess your job ha").
    re.compile(r"\byour\s+(?:own\s+)?(?:job|position|chair|seat)\b(?!\s+(?:description|posting|ad|"
               r"advert|listing|offer|spec|requirements|sounds|seems|looks|must|easier|title\s+is))",
               _I),
)
_NAYJ_OBJECT_NEEDS_AMBITION = len(_AFTER_JOB_PATTERNS) - 1
_AMBITION = re.compile(
    r"\b(?:I['’]d|I\s+would|I\s+want|I\s+wanna|I\s+hope|I['’]m\s+(?:aiming|working\s+towards|"
    r"hoping|going\s+for)|aiming\s+for|aim\s+for|the\s+goal|my\s+goal|ideally|in\s+(?:\w+\s+)?"
    r"(?:five|ten|\d+|a\s+few)\s+years|one\s+day|eventually|long\s+term|working\s+towards|"
    r"see\s+myself|picture\s+myself)\b",
    _I,
)
_WANT_FRAME = re.compile(
    r"\b(?:want|wanna|like|love|hope|hoping|see\s+myself|picture\s+myself|imagine\s+myself|"
    r"aim|aiming|plan|planning|goal|dream|ambition|aspire|aspiring|intend|expect|going\s+to|"
    r"will|['’]ll|would|['’]d|eventually|one\s+day|someday|in\s+(?:\w+\s+){0,2}years|"
    r"after|eyeing|gunning|be|being|sitting)\b",
    _I,
)


def check_not_after_your_job(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    for pattern in _AFTER_JOB_PATTERNS:
        for m in pattern.finditer(text):
            s0, _ = _sentence_span(text, m.start())
            context = text[s0:m.end()]
            if is_negated(text, m.start() + 1) or re.search(
                    r"\b(?:not|never|no)\s+(?:\w+\s+){0,3}$", text[s0:m.start()], _I):
                continue  # "I'm not after your job"
            if not _WANT_FRAME.search(context):
                continue
            low = m.group(0).lower()
            if pattern is _AFTER_JOB_PATTERNS[_NAYJ_OBJECT_NEEDS_AMBITION]:
                s0, s1 = _sentence_span(text, m.start())
                before = text[max(s0, m.start() - 25):m.start()]
                if not _AMBITION.search(text[s0:s1]) or re.search(
                        r"\b(?:about|in|of|for|with|from|read|make|help|support|doing\s+well|"
                        r"easier|describe[sd]?)\s+$", before, _I):
                    continue
            if low.startswith(("succeed", "replac")) and not re.search(
                    r"\b(?:you|your)\b", text[m.start():m.end() + 12], _I):
                continue  # "succeed in sales", "replaced the old system"
            if low.startswith("be you") and re.search(r"^\s*(?:with|and|for|to|in)\b",
                                                      text[m.end():], _I):
                continue
            if re.match(r"[^.!?]{0,12}\b(?:in\s+terms\s+of|expertise|knowledge|skill|craft)\b|"
                        r"[^.!?]{0,40}\bnot\s+(?:the|your)\s+(?:title|job|role|position|seat)\b",
                        text[m.end():], _I):
                continue  # "where you are now in terms of expertise, not the title"
            if re.match(r"(?:help|support|assist|work\s+with|learn\s+from)", text[
                    max(0, m.start() - 20):m.start()].strip()[-12:], _I):
                continue
            spans.append((m.start(), m.end()))
    return Finding(_merge(spans))
