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

__all__ = ["check_engagement", "is_logistics_question", "serves_ambition", "without_ambition"]

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
    r"priorities|goals?|the\s+first\s+\w+\s+days|(?:the\s+)?(?:biggest|hardest|toughest)|"
    r"onboarding|this\s+job|the\s+last\s+person|predecessor|look\s+like)\b", _I,
)
_NOT_REAL_QUESTION = re.compile(
    r"\b(?:does\s+(?:that|this)\s+(?:make\s+sense|answer|help)|did\s+(?:I|that)\s+answer|"
    r"is\s+(?:that|this)\s+(?:,\s*is\s+(?:that|this)\s+)?(?:an?\s+)?(?:ok|okay|alright|all\s+right|"
    r"what\s+you|fine|enough|good|"
    r"right|bad|useful|helpful|the\s+(?:kind|sort)\s+of)|"
    r"(?:would|will|is)\s+it\s+(?:be\s+)?possible\s+(?:for\s+me|if\s+I)|"
    r"do\s+you\s+(?:know|see)\s+what\s+I\s+mean|you\s+know\s+what\s+I\s+mean|"
    r"what(?:['’]s|\s+is)\s+the\s+(?:use|point|good)\s+of|"
    r"am\s+I\s+(?:making|rambling|talking|going)|should\s+I\s+(?:go\s+on|continue|stop|keep)|"
    r"can\s+I\s+(?:go\s+on|continue|start\s+(?:again|over))|"
    r"could\s+you\s+repeat|can\s+you\s+repeat|what\s+was\s+the\s+question|"
    r"(?:can|could|may)\s+I\s+(?:please\s+)?(?:just\s+)?(?:say|add|mention|go|have|take|"
    r"start|explain|finish)\b|if\s+you\s+(?:don['’]?t|do\s+not)\s+mind|"
    r"(?:would|will|is)\s+it\s+(?:be\s+)?(?:ok|okay|alright|all\s+right|fine)\b|"
    r"when\s+(?:will|would|do|can)\s+I\s+(?:hear|know|get|start)|"
    r"(?:right|you\s+know|isn['’]?t\s+it|don['’]?t\s+you\s+think|yeah|okay)\s*\?|"
    # A tag question ("You can never really tell until you're in it, can you?"), seeking
    # validation ("Does that count for anything?"), or rhetorical ("What more could you want?").
    r",\s*(?:can|could|do|would|will|won['’]t|wouldn['’]t|don['’]t|can['’]t)\s+you\s*\?\s*$|"
    r"\bdoes\s+(?:that|this|it)\s+count\b|\bwhat\s+more\s+could\s+(?:you|anyone|I|one)\s+"
    r"(?:want|ask)|"
    # Rhetorical: a negated wh-question ("who wouldn't want ...?", "why wouldn't you?"), a
    # question about hiring the speaker ("why should you hire me?"), "isn't that the point?".
    r"\b(?:who|why|what)\s+(?:\w+\s+)?(?:wouldn['’]?t|doesn['’]?t|don['’]?t|isn['’]?t|"
    r"couldn['’]?t|would\s+not|does\s+not)\b|"
    r"\bwho\s+(?:actually\s+|really\s+|honestly\s+)?(?:likes|enjoys|loves|wants)\b|"
    r"\b(?:hire|choose|pick|employ|take\s+on|go\s+with)\s+me\b|"
    r"^\s*(?:(?:and|so|but|well)[,\s]+)*(?:isn['’]?t|wasn['’]?t|aren['’]?t)\s+(?:that|it|this)\b)",
    _I,
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
    r"\bI['’]?(?:d|\s+would)\s+(?:really\s+|sort\s+of\s+|kind\s+of\s+|just\s+)?(?:love|like|want|"
    r"be\s+(?:keen|interested|curious))\s+"
    r"to\s+(?:know|hear|understand|learn|ask|find\s+out)\s*,?\s*(?:if\s+that['’]?s\s+(?:ok|okay|"
    r"alright|all\s+right)\s*,\s*)?(?:is\s+|more\s+)?(?:about\s+)?(?:how|"
    r"what|which|why|whether|where|your|the\s+team|about\s+(?:your|the\s+(?:team|role|company|"
    r"department|business|challenges?|priorities|plans?|way)|this\s+(?:team|role|company)|how|"
    r"what|which|why|whether|where))\b|\bI['’]?m\s+(?:really\s+|very\s+)?curious\s+"
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
    r"|\bwhat['’]s\s+(?:the\s+(?:thing|biggest|hardest|main|one|best|most)|your)\b"
    r"|\bwhich\s+of\s+(?:those|these|the|your)\b|\bwhat\s+about\s+you\b"
    # A yes/no question at a clause start: "..., is that something the team's looked at",
    # "so has that been tried". Only with a subject that can't start a statement there.
    r"|(?:,\s*|\b(?:so|and|but|cause|because)\s+)(?:(?:has|have|is|are)\s+(?:that|this|it|"
    r"there)\b|(?:have|do|did|are|were|would|could|will|can)\s+you\b)", _I,
)
_REPORTED_BEFORE = re.compile(
    r"\b(?:asked|ask|asking|wondered|know|knew|understand|understood|told|showed|explain\w*|"
    r"learn\w*|figure\w*|saw|see|that['’]s|is|was)\s+(?:\w+\s+)?$", _I,
)
# "my question is what ...": the speaker announcing their own question, not reporting one.
_QUESTION_ANNOUNCED = re.compile(r"\bquestions?\s+(?:is|was|would\s+be)\s*:?\s*$", _I)
# What may follow a question put to the interviewer: nothing, another question, or the reason
# for asking. A question followed by the speaker's own story is rhetorical ("What is the point
# of a rota nobody reads? So I rewrote it.").
_AFTER_REAL_QUESTION = re.compile(
    r"^\s*(?:$|(?:and\s+|also\s+|or\s+)?(?:how|what|which|who|where|when|why|is|are|does|do|"
    r"did|have|has|will|would|could|can)\b|I\s+ask\b|I['’]m\s+asking\b|(?:the\s+)?reason\s+I\s+ask|"
    r"I['’]d\s+(?:love|like)\s+to\s+(?:know|hear)|that\s+would\s+tell\s+me)", _I,
)


# The speaker answering their own question at once ("is it hard, yeah it is", "Do we need
# it? Well, ..."): an echo of the interview question, not a question for the interviewer.
_ANSWERED_AT_ONCE = re.compile(
    r"[\s,?]*(?:yes|yeah|yep|no|nope|well|of\s+course|absolutely|definitely|sure|not\s+really)\b",
    _I,
)


# The speaker answering with a generic "you" ("So what do you do when every customer phones
# at once? You pick the ones whose cargo spoils."): a rhetorical question.
_GENERIC_YOU_ANSWER = re.compile(
    r"\s*(?:well,?\s+)?you\s+(?!know\b|mentioned\b|said\b|asked\b|might\b|may\b|told\b|"
    r"talked\b|described\b|wrote\b)[a-z]+\b[^?]{0,200}?[.!](?:\s|$)", _I)


def _answered_at_once(text: str, end: int) -> bool:
    """True when the speaker answers the question that ends at ``end`` themself: "yes",
    "well", or a generic "you" ("You pick the ones ...")."""
    return (_ANSWERED_AT_ONCE.match(text, end) is not None
            or _GENERIC_YOU_ANSWER.match(text, end) is not None)


def _leaves_the_floor(text: str, end: int) -> bool:
    """True when what follows a question at ``end`` leaves the interviewer to answer it."""
    return _AFTER_REAL_QUESTION.match(text[end:end + 80]) is not None


# Questions only about the speaker's terms and logistics (CONTENT.md: not engagement).
_LOGISTICS_ONLY = re.compile(
    r"^(?:(?!\b(?:challeng\w*|problems?|success\w*|measur\w*|goals?|priorit\w*|struggl\w*|"
    r"hardest|biggest|customers?|clients?|strategy|plans?(?!\s+on\b)|look\s+like)\b).)*\b(?:salary|pay|"
    r"paid|bonus|holidays?|vacation|leave|car|parking|commute|hours|shift\s+(?:start|end|"
    r"pattern)|start\s+date|dress\s+code|uniform|lunch|remote|from\s+home|pension|"
    r"benefits|perks|overtime|time\s+off|notice\s+period|probation|contract\s+length|"
    # The hiring process and the speaker's own conditions, not the interviewer's work.
    r"next\s+steps?|hear\s+back|(?:letting|let)\s+(?:people|candidates|me|us)\s+know|"
    r"(?:second|next|final|third)\s+(?:stage|round|interview)|over\s+video|"
    r"interview\s+process|eligible|share\s+scheme|shares|stock\s+options|equity|"
    r"four[\s-]day\s+week|own\s+office|annual\s+leave|gym|discount|pay\s+rise|raise|"
    r"relocation|sick\s+pay|maternity|paternity|parental\s+leave|training\s+budget|"
    # Start dates, hours, socials and the decision: the speaker's terms, not their work.
    r"(?:expected|someone|somebody|me)\s+to\s+start|(?:person|candidate|hire|I)\s+(?:would|will|"
    r"could|should|can)\s+start|(?:people|staff|everyone)\s+(?:\w+\s+)?"
    r"get\s+in|full[\s-]time|"
    r"part[\s-]time|socials|social\s+(?:side|events?|club)|(?:christmas\s+)?part(?:y|ies)|"
    r"free\s+(?:meals?|food|lunch|parking|drinks?)|closed\s+on|joining\s+date|which\s+office|"
    r"make\s+(?:a|the|your)\s+decision|title|"
    # Where and when the speaker would work, and what the process wants from them.
    r"based\s+(?:at|in|out\s+of)|induction|standby|on[\s-]call|weekend\s+(?:work\w*|cover|"
    r"shifts?|rota)|increments?|pay\s+(?:progression|scale|band|spine)|improve\s+my\s+chances|"
    r"anything\s+else\s+from\s+me|references|(?:rest\s+of\s+the|the\s+rest\s+of\s+the)\s+"
    r"process|"
    # Perks and terms by other names, the speaker's own prospects, and the interviewer's
    # career as the speaker's route ("How long did it take you to make head of department?",
    # "Could someone in this role realistically move into yours?").
    r"commission|flexible\s+working|free\s+lunch(?:es)?|lunches|nights?\s+out|bar\s+tab|"
    r"sabbaticals?|hourly\s+rate|rate\s+of\s+pay|laptop|saturdays|sundays|how\s+much\s+notice|"
    r"technical\s+test|assessment\s+(?:centre|center|day)|promotions?|progression|"
    r"(?:fastest|quickest)\s+(?:route|way)|career\s+path|first\s+in\s+line|"
    r"(?:appointed|promoted)\s+you|(?:take|took)\s+you\s+to\s+(?:make|become|get)|"
    r"(?:into|to)\s+(?:your\s+(?:position|role|job|post|seat|chair)|yours)|"
    r"(?:stay|staying|leave|leaving|move\s+on|moving\s+on)\b[^?]{0,30}\byour\s+(?:role|job|"
    r"position|post|seat|chair)|your\s+deputy|"
    r"(?:would|will|do|can|could|shall)\s+I\s+(?:get|be\s+(?:eligible|paid|allowed)|"
    r"need\s+my\s+own|have\s+my\s+own|start|hear|receive))\b"
    r"(?:(?!\b(?:challeng\w*|problems?|success\w*|measur\w*|goals?|priorit\w*|struggl\w*|"
    r"hardest|biggest|customers?|clients?|strategy|plans?(?!\s+on\b))\b).)*$", _I | re.S,
)
def is_logistics_question(sentence: str) -> bool:
    """True when ``sentence`` is a question only about the speaker's terms, perks, logistics
    or prospects ("Would the two weeks' training be here or in Manchester?")."""
    body = sentence.rstrip()
    return body.endswith("?") and _LOGISTICS_ONLY.search(body.rstrip(" ?")) is not None


# A question about the interviewer's present situation that need not say "you" ("Is the
# backlog mostly at extraction?", "Who currently owns the relationship with local schools?",
# "has that been tried"): a present or future auxiliary whose subject is not the speaker, or
# a wh-subject with a present verb. Past-tense questions are left out: in an answer they are
# mostly the speaker's own story told as a question ("What did the customer want? A refund.").
_PRESENT_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|also|but|um|uh|well|actually|oh|yeah|okay|the\s+question)[,:\s]+)*"
    r"(?:(?:(?:how|what|which|who|where|when|why)(?:\s+(?!I\b|we\b)[\w'’-]+){0,3}?\s+)?"
    r"(?:is|are|does|do|will|would|has|have|can|could|should)\s+"
    r"(?!I\b|we\b|me\b|my\b|our\b|myself\b|us\b)[\w'’-]+"
    r"|(?:who|what|which\s+[\w-]+)\s+(?:currently\s+|usually\s+|normally\s+|now\s+)?"
    r"[a-z]+s\s+(?!I\b|me\b|my\b)[\w'’-]+"
    r"|what['’]s\s+(?:the|your|been)\b)", _I,
)
# Research: the speaker looked at the interviewer's organisation themselves ("I went through
# your last two quarterly results", "I watched the queue at your Leyton branch", "in your last
# annual report", "your Trustpilot page", "the ofsted report flagged it").
_RESEARCH = re.compile(
    r"\bI\s+(?:\w+\s+)?(?:had\s+a\s+(?:look|read|dig|browse|listen)\s+(?:at|through|into|to)|"
    r"looked\s+(?:at|into|through|over)|went\s+(?:through|into|over|to|on)|read|watched|"
    r"visited|noticed|saw|checked|dug\s+into|listened\s+to|called|rang|used|tried|downloaded|"
    r"ordered|signed\s+up\s+(?:to|for)|sat\s+in|walked\s+(?:round|around|through))\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:your|their)\b"
    r"|\b(?:in|on|from|according\s+to|judging\s+(?:by|from))\s+(?:your|the\s+company['’]s|"
    r"their)\s+(?:[\w'’-]+\s+){0,3}?(?:reports?|results|accounts|website|site|page|reviews?|"
    r"changelog|blog|app|paper|filings?|posts?|statement|newsletter|survey|figures|numbers|"
    r"ratings?|feedback|advert|listing|press\s+release|job\s+ad)\b"
    r"|\b(?:your|the)\s+(?:[\w'’-]+\s+){0,3}?(?:reports?|results|website|site|reviews|"
    r"changelog|blog|paper|figures|inspection|ratings?|accounts)\s+(?:said|says|shows?|showed|"
    r"mentions?|mentioned|flagged|flags|suggests?|suggested|highlighted)\b", _I,
)
# An idea or a plan to act on what the research found ("one thing I'd want to try", "a
# named-day option might be worth testing", "moving it by the entrance is an easy win", "that's
# the gap I'd look at first", "has that been tried").
_RESEARCH_IDEA = re.compile(
    r"\bI['’]?(?:d|ll|\s+would|\s+will|\s+can|\s+could)\s+(?:\w+\s+){0,2}?(?:want\s+to\s+|"
    r"like\s+to\s+|love\s+to\s+|start\s+by\s+|be\s+keen\s+to\s+)?(?:try|test|trial|pilot|"
    r"look\s+(?:at|into)|sit\s+(?:with|down)|bring\s+(?:the\s+same|something\s+similar|that\s+"
    r"(?:idea|approach|model)|it)|set\s+up|introduce|propose|suggest|rebuild|redesign|move|"
    r"fix|get\s+into|sketch|show\s+you|tackle|dig\s+into|start\s+(?:with|by)|explore)\b"
    r"|\b(?:one|an|my|the|a\s+simple|a\s+small)\s+idea\b|\b(?:worth|might\s+be\s+worth|"
    r"could\s+be\s+worth)\s+(?:testing|trying|piloting|a\s+(?:try|test|look|pilot))"
    r"|\b(?:easy|quick|obvious)\s+win\b|\bhave\s+you\s+(?:\w+\s+)?(?:thought\s+about|"
    r"considered|tried|looked\s+at|looked\s+into)|\bwhat\s+if\b|\b(?:you|we)\s+could\s+"
    r"(?:try|test|add|move|offer|use|trial)\b|\bhas\s+that\s+been\s+(?:tried|considered)\b", _I,
)
#: Sentences after the research in which the idea drawn from it may come (the research
#: sentence itself, then this many more): "I read your report. X is falling. I'd try Y."
RESEARCH_IDEA_MAX_SENTENCES: int = 2

_IDEA_TARGET = re.compile(
    r"\b(?:you|your|the\s+company|the\s+team|the\s+product|the\s+app|customers|users|"
    r"onboarding|funnel|pricing|market|launch|we)\b", _I,
)


def check_engagement(text: str, question: Question | None) -> Finding:
    """Run the ``engagement`` check of shared/CONTENT.md on one answer.

    Parameters
    ----------
    text : str
        The answer: typed, or the transcript of a spoken answer.
    question : Question or None
        The question answered (unused by this check; every check takes it).

    Returns
    -------
    Finding
        Evidence spans: the sentences that ask the interviewer a real question or offer an
        idea (with the research it is drawn from).
    """
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
        if not is_question and not st.rstrip().endswith((".", "!", ";", ":")):
            # An unpunctuated transcript: a direct question that starts mid-"sentence"
            # ("yeah um I did have one actually what does a good first year look like ...").
            inner_q = _INNER_QUESTION.search(st)
            before_q = st[max(0, inner_q.start() - 30):inner_q.start()] if inner_q else ""
            if inner_q and re.match(r"which\s+(?!of\b)", inner_q.group(0), _I) and re.search(
                    r",\s*$", before_q):
                inner_q = None  # ", which is the only reason ...": a relative clause
            if inner_q and (not _REPORTED_BEFORE.search(before_q)
                            or _QUESTION_ANNOUNCED.search(before_q)):
                st_q = st[inner_q.start():]
                st_q = re.sub(r"^[,\s]*(?:(?:so|and|but|cause|because)\s+)?", "", st_q, flags=_I)
                # The question runs to the next comma (or the end of the run-on sentence).
                q_end = st.find(",", inner_q.end())
                q_end = sent.end if q_end < 0 else sent.start + q_end
                if ((_INTERVIEWER_REF.search(st_q) or _PRESENT_QUESTION.match(st_q))
                        and not _answered_at_once(text, q_end)
                        and not _NOT_REAL_QUESTION.search(st_q)
                        and not _LOGISTICS_ONLY.search(st_q)):
                    spans.append((sent.start + inner_q.start(), sent.end))
                    continue
        if is_question:
            body = st.rstrip(" ?")
            if (_NOT_REAL_QUESTION.search(st) or _SELF_ANSWERED.match(st)
                    or _answered_at_once(text, sent.end)
                    or _REPORTED.search(st) or _LOGISTICS_ONLY.search(body)):
                pass
            elif len(body.split()) >= 4 and (_INTERVIEWER_REF.search(body) or (
                    (_PRESENT_QUESTION.match(st) or _PRESENT_QUESTION.match(last_clause))
                    and _leaves_the_floor(text, sent.end))):
                spans.append((sent.start, sent.end))
                continue
        for m in _INDIRECT_QUESTION.finditer(st):
            if is_negated(text, sent.start + m.start() + 1) or _LOGISTICS_ONLY.search(st):
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
                if re.match(r"I\s+(?:noticed|saw|read|found|researched|looked)", m.group(0),
                            _I) and not re.search(
                        r"\b(?:so|could|might|would|idea|suggest|opportunity|wonder|"
                        r"why\s+not|what\s+if)\b", st[m.end():] + " " + text[sent.end:sent.end
                                                                               + 120], _I):
                    continue  # a fact read on their site, with no idea drawn from it
                spans.append((sent.start, sent.end))
                break
    spans.extend(_research_idea_spans(text))
    return Finding(_merge(spans))


def _research_idea_spans(text: str) -> list[tuple[int, int]]:
    """The research and the idea drawn from it: both sentences, when both are there.

    Either alone is not engagement: research with no idea is homework shown off ("I read your
    annual report"), and an idea with no research behind it is covered by the rules above.
    """
    sents = sentences(text)
    spans: list[tuple[int, int]] = []
    for i, sent in enumerate(sents):
        research = _RESEARCH.search(sent.text)
        if research is None or is_negated(text, sent.start + research.start() + 1):
            continue
        for later in sents[i:i + 1 + RESEARCH_IDEA_MAX_SENTENCES]:
            start = research.end() if later is sent else 0
            idea = _RESEARCH_IDEA.search(later.text, start)
            if idea is not None and not is_negated(text, later.start + idea.start() + 1):
                spans.extend([(sent.start, sent.end), (later.start, later.end)])
                break
    return spans


# Learning the interviewer's way of working in order to take their job ("I'd want to learn how
# you run it first and then step into that seat"): apprenticeship to the ambition.
_LEARN_FROM_YOU = re.compile(
    r"\b(?:learn|see|understand|watch|know)\s+(?:\w+\s+)?how\s+you\s+(?:\w+\s+)?(?:run|do|"
    r"manage|lead|handle|got|became)\b", _I)


def without_ambition(text: str, engagement: Finding, their_job: Finding) -> Finding:
    """``engagement`` without the spans that serve the ambition to have the interviewer's job.

    A question about the interviewer's post ("How long are you planning to stay in your
    position?", "What does it take to become the person doing your job?") and a wish to learn
    how they run things, in an answer that is after their job, are the ambition itself, not
    interest in their work (CONTENT.md: not_after_your_job).

    Parameters
    ----------
    text : str
        The answer.
    engagement, their_job : Finding
        The findings of the engagement and not_after_your_job checks.

    Returns
    -------
    Finding
        ``engagement`` with those spans dropped.
    """
    if not their_job.detected or not engagement.detected:
        return engagement
    kept = tuple(sp for sp in engagement.spans if not serves_ambition(text, *sp, their_job))
    return engagement if len(kept) == len(engagement.spans) else Finding(kept, engagement.facts)


def serves_ambition(text: str, start: int, end: int, their_job: Finding) -> bool:
    """True when ``text[start:end]`` overlaps the ambition for the interviewer's job, or is a
    wish to learn how they run things in an answer that has that ambition."""
    return their_job.detected and (
        any(a < end and start < b for a, b in their_job.spans)
        or _LEARN_FROM_YOU.search(text, start, end) is not None)
