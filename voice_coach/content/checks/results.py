"""The ``results_framing`` check of shared/CONTENT.md.

Results framing: a concrete outcome of the speaker's work.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator

from voice_coach.content._text import (
    QUANTITY,
    Sentence,
    clause_prefix,
    has_first_person,
    has_quantity,
    is_hypothetical,
    is_negated,
    sentences,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
from voice_coach.lexicon import find_hedges
from voice_coach.questions import Question

__all__ = ["check_results_framing", "credited_elsewhere"]

#: Longest look-ahead, in characters (about 30 words), for the outcome that follows a cue in its
#: clause. The longest such clause in the labelled answers is well under this; without a cap,
#: an unpunctuated 30,000-character answer made every cue scan the rest of its 2,000-character
#: "sentence" (measured: 2.3 s for repeated "as a result", 0.3 s with the cap).
_REST_WINDOW_CHARS: int = 200
#: Longest look-back, in characters, for a metric as the subject of a passive ("the backlog of
#: open complaints was cleared"): noun, 40 characters, auxiliary and one word fit in it.
_PASSIVE_LOOKBACK_CHARS: int = 120
#: Longest look-back, in characters (about 50 words), for what governs a cue from earlier in
#: its sentence (a wish, another person as the agent): a spoken run-on "sentence" can be 2,000
#: characters, and scanning all of it for every cue made a long answer quadratic.
_SENTENCE_LOOKBACK_CHARS: int = 300
#: Evidence spans after which the check stops reading: the advice quotes one or two, and the
#: labelled answers never hold more than 6; a 30,000-character answer of repeated cues took
#: 0.6 s without the cap (measured).
_MAX_SPANS: int = 24
#: Cues of one rule read per sentence: a real sentence holds one or two; a 30,000-character
#: answer repeating "as a result" made each rule check 2,000 of them (0.5 s, measured).
_MAX_CUES_PER_RULE: int = 12


def _cues(pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """The first :data:`_MAX_CUES_PER_RULE` matches of ``pattern`` in ``sentence``."""
    return itertools.islice(pattern.finditer(sentence), _MAX_CUES_PER_RULE)

# Clause breaks that leave numbers whole: the comma of "140,000" and the point of "3.9" are not
# breaks (a split there hid the quantity from the outcome verb).
_PUNCT_BREAK = r"(?:[,.](?!\d)|(?<!\d)[,.]|[;:!?])"
_STOP_BREAK = r"(?:\.(?!\d)|(?<!\d)\.|[;:!?])"

# Verbs that name a change in an outcome, in achieved (past/perfect) form.
_OUTCOME_VERB = (
    r"(?:increas|rais|boost|improv|doubl|tripl|quadrupl|halv|reduc|lower|decreas|shorten|sav|"
    r"generat|lift|expand|accelerat|slash|trimm|drop|climb|jump|eliminat|recover|retain|"
    r"exceed|surpass|acquir|attract|onboard|convert|speed|grow|cut|brought|bring|drove|driven|"
    r"won|win|gain|sign|clos|land|secur|deliver|achiev|beat|hit|minimi[sz]|maximi[sz]|"
    r"streamlin|automat|optimi[sz]|prevent|avoid|rose|fell|went|came|fix|solv|resolv|"
    r"launch|ship|turn|help|enabl|allow|made|make|produc|return|earn|push|tripl|shrank|shrunk)"
    r"\w*"
)
_OUTCOME_VERB_RE = re.compile(rf"\b{_OUTCOME_VERB}\b", _I)

# Achieved forms only: -ed, irregular pasts, or a bare verb after "helped (X) (to)".
_ACHIEVED_VERB_RE = re.compile(
    r"\b(?:(?:increas|rais|boost|improv|doubl|tripl|quadrupl|halv|reduc|lower|decreas|"
    r"shorten|sav|generat|lift|expand|accelerat|slash|trimm|dropp|climb|jump|eliminat|"
    r"recover|retain|exceed|surpass|acquir|attract|onboard|convert|speed|gain|sign|clos|"
    r"land|secur|deliver|achiev|minimi[sz]|maximi[sz]|streamlin|automat|optimi[sz]|prevent|"
    r"avoid|fix|solv|resolv|launch|shipp|turn|produc|return|earn|push|help|enabl|allow|"
    r"mov|shift|migrat|fre|clear)ed"
    r"|cut|grew|grown|brought|drove|driven|won|beat|hit|rose|fell|went|came|shrank|shrunk|"
    r"sped|made)\b",
    _I,
)

# Nouns that hold a business outcome (the object of the outcome verb or the thing measured).
_METRIC_NOUN = (
    r"(?:costs?|spend(?:ing)?|expenses?|revenue|sales|profits?|margins?|income|churn|attrition|"
    r"turnover|retention|conversions?|queues?|queue\s+times?|conversion\s+rate|downtime|outages?|latency|load\s+times?|"
    r"response\s+times?|wait(?:ing)?\s+times?|turnaround|lead\s+times?|cycle\s+times?|errors?|"
    r"defects?|bugs?|incidents?|complaints?|returns|refunds|satisfaction|nps|csat|scores?|"
    r"engagement|traffic|signups|sign-ups|users|customers|clients|accounts|leads|pipeline|"
    r"bookings|orders|throughput|productivity|efficiency|output|yield|waste|backlog|"
    r"processing\s+time|time\s+to\s+\w+|onboarding\s+time|release\s+time|deploy(?:ment)?\s+time|"
    r"market\s+share|budget|overtime|fees|losses|risk|quality|uptime|accuracy|fraud|"
    r"no-shows|absences|injuries|accidents|readmissions|grades|pass\s+rates?|renewals|"
    r"funding|contract|deal|award|tender|bid|account)"
)

# Objects that make an outcome verb personal or a duty, not an organisational result.
_NOT_RESULT_OBJECT = re.compile(
    r"^\s*(?:my|our)\s+(?:own\s+)?(?:\w+\s+)?(?:salary|pay|income|savings|bonus|hours|"
    r"skills?|knowledge|abilit(?:y|ies)|confidence|network|title|team|headcount|staff)\b"
    r"|^\s*(?:the\s+)?(?:team|headcount|staff)\s+(?:from|to|by)\b",
    _I,
)

# "I helped the company to grow", "helped us win", "helped my team ship".
_HELPED_RE = re.compile(
    r"\b(?:I|we|it|this|that|which)\s+(?:\w+\s+)?(?:helped|enabled|allowed)\s+(?P<who>(?:the|my|our|a|their|this)"
    rf"\s+(?:[\w-]+\s+){{0,2}}?[\w-]+|us|them|\w+)\s+(?:to\s+)?(?P<verb>{_OUTCOME_VERB})\b",
    _I,
)

# Result connectives: "which led to", "resulting in", "as a result", "the result was".
_RESULT_CONNECTIVE_RE = re.compile(
    r"\b(?:which|that|this|it)\s+(?:led|lead|leads)\s+to\b|\bresult(?:ed|ing)\s+in\b|"
    r"\bas\s+a\s+result\b|\bthe\s+(?:result|outcome|impact)\s+was\b|\bwhich\s+meant\b",
    _I,
)

# Comparative outcome phrases: "20% faster", "three times more", "a 15% increase".
_QUANT_OUTCOME_RE = re.compile(
    rf"(?P<q>{QUANTITY.pattern})\s*(?:\w+\s+)?(?:more|less|fewer|faster|quicker|cheaper|higher|"
    r"lower|better|increase|decrease|reduction|drop|rise|gain|growth|improvement|uplift|"
    r"boost|saving|savings|cut|jump|lift|in\s+(?:savings|revenue|sales|new\s+\w+|cost\s+\w+|"
    r"annual\s+\w+|additional\s+\w+))\b",
    _I,
)

# Durations and timing are when/how long, not how much changed: "fixed it in two hours",
# "closed the accounts two weeks early" (a delivery claim, see delivery_promises).
_PRESENT_OUTCOME_RE = re.compile(
    r"\b(?:it|this|that|which|the\s+(?:tool|script|change|system|process|model|dashboard|"
    r"fix|feature|programme|program))\s+(?:now\s+|still\s+|alone\s+)?(?:saves|cuts|reduces|"
    r"generates|brings\s+in|prevents|increases|lowers|handles|drives|earns|returns)\b",
    _I,
)
_TIMING_RE = re.compile(
    r"\b(?:(?:in|within|over|after|for)\s+(?:just\s+|only\s+|about\s+|under\s+|less\s+than\s+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)\s+(?:days?|weeks?|"
    r"months?|hours?|minutes?|years?|sprints?|quarters?)|(?:a|an|one|two|three|four|five|six|\d+)"
    r"\s+(?:days?|weeks?|months?|hours?)\s+(?:early|ahead|late|before|earlier|later))\b",
    _I,
)
# Bad things that an answer reports as none: "we had no medication errors all last year",
# "passed three audits in a row with no adjustments".
_ZERO_NOUN = (
    r"(?:failed\s+\w+|failures?|outages?|complaints?|errors?|incidents?|defects?|bugs?|"
    r"downtime|lost\s+\w+|escalations?|returns|accidents|injuries|data\s+loss|breaches|"
    r"chargebacks|missed\s+\w+|adjustments|findings|recalls|fines|penalties|write-?offs|"
    r"stock-?outs|walk-?outs|no-?shows|falls|cancellations|overruns|delays|claims|sick\s+days)"
)
_ZERO_BAD_RE = re.compile(
    r"\b(?:had|have\s+had|['’]ve\s+had|saw|got|with|ran\s+with|reached|down\s+to)\s+"
    rf"(?:zero|no|not\s+a\s+single|not\s+one)\s+(?:more\s+|further\s+|new\s+)?"
    rf"(?:[\w-]+\s+)?{_ZERO_NOUN}\b"
    rf"|\bwithout\s+(?:another|a\s+single|any|one)\s+(?:[\w-]+\s+)?(?:{_ZERO_NOUN}|[\w-]+\s+"
    r"(?:having\s+to(?:\s+be)?\s+[\w-]+(?:\s+(?:out|away|home|off))?|being\s+(?:moved|sent|lost|"
    r"harmed|hurt|turned\s+away)))\b",
    _I,
)
# "I had no complaints" is the speaker's contentment, not a result.
_ZERO_PERSONAL_RE = re.compile(r"\bI\s+(?:have\s+|['’]ve\s+)?had\s+no\s+complaints\b", _I)
_TIME_BACK_RE = re.compile(
    r"\b(?:gave|giving|given)\s+(?:[\w-]+\s+){0,6}?back\s+(?:an?|one|two|three|four|five|"
    r"\d+|half\s+an?)\s+(?:\w+\s+)?(?:hours?|days?|afternoons?|mornings?|weeks?)\b"
    r"|\bfreed\s+up\s+(?:\w+\s+){0,2}?(?:hours?|days?|time|capacity|budget)\b",
    _I,
)

_APPROX = (r"(?:(?:just\s+)?(?:about|around|roughly|nearly|almost|over|under|more\s+than|"
           r"less\s+than|"
           r"something\s+like|like|only|barely|well\s+(?:over|under)|close\s+to|a\s+bit\s+over)\s+)?")
_CHANGE_NUM = (rf"(?:{_APPROX}(?:{QUANTITY.pattern}|[$£€]?\d[\d,]*(?:\.\d+)?%?|zero|none|nothing|"
               r"nil|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
               r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+third|a\s+quarter|"
               r"half|a\s+half|(?:a\s+|one\s+)?hundred|a\s+thousand|first|second|third|fourth|"
               r"fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|top|"
               r"bottom)(?:[\s-]+(?:and\s+)?(?:hundred|thousand|million|percent|per\s+cent|%|"
               r"one|two|three|four|five|six|seven|eight|nine))*)")
# "from <number> ... to <number>": a measured change, with the hedges of speech around the
# numbers ("from around forty a month to under ten").
_CHANGE_FROM_TO_RE = re.compile(
    rf"\bfrom\s+{_CHANGE_NUM}\b[^.;!?]{{0,40}}?\bto\s+{_CHANGE_NUM}(?!\w)", _I)
# "<was|were|went|is> (way) down/up by <quantity>", "up like six percent".
_CHANGE_UP_DOWN_RE = re.compile(
    rf"\b(?:was|were|is|are|['’]s|went|gone|came|come|got|been|ended\s+up)\s+(?:\w+\s+)?"
    rf"(?:down|up|lower|higher)\s+(?:by\s+)?{_APPROX}(?:{QUANTITY.pattern}|half|a\s+third|"
    r"a\s+quarter)", _I)
# British "the shop took 80,000 pounds": money taken in, with the speaker's work as subject.
_MONEY_TAKEN_RE = re.compile(
    rf"\b(?:took|taking|brought\s+in|turned\s+over|made)\s+{_APPROX}(?:[$£€]\s?\d[\d,]*"
    r"(?:\.\d+)?(?:\s?(?:k|m|million|thousand))?|\d[\d,]*(?:\.\d+)?\s?(?:k|m|million|thousand)?"
    r"\s?(?:pounds|dollars|euros|quid|grand)|(?:\w+[\s-]+){0,3}(?:thousand|million|grand)\s?"
    r"(?:pounds|dollars|euros|quid)?)", _I)
# A phrasal change with the measure between verb and particle: "we'd got that up to eighty two
# percent", "got average length of stay down by almost a day", "brought the waiting list down
# to five weeks".
_PHRASAL_CHANGE_RE = re.compile(
    rf"\b(?:got|gotten|brought|pushed|pulled|driven|drove|took|dragged|knocked|cut|kept|"
    rf"held|bumped|ramped)\s+(?:[\w'’-]+\s+){{0,6}}?(?:up|down|back|under|below)\s+(?:to|by|"
    rf"from|under|below|above|over)\s+{_CHANGE_NUM}(?!\w)", _I)
# Changes that are the speaker's career, pay or team size, not an organisational result.
_NOT_CHANGE_HEAD = re.compile(
    r"\b(?:salary|pay|paid|earn\w*|bonus|band|grade|title|promot\w*|team\s+of|headcount|"
    r"reports|people|staff|hours\s+a\s+week|age|aged|years\s+old|commute|moved\s+from|"
    r"relocat\w*|went\s+from\s+(?:being|a|an))\b",  # whole words: "age" is not "agency"
    _I,
)

_RESULT_DUTY_BEFORE = re.compile(
    r"\b(?:responsible\s+for|in\s+charge\s+of|tasked\s+with|my\s+(?:job|role|duties|duty|"
    r"task)\s+(?:was|were|is)|job\s+was\s+to|had\s+to|worked\s+on|focused\s+on|spent\s+\w+\s+"
    r"(?:\w+\s+)?on)\s*(?:\w+\s+)?$",
    _I,
)


# Subjects whose changes are not the speaker's work ("the market grew 40%").
_EXTERNAL_SUBJECT = re.compile(
    r"\b(?:market|markets|economy|industry|sector|competitors?|competition|inflation|prices|"
    r"demand|interest\s+rates|stock\s+(?:market|price)s?|share\s+price|population|the\s+company|"
    r"the\s+business|headcount|the\s+team|(?:my|the)\s+(?:salary|pay|bonus|commission)|vendor|"
    r"supplier|rent|taxes)\b[^,;]*$",
    _I,
)


_OWN_MODIFIER_END = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+)?$", _I)

# A number that is a target, not an outcome: "our burglary target, which is a twenty per cent
# reduction by 2026", "my target this year is 350 thousand in new accounts".
_TARGET_IS = (r"\b(?:target|goal|aim|objective|ambition|quota)s?(?:\s+(?:this|next)\s+(?:year|"
              r"quarter))?\s*(?:,?\s*which)?\s+(?:is|was|of|would\s+be)\b(?!\s+to\b)")
# A remit or an instruction governs what follows: "my job was to make sure errors went
# down", "I was hired to get costs down".
_INTENT_BEFORE_RE = re.compile(
    r"\b(?:job|role|task|remit|brief|responsibility|goal|aim|target|mission)\s+(?:was|is)\s+to\b"
    r"|\b(?:asked|hired|brought\s+in|tasked|employed|expected|supposed|meant|told|paid)\s+to\b"
    rf"|\bto\s+(?:make\s+sure|ensure)\b|{_TARGET_IS}",
    _I,
)
# A new clause with the speaker as subject ends the remit: "the move was supposed to take six
# weeks and we got it done in four".
_SPEAKER_CLAUSE_RE = re.compile(r"\b(?:and|but|so|then)\s+(?:then\s+)?(?:I|we)\b", _I)
#: Look-back, in characters (about 12 words), for a remit that governs a cue.
_INTENT_LOOKBACK_CHARS: int = 80

# Someone else as the agent of the change: "My manager grew the book by 40%".
_OTHER_PERSON = (
    r"(?:(?:my|our|the|his|her|their)\s+(?:[\w-]+\s+)?(?:manager|boss|director|ceo|cfo|founder|"
    r"owner|colleague|predecessor|successor|employer|supervisor|head|lead|partner|vp|chief|"
    r"team\s+lead|"
    r"line\s+manager)(?:['’]s)?|he|she)"
)
_OTHER_AGENT = re.compile(rf"^\s*(?:{_OTHER_PERSON}|they)\b", _I)
_OTHER_PERSON_START = re.compile(rf"^\s*{_OTHER_PERSON}\b", _I)
# The last agent named in the sentence before a cue: another person ("our regional manager
# introduced a layout which lifted sales", "my manager's rebrand ... doubled sales") or the
# speaker ("I", "we"; not "our", which also names the other person's side).
_OTHER_PERSON_RE = re.compile(rf"\b{_OTHER_PERSON}\b", _I)
_SPEAKER_AGENT_RE = re.compile(r"\b(?:I|I['’](?:m|ve|d)|we|we['’](?:ve|d|re))\b", _I)
# The interviewer's side or a goal, not an achieved change: "your leakage target is 15% lower".
_NOT_ACHIEVED_SUBJECT = re.compile(
    r"\byour\b|\b(?:target|goal|aim|objective|ambition|plan|forecast)s?\s+(?:is|are|was|were)\b"
    # What the interviewer said they want, and attempts not yet done: "you told me you're
    # trying to take that segment from 15 to 25 percent".
    r"|\byou(?:['’]re|\s+are|\s+were|\s+told\s+me|\s+said|\s+mentioned|\s+want\w*|\s+need\w*|"
    r"\s+hope|\s+plan\w*)\b|\btrying\s+to\b"
    # A projection: "the migration I'm leading is projected to cut hosting costs by a third".
    r"|\b(?:will|['’]ll|going\s+to|(?:projected|forecast|expected|on\s+track|likely)\s+to)\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    _I,
)
# The speaker's own pay, or other people's: "this role pays about 20 percent more than I'm
# on", "friends in similar roles are on fifteen grand more". Not the pay bill or payroll.
_OWN_PAY_BEFORE = re.compile(
    r"\b(?:(?:salary|salaries|pays|wages?|package|take[\s-]home|pay\s+rise|earn(?:s|ed|ing)?)\b|"
    r"paid\b(?!\s+(?:for|off|back))|pay\b(?!\s*(?:bill|roll|spend|costs?|back))|"
    r"(?:are|is|am|I['’]m|we['’]re|were|was|be)\s+on\s+(?:about\s+|around\s+)?$)", _I)
_OWN_PAY_AFTER = re.compile(
    r"[^.;,]{0,30}?\bmore\s+than\s+(?:I|we)\s*(?:['’]m\s+on|am\s+on|make|earn|get|take\s+home)",
    _I)
# Research into the interviewer's organisation governs the sentence: "I read your last two
# annual reports, and the returns rate ... jumped from 22 to 31 percent", "I noticed the
# support team went from 20 to 45 people": their change, not the speaker's.
_THEIR_RECORD = re.compile(
    r"\bI\s+(?:\w+\s+)?(?:read|noticed|saw|looked\s+(?:at|through)|went\s+through|checked)\s+"
    r"(?:(?:[\w'’-]+\s+){0,4}?your\b|(?:that\s+)?(?:the|your)\s+[\w-]+(?:\s+[\w-]+)?\s*$)"
    r"|\byour\s+(?:[\w'’-]+\s+){0,3}?(?:reports?|update|results|accounts|figures|filings?)\s+"
    r"(?:said|says|shows?|showed|showing)\b", _I)
# The speaker's own story starts after the research: "..., but in my last control room we".
_RECORD_ENDS = re.compile(r"\b(?:and|but|so|then|where|when)\b[^,;]{0,30}?\b(?:I|we)\b", _I)
# "budgets anywhere from £80k to about £1.2m": a range, not a change.
_RANGE_BEFORE = re.compile(
    r"\b(?:anywhere|ranging|ranges?|ranged|varying|vary|varies|varied|between)\s*$", _I)


def _under_intent(before: str) -> bool:
    """True when a remit or instruction in ``before`` still governs its end."""
    intents = list(_INTENT_BEFORE_RE.finditer(before))
    return bool(intents) and not _SPEAKER_CLAUSE_RE.search(before, intents[-1].end())


def _other_agent_before(text: str, pos: int) -> bool:
    """True when the last agent named in the sentence before ``pos`` is another person."""
    s0, _ = _sentence_span(text, pos)
    before = text[max(s0, pos - _SENTENCE_LOOKBACK_CHARS):pos]
    other = [m.end() for m in _OTHER_PERSON_RE.finditer(before)]
    if not other:
        return False
    speaker = [m.start() for m in _SPEAKER_AGENT_RE.finditer(before)]
    return not speaker or speaker[-1] < other[-1]
# A wish that governs the whole sentence, so a relative clause under it is not achieved:
# "Ideally I'd want to work on projects where we cut costs by 15%".
_SENTENCE_WISH = re.compile(
    r"\b(?:ideally|I['’]d\s+(?:want|like|love|hope)|I\s+would\s+(?:want|like|love|hope)|"
    r"I\s+(?:want|hope|wish|plan|aim)\s+to|I['’]m\s+(?:hoping|looking|planning|aiming)\s+to|"
    r"I['’]m\s+(?:looking|searching|hoping)\s+for\s+(?:a|an|the)\s+(?:\w+\s+)?(?:role|job|"
    r"position|place|team|company)|"
    r"if\s+(?:I|you|we)\b)",
    _I,
)


# The speaker hands the credit to someone else in the next sentences: "Most of that was the
# new artistic director's programming", "To be fair, that was my matron's project", "the
# heavy lifting was done by the lads before me", "most of the credit goes to the night shift
# manager".
_CREDIT_ELSEWHERE = re.compile(
    r"\b(?:(?:most|all|much)\s+of\s+(?:that|it|this)\s+was|that\s+was\s+(?:all\s+)?)\s*"
    r"(?:down\s+to\s+)?(?:the|my|our|his|her|their)\s+(?:[\w-]+\s+){0,3}?[\w-]+['’]s\b|"
    r"\b(?:the\s+)?(?:heavy\s+lifting|real\s+work|credit)\s+(?:was\s+done\s+by|goes\s+to|"
    r"belongs\s+to|was\s+(?:theirs|his|hers))\b|\bmost\s+of\s+the\s+credit\b|"
    # "The credit for that really belongs to our practice manager", "that result belongs to
    # our operations director".
    r"\bcredit\s+for\s+(?:that|this|it)\s+(?:really\s+|mostly\s+|largely\s+|all\s+)?(?:goes|"
    r"went|belongs|belonged)\s+to\b|\b(?:that|this|the)\s+(?:result|success|win|achievement|"
    r"turnaround|saving|improvement|outcome)\s+(?:really\s+|mostly\s+|largely\s+)?(?:belongs|"
    r"belonged|goes|went)\s+to\b", _I)
#: How many sentences after a result a credit to someone else still refers to it.
CREDIT_REACH_SENTENCES: int = 2


def credited_elsewhere(text: str, pos: int) -> bool:
    """True when one of the next sentences gives the result at ``pos`` to someone else."""
    s0, s1 = _sentence_span(text, pos)
    end = s1
    for _ in range(CREDIT_REACH_SENTENCES):
        if end >= len(text):
            break
        end = _sentence_span(text, end)[1]
    return _CREDIT_ELSEWHERE.search(text, s0, end) is not None


# What "went"/"came" must be followed by to name a change of a measure: "went down by a
# third", "came in 12% under", "went from 40 to 200", "went to zero" (not "went live eleven
# days after the date", "went out nine days late", "went to Orlando for sixty quid").
_AMOUNT_START = (r"(?:\d|[$£€]|zero|nil|none|nothing|under|below|over|about|around|almost|"
                 r"nearly|just|roughly|a\s+(?:third|quarter|half|fifth)|half|one|two|three|four|"
                 r"five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                 r"sixty|seventy|eighty|ninety|a\s+(?:hundred|thousand|million))")
_WENT_CHANGE_RE = re.compile(
    r"\s*(?:(?:right|way|all\s+the\s+way|steadily|sharply|straight)\s+)?(?:up|down|from|back\s+"
    rf"(?:up|down|to|at|with|{_AMOUNT_START})|in\s+(?:at\s+)?{_AMOUNT_START}|to\s+{_AMOUNT_START}|"
    r"over\s+\d|under\s+\d|through\s+the\s+roof)", _I)


# Whose outcome a sentence tells, at its start: the interviewer's or another party's ("Your
# last investor update showed ...", "The client moved the launch up", "She got it through
# validation"), or a target not yet reached ("My target this year is £1.6m").
_NOT_OWN_START = re.compile(
    r"\W*(?:(?:and|but|so)\s+)?(?:you|your|she|he|they|the\s+(?:client|regulator|customer|vendor|"
    r"supplier|board|council|government|market|graduates)|our\s+(?:[\w-]+\s+)?(?:vendor|"
    r"supplier|client|ceo|director|manager|predecessor))\b", _I)
_TARGET_UNMET = re.compile(_TARGET_IS, _I)
_TARGET_MET = re.compile(r"\b(?:hit|beat|exceeded|reached|passed|smashed|made|achieved)\b", _I)


def not_own_outcome(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` tells someone else's numbers, the interviewer's, a target
    not yet met, or the speaker's own pay. Used on the learned back-off's evidence, which
    reads the topic of an outcome without whose it is."""
    part = text[start:end]
    return bool(
        _NOT_OWN_START.match(part) or _THEIR_RECORD.search(part)
        or (_TARGET_UNMET.search(part) and not _TARGET_MET.search(part))
        or re.search(r"\bI['’]m\s+(?:looking\s+(?:at|for)|on|targeting|after)\s+(?:around\s+|"
                     r"about\s+|roughly\s+)?(?:[$£€]|\d|\w+\s+(?:thousand|grand|k)\b)", part, _I))


def hedged_claim(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` hedges an unmeasured claim ("We, uh, we kind of rebuilt
    the monthly reports"): no number, and a hedge. Used on the learned back-off's evidence,
    which reads the topic of a result without its framing."""
    part = text[start:end]
    return not has_quantity(part) and any(h.kind == "hedge" for h in find_hedges(part))


def _claim_guards_ok(text: str, pos: int, *, negation: bool = True,
                     third_party: bool = False) -> bool:
    """The guards every outcome cue at ``pos`` passes: achieved (not wished, planned or
    hypothetical), not negated (``negation=False`` where the rule reads the negation itself,
    "we haven't lost a client"), not a duty, not another person's or the interviewer's, and
    not credited to someone else in the next sentences.

    ``third_party`` lets a customer or funder be the subject ("they renewed their contract").
    """
    if negation and is_negated(text, pos):
        return False
    if is_hypothetical(text, pos):
        return False
    prefix = clause_prefix(text, pos)
    if _RESULT_DUTY_BEFORE.search(prefix):
        return False
    s0, _ = _sentence_span(text, pos)
    if _under_intent(text[max(s0, pos - _INTENT_LOOKBACK_CHARS):pos]):
        return False
    agent = _OTHER_PERSON_START if third_party else _OTHER_AGENT
    if agent.search(prefix) or _NOT_ACHIEVED_SUBJECT.search(prefix):
        return False
    if _OWN_PAY_BEFORE.search(prefix) or _OWN_PAY_AFTER.match(text, pos):
        return False
    record = list(_THEIR_RECORD.finditer(text, s0, pos))
    if record and not _RECORD_ENDS.search(text, record[-1].end(), pos):
        return False
    if _other_agent_before(text, pos) or credited_elsewhere(text, pos):
        return False
    s0, _ = _sentence_span(text, pos)
    sent_prefix = text[max(s0, pos - _SENTENCE_LOOKBACK_CHARS):pos]
    wish = _SENTENCE_WISH.search(sent_prefix)
    if wish and not re.search(r"\b(?:and|but|so)\s+(?:then\s+)?(?:I|we)\s+\w+ed\b|"
                              r"\b(?:did|have|['’]ve)\b", sent_prefix[wish.end():], _I):
        return False
    external = _EXTERNAL_SUBJECT.search(prefix)
    # "our day-ahead demand forecast error": the speaker's own measure, not the market's.
    return not (external and not re.search(r"\b(?:I|we)\b", prefix, _I)
                and not _OWN_MODIFIER_END.search(prefix[:external.start()]))


@functools.lru_cache(maxsize=8)
def _first_person_by_sentence(text: str) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """Sentence starts, and whether each sentence names the speaker (computed once per text:
    asking again for every cue made a long unpunctuated answer quadratic)."""
    sents = sentences(text)
    return (tuple(s.start for s in sents), tuple(has_first_person(s.text) for s in sents))


def _speaker_in(text: str, pos: int) -> tuple[bool, bool]:
    """Whether the speaker is named in the sentence of ``pos``, and in the one before it."""
    starts, first_person = _first_person_by_sentence(text)
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return False, False
    return first_person[i], i > 0 and first_person[i - 1]


def _speaker_before(text: str, pos: int) -> bool:
    """True when the speaker is named in the sentence of ``pos`` or any sentence before."""
    starts, first_person = _first_person_by_sentence(text)
    first = next((s for s, fp in zip(starts, first_person, strict=True) if fp), None)
    return first is not None and first <= pos


def _speaker_near(text: str, pos: int) -> bool:
    """True when the speaker is named in the sentence of ``pos`` or the one before ("I set
    up a callback rota. Complaints pretty much stopped.")."""
    here, before = _speaker_in(text, pos)
    return here or before


def _result_claim_ok(text: str, pos: int) -> bool:
    """An outcome cue counts when it passes :func:`_claim_guards_ok` and the speaker is in
    the sentence (the speaker's work, not "the market grew 20%")."""
    if not _claim_guards_ok(text, pos):
        return False
    prefix = clause_prefix(text, pos)
    here, before = _speaker_in(text, pos)
    if here or re.search(r"\b(?:it|this|that|which)\b", prefix, _I):
        return True
    # "Queue times fell by 35%." right after "I led the pilot ...": a metric as the subject,
    # with the speaker as the agent of the sentence before.
    return before and re.search(rf"\b{_METRIC_NOUN}\b", prefix, _I) is not None


# ---------------------------------------------------------------------------------------
# Outcomes stated without an outcome verb and a number (the second blind round). Each is a
# class of expression with its own polarity; all pass the guards of _claim_guards_ok.

# Things an organisation wants fewer of, and things it wants more of: a qualitative change in
# the right direction is a result even without a number ("the complaints pretty much
# stopped", "no-shows went down a fair bit", "bookings picked up").
_BAD_NOUN = (
    r"(?:complaints?|call-?backs?|no[\s-]?shows?|walk-?outs?|errors?|mistakes|defects?|bugs|"
    r"incidents?|outages?|downtime|delays?|escalations?|churn|attrition|turnover|absences?|"
    r"sickness|absenteeism|shrinkage|stock\s+loss(?:es)?|losses|waste|returns|refunds|"
    r"cancellations|chargebacks|backlogs?|queues?|waits|waiting\s+(?:times?|lists?)|"
    r"wait\s+times?|costs|spend(?:ing)?|overtime|stock-?outs|breaches|accidents|injuries|"
    r"falls|readmissions|re-?work|write-?offs|arrears|late\s+payments?|failures|overruns?|"
    r"breakages|damages|spoilage|leaks|shortages|"
    r"bottlenecks?|pages|call-?outs|late\s+[\w-]+)"
)
_GOOD_NOUN = (
    r"(?:sales|revenue|profits?|margins?|bookings|orders|sign-?ups|conversions?|retention|"
    r"satisfaction|ratings?|footfall|visits|visitors|attendance|memberships?|donations|"
    r"subscribers|renewals|referrals|enquiries|repeat\s+business|productivity|throughput|"
    r"uptime|accuracy|pass\s+rates?|take-?up|uptake|usage)"
)
_FALL_VERB = (
    r"(?:dropped|fell|(?:went|came|(?:have|has|had)\s+(?:gone|come))\s+(?:right\s+|way\s+|"
    r"well\s+|all\s+the\s+way\s+)?down|"
    r"decreased|declined|shrank|shrunk|halved|plummeted|plunged|stopped|ceased|dried\s+up|"
    r"disappeared|vanished|went\s+away|fell\s+away|fell\s+off|tailed\s+off|died\s+(?:off|down|"
    r"away)|(?:were|was|have\s+been|has\s+been)\s+(?:cut|reduced|halved|eliminated|cleared|"
    r"gone))"
)
_RISE_VERB = (
    r"(?:went\s+up|rose|grew|climbed|increased|jumped|soared|shot\s+up|picked\s+up|took\s+off|"
    r"improved|doubled|tripled|recovered|bounced\s+back)"
)
_DEGREE = (
    r"(?:(?:basically|pretty\s+much|almost|nearly|virtually|practically|all\s+but|more\s+or\s+"
    r"less|completely|quickly|soon|then|really|steadily|sharply|noticeably|massively|"
    r"immediately|right)\s+)?"
)
# Up to three words between the noun and its verb ("callbacks on my jobs dropped"), never
# a clause break or another subject.
_NOUN_TAIL = r"(?:\s+(?!(?:and|but|so|which|when|because|that|I|we|you)\b)[\w'’-]+){0,3}?"
_QUAL_CHANGE_RE = re.compile(
    rf"\b(?:{_BAD_NOUN}{_NOUN_TAIL}\s+{_DEGREE}{_FALL_VERB}"
    rf"|{_GOOD_NOUN}{_NOUN_TAIL}\s+{_DEGREE}{_RISE_VERB})\b"
    # The speaker's verb with the direction as a particle: "got our repeat orders up".
    rf"|\b(?:got|gotten|brought|pushed|drove|driven|knocked|dragged|pulled)\s+(?:our|the|its)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{_BAD_NOUN}\s+(?:right\s+|way\s+|well\s+)?down|{_GOOD_NOUN}\s+"
    r"(?:right\s+|way\s+|well\s+)?up)\b"
    # The organisation paying less: "we ended up paying way less for fuel" (not "I spend
    # less time on admin": the subject is the organisation).
    r"|\b(?:we|the\s+(?:company|business|firm|trust|council|school|team|practice)|our\s+[\w-]+)\s+"
    r"(?:ended\s+up\s+|were\s+|are\s+(?:now\s+)?)?(?:paying|spending|paid|spent|wasting|wasted|"
    r"losing|lost|using|used)\s+(?:way\s+|a\s+lot\s+|far\s+|much\s+|loads\s+|significantly\s+|"
    r"a\s+good\s+bit\s+)?less\b"
    # A bad experience that stopped: "the checkout team stopped getting paged".
    r"|\bstopped\s+(?:getting|being)\s+(?:paged|called\s+out|chased|fined|overcharged|"
    r"turned\s+away|sent\s+\w+)\b",
    _I,
)
# A change put down to someone or something else: "complaints dropped after the new manager
# arrived", "sales went up because of the pandemic".
_OTHER_CAUSE_AFTER_RE = re.compile(
    r"^\W*(?:[\w-]+\s+){0,3}?(?:after|when|once|because(?:\s+of)?|thanks\s+to|as)\s+(?:(?:my|our|"
    r"the|his|her|their|a)\s+(?:new\s+|old\s+)?(?:[\w-]+\s+)?(?:manager|boss|director|ceo|cfo|"
    r"owner|founder|head|lead|predecessor|supervisor|colleague|government|market|economy|"
    r"competitor|pandemic|recession|lockdown)s?|covid|he|she|they)\b",
    _I,
)

# The interviewer's or someone else's figures ("your sales fell"), not the speaker's change.
_NOT_OWN_NOUN_BEFORE = re.compile(r"\b(?:your|their|his|her)\s+(?:[\w-]+\s+)?$", _I)

# Before and after. A time or quantity "instead of" another: "summaries reached GPs within a
# day instead of a week", "in seconds instead of digging for ten minutes".
_DURATION = (
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|a\s+few|a\s+couple\s+of|half\s+an?|\d+)\s+)?(?:seconds?|minutes?|"
    r"hours?|days?|weeks?|fortnights?|months?|years?)|the\s+same\s+day|overnight"
)
_INSTEAD_OF_RE = re.compile(
    rf"\b(?:in|within|by|to|at|takes?|took|under)\s+(?:about\s+|around\s+|just\s+|only\s+)?"
    rf"(?:{_DURATION})\s+instead\s+of\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_DURATION}|\d+|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
    _I,
)
# A state "now" after a state "before": "the stock reconciliation used to take two days ...
# now it's about forty minutes", "When I arrived, the close took eight days; it now takes
# three". The before-state is anywhere earlier in the answer.
_BEFORE_STATE_RE = re.compile(
    r"\bused\s+to\b|\b(?:when|before)\s+I\s+(?:first\s+)?(?:arrived|joined|started|took\s+"
    r"over|came\s+in|got\s+there|was\s+(?:made|appointed|promoted))|\b(?:previously|"
    r"originally)\b",
    _I,
)
_NOW_RE = re.compile(r"\bnow\b", _I)
# A now-state that carries its own comparison, so needs no before-state: "now picking takes
# about half the time", "now it's twice as fast".
_RELATIVE_MEASURE_RE = re.compile(
    r"\b(?:half|a\s+third|a\s+quarter|a\s+fraction|a\s+tenth)\s+(?:of\s+)?the\s+(?:time|cost|"
    r"effort|price|steps)\b|\b(?:twice|three\s+times|four\s+times)\s+as\s+(?:fast|quick|many|much)\b",
    _I)
# What the now-state must hold: a quantity, a bare count after "takes", or a clock time.
_NOW_MEASURE_RE = re.compile(
    r"\b(?:takes?|runs?|averages?)\s+(?:about\s+|around\s+|under\s+|just\s+|only\s+)?(?:\d+|one|"
    r"two|three|four|five|six|seven|eight|nine|ten|half)\b|\bby\s+(?:half\s+\w+|\w+\s+o['’]clock|"
    r"lunch(?:time)?|noon|midday|\d{1,2}(?::\d\d)?\s*(?:am|pm)?)\b"
    r"|\b(?:done|finished|closed|ready|signed\s+off)\s+(?:in|within)\s+(?:about\s+|around\s+|"
    r"under\s+|just\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|half|a)\b",
    _I,
)
# The now-state is the speaker's own skill or life, not an organisation's ("now my reports
# are half the length", "I now run the demo").
_PERSONAL_NOW_RE = re.compile(r"\b(?:I|I['’]m|me|my)\b", _I)

# A loss that did not happen: negation as a positive result ("we haven't lost a dataset
# since", "we didn't lose a single performance", "we haven't had to recruit from outside").
_NEG_PERFECT = (
    r"(?:haven['’]t|hasn['’]t|hadn['’]t|didn['’]t|have\s+not|has\s+not|did\s+not|had\s+not|"
    r"never|['’]ve\s+never|have\s+never|has\s+never|had\s+never)"
)
_NO_LOSS_RE = re.compile(
    rf"\b(?P<subj>we|I|it|they|(?:the|our|that|this)\s+(?:[\w-]+\s+)?[\w-]+)\s+(?:also\s+|still\s+)?"
    rf"{_NEG_PERFECT}\s+(?:once\s+|since\s+|again\s+)?"
    r"(?:(?:lost|lose|dropped|cancell?ed)\s+(?:a\s+single|one\s+single|one|any|a|an|another)\s+"
    r"(?!(?:minute|second|moment)(?:['’]s)?\s+sleep)(?:[\w-]+\s+)??[\w-]+"
    r"|had\s+to\s+(?:recruit|hire|outsource|close|cancel|turn\s+away|refund|rebook|evacuate|"
    r"call\s+in|bring\s+in|use\s+agency)\b"
    rf"|had\s+(?:a|an|one|any)\s+(?:single\s+)?(?:[\w-]+\s+)?(?:{_ZERO_NOUN}|outage|incident|"
    r"complaint|error|failure|breach|accident|injury|fine|recall|escalation)s?\b"
    # A fault that has not come back: "the nightly job hasn't failed once since".
    r"|(?:failed|crashed|gone\s+down|broken|fallen\s+over|slipped|gone\s+wrong)\s+(?:once|"
    r"again|since)\b)"
    # "Nobody has had to work a weekend since", "no one has been hurt".
    r"|\b(?P<nobody>nobody|no\s+one|no-one|none\s+of\s+(?:us|them|the\s+[\w-]+))\s+(?:has|have|"
    r"had)\s+(?:had\s+to\s+(?:work|stay|come\s+in|be\s+\w+)|been\s+(?:hurt|injured|harmed|"
    r"paged|called\s+out|laid\s+off|made\s+redundant)|left|quit)\b",
    _I,
)
_NO_LOSS_PERSONAL_RE = re.compile(
    r"\b(?:temper|cool|patience|sleep|weight|interest|nerve|touch|track|focus|faith|hope|"
    r"motivation|heart|job|way|argument|debate|game|match|bet|fight|race|pounds?|friends?|"
    r"mates?)\b", _I)

# Kept what could have been lost: "we kept the account", "kept every one of the group
# bookings", "we kept our credit line on better terms".
_KEPT_RE = re.compile(
    r"\b(?:kept|retained|saved|held\s+on\s+to|held\s+onto|hung\s+on\s+to)\s+(?P<det>the|their|"
    r"our|its|that|this|both(?:\s+of)?(?:\s+(?:the|our|their))?|every\s+(?:single\s+)?one\s+of\s+(?:the|their|our)|all\s+(?:of\s+)?"
    r"(?:the|their|our))\s+(?:[\w-]+\s+){0,2}?(?P<noun>accounts?|clients?|customers?|contracts?|"
    r"bookings|business|funding|grants?|licen[cs]es?|accreditation|credit\s+line|franchise|"
    r"tenants?|donors?|sponsors?|partnership|rating|listing|stars?)\b(?!\s+(?:informed|updated|"
    r"happy|posted|in\s+the\s+loop|on\s+side|waiting|calm|engaged|busy))",
    _I,
)
# A measure held at a level: "kept our pick accuracy above ninety-nine percent".
_HELD_LEVEL_RE = re.compile(
    rf"\b(?:kept|held|maintained|sustained)\s+(?P<what>(?:[\w'’-]+\s+){{0,5}}?)(?:above|below|"
    rf"under|over|at|within)\s+{_CHANGE_NUM}(?!\w)",
    _I,
)

# A customer, funder or judge rewarding the work: renewed, re-funded, more work sent,
# an award, a bid won, a target passed.
_REWARD_RE = re.compile(
    r"\b(?:renewed|extended|expanded|increased|doubled)\s+(?:their|its|the|our)\s+(?:[\w-]+\s+)?"
    r"(?:contract|deal|subscription|licen[cs]e|order|account|funding|grant|agreement|retainer|"
    r"spend|membership)s?\b|\brenewed\s+(?:for|again|early)\b"
    r"|\b(?:funded|commissioned|booked|hired|engaged|backed|sponsored|invited)\s+(?:it|us|me|"
    r"the\s+[\w-]+|our\s+[\w-]+)\s+again\b"
    r"|\b(?:put|added|moved)\s+(?:us|me|our\s+[\w-]+|the\s+[\w-]+)\s+(?:on|onto|to)\s+(?:their|"
    r"the|its)\s+(?:[\w-]+\s+)?(?:approved|preferred|framework|supplier|roster)"
    r"(?:\s+(?:supplier\s+)?(?:list|panel|framework|roster))?\b"
    r"|\b(?:sends?|sent|gives?|gave|refers?|referred|passes?|passed|hands?|handed)\s+(?:me|us|"
    r"our\s+[\w-]+)\s+(?:all|most|more|the\s+rest|a\s+lot|plenty)\s+(?:of\s+)?(?:their|its)\s+"
    r"(?:[\w-]+\s+)?(?:work|business|jobs|clients|contracts|referrals|orders|projects|accounts)\b"
    r"|\b(?:won|secured|landed|picked\s+up|took)\s+(?:a|an|the|our|its|two|three|four|five)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:award|prize|accreditation|commendation|kitemark)s?\b"
    r"|\b(?:bid|tender|contract|pitch|grant|award|appeal|account)\b[^.;!?]{0,40}?\bwhich\s+"
    r"(?:we|I)\s+(?:won|secured|landed)\b"
    r"|\b(?:passed|beat|exceeded|smashed|surpassed|overshot)\s+(?:the|its|our|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:target|forecast|goal|projection|kpi|benchmark)s?\b",
    _I,
)

# The speaker as the winner of an award is recognition, not an organisation's result.
_PERSONAL_AWARD_RE = re.compile(r"\bI\s+(?:\w+\s+)?$", _I)

# A rank reached: "took the newest one from the worst safety record in the group to the
# best", "within a year we were the best in the region for shrinkage", "the best result the
# school had had in a decade".
_RANK_RE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:worst|bottom|lowest|last|weakest)\b[^.;!?]{0,60}?\bto\s+(?:the\s+)?"
    r"(?:best|top|highest|strongest)\b"
    r"|\b(?:we|our\s+(?:[\w-]+\s+)?[\w-]+|my\s+(?:territory|store|team|branch|site|ward|"
    r"school|region|patch|depot|shop|department|class|unit|area|practice|office))\s+(?:were|was|"
    r"became|had\s+become|has\s+been|have\s+been|['’]ve\s+been|ended\s+up(?:\s+as)?|"
    r"finished(?:\s+the\s+year)?(?:\s+as)?|rose\s+to|climbed\s+to|moved\s+up\s+to)\s+"
    r"(?:the\s+)?(?:best|top(?:\s+[\w-]+)?|highest(?:[\s-][\w-]+)?|number\s+one|most\s+improved)"
    r"(?!\s+(?:time|times|days?|moments?|experience|thing|job|decision|fun)\b)"
    r"(?:\s+[\w-]+){0,3}?\s+(?:in|across|on)\s+(?:the\s+)?[\w-]+"
    # A superlative in the right direction against peers: "the shortest waits in the trust".
    rf"|\b(?:shortest|lowest|fewest|least)\s+(?:[\w-]+\s+)?{_BAD_NOUN}\s+(?:in|across|of)\s+"
    r"(?:the\s+)?[\w-]+"
    # ... or with the peers as a possessive: "the region's lowest downtime".
    rf"|\bthe\s+(?:region|trust|group|company|firm|county|country|city|network|division|"
    rf"chain|district|area|league|sector)['’]s\s+(?:shortest|lowest|fewest|least)\s+"
    rf"(?:[\w-]+\s+)?{_BAD_NOUN}\b"
    rf"|\b(?:highest|most|best|biggest|strongest)\s+(?:[\w-]+\s+)?{_GOOD_NOUN}\s+(?:in|across)\s+"
    r"(?:the\s+)?[\w-]+"
    r"|\b(?:best|highest|biggest|strongest|record)\s+(?:[\w-]+\s+){0,2}?(?:results?|year|quarter|"
    r"month|figures|sales|scores?|season|intake|rating|inspection)\s+(?:(?:the|our)\s+[\w-]+|we|"
    r"it|they)\s+(?:had|has|have|['’]d)\s+(?:ever\s+)?(?:had|seen|achieved|got|recorded|posted)\b",
    _I,
)

# A steady change stated as a track record: "growing by about fifteen percent a year under
# me" (a gerund, so the achieved-verb rule does not see it).
_GERUND_TRACK_RE = re.compile(
    rf"\b(?:growing|increasing|rising|climbing|cutting|reducing|lowering|saving)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?by\s+(?:{QUANTITY.pattern})\s+(?:a|each|every|per)\s+"
    r"(?:year|quarter|month)(?:\s+(?:under\s+me|since|running))?\b",
    _I,
)

# New business counted: "took on eleven extra rewires", "brought the practice three more
# commissions"; and the speaker's work adopted: "the app we built is now used in forty
# hospitals", "the group used my data in a paper".
_COUNT = (
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|a\s+dozen|dozens\s+of|hundreds\s+of)"
)
_EXTRA_WORK_RE = re.compile(
    rf"\b(?:took\s+on|won|brought\s+(?:in|the\s+[\w-]+|us|them)|landed|signed|generated|"
    rf"attracted|gained|picked\s+up)\s+(?:in\s+)?{_COUNT}\s+(?:extra|more|additional|new|repeat)"
    r"\s+(?!(?:people|staff|employees|hires|engineers|apprentices|trainees|graduates|juniors|"
    r"reports|members\s+of\s+staff|volunteers|hours|shifts|days|responsibilities|duties|tasks|"
    r"roles|projects|courses|skills|qualifications)\b)[\w-]+",
    _I,
)
_ADOPTED_RE = re.compile(
    rf"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|still\s+)?(?:used|adopted|"
    rf"rolled\s+out|live|running|deployed|in\s+use|installed)\s+(?:by|in|across|at|on|to)\s+"
    rf"(?:over\s+|more\s+than\s+|about\s+|around\s+|nearly\s+|almost\s+)?{_COUNT}\s+[\w-]+"
    r"|\b(?:used|adopted|published|cited|copied|took\s+up|rolled\s+out)\s+my\s+(?:[\w-]+\s+)?"
    r"(?:data|work|model|tool|design|template|process|method|approach|report|analysis|findings|"
    r"dashboard|system|scheme|idea|checklist)s?\b",
    _I,
)

# A change from a named low, without numbers: "school visits went from a handful a month to
# being booked out", "from next to nothing to a waiting list". The speaker's own career
# ("I went from nothing to running a team") is excluded by the subject check.
_FROM_LOW_RE = re.compile(
    r"\bfrom\s+(?:a\s+handful|nothing|zero|none|almost\s+nothing|next\s+to\s+nothing|"
    r"hardly\s+any|barely\s+any|a\s+trickle)\b[^.;!?]{0,60}?\bto\s+(?:being\s+)?"
    r"(?:booked|sold|fully|full|over|a\s+waiting\s+list|waiting\s+lists|hundreds|thousands|"
    r"dozens|most|every|all|regular|steady|(?:a\s+)?(?:queue|profit|surplus))\b"
    r"(?:\s+(?:out|up|solid|booked))?",
    _I,
)
# An outcome followed by "as a result" at the end of its clause: "three of those timetables
# were rewritten as a result". What is before it is the outcome, so the speaker's own gain
# ("I got promoted as a result") is excluded.
_TRAILING_RESULT_RE = re.compile(
    r"\bas\s+a\s+(?:direct\s+)?result(?:\s+of\s+(?:it|this|that))?(?=\s*(?:[,.;!?]|$))", _I)
#: Longest outcome, in characters, read before a trailing "as a result" (about 15 words).
_TRAILING_OUTCOME_CHARS: int = 90
#: Shortest outcome before a trailing "as a result" ("sales rose"): less is a fragment.
_TRAILING_OUTCOME_MIN_CHARS: int = 8
# A fix that lasted: "the reports have matched ever since", "it has run cleanly since".
_EVER_SINCE_RE = re.compile(
    r"\b(?:it|they|(?:the|our|those|these)\s+(?:[\w-]+\s+)?[\w-]+)\s+(?:have|has|['’]ve)\s+"
    r"(?:\w+\s+)?(?:matched|balanced|worked|run|held|(?:stayed|been)\s+(?:fine|clean|"
    r"stable|accurate|right|spot\s+on|on\s+time))\s+(?:\w+\s+)?ever\s+since\b",
    _I,
)

# A comparison after a result connective: "as a result, we had far fewer rejected claims".
_COMPARATIVE_RE = re.compile(r"\b(?:fewer|less|more|higher|lower|faster|quicker|cheaper|"
                             r"shorter|better)\b", _I)

# Coming in under budget by a stated amount is money saved ("came in 15% under budget",
# "four percent under the budget agreed with the trust", "under budget by £40k"); "under
# budget" alone, like finishing early, is a delivery claim.
_SAVED_BY = rf"{_APPROX}(?:{QUANTITY.pattern})"
_UNDER_BUDGET_RE = re.compile(
    rf"(?<![\w$£€]){_SAVED_BY}\s+under\s+(?:the\s+|its\s+|their\s+|our\s+|my\s+)?(?:[\w-]+\s+)?budgets?\b"
    r"(?!\s+(?:on|for|with)\s+my\b)(?!\s+(?:pressures?|constraints?|cuts?|strain|review|"
    r"scrutiny|restrictions?)\b)"
    rf"|\bunder\s+(?:the\s+|its\s+|their\s+|our\s+|my\s+)?(?:[\w-]+\s+)?budgets?,?\s+by\s+"
    rf"{_SAVED_BY}", _I)


# The fourth round's classes (blind_q..v): outcomes told as money added, as attainment of a
# quota, as a loss stopped, or as a service restored.
_AMOUNT = (
    rf"{_APPROX}(?:[$£€]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|thousand|grand)?\b|"
    r"\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|thousand|grand)\b|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\s+few|several|"
    r"half\s+a|a\s+quarter\s+of\s+a|[\w-]+\s+hundred)\s+(?:million|thousand|grand|"
    r"hundred\s+thousand)\b)"
)
#: "each added over a million in ARR", "brought in £400k of new business".
_ADDED_VALUE_RE = re.compile(
    rf"\b(?:added|generated|brought\s+in|contributed|drove|booked|closed|won|unlocked|"
    rf"created)\s+{_AMOUNT}\s*(?:in|of|worth\s+of)\s+(?:new\s+|extra\s+|additional\s+|"
    r"annual\s+|recurring\s+|incremental\s+)?(?:ARR|MRR|revenue|sales|bookings|pipeline|income|"
    r"profit|margin|business|funding|donations|savings)\b", _I)
#: "I've finished between 110 and 130 percent of quota", "hit 118% of target".
_OVER_QUOTA_RE = re.compile(
    r"\b(?:between\s+)?(?:1\d\d|2\d\d)(?:\s?(?:%|percent|per\s+cent))?(?:\s+(?:and|to)\s+"
    r"\d{3})?\s?(?:%|percent|per\s+cent)\s+(?:of\s+)?(?:my\s+|the\s+|our\s+|their\s+)?"
    r"(?:quota|target|plan|number)\b", _I)
#: "controls that stopped about £90,000 of duplicate payments", "recovered £12k in overcharges".
_LOSS_STOPPED_RE = re.compile(
    rf"\b(?:stopped|prevented|caught|blocked|recovered|clawed\s+back|recouped|avoided|"
    rf"flagged)\s+{_AMOUNT}\s*(?:of|in|worth\s+of)\s+[\w-]+", _I)
#: Quality outcomes: "all four passed their level three first time", "every weld passed
#: X-ray", "the run of 2,000 bottles sold out by the first week".
_PASSED_ALL_RE = re.compile(
    r"\b(?:all|every|each|both)\s+(?:[\w-]+\s+){1,3}?(?:passed|cleared)\b(?:[^.;!?]{0,40}?"
    r"\bfirst\s+time\b)?|\b(?:sold|selling)\s+out\b", _I)
#: "had checkout running again in forty minutes", "back online within the hour".
_RESTORED_RE = re.compile(
    r"\b(?:had|got|brought)\s+(?:[\w'’-]+\s+){1,3}?(?:running|working|back\s+up|back\s+online|"
    r"live|up)\s+(?:again\s+)?(?:with)?in\s+(?:under\s+|about\s+|less\s+than\s+|just\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|forty-five|"
    r"fifty|ninety|half\s+an?|the)\s+(?:minutes?|mins|hours?|hour)\b", _I)


def _second_round_spans(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """Evidence spans in ``sent`` for the classes above (each with its own guards)."""
    st = sent.text
    spans: list[tuple[int, int]] = []

    def keep(m: re.Match[str], *, third_party: bool = False, negation: bool = True) -> None:
        pos = sent.start + m.start()
        if _OTHER_CAUSE_AFTER_RE.search(st[m.end():m.end() + _REST_WINDOW_CHARS]):
            return
        if (_claim_guards_ok(text, pos, negation=negation, third_party=third_party)
                and _speaker_near(text, pos)):
            spans.append((pos, sent.start + m.end()))

    for m in _cues(_QUAL_CHANGE_RE, st):
        if not _NOT_OWN_NOUN_BEFORE.search(st[:m.start()]):
            keep(m)
    for m in _cues(_INSTEAD_OF_RE, st):
        if not _NOT_CHANGE_HEAD.search(clause_prefix(text, sent.start + m.start())
                                       + m.group(0)):
            keep(m)
    for m in _cues(_NO_LOSS_RE, st):
        subject_end = m.end("subj") if m.group("subj") else m.end("nobody")
        if (not _NO_LOSS_PERSONAL_RE.search(st[subject_end:m.end()])
                and not is_hypothetical(text, sent.start + m.end())):
            keep(m, negation=False, third_party=True)
    for m in _cues(_KEPT_RE, st):
        if m.group("noun").lower() == "accounts" and m.group("det").lower() in ("the", "our"):
            continue  # "kept the accounts" is bookkeeping
        keep(m)
    for m in _cues(_HELD_LEVEL_RE, st):
        if re.search(rf"\b{_METRIC_NOUN}\b", m.group("what"), _I) and not _NOT_CHANGE_HEAD.search(
                m.group(0)):
            keep(m)
    for pattern in (_REWARD_RE, _ADOPTED_RE):
        for m in _cues(pattern, st):
            if _PERSONAL_AWARD_RE.search(st[:m.start()]) and re.search(
                    r"\b(?:award|prize|commendation)", m.group(0), _I):
                continue  # "I won an award for best newcomer" is the speaker's, not a result
            keep(m, third_party=True)
    for m in _cues(_FROM_LOW_RE, st):
        if not re.search(r"\bI\b", clause_prefix(text, sent.start + m.start()), _I):
            keep(m)
    for m in _cues(_TRAILING_RESULT_RE, st):
        lo = max(0, m.start() - _TRAILING_OUTCOME_CHARS)
        segment = re.split(r"[,.;:!?]|\b(?:and|but|so)\b", st[lo:m.start()], flags=_I)[-1]
        what = segment.strip()
        if len(what) < _TRAILING_OUTCOME_MIN_CHARS:
            continue
        if re.search(r"\b(?:I|I['’]\w+|me|my)\b", what, _I) or _NOT_CHANGE_HEAD.search(what):
            continue
        pos = sent.start + m.start() - len(segment) + (len(segment) - len(segment.lstrip()))
        if _claim_guards_ok(text, pos) and _speaker_near(text, pos):
            spans.append((pos, sent.start + m.end()))
    for pattern in (_RANK_RE, _GERUND_TRACK_RE, _EXTRA_WORK_RE, _UNDER_BUDGET_RE,
                    _EVER_SINCE_RE, _ADDED_VALUE_RE, _OVER_QUOTA_RE, _LOSS_STOPPED_RE,
                    _RESTORED_RE, _PASSED_ALL_RE):
        for m in _cues(pattern, st):
            if pattern is _PASSED_ALL_RE and re.search(
                    r"\b(?:when|while|whenever|until|as)\b[^,;]{0,30}$", st[:m.start()], _I):
                continue  # "I was in the box office when the shows sold out": a time
            keep(m)
    spans.extend(_before_after_spans(text, sent))
    return spans


def _before_after_spans(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """A measured "now" state in ``sent`` after a "before" state earlier in the answer."""
    out: list[tuple[int, int]] = []
    before = _BEFORE_STATE_RE.search(text, 0, sent.start + len(sent.text))
    relative = _RELATIVE_MEASURE_RE.search(sent.text)
    if before is None and relative is None:
        return out
    for m in _cues(_NOW_RE, sent.text):
        pos = sent.start + m.start()
        after_before = before is not None and pos >= before.end()
        if not after_before and (relative is None or relative.start() < m.end()):
            continue
        after = sent.text[m.end():m.end() + _REST_WINDOW_CHARS]
        clause = re.split(rf"{_STOP_BREAK}|\b(?:but|and|because|which)\b", after,
                          maxsplit=1, flags=_I)[0]
        prefix = clause_prefix(text, pos)
        if _PERSONAL_NOW_RE.search(prefix + clause) or _NOT_CHANGE_HEAD.search(prefix + clause):
            continue
        if not (has_quantity(clause) or _NOW_MEASURE_RE.search(clause)
                or _RELATIVE_MEASURE_RE.search(clause)):
            continue
        if not _speaker_before(text, pos):
            continue
        if _claim_guards_ok(text, pos):
            start = sent.start + m.start() - len(prefix)
            out.append((start, sent.start + m.end() + len(clause.rstrip())))
    return out


def check_results_framing(text: str, question: Question | None) -> Finding:
    """Detect a concrete outcome of the speaker's work (shared/CONTENT.md, ``results_framing``).

    Parameters
    ----------
    text : str
        The answer, typed or transcribed.
    question : Question or None
        The question answered (unused: a result counts the same for every question).

    Returns
    -------
    Finding
        Evidence spans (character offsets into ``text``) and the facts ``quantified`` (a
        number or measured change backs a result) and ``helped_form`` ("I helped the company
        to ...").
    """
    spans: list[tuple[int, int]] = []
    quantified = False
    helped_form = False
    for sent in sentences(text):
        if len(spans) >= _MAX_SPANS:
            break  # enough evidence; a long run-on answer need not be read to its end
        st = sent.text
        # 1. An achieved outcome verb followed, in its clause, by a metric or a quantity.
        for m in _cues(_ACHIEVED_VERB_RE, st):
            verb = m.group(0).lower()
            if verb.startswith(("help", "enabl", "allow")):
                continue  # handled by the "helped X to" pattern below
            if re.search(r"\b(?:a|an|the|its|their)\s+$", st[max(0, m.start() - 6):
                                                                       m.start()], _I):
                continue  # an adjective ("a fixed twenty percent"), not the speaker's act
            pos = sent.start + m.start()
            rest = st[m.end():m.end() + _REST_WINDOW_CHARS]
            rest_clause = re.split(rf"{_PUNCT_BREAK}|\b(?:and|but|because|so|while|although)\b",
                                   rest, maxsplit=1, flags=_I)[0]
            if _NOT_RESULT_OBJECT.search(rest_clause):
                continue
            quantity = has_quantity(_TIMING_RE.sub(" ", rest_clause)) or (
                verb.startswith(("doubl", "tripl", "halv", "quadrupl")))
            metric = re.search(rf"\b{_METRIC_NOUN}\b", rest_clause[:60], _I) is not None
            passive_subject = re.search(
                rf"\b{_METRIC_NOUN}\b[^,;]{{0,40}}\b(?:was|were|has\s+been|have\s+been|had\s+been|"
                rf"got)\s+(?:\w+\s+)?$", st[max(0, m.start() - _PASSIVE_LOOKBACK_CHARS):m.start()],
                _I)
            if passive_subject and verb not in {"went", "came", "made", "turned", "hit", "beat"}:
                metric = True  # "the backlog of open complaints was cleared"
            if verb in {"moved", "shifted", "migrated", "converted"}:
                if not (quantity and metric):
                    continue
            elif verb in {"went", "came", "rose", "fell", "made", "turned", "hit", "beat"}:
                # Weak verbs count only with a quantity or a "from ... to" change.
                if not quantity:
                    continue
                if verb in {"went", "came"} and not _WENT_CHANGE_RE.match(rest_clause):
                    continue  # "went live eleven days after", "went out nine days late"
            elif not (quantity or metric):
                continue
            # "I fixed bugs", "I shipped features" is work, not an outcome; it takes a number
            # ("cut bugs by 40%") or an outcome noun that names the change.
            if verb == "won" and _PERSONAL_AWARD_RE.search(st[:m.start()]) and re.search(
                    r"\b(?:award|prize)", rest_clause, _I):
                continue  # "I won an award for best newcomer" is recognition, not a result
            work_verb = verb in {"fixed", "solved", "resolved", "launched", "shipped",
                                 "delivered", "produced"}
            if verb == "closed" and not quantity and not re.search(
                    r"\b(?:deals?|contracts?|sales|round|gap|funding|tender|bid)\b",
                    rest_clause[:50], _I):
                continue  # "closed the year-end accounts" is bookkeeping, not a won deal
            if work_verb and not quantity and (
                    not re.search(r"\b(?:outage|backlog|crisis|bottleneck|problem|issue)s?\b",
                                  rest_clause[:50], _I)
                    or re.search(r"\bbugs?\b", rest_clause[:30], _I)):
                continue
            if not _result_claim_ok(text, pos):
                continue
            end = sent.start + m.end() + len(rest_clause.rstrip())
            spans.append((pos, end))
            quantified = quantified or quantity
        # 2. "I helped the company to <outcome>".
        for m in _cues(_HELPED_RE, st):
            pos = sent.start + m.start()
            verb = m.group("verb").lower()
            if is_negated(text, pos) or is_hypothetical(text, pos):
                continue
            rest = st[m.start("verb"):m.start("verb") + _REST_WINDOW_CHARS]
            rest_clause = re.split(rf"{_STOP_BREAK}|\bbut\b", rest, maxsplit=1, flags=_I)[0]
            if not (_OUTCOME_VERB_RE.match(verb) or re.search(rf"\b{_METRIC_NOUN}\b",
                                                              rest_clause[:60], _I)):
                continue
            if re.match(r"(?:learn|understand|feel|settle|get\s+to\s+know|find|move|pack|"
                        r"organi[sz]e\s+(?:a|the)\s+party)", rest_clause, _I):
                continue
            spans.append((pos, sent.start + m.start("verb") + len(rest_clause.rstrip())))
            quantified = quantified or has_quantity(_TIMING_RE.sub(" ", rest_clause))
            helped_form = True
        # 3. A quantity that names a change: "a 20% increase", "30% faster".
        for m in _cues(_QUANT_OUTCOME_RE, st):
            pos = sent.start + m.start()
            if not _result_claim_ok(text, pos):
                continue
            spans.append((pos, sent.start + m.end()))
            quantified = True
        # 4. A result connective followed by a metric or a quantity.
        for m in _cues(_RESULT_CONNECTIVE_RE, st):
            rest = st[m.end():m.end() + _REST_WINDOW_CHARS]
            rest_clause = re.split(r"[;!?]|\.(?!\d)", rest, maxsplit=1)[0]
            if not (has_quantity(rest_clause)
                    or re.search(rf"\b{_METRIC_NOUN}\b", rest_clause, _I)
                    or (_COMPARATIVE_RE.search(rest_clause)
                        and not _PERSONAL_NOW_RE.search(rest_clause))):
                continue
            pos = sent.start + m.start()
            if is_negated(text, sent.start + m.end() + 1):
                continue
            spans.append((pos, sent.start + m.end() + len(rest_clause.rstrip())))
            quantified = quantified or has_quantity(rest_clause)
        # 4b. The speaker's creation still producing an outcome: "it now saves the team 30
        # hours a month", "which cuts costs by 10%".
        for m in _cues(_PRESENT_OUTCOME_RE, st):
            pos = sent.start + m.start()
            rest = st[m.end():m.end() + _REST_WINDOW_CHARS]
            rest_clause = re.split(rf"{_STOP_BREAK}|\bbut\b", rest, maxsplit=1, flags=_I)[0]
            if not (has_quantity(_TIMING_RE.sub(" ", rest_clause))
                    or re.search(rf"\b{_METRIC_NOUN}\b", rest_clause[:50], _I)):
                continue
            if is_negated(text, pos + 1) or is_hypothetical(text, pos + 1):
                continue
            spans.append((pos, sent.start + m.end() + len(rest_clause.rstrip())))
            quantified = quantified or has_quantity(rest_clause)
        # 5. A bad thing brought to zero: "we had zero failed reports", "with no outages".
        for m in _cues(_ZERO_BAD_RE, st):
            pos = sent.start + m.start()
            if (is_hypothetical(text, pos) or not _speaker_near(text, pos)
                    or _ZERO_PERSONAL_RE.search(st)):
                continue
            spans.append((pos, sent.start + m.end()))
        # 5b. A measured change stated as such, whatever the verb: "waste was down by about
        # 40%", "took the waiting list from fourteen weeks to five", "went from about a third
        # to almost none", "which took over 80,000 pounds in its first month". The agent is
        # checked as for the verbs above (speaker in the sentence, achieved, not someone else).
        for pattern in (_CHANGE_FROM_TO_RE, _CHANGE_UP_DOWN_RE, _MONEY_TAKEN_RE,
                        _PHRASAL_CHANGE_RE):
            for m in _cues(pattern, st):
                pos = sent.start + m.start()
                head = clause_prefix(text, pos)
                if _NOT_CHANGE_HEAD.search(head + m.group(0)[:25]):
                    continue
                if pattern is _CHANGE_FROM_TO_RE and _RANGE_BEFORE.search(head):
                    continue
                if not _result_claim_ok(text, pos):
                    continue
                spans.append((pos, sent.start + m.end()))
                quantified = True
        # 6. Time given back: "gave each engineer back an hour a week", "freed up 10 hours".
        for m in _cues(_TIME_BACK_RE, st):
            pos = sent.start + m.start()
            if _result_claim_ok(text, pos):
                spans.append((pos, sent.start + m.end()))
                quantified = True
        # 7. Outcomes without an outcome verb and a number (see _second_round_spans).
        spans.extend(_second_round_spans(text, sent))
    merged = _merge(spans)
    return Finding(merged, {"quantified": quantified, "helped_form": helped_form})
