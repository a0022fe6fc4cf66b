"""The ``delivery_promises`` check of shared/CONTENT.md.

Delivery promises: on time, early, under budget, as a promise or a record.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    CLAUSE_LOOKBACK_CHARS,
    clause_opener,
    clause_prefix,
    is_negated,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
from voice_coach.content.checks.results import credited_elsewhere
from voice_coach.questions import Question

__all__ = ["check_delivery_promises", "late_news"]

#: Clause openers that make a delivery claim a condition, not a record or a promise.
_CONDITIONAL = frozenset({"if", "unless", "whether"})

_DELIVERY_VERB = (
    r"(?:deliver(?:ed|s|ing)?|ship(?:ped|s|ping)?|launch(?:ed|es|ing)?|finish(?:ed|es|ing)?|"
    r"complet(?:e|ed|es|ing)|hand(?:ed)?\s+(?:it\s+)?over|releas(?:e|ed|es|ing)|"
    r"(?:hand|turn)(?:s|ed|ing)?\s+(?:[\w']+\s+){0,3}?in\b|"
    r"roll(?:ed)?\s+(?:it\s+|them\s+)?out|rolled|clos(?:e|ed|ing)|wrap(?:ped)?\s+up|"
    r"land(?:ed)?|c[oa]me\s+in|hit|meet|met|submit(?:ted)?|turn(?:ed)?\s+around|"
    r"deploy(?:ed)?|went\s+live|go\s+live|implement(?:ed)?|migrat(?:e|ed)|built|build|"
    r"produc(?:e|ed)|execut(?:e|ed)|publish(?:ed)?|got\s+(?:it|them|this|that)\s+done|"
    r"get\s+(?:it|them|this|that|things)\s+done|done|ready|live|out)"
)
_TIMELY = (
    r"(?:on\s+time|on\s+schedule|on\s+budget|ahead\s+of\s+(?:schedule|time|the\s+deadline|"
    r"plan|target|deadline)|before\s+(?:the|its|our|their|your|every|each|a|my)\s+(?:[\w-]+\s+)?"
    r"deadlines?|(?:under|within|below|inside)\s+(?:the\s+|our\s+|their\s+|its\s+)?budget"
    r"(?!\s+(?:pressures?|constraints?|cuts?|strain|review|scrutiny|restrictions?))|"
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
               r"(?:the\s+|our\s+|their\s+|its\s+|your\s+|what\s+)?(?:\w+\s+){0,3}?budget"
               r"(?!\s+(?:pressures?|constraints?|cuts?|strain|review|scrutiny|restrictions?))|"
               r"(?:under|below)\s+what\s+\w+\s+had\s+(?:signed\s+off|approved|budgeted)|"
               r"on\s+(?:or\s+(?:before|ahead\s+of)|schedule|budget)|before\s+(?:the|its|your|our|their)\s+(?:\w+\s+)?"
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



# --- Classes of expression added for answers written blind (blind_e/f/h) ------------------
# Each rule below names a class of expression, not a phrase; the guards after the patterns
# keep the speaker as the agent and drop negated, conditional and punctuality readings.

#: A length of time: "a month", "two weeks", "a fortnight", "the day", "three days".
_NUM = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"a\s+few|a\s+couple\s+of|couple\s+of|several|\d+|half\s+an?|a\s+full|a\s+whole)")
_UNIT = r"(?:minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?)"
_DURATION = rf"(?:{_NUM}\s+(?:(?:full|whole|clear|good)\s+)?{_UNIT}|a\s+fortnight)"
#: What a piece of work can be due against: "the contract date", "the regulator's date",
#: "my supervisor's review", "the first surge", "it was due".
_DUE_NOUN = (r"(?:deadlines?|due\s+dates?|dates?|reviews?|launch|go-?live|opening|surges?|peak|"
             r"rush|inspections?|audits?|cut-?off|hand-?in|handover|submissions?|exams?|windows?|"
             r"kick-?off|start|targets?|season|year-end|month-end)")
_DUE_REF = (rf"(?:(?:the|its|my|our|their|your|his|her|each|every|any|[\w-]+['’]s)\s+"
            rf"(?:[\w'’-]+\s+){{0,3}}?{_DUE_NOUN}\b|(?:it|they|this|that|each|everything)\s+"
            rf"(?:was|were|is|are|['’]s|['’]re|had\s+been)\s+(?:due|needed|required|wanted|"
            rf"scheduled|planned|expected|asked\s+for))")
#: Ahead of time by a stated margin: "two months early", "a month earlier than the cabinet
#: had been told", "three days before the contract date", "with three weeks in hand",
#: "a month inside the deadline", "the week before the first surge".
_MARGIN = re.compile(
    rf"\b{_DURATION}\s+(?:early\b|earlier\b|ahead\b|in\s+hand\b|to\s+spare\b|sooner\s+than\b|"
    rf"(?:inside|within|under|ahead\s+of)\s+{_DUE_REF}|before\s+{_DUE_REF}|"
    rf"before\s*(?=[.;!?]|$))|\bthe\s+(?:day|night|week|month)\s+before\s+(?!any\b|every\b|each\b)"
    rf"{_DUE_REF}", _I)
#: Lateness or overrun: what a clean record denies ("never late", "not one ... slipped").
_LATE_TERM = (
    r"(?:late\b(?!\s+(?:nights?|shifts?|into|at\s+night|in\s+the|on\s+in|twenties|thirties))|"
    r"overdue\b|behind\s+schedule\b|over\s*ran\b|over-?run\b|"
    r"(?:completions?|dates?|deadlines?|deliver(?:y|ies)|launch(?:es)?|releases?|schedules?|"
    r"programmes?|projects?|milestones?|handovers?|filings?|timelines?|paydays?|payrolls?|"
    r"returns?|reports?|closes?|go-lives?)\s+slip\w*|"
    r"(?:gone|go|went|going|come|came)\s+over\s+(?:the\s+|my\s+|our\s+|their\s+|its\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:budget|quote|estimate)s?\b|"
    r"(?:higher|more|bigger)\s+than\s+(?:the|my|our|their|its)\s+(?:[\w'’-]+\s+)?"
    r"(?:quote|estimate|budget)s?\b|"
    r"miss(?:ed)?\s+(?:dates|deadlines)\b|"
    r"breach(?:ed)?\s+(?:a|the|any|one|our)\s+(?:[\w'’-]+\s+){0,3}?(?:limit|deadline|target|sla|"
    r"window)s?\b|"
    r"miss(?:ed)?\s+(?:a|one|any|the|a\s+single|its|their|our|my)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:deadline|due\s+date|"
    r"date|milestone|delivery|launch|release|window|payroll|filing|handover|shipment|"
    r"performance|show)s?\b|"
    r"blown\s+(?:a|one|any|the|a\s+single)\s+(?:[\w'’-]+\s+){0,2}?(?:deadline|commitment|"
    r"date|estimate|budget|milestone)s?\b|"
    r"(?:lose|lost|cancel(?:l?ed)?|drop(?:ped)?)\s+a\s+single\s+(?:performance|show|delivery|"
    r"shipment|service|session|event|order)s?\b|"
    r"left\s+(?:[\w'’-]+\s+){0,3}?for\s+the\s+next\s+(?:person|shift|trade|team|crew|one|"
    r"guy|lot)\b)"
)
#: A negator that quantifies over the speaker's record: "never", "not once", "not one of",
#: "no couple has ever", "haven't once".
_RECORD_NEGATOR = (
    r"(?:never|not\s+once|not\s+one|not\s+a\s+single|none|nobody|no\s+one|nothing|without\s+ever|"
    r"(?:don['’]?t|do\s+not)(?=\s+miss\b)|"
    r"no\s+(?:[\w-]+\s+){1,2}?(?:has|have|had|was|were|did|does)\s+(?:ever\s+)?|"
    r"(?:haven['’]?t|hasn['’]?t|hadn['’]?t|didn['’]?t|won['’]?t|have\s+not|has\s+not|"
    r"did\s+not|will\s+not))"
)
_CLEAN_RECORD = re.compile(rf"\b(?P<neg>{_RECORD_NEGATOR}|(?:don['’]?t|do\s+not)\s+think\s+(?:I|we)"
                           rf"(?:['’]ve|\s+have)?\s+ever)\b[^.;!?,]{{0,80}}?\b(?P<late>{_LATE_TERM})",
                           _I)
#: Between the negator and the lateness, a verb of knowing or feeling means the negation is
#: about something else: "I didn't realise we were over budget".
_NOT_ABOUT_RECORD = re.compile(
    r"\b(?:know|knew|realis|realiz|notic|think|thought|expect|see|saw|hear|heard|tell|told|"
    r"mind|care|want|like|say|said|admit|catch|caught|why|whether|idea|worr)\w*", _I)
#: "haven't missed one in eight years" in answer to the missed-deadline question, or after
#: a deadline word earlier in the answer: "one" is a deadline there.
_MISSED_NONE = re.compile(rf"\b{_RECORD_NEGATOR}\s*(?:\w+\s+)?missed\s+(?:a\s+single\s+one|"
                          r"one|any)\b(?=\s*(?:[.,;!?]|$|in\b|since\b|for\b|yet\b|ever\b|"
                          r"all\b|so\s+far\b|and\b|but\b))", _I)
#: A promise kept, said as the same time twice: "if I quote a day for a bathroom, it's a
#: day", "when I price a plot at four days it's done in four days", "if I say exchange on
#: Friday, it's Friday".
_SAID_TIME = (rf"(?:{_NUM}\s+{_UNIT}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|"
              r"tonight|noon|midday|end\s+of\s+(?:the\s+)?(?:day|week|month))")
_SAME_TIME_KEPT = re.compile(
    r"\b(?:if|when|whenever|once|what)\s+(?:I|we)\s+(?:say|said|quote|quoted|price|priced|"
    r"promise|promised|tell\s+\w+|told\s+\w+|estimate|estimated|commit\s+to|agree|agreed|"
    r"give\s+\w+|gave\s+\w+)\b[^.;!?]{0,40}?\b(?P<t>" + _SAID_TIME + r")\b[^.;!?]{0,30}?"
    r"\b(?:it['’]s|it\s+is|it['’]ll\s+be|it\s+will\s+be|you['’]ll\s+have\s+it|they['’]ll\s+"
    r"have\s+it|you\s+get\s+it|it\s+gets\s+done)\s+(?:(?:done|finished|ready|delivered|"
    r"fixed)\s+)?(?:in\s+|on\s+|by\s+|within\s+)?(?P=t)\b", _I)
#: The date or time that was set, met: "finished the day I said it would be", "on the date
#: we had announced", "started at the time printed on the invitation", "opened on the date
#: on the poster".
_SET_DATE_MET = re.compile(
    r"\b(?:(?:on|at|by|for)\s+)?the\s+(?:exact\s+|very\s+)?(?:day|date|time|hour|week)\s+"
    r"(?:(?:that\s+)?(?:I|we|I['’]d|we['’]d)\s+(?:had\s+)?(?:said|promised|agreed|quoted|"
    r"announced|committed\s+to|gave|set|told|planned|booked)|(?:printed|advertised|booked|"
    r"scheduled|agreed|announced|promised|planned|set|written|published)\b|(?:on|in)\s+the\s+"
    r"(?:poster|invitation|invite|contract|plan|programme|ticket|schedule)s?\b)", _I)
#: What makes a set date a delivery: something finished, opened, handed over or started.
_DONE_VERB = re.compile(
    r"\b(?:finish|done|complet|ready|open|start|launch|deliver|live\b|hand|ship|releas|"
    r"submit|install|fitted|built|went\s+(?:in|out|up)|gone\s+(?:in|out)|began|kick|"
    r"signed\s+off|cleared|closed|went\s+live|run|ran)\w*", _I)
#: A schedule kept: "I'll hit both" after "a number and a date", "I set my own dates ...
#: and I hit them", "I hit my deadlines".
_SCHEDULE_NOUN = re.compile(r"\b(?:dates?|deadlines?|timelines?|timescales?|schedules?|"
                            r"budgets?|estimates?|quotes?|milestones?)\b", _I)
_HIT_THEM = re.compile(
    r"\b(?:I|we)(?:['’]ll|\s+will)?(?:\s+(?:always|usually|reliably|consistently|then|do|did|"
    r"just))?\s+"
    r"(?:hit|meet|met|beat|make|made|keep\s+to|kept\s+to|stick\s+to|stuck\s+to)\s+"
    r"(?:them|both|it|those|these|each\s+one|every\s+one|all\s+of\s+them|"
    r"(?:all\s+)?(?:my|our)\s+(?:own\s+)?(?:deadlines|dates|delivery\s+dates|milestones))\b", _I)
_WEAK_MODAL = re.compile(r"\b(?:could|might|may|try|tried|trying|hope|hoping|like\s+to\s+think|"
                         r"wish|would\s+like|['’]d\s+like|if)\b", _I)
#: A strong timeliness or budget phrase anywhere in a first-person sentence: "every report
#: has gone in on time", "within the budget you've already got", "keeps the day to time",
#: "well before it's needed", "finish my tickets before the end".
_STRONG_TIMELY = re.compile(
    r"\b(?:on\s+time|on\s+schedule|on\s+programme|on\s+budget|on\s+or\s+before|"
    r"ahead\s+of\s+(?:the\s+)?(?:schedule|time|deadline|plan)|ahead\s+of\s+(?:the|its|their|"
    r"our|your)\s+(?:[\w'’-]+\s+)?(?:timetable|programme)|(?:within|under|inside|below)\s+(?:the\s+|our\s+|their\s+|"
    r"its\s+|your\s+|my\s+)?(?:[\w'’-]+\s+){0,2}?budgets?|(?:less|under|below)\s+(?:than\s+)?"
    r"(?:the\s+|our\s+|their\s+|its\s+)?budget\b|under\s+what\s+(?:we|I|they)['’]?\w*\s+"
    r"(?:had\s+)?(?:been\s+)?(?:given|allowed|budgeted|approved|quoted)|in\s+record\s+time|"
    r"(?:well|comfortably|long|way)\s+before\s+(?:it|they|we|you)\s*(?:['’]s|['’]re|is|are|was|"
    r"were)\s+(?:needed|due|required|wanted)|(?:finish\w*|complet\w*|done|deliver\w*|"
    r"close\w*|submit\w*)\s+(?:[\w'’-]+\s+){0,3}?before\s+the\s+end\b|"
    r"(?:live|ready|done|in\s+place|signed\s+off|up\s+and\s+running|finished|complete[d]?|"
    r"sorted|trained)\s+before\s+(?:the|your|our|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?:starts?|"
    r"begins?|kicks?\s+in|hits?|arrives?|opens?|lands?)\b|"
    r"(?:done|finished|delivered|live|ready|complete[d]?|in|out)\s+by\s+[^.;!?,]{1,30}?\b"
    r"(?:like|as)\s+(?:I|we)(?:['’]ve|\s+have)?\s+(?:said|promised|committed)\b|"
    r"(?:keep|keeps|kept|keeping|run|runs|ran|running)\s+(?:[\w'’-]+\s+){0,3}?(?<!time\s)to\s+"
    r"(?:time|schedule)\b)", _I)
# --- Classes of expression added for the fourth round of blind answers (blind_j..p) -------
#: Kept to time, more ways (with the guards of _STRONG_TIMELY): done before the event it
#: was needed for: "handed over before the start of term", "live a
#: full week before the exhibition opened", "in the warehouse before every one of them",
#: "went up before the minister's box closed"; "at or under the quote"; "at the advertised
#: time", "on the date you've announced"; "for less than the £500 the trustees had set
#: aside"; "turned it round overnight"; a promise with a date: "you'll have a clean file
#: before the cutover rehearsal", "by day thirty you'll have a written plan".
_EVENT = (r"(?:start|term|launch(?:es)?|opening|opened|opens|deadline|date|cutover|go-?live|"
          r"rehearsal|audit|auditors|inspection|inspectors|closed|slot|exam|season|came\s+back|"
          r"came\s+in|arrived|began|begins|one\s+of\s+them|move-?in|fair|show|event|exhibition|"
          r"conference|peak|rush|visit|students|guests|doors)")
_KEPT_TO_TIME = re.compile(
    r"\b(?:handed\s+over|live|ready|done|finished|complete[d]?|delivered|cleared|in\s+place|"
    r"in\s+the\s+warehouse|on\s+(?:the\s+)?shelves|went\s+(?:up|out|in)|gone\s+(?:up|out|in)|"
    r"signed\s+off|installed|fitted|shipped|submitted|filed|sent|printed)\s+"
    r"(?:(?:a|one|two|three|four|a\s+full|a\s+whole|well|comfortably|long|days?|weeks?|"
    r"months?|clear)\s+)*before\s+(?:the|every|each|its|their|our|your|a|any)\s+"
    rf"(?:[\w'’-]+\s+){{0,4}}?{_EVENT}\b|"
    r"(?:at\s+or\s+)?(?:under|below|within)\s+(?:the|my|our|their|its)\s+(?:[\w'’-]+\s+)?"
    r"(?:quote|quotation|estimate)s?\b|"
    r"\b(?:at|on)\s+(?:the|its|their|our)\s+(?:advertised|agreed|planned|promised|scheduled|"
    r"announced|published|original)\s+(?:[\w-]+\s+)?(?:time|date|day|weekend|slot)\b|"
    r"\bon\s+the\s+date\s+(?:you|we|they|I)(?:['’]ve|\s+have|\s+had)?\s+(?:announced|promised|"
    r"agreed|set|given)\b|\bon\s+(?:launch|opening)\s+(?:day|night)\b|"
    r"\bfor\s+less\s+than\s+(?:the\s+)?[^.;!?]{0,30}?\b(?:set\s+aside|budgeted|allocated|"
    r"quoted|approved)\b|"
    r"\bturn(?:ed|s)?\s+(?:[\w'’,-]+\s+){0,8}?(?:round|around)\s+(?:overnight|the\s+same\s+day|"
    r"in\s+(?:a|one|an|two|\d+)\s+(?:day|night|hour|hours))\b|"
    r"\b(?:I['’]ll|I\s+will|I['’]d|you['’]ll|you\s+will|you['’]d)\s+have\s+(?:it|them|this|that|"
    r"a|an|the|every|all|your)\s+(?:[\w'’-]+\s+){0,6}?(?:by|within|before)\s+(?:the\s+end\s+of|"
    r"day|week|month|my\s+first|the\s+first|end\s+of|\w+day\b|the\s+[\w-]+\s+(?:rehearsal|"
    r"deadline|launch|audit|cutover|go-?live))|"
    r"\bby\s+(?:day|week|month|the\s+end\s+of)\s+[\w\s]{1,20}?,?\s+you['’]ll\s+have\b|"
    r"\b(?:dates?|deadlines?)\s+(?:that\s+)?I\s+(?:set|give|agree|commit\s+to)\b[^.;!?]{0,20}?"
    r"\bI\s+(?:keep|hit|meet)\b|"
    r"\b(?:every|each|all)\s+(?:[\w'’-]+\s+){0,4}?(?:date|deadline|milestone)s?\s+(?:has|have)\s+"
    r"been\s+(?:met|hit|kept)\b|\bon\s+the\s+(?:\w+day|day|date)\s+(?:it|they)\s+(?:was|were)\s+"
    r"due\b", _I)
#: Punctuality is not delivery: "I'm always on time for meetings", "arrived early".
_PUNCTUALITY = re.compile(
    r"\b(?:arriv\w*|show(?:ed|s)?\s+up|turn(?:ed|s)?\s+up|clock\w*\s+in|"
    r"(?:come|came|get|got|go|went)\s+(?:in\s+)?to\s+(?:work|the\s+office)|(?:for|to|in)\s+"
    r"(?:every\s+|each\s+|my\s+|all\s+(?:my\s+)?)?(?:work|meetings?|shifts?|class(?:es)?|"
    r"lectures?|school|interviews?|appointments?)|(?:finish|complet)\w*\s+(?:my\s+|the\s+|our\s+)?"
    r"(?:course|degree|studies|contract|shift|leave|holiday|probation)|(?:I['’]m|I\s+am|I\s+was|be|"
    r"being)\s+(?:always\s+|usually\s+|never\s+)?(?:on\s+time|early|late)|born|retir\w*|"
    r"promot\w*|left|leave|woke|wake)\b", _I)
_PUNCTUAL_AFTER = re.compile(r"\s*(?:for|to|in\s+to|in)\s+(?:every\s+|each\s+|my\s+)?(?:work|"
                             r"meetings?|shifts?|class|school|the\s+office|interviews?|"
                             r"appointments?)\b", _I)
#: Trying is not delivering: "I try to keep to time in meetings".
_ATTEMPT = re.compile(r"\b(?:try|tries|tried|trying|attempt\w*|hope|hoping|wish\w*|struggl\w*)\b",
                      _I)
#: Someone else is the agent: "the contractor delivered on time".
_OTHER_AGENT = re.compile(
    r"\b(?:(?:my|our|the|his|her|their)\s+(?:manager|boss|predecessor|colleague|client|"
    r"designer|team\s+lead|director|supervisor)s?|contractors?|suppliers?|vendors?|printers?|"
    r"they|he|she|the\s+other\s+team)\b", _I)
_SPEAKER = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|we|we['’](?:ve|re|d|ll)|my|our|me|us)\b",
                      _I)
_GERUND_START = re.compile(r"^\W*[A-Za-z]+ing\b")


def _speaker_sentence(text: str, pos: int, *, lenient: bool = False) -> bool:
    """True when the sentence around ``pos`` is about the speaker's own work.

    The sentence names the speaker, or opens with a gerund (a fragment answer, "Closing the
    accounts three weeks early"). With ``lenient`` (for margins such as "a month earlier than
    the cabinet had been told", too specific to be small talk) a sentence that names no one
    else also counts when the sentence before it names the speaker.
    """
    s0, s1 = _sentence_span(text, pos)
    sent = text[s0:s1]
    if _SPEAKER.search(sent) or _GERUND_START.match(sent):
        return True
    if not lenient or _OTHER_AGENT.search(sent) or s0 == 0:
        return False
    p0, _ = _sentence_span(text, s0 - 1)
    return _SPEAKER.search(text[p0:s0]) is not None


def _other_agent_clause(text: str, start: int) -> bool:
    """True when the clause before ``start`` has a third-party agent and no first person."""
    prefix = _HIRED_BY_US.sub("", clause_prefix(text, start))
    return bool(_OTHER_AGENT.search(prefix)) and not _SPEAKER.search(_OTHER_AGENT.sub("", prefix))


_PLANNED = r"(?:supposed|meant|scheduled|due|planned|expected)\s+to"
_AFTER_OR_PLANNED = re.compile(
    rf"\b(?:after|past|beyond|later\s+than)\s+$|\b{_PLANNED}\s+(?:[\w-]+\s+){{0,3}}$", _I)
_PLANNED_IN = re.compile(rf"\b(?:was|were|is|are)\s+{_PLANNED}\b", _I)
_BUDGET_AS_STRAIN = re.compile(
    r"\s+(?:pressures?|constraints?|cuts?|strain|review|scrutiny|restrictions?)\b", _I)


# The speaker only as the one who hired the agent: "The contractor we'd hired for the lab move
# finished two weeks ahead" is the contractor's delivery.
_HIRED_BY_US = re.compile(
    r"\b(?:that\s+|who\s+)?(?:we|I)(?:['’]d|\s+had)?\s+(?:hired|brought\s+in|engaged|appointed|"
    r"used|chosen|picked|contracted)\b", _I)


def _from_clause_start(text: str, start: int) -> int:
    """Move ``start`` back to the start of its clause, so that the evidence quotes who did what
    ("every report has gone in on time", not "on time"); at most a clause look-back."""
    prefix = clause_prefix(text, start)
    stripped = prefix.lstrip()
    if len(prefix) >= CLAUSE_LOOKBACK_CHARS and " " in stripped:
        stripped = stripped[stripped.index(" ") + 1:]  # cut mid-word at the look-back edge
    return start - len(stripped)


# The fifth round's classes (blind_x..zc). A time that was told, then beaten or met: "The
# board had been told eighteen months; we finished in thirteen", "I told the cabinet member
# end of March and it was live on the 20th".
_DUE_TIME = (r"(?:\w+\s+)?(?:weeks?|months?|days?|years?)|end\s+of\s+(?:the\s+)?\w+|"
             r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|"
             r"june|july|august|september|october|november|december|christmas|easter")
_TOLD_THEN_DONE = re.compile(
    rf"\b(?:told|promised|quoted|given|gave|committed\s+to)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_DUE_TIME})"
    r"\b(?:[^.;!?]{0,60}?[;,.])?\s+(?:and\s+|but\s+)?(?:we|I|it|they)\s+(?:\w+\s+){0,3}?(?:finished|delivered|"
    r"completed|handed\s+(?:it\s+)?over|was\s+live|went\s+live|were\s+live|did\s+it|had\s+it|"
    r"opened|shipped|launched)\s+(?:[\w-]+\s+){0,3}?(?:in|on|by|within)\s+(?:the\s+)?(?:\d|"
    r"\w+(?:st|nd|rd|th)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)\b)", _I)
#: A time said, then beaten or kept: "If I say Thursday, it arrives on Wednesday", "when I say
#: it will be done Friday, it will be on your desk Thursday", "if I tell your producers a cut
#: will be in their inbox by ten on Tuesday, it'll be there by nine", "If I tell you the
#: migration's done by the 30th, it's done by the 25th".
_SAID_DAY = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|the\s+(?:\w+(?:st|nd|rd|th)|\d{1,2})|"
             r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|"
             r"\d{1,2}(?::\d\d)?)(?:\s*(?:am|pm|o['’]clock))?|end\s+of\s+(?:the\s+)?(?:day|week|month))")
_SAID_THEN_KEPT = re.compile(
    rf"\b(?:if|when|whenever|what)\s+(?:I|we)\s+(?:am\s+|are\s+)?(?:say|said|saying|tell|told|"
    rf"promise|promised|quote|quoted|commit|committed)\b[^.;!?]{{0,70}}?\b{_SAID_DAY}\b[^.;!?]{{0,6}}?"
    r"[,;:]\s*(?:then\s+)?(?:it['’]s\b|(?:it|they|that|you)(?:['’]ll|\s+will)?\s+(?:be|arrives?|"
    rf"lands?|gets?|have\s+it|get\s+it|is)\b)[^.;!?]{{0,40}}?\b(?:(?:on|by)\s+)?{_SAID_DAY}\b",
    _I)
_SAID_DAY_RE = re.compile(rf"\b{_SAID_DAY}\b", _I)
_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_SMALL_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                  "eleven", "twelve")


def _day_rank(said: str) -> tuple[str, int] | None:
    """A said day or time as (kind, rank) where two of a kind can be ordered, else None."""
    said = said.lower()
    for i, day in enumerate(_WEEKDAYS):
        if said.startswith(day):
            return "weekday", i
    digits = re.search(r"\d+", said)
    if digits:
        return ("date" if said.startswith("the") else "hour"), int(digits.group(0))
    word = said.split()[0]
    if word in _SMALL_NUMBERS:
        return "hour", _SMALL_NUMBERS.index(word) + 1
    return None


def _kept_later(claim: str) -> bool:
    """Whether the time the work came in is later than the time said ("If I say Thursday,
    it's Friday"): a promise broken, not kept."""
    said = [_day_rank(m.group(0)) for m in _SAID_DAY_RE.finditer(claim)]
    if len(said) < 2 or said[0] is None or said[-1] is None or said[0][0] != said[-1][0]:
        return False
    return said[-1][1] > said[0][1]


#: Within the time allowed: "inside the six months we'd been given".
_WITHIN_GIVEN = re.compile(
    r"\b(?:inside|within)\s+the\s+(?:[\w-]+\s+){0,2}?(?:weeks?|months?|days?|time|window|"
    r"timescales?|deadline)\s+(?:that\s+)?(?:(?:we|I)(?:['’]d|\s+had)?\s+(?:been\s+)?(?:given|"
    r"allowed|allotted|agreed|set)|(?:[\w-]+\s+){1,3}?gave\s+(?:me|us))\b"
    # "in eleven weeks against a sixteen-week plan"
    rf"|\bin\s+{_NUM}\s+{_UNIT}\s+against\s+(?:a|an|the|our)\s+(?:[\w-]+\s+)?(?:plan|schedule|"
    r"estimate|target|timeline|programme)\b"
    # "every single return was filed by the end of November"
    r"|\b(?:every|each|all)\s+(?:single\s+)?(?:[\w-]+\s+){1,2}?(?:was|were|went|got|has\s+been|"
    r"have\s+been)\s+(?:filed|submitted|delivered|in|out|done|signed\s+off|handed\s+over|paid|"
    r"published|sent)\s+(?:on\s+time|by\s+(?:the\s+)?(?:end\s+of\s+\w+|\w+day|deadline|due\s+date|"
    r"\w+(?:st|nd|rd|th)))"
    r"|\b(?:within|inside|under)\s+(?:its|the|our|their|my)\s+(?:cost\s+plan|quote|estimate|"
    r"agreed\s+price)\b", _I)
#: A deliverable promised by a working day or a weekday: "You'll get the management accounts
#: by the fifth working day", "gets the S&OP pack out by the Wednesday", "I'd ... have it out
#: before the fifth working day".
_WORKDAY = (r"(?:the\s+)?(?:(?:first|second|third|fourth|fifth|sixth|tenth|\d{1,2}(?:st|nd|rd|th))"
            r"\s+working\s+day|(?:mon|tues|wednes|thurs|fri)day(?:\s+(?:noon|lunchtime|morning))?|"
            r"close\s+of\s+play|end\s+of\s+(?:the\s+)?(?:day|week))")
_BY_WORKDAY = re.compile(
    rf"\b(?:you['’]ll\s+(?:get|have|see)|you\s+will\s+(?:get|have|see)|gets?|have|had|has|"
    rf"having)\s+(?:[\w&'’-]+\s+){{1,5}}?(?:(?:out|in|done|ready|live|over|signed\s+off)\s+)?"
    rf"(?:by|before|on)\s+{_WORKDAY}\b", _I)


def _class_spans(text: str, question: Question | None) -> list[tuple[int, int]]:
    """Evidence spans of the classes of expression added for unseen phrasings."""
    spans: list[tuple[int, int]] = []
    for m in _MARGIN.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if (is_negated(text, m.start() + 1) or _PUNCTUALITY.search(before)
                or _ATTEMPT.search(clause_prefix(text, m.start()))
                or re.search(r"\b(?:in|from|the)\s*$|\b(?:start\w*|began|begin\w*|join\w*)\s+"
                             r"(?:[\w'’-]+\s+){0,2}$", before, _I)
                or _other_agent_clause(text, m.start())
                or not _speaker_sentence(text, m.start(), lenient=True)):
            continue  # "not two weeks early", "arrived ten minutes early", "in the early days"
        spans.append((_from_clause_start(text, m.start()), m.end()))
    for m in _CLEAN_RECORD.finditer(text):
        lead = text[m.end("neg"):m.start("late")]
        if (_NOT_ABOUT_RECORD.search(lead) or _PUNCTUALITY.search(lead)
                or (m.group("late").lower() == "late" and re.search(
                    r"\b(?:I\s+was|I['’]ve\s+been|I\s+have\s+been|I['’]m|I\s+am)\s+$",
                    text[max(0, m.start() - 16):m.start()], _I))
                or _PUNCTUAL_AFTER.match(text, m.end())
                or (m.group("late").lower() == "late"
                    and re.fullmatch(r"\s*(?:once\s+)?been\s*", lead) is not None
                    and re.search(r"\bI(?:['’]ve|\s+have)\s*$",
                                  text[max(0, m.start() - 10):m.start()]) is not None)
                or not _speaker_sentence(text, m.start())):
            continue  # "I didn't realise we were over budget", "never late for work"
        spans.append((m.start(), m.end()))
    for pattern in (_TOLD_THEN_DONE, _WITHIN_GIVEN, _BY_WORKDAY, _SAID_THEN_KEPT):
        for m in pattern.finditer(text):
            if (is_negated(text, m.start() + 1) or _other_agent_clause(text, m.start())
                    or _ATTEMPT.search(clause_prefix(text, m.start()))
                    or (pattern is not _SAID_THEN_KEPT and _PUNCTUALITY.search(m.group(0)))
                    or (pattern is _SAID_THEN_KEPT and _kept_later(m.group(0)))
                    or not (_SPEAKER.search(m.group(0))
                            or _speaker_sentence(text, m.start(), lenient=True))):
                continue
            spans.append((_from_clause_start(text, m.start()), m.end()))
    for m in _MISSED_NONE.finditer(text):
        due_before = re.search(r"\b(?:deadlines?|due\s+dates?)\b", text[:m.start()], _I)
        if (question is not None and question.id == "missed-deadline") or due_before:
            spans.append((m.start(), m.end()))
    for pattern in (_SAME_TIME_KEPT, _SET_DATE_MET):
        for m in pattern.finditer(text):
            s0, _ = _sentence_span(text, m.start())
            if pattern is _SET_DATE_MET and not _DONE_VERB.search(
                    text[max(s0, m.start() - 60):m.start()]):
                continue  # a date with nothing delivered on it
            if is_negated(text, m.start() + 1) or not _speaker_sentence(text, m.start()):
                continue
            spans.append((_from_clause_start(text, m.start()), m.end()))
    for m in _HIT_THEM.finditer(text):
        s0, _ = _sentence_span(text, m.start())
        said_before = text[s0:m.start()]
        if (_WEAK_MODAL.search(clause_prefix(text, m.start()) + m.group(0))
                or is_negated(text, m.start() + 1)
                or not (_SCHEDULE_NOUN.search(said_before) or _SCHEDULE_NOUN.search(m.group(0)))):
            continue  # "I'd like to think I could hit deadlines"
        spans.append((m.start(), m.end()))
    for m in (*_STRONG_TIMELY.finditer(text), *_KEPT_TO_TIME.finditer(text)):
        s0, _ = _sentence_span(text, m.start())
        near = text[max(s0, m.start() - 50):m.end() + 30]
        if (is_negated(text, m.start() + 1) or _PUNCTUALITY.search(near)
                or _ATTEMPT.search(clause_prefix(text, m.start()))
                or _other_agent_clause(text, m.start())
                or not _speaker_sentence(text, m.start())):
            continue  # "not on time", "on time for meetings", "the vendor shipped on time"
        spans.append((_from_clause_start(text, m.start()), m.end()))
    return spans


_LATE_NEWS = re.compile(
    rf"\b(?:{_LATE_TERM}|(?:a|one|two|three|\w+)\s+(?:days?|weeks?|months?)\s+(?:late|behind)|"
    r"past\s+(?:every|the|its|our)\s+(?:\w+\s+)?deadlines?|over\s+budget|"
    r"(?:moved|slipped|pushed\s+back)\s+(?:by|again|once)|not\s+on\s+the\s+date)", _I)


def late_news(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` tells of lateness or overrun and no clean record ("we
    submitted a day late", "ran months over budget and past every deadline"). Used on the
    learned back-off's evidence, which reads deadline talk without its polarity."""
    part = text[start:end]
    late = _LATE_NEWS.search(part)
    return late is not None and _CLEAN_RECORD.search(part) is None and not re.search(
        rf"\b{_RECORD_NEGATOR}\b", part[:late.start()], _I)


def check_delivery_promises(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    for i, pattern in enumerate(_DELIVERY_PATTERNS):
        for m in pattern.finditer(text):
            if _other_agent_clause(text, m.start()) or _PUNCTUALITY.search(m.group(0)):
                continue  # "the contractor finished a week early", "finished the course early"
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
            spans.append((m.start(), m.end()))
    spans.extend(_class_spans(text, question))
    # A condition is not a record or a promise: "if we delivered it on time, ...".
    spans = [(s, e) for s, e in spans if clause_opener(text, s) not in _CONDITIONAL]
    # "went live eleven days after the date we'd agreed": late; "was supposed to go live
    # before the winter season": planned, not done.
    spans = [(s, e) for s, e in spans
             if not _AFTER_OR_PLANNED.search(text[max(0, s - 60):s])
             and not _PLANNED_IN.search(text, s, e)]
    # "under budget pressure every year": a constraint, not a budget kept.
    spans = [(s, e) for s, e in spans if not (text[s:e].lower().endswith(("budget", "budgets"))
                                               and _BUDGET_AS_STRAIN.match(text, e))]
    # "..., which went live on schedule. To be fair, that result belongs to our director."
    spans = [(s, e) for s, e in spans if not credited_elsewhere(text, s)]
    return Finding(_merge(spans))
