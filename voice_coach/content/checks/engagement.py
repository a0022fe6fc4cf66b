"""The ``engagement`` check of shared/CONTENT.md.

Engagement: a real question for the interviewer, or a researched idea.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    is_negated,
    sentences,
)
from voice_coach.content.checks._base import _I, Finding, _merge
from voice_coach.questions import Question

__all__ = ["check_engagement"]

_QUESTION_WORD = re.compile(
    r"^\s*(?:(?:and|so|also|but|um|uh|well|actually|oh)[,\s]+)*(?:how|what|what['’]s|which|"
    r"who|why|where|when|is|are|does|do|did|could|can|would|will|have|has|may)\b", _I,
)
# "How/what/why" followed at once by an auxiliary ("what is the biggest challenge your team
# faces"): a direct question even when Whisper ran it into the previous sentence and left out
# the "?". Not "which/where/when/who": after a comma those open relative clauses ("..., which
# is exactly where those models matter").
_WH_INVERSION = re.compile(
    r"^\s*(?:(?:and|so|also|but|um|uh|well|actually|oh|now)[,\s]+)*(?:how|what|why)\s+"
    r"(?:is|are|was|were|does|do|did|would|will|could|can|has|have|should)\b", _I,
)
# "What is important for your team is speed": a pseudo-cleft statement, not a question.
_PSEUDO_CLEFT = re.compile(
    r"^\s*(?:(?:and|so|but|now)[,\s]+)*what\s+(?:is|was)\s+(?:really\s+|most\s+)?(?:important|"
    r"key|crucial|critical|essential|needed|required|clear|interesting|great|best|hardest|"
    r"vital|missing|striking)\b", _I,
)
_INTERVIEWER_REF = re.compile(
    r"\b(?:you|your|yours|the\s+team|this\s+team|the\s+role|this\s+role|this\s+position|"
    r"the\s+position|the\s+company|the\s+department|the\s+business|success|challenges?|"
    r"priorities|goals?|the\s+first\s+\w+\s+days|the\s+biggest|the\s+hardest|onboarding)\b", _I,
)
_NOT_REAL_QUESTION = re.compile(
    r"\b(?:does\s+(?:that|this)\s+(?:make\s+sense|answer|help)|did\s+(?:I|that)\s+answer|"
    r"is\s+(?:that|this)\s+(?:ok|okay|alright|all\s+right|what\s+you|fine|enough|good)|"
    r"do\s+you\s+(?:know|see)\s+what\s+I\s+mean|you\s+know\s+what\s+I\s+mean|"
    r"am\s+I\s+(?:making|rambling|talking|going)|should\s+I\s+(?:go\s+on|continue|stop|keep)|"
    r"can\s+I\s+(?:go\s+on|continue|start\s+(?:again|over))|"
    r"could\s+you\s+repeat|can\s+you\s+repeat|what\s+was\s+the\s+question|"
    r"(?:can|could|may)\s+I\s+(?:please\s+)?(?:just\s+)?(?:say|add|mention|go|have|take|"
    r"start|explain|finish)\b|if\s+you\s+(?:don['’]?t|do\s+not)\s+mind|"
    r"(?:would|will|is)\s+it\s+be\s+(?:ok|okay|alright|fine)|"
    r"when\s+(?:will|would|do|can)\s+I\s+(?:hear|know|get|start)|"
    r"(?:right|you\s+know|isn['’]?t\s+it|don['’]?t\s+you\s+think|yeah|okay)\s*\?)", _I,
)
_SELF_ANSWERED = re.compile(
    r"^\s*(?:(?:and|so|but|well)[,\s]+)*(?:what|how|why|where|when)\s+(?:did|do|could|would|"
    r"was|were|can|should)\s+(?:I|we|my|our)\b|^\s*(?:the\s+result|the\s+outcome|the\s+lesson)\b",
    _I,
)
_REPORTED = re.compile(
    r"\b(?:asked|ask|asking|wondered|told|wanted\s+to\s+know)\s+(?:me|him|her|them|us|the\s+\w+|"
    r"my\s+\w+|our\s+\w+)?\s*(?:what|how|why|whether|if|where|when)\b", _I,
)
_INDIRECT_QUESTION = re.compile(
    r"\bI['’]?(?:d|\s+would)\s+(?:really\s+)?(?:love|like|want|be\s+(?:keen|interested|curious))\s+"
    r"to\s+(?:know|hear|understand|learn|ask|find\s+out)\s+(?:is\s+|more\s+)?(?:about\s+)?(?:how|"
    r"what|which|why|whether|where|your|the\s+team|about)\b|\bI['’]?m\s+(?:really\s+|very\s+)?curious\s+"
    r"(?:about|how|what|which|whether|why)\b|\b(?:could|can|would)\s+you\s+(?:tell|walk)\s+"
    r"me\b|\btell\s+me\s+(?:more\s+)?about\s+(?:your|the\s+team|how\s+you)\b|\bmay\s+I\s+ask\b|"
    r"\bcan\s+I\s+ask\s+(?:what|how|about|which|whether|why)\b", _I,
)
_IDEA = re.compile(
    r"\b(?:I['’]?(?:d|\s+would)\s+(?:suggest|propose|recommend|start\s+by|love\s+to\s+(?:try|"
    r"explore|test|pilot|bring))|I['’]?(?:d|\s+would)\s+(?:want|like|love)\s+to\s+(?:try|test|"
    r"pilot|explore|model|trial|introduce|set\s+up|look\s+at\s+whether|sit\s+with)|"
    r"one\s+thing\s+I['’]?(?:d|\s+would)\s+(?:want|like|love)\s+to|one\s+idea|an\s+idea|my\s+idea|I\s+have\s+(?:an\s+|a\s+few\s+|"
    r"some\s+)?ideas?|what\s+if\s+(?:you|we|the\s+team)|you\s+(?:could|might)\s+(?:try|"
    r"consider|test|add|offer|use)|I\s+(?:noticed|saw|read|found)\s+(?:that\s+)?(?:on\s+"
    r"your\s+\w+\s+(?:that\s+)?)?(?:your|you)\b(?![^.]{0,20}\bjob\s+(?:description|posting|"
    r"ad)\b)|based\s+on\s+(?:my|some)\s+research|from\s+my\s+research|I\s+(?:researched|"
    r"looked\s+(?:at|into))\s+(?:your|the\s+company))", _I,
)
# Yes/no questions: an auxiliary, then the interviewer or their side as subject.
_YN_INVERSION = re.compile(
    r"^\s*(?:(?:and|so|also|but|um|uh|well|actually|oh|yeah|okay)[,\s]+)*(?:do|does|did|is|are|"
    r"was|were|have|has|can|could|would|will)\s+(?:you|your|the\s+team|this\s+team|the\s+role|"
    r"this\s+role|the\s+company|they|people|new\s+\w+)\b", _I,
)
# A wh-question inside a run of unpunctuated speech: wh-word, auxiliary, then a subject.
_INNER_QUESTION = re.compile(
    r"\b(?:what|how|which|why)\s+(?:does|do|did|would|will|is|are|could|can|should|has|have)\s+"
    r"(?:a|an|the|you|your|this|that|they|success|good|people|new)\b"
    r"|\bwhat['’]s\s+the\s+(?:thing|biggest|hardest|main|one|best|most)\b", _I,
)
_REPORTED_BEFORE = re.compile(
    r"\b(?:asked|ask|asking|wondered|know|knew|understand|understood|told|showed|explain\w*|"
    r"learn\w*|figure\w*|saw|see|that['’]s|is|was)\s+(?:\w+\s+)?$", _I,
)
# Questions only about the speaker's terms and logistics (CONTENT.md: not engagement).
_LOGISTICS_ONLY = re.compile(
    r"^(?:(?!\b(?:challeng\w*|problems?|success\w*|measur\w*|goals?|priorit\w*|struggl\w*|"
    r"hardest|biggest|customers?|clients?|strategy|plans?|look\s+like)\b).)*\b(?:salary|pay|"
    r"paid|bonus|holidays?|vacation|leave|car|parking|commute|hours|shift\s+(?:start|end|"
    r"pattern)|start\s+date|dress\s+code|uniform|lunch|remote|from\s+home|pension|"
    r"benefits|perks|overtime|time\s+off|notice\s+period|probation|contract\s+length)\b"
    r"(?:(?!\b(?:challeng\w*|problems?|success\w*|measur\w*|goals?|priorit\w*|struggl\w*|"
    r"hardest|biggest|customers?|clients?|strategy|plans?)\b).)*$", _I | re.S,
)
_IDEA_TARGET = re.compile(
    r"\b(?:you|your|the\s+company|the\s+team|the\s+product|the\s+app|customers|users|"
    r"onboarding|funnel|pricing|market|launch|we)\b", _I,
)


def check_engagement(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    for sent in sentences(text):
        st = sent.text
        # Only the part after the last sentence-internal break matters for a question
        # ("That's my answer. How do you ...?" is already split; "So, how ...?" is fine).
        # A question has interrogative structure: a question word or an inverted auxiliary
        # at the start of the sentence or of its last clause. A declarative that ends in "?"
        # is uptalk ("I would be so grateful for any opportunity?"), not a question.
        last_clause = re.split(r"[,;:]\s*|\s(?:and|but|so)\s", st)[-1]
        interrogative = (_QUESTION_WORD.match(st) is not None
                         or _QUESTION_WORD.match(last_clause) is not None)
        run_on_question = (_WH_INVERSION.match(last_clause) is not None
                           and _PSEUDO_CLEFT.match(last_clause) is None
                           and len(last_clause.split()) >= 5)
        inverted = (_WH_INVERSION.match(st) is not None or _YN_INVERSION.match(st) is not None
                    or _YN_INVERSION.match(last_clause) is not None)
        is_question = interrogative and (st.rstrip().endswith("?") or run_on_question or (
            inverted and re.search(r"\b(?:you|your)\b", st[:60], _I) is not None
            and not re.search(r"[.!]\s*$", st)))
        if not is_question and not st.rstrip().endswith((".", "!")):
            # An unpunctuated transcript: a direct question that starts mid-"sentence"
            # ("yeah um I did have one actually what does a good first year look like ...").
            inner_q = _INNER_QUESTION.search(st)
            if inner_q and not _REPORTED_BEFORE.search(st[max(0, inner_q.start() - 30):
                                                            inner_q.start()]):
                st_q = st[inner_q.start():]
                if (_INTERVIEWER_REF.search(st_q) and not _NOT_REAL_QUESTION.search(st_q)
                        and not _LOGISTICS_ONLY.search(st_q)):
                    spans.append((sent.start + inner_q.start(), sent.end))
                    continue
        if is_question:
            body = st.rstrip(" ?")
            if (_NOT_REAL_QUESTION.search(st) or _SELF_ANSWERED.match(st)
                    or _REPORTED.search(st) or _LOGISTICS_ONLY.search(body)):
                pass
            elif _INTERVIEWER_REF.search(body) and len(body.split()) >= 4:
                spans.append((sent.start, sent.end))
                continue
        for m in _INDIRECT_QUESTION.finditer(st):
            if is_negated(text, sent.start + m.start() + 1):
                continue
            spans.append((sent.start, sent.end))
            break
        else:
            for m in _IDEA.finditer(st):
                pos = sent.start + m.start()
                if is_negated(text, pos + 1) or re.search(
                        r"\b(?:no|any)\s+idea\b", st, _I):
                    continue
                if not _IDEA_TARGET.search(st[m.end():] or st):
                    continue
                if re.match(r"I\s+(?:noticed|saw|read|found)", m.group(0), _I) and not re.search(
                        r"\b(?:so|could|might|would|idea|suggest|opportunity|wonder|"
                        r"why\s+not|what\s+if)\b", st[m.end():] + " " + text[sent.end:sent.end
                                                                               + 120], _I):
                    continue  # a fact read on their site, with no idea drawn from it
                spans.append((sent.start, sent.end))
                break
    return Finding(_merge(spans))
