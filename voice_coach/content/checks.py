"""The eight content checks of shared/CONTENT.md, each a function of the answer text.

Every check returns a :class:`Finding`: the character spans that made it fire, plus what the
advice and the scores need. A cue word alone never fires a check: each cue is confirmed by the
structure around it (who did what, to whom, negated or not, achieved or only wished). The
reasons are in the comments next to each pattern, and in docs/content.md.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from voice_coach.content._text import (
    QUANTITY,
    clause_prefix,
    has_first_person,
    has_quantity,
    is_hypothetical,
    is_negated,
    sentences,
)
from voice_coach.lexicon import count_words, find_fillers, find_hedges
from voice_coach.questions import Question

__all__ = ["CHECKS", "Finding"]

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Finding:
    """What one check found: evidence spans (start, end) and facts for advice and scores."""

    spans: tuple[tuple[int, int], ...] = ()
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def detected(self) -> bool:
        return bool(self.spans)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort spans and drop any that overlaps one already kept."""
    kept: list[tuple[int, int]] = []
    for s in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return tuple(kept)


@functools.lru_cache(maxsize=8)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(s.start for s in sentences(text))


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The sentence that holds ``pos`` (a binary search: sentences are in order, apart)."""
    i = bisect.bisect_right(_sentence_starts(text), pos) - 1
    if i >= 0:
        s = sentences(text)[i]
        if s.start <= pos < s.end:
            return s.start, s.end
    return 0, len(text)


# =========================================================================== results_framing

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
_ZERO_BAD_RE = re.compile(
    r"\b(?:had|have\s+had|saw|got|with|ran\s+with|reached|down\s+to)\s+(?:zero|no|not\s+a\s+"
    r"single)\s+(?:more\s+|further\s+|new\s+)?(?:failed\s+\w+|failures?|outages?|complaints?|"
    r"errors?|incidents?|defects?|bugs?|downtime|lost\s+\w+|escalations?|returns|accidents|"
    r"injuries|data\s+loss|breaches|chargebacks|missed\s+\w+)\b"
    r"|\bwithout\s+(?:another|a\s+single|any)\s+(?:outage|incident|failure|complaint|error)\b",
    _I,
)
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
               r"half|a\s+half|(?:a\s+|one\s+)?hundred|a\s+thousand|first|second|third|top|"
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
    r"relocat\w*|went\s+from\s+(?:being|a|an)\b)",
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


# Someone else as the agent of the change: "My manager grew the book by 40%".
_OTHER_AGENT = re.compile(
    r"^\s*(?:(?:my|our|the|his|her|their)\s+(?:old\s+|previous\s+|former\s+|new\s+)?(?:manager|"
    r"boss|director|ceo|cfo|founder|owner|colleague|predecessor|supervisor|head|lead|partner|"
    r"vp|chief|team\s+lead|line\s+manager)|he|she|they)\b",
    _I,
)
# A wish that governs the whole sentence, so a relative clause under it is not achieved:
# "Ideally I'd want to work on projects where we cut costs by 15%".
_SENTENCE_WISH = re.compile(
    r"\b(?:ideally|I['’]d\s+(?:want|like|love|hope)|I\s+would\s+(?:want|like|love|hope)|"
    r"I\s+(?:want|hope|wish|plan|aim)\s+to|I['’]m\s+(?:hoping|looking|planning|aiming)\s+to|"
    r"if\s+(?:I|you|we)\b)",
    _I,
)


def _result_claim_ok(text: str, pos: int) -> bool:
    """An outcome cue counts when it is achieved, not negated, not a duty, and the speaker is
    in the sentence (the speaker's work, not "the market grew 20%")."""
    if is_negated(text, pos) or is_hypothetical(text, pos):
        return False
    prefix = clause_prefix(text, pos)
    if _RESULT_DUTY_BEFORE.search(prefix) or _OTHER_AGENT.search(prefix):
        return False
    s0, _ = _sentence_span(text, pos)
    sent_prefix = text[s0:pos]
    wish = _SENTENCE_WISH.search(sent_prefix)
    if wish and not re.search(r"\b(?:and|but|so)\s+(?:then\s+)?(?:I|we)\s+\w+ed\b|"
                              r"\b(?:did|have|['’]ve)\b", sent_prefix[wish.end():], _I):
        return False
    if _EXTERNAL_SUBJECT.search(prefix) and not re.search(r"\b(?:I|we)\b", prefix, _I):
        return False
    s0, s1 = _sentence_span(text, pos)
    if has_first_person(text[s0:s1]) or re.search(r"\b(?:it|this|that|which)\b", prefix, _I):
        return True
    # "Queue times fell by 35%." right after "I led the pilot ...": a metric as the subject,
    # with the speaker as the agent of the sentence before.
    before = [s for s in sentences(text) if s.end <= s0]
    return (bool(before) and has_first_person(before[-1].text)
            and re.search(rf"\b{_METRIC_NOUN}\b", prefix, _I) is not None)


def check_results_framing(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    quantified = False
    helped_form = False
    for sent in sentences(text):
        st = sent.text
        # 1. An achieved outcome verb followed, in its clause, by a metric or a quantity.
        for m in _ACHIEVED_VERB_RE.finditer(st):
            verb = m.group(0).lower()
            if verb.startswith(("help", "enabl", "allow")):
                continue  # handled by the "helped X to" pattern below
            if re.search(r"\b(?:a|an|the|its|their)\s+$", st[max(0, m.start() - 6):
                                                                       m.start()], _I):
                continue  # an adjective ("a fixed twenty percent"), not the speaker's act
            pos = sent.start + m.start()
            rest = st[m.end():]
            rest_clause = re.split(rf"{_PUNCT_BREAK}|\b(?:and|but|because|so|while|although)\b",
                                   rest, maxsplit=1, flags=_I)[0]
            if _NOT_RESULT_OBJECT.search(rest_clause):
                continue
            quantity = has_quantity(_TIMING_RE.sub(" ", rest_clause)) or (
                verb.startswith(("doubl", "tripl", "halv", "quadrupl")))
            metric = re.search(rf"\b{_METRIC_NOUN}\b", rest_clause[:60], _I) is not None
            passive_subject = re.search(
                rf"\b{_METRIC_NOUN}\b[^,;]{{0,40}}\b(?:was|were|has\s+been|have\s+been|had\s+been|"
                rf"got)\s+(?:\w+\s+)?$", st[:m.start()], _I)
            if passive_subject and verb not in {"went", "came", "made", "turned", "hit", "beat"}:
                metric = True  # "the backlog of open complaints was cleared"
            if verb in {"moved", "shifted", "migrated", "converted"}:
                if not (quantity and metric):
                    continue
            elif verb in {"went", "came", "rose", "fell", "made", "turned", "hit", "beat"}:
                # Weak verbs count only with a quantity or a "from ... to" change.
                if not quantity:
                    continue
            elif not (quantity or metric):
                continue
            # "I fixed bugs", "I shipped features" is work, not an outcome; it takes a number
            # ("cut bugs by 40%") or an outcome noun that names the change.
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
        for m in _HELPED_RE.finditer(st):
            pos = sent.start + m.start()
            verb = m.group("verb").lower()
            if is_negated(text, pos) or is_hypothetical(text, pos):
                continue
            rest = st[m.start("verb"):]
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
        for m in _QUANT_OUTCOME_RE.finditer(st):
            pos = sent.start + m.start()
            if not _result_claim_ok(text, pos):
                continue
            spans.append((pos, sent.start + m.end()))
            quantified = True
        # 4. A result connective followed by a metric or a quantity.
        for m in _RESULT_CONNECTIVE_RE.finditer(st):
            rest = st[m.end():]
            rest_clause = re.split(r"[;!?]|\.(?!\d)", rest, maxsplit=1)[0]
            if not (has_quantity(rest_clause) or re.search(rf"\b{_METRIC_NOUN}\b",
                                                           rest_clause, _I)):
                continue
            pos = sent.start + m.start()
            if is_negated(text, sent.start + m.end() + 1):
                continue
            spans.append((pos, sent.start + m.end() + len(rest_clause.rstrip())))
            quantified = quantified or has_quantity(rest_clause)
        # 4b. The speaker's creation still producing an outcome: "it now saves the team 30
        # hours a month", "which cuts costs by 10%".
        for m in _PRESENT_OUTCOME_RE.finditer(st):
            pos = sent.start + m.start()
            rest_clause = re.split(rf"{_STOP_BREAK}|\bbut\b", st[m.end():], maxsplit=1,
                                   flags=_I)[0]
            if not (has_quantity(_TIMING_RE.sub(" ", rest_clause))
                    or re.search(rf"\b{_METRIC_NOUN}\b", rest_clause[:50], _I)):
                continue
            if is_negated(text, pos + 1) or is_hypothetical(text, pos + 1):
                continue
            spans.append((pos, sent.start + m.end() + len(rest_clause.rstrip())))
            quantified = quantified or has_quantity(rest_clause)
        # 5. A bad thing brought to zero: "we had zero failed reports", "with no outages".
        for m in _ZERO_BAD_RE.finditer(st):
            pos = sent.start + m.start()
            if is_hypothetical(text, pos) or not has_first_person(st):
                continue
            spans.append((pos, sent.start + m.end()))
        # 5b. A measured change stated as such, whatever the verb: "waste was down by about
        # 40%", "took the waiting list from fourteen weeks to five", "went from about a third
        # to almost none", "which took over 80,000 pounds in its first month". The agent is
        # checked as for the verbs above (speaker in the sentence, achieved, not someone else).
        for pattern in (_CHANGE_FROM_TO_RE, _CHANGE_UP_DOWN_RE, _MONEY_TAKEN_RE,
                        _PHRASAL_CHANGE_RE):
            for m in pattern.finditer(st):
                pos = sent.start + m.start()
                head = clause_prefix(text, pos)
                if _NOT_CHANGE_HEAD.search(head + m.group(0)[:25]):
                    continue
                if not _result_claim_ok(text, pos):
                    continue
                spans.append((pos, sent.start + m.end()))
                quantified = True
        # 6. Time given back: "gave each engineer back an hour a week", "freed up 10 hours".
        for m in _TIME_BACK_RE.finditer(st):
            pos = sent.start + m.start()
            if _result_claim_ok(text, pos):
                spans.append((pos, sent.start + m.end()))
                quantified = True
    merged = _merge(spans)
    return Finding(merged, {"quantified": quantified, "helped_form": helped_form})


# ======================================================================= hiring_manager_focus

_THEIR_SIDE_NOUN = (
    r"(?:team|teams|goals?|targets?|problems?|challenges?|customers?|clients?|users?|business|"
    r"department|organi[sz]ation|roadmap|priorities|priority|needs|mission|growth|success|"
    r"deadlines?|numbers|pipeline|projects?|quarter|metrics|kpis?|objectives?|plans?|strategy|"
    r"group|division|bottom\s+line|revenue|sales|margins?|launch|expansion|pain\s+points?|"
    r"backlog|initiatives?|vision|results|stakeholders|members|people|engineers|staff|"
    r"patients|students|audience|market|outcomes|okrs|workload|load|plate|costs|spend|spending|"
    r"hiring|churn|retention|processes|operations|infrastructure|platform|systems|services|"
    r"codebase|data|reporting|hires|joiners|employees|clinics|stores|sites|branches|schools|"
    r"scale|funnel|onboarding|planning|releases|deliver(?:y|ies)|delivery\s+dates|dates|"
    r"accounts|partners|expansion|pain)"
)

_HM_PATTERNS = (
    # "your team", "your Q3 targets", "your team's biggest challenges" (up to two modifiers).
    re.compile(rf"\byour\s+(?:[\w'’-]+\s+){{0,2}}?{_THEIR_SIDE_NOUN}\b", _I),
    # "the company's goals", "the team's challenges", "this team's targets".
    re.compile(rf"\b(?:the|this)\s+(?:team|company|department|business)['’]s\s+"
               rf"(?:[\w-]+\s+)?{_THEIR_SIDE_NOUN}\b", _I),
    # "help you hit ...", "make you look good", "take work off your plate".
    re.compile(r"\b(?:help|helping|support|supporting|free\s+up|make)\s+you\s+(?:to\s+)?"
               r"(?:hit|meet|reach|achieve|grow|ship|deliver|scale|succeed|win|look|get|hire|"
               r"build|fix|solve|cut|reduce|increase|focus|launch|move|do|land|close)\b", _I),
    re.compile(r"\b(?:what|everything|exactly\s+what)\s+you\s+(?:need|are\s+looking\s+for|"
               r"['’]re\s+looking\s+for|described|mentioned)\b|\byou\s+need\s+someone\b|"
               r"\byou['’]?re\s+(?:trying|looking)\s+to\s+\w+|\bthe\s+(?:challenges?|problems?|"
               r"goals?)\s+you\s+(?:face|mentioned|described|have|are\s+facing)\b", _I),
    # "bring that experience to your operations group", "do that work for your clinics".
    re.compile(r"\b(?:do|bring|deliver|build|achieve|repeat|replicate|offer|apply|add)\b"
               r"[^.;!?]{0,30}?\b(?:for|to)\s+your\s+[\w-]+\b(?<!\btime)(?<!\bquestion)"
               r"(?<!\bconsideration)(?<!\bjob)(?<!\brole)(?<!\bposition)", _I),
    re.compile(r"\bso\s+(?:that\s+)?you\s+can\s+(?:focus|spend|get|hit|ship|grow|deliver|"
               r"scale|concentrate)\b|\b(?:support|help|back)\s+you\s+in\s+your\s+"
               r"(?:role|work|job|goals?)\b", _I),
    # Their situation with "you" as the subject: "you're opening three clinics", "you've got
    # the inspection coming up", "you've got 30% of your volunteers dropping out".
    re.compile(r"\byou(?:['’]re|\s+are|['’]ve\s+got|\s+have\s+got|\s+have|\s+guys\s+are)\s+"
               r"(?:(?:just|now|currently|still|about\s+to)\s+)?(?:opening|planning|preparing|"
               r"launching|expanding|hiring|facing|rolling\s+out|migrating|scaling|struggling|"
               r"losing|going\s+through|dealing\s+with|under\s+pressure|short\s+of|behind\s+on|"
               r"(?:\w+\s+){1,8}?(?:coming\s+up|dropping\s+out|due|to\s+fix|to\s+solve|"
               r"backlog|shortage|problem|issue|gap|deadline|inspection|audit))\b", _I),
    # "your trust has the longest waits", "your deposits are shrinking".
    re.compile(r"\byour\s+(?:[\w'’-]+\s+){0,2}?[\w-]+\s+(?:has|have|is|are|['’]s|['’]re|was|were)"
               r"\s+(?:\w+\s+)?(?:the\s+)?(?:longest|highest|lowest|worst|biggest|slowest|"
               r"shrinking|falling|dropping|struggling|behind|losing|under\s+pressure|short|"
               r"stretched|growing|expanding|opening|facing)\b", _I),
    # What the interviewer said about their needs: "from what you've said, the gap was ...".
    re.compile(r"\b(?:from|based\s+on|given)\s+what\s+you(?:['’]ve|\s+have)?\s+(?:said|told\s+me|"
               r"mentioned|described|shared)\b(?!\s+about\s+your\s+(?:role|job|position|career))"
               r"(?=[^.!?]{0,60}\b(?:gap|problems?|needs?|challenges?|goals?|targets?|priorit\w*|"
               r"issues?|struggl\w*|worr\w*|missing|looking\s+for|backlog|team)\b)|\byour\s+(?:biggest\s+|main\s+|real\s+)?"
               r"(?:worry|worries|concern|concerns|headache|risk)\b|\bthe\s+problems?\s+you\s+"
               r"(?:\w+\s+){0,2}(?:want|need|hope|expect)\b|\bthe\s+problems?\s+this\s+"
               r"(?:hire|role|person|job)\s+(?:is|will|would|should|must)\b", _I),
    # A question about the team's struggles, goals or measure of success.
    re.compile(r"\b(?:what|how|which|where)\b[^.?!]{0,50}?\b(?:the|this|your)\s+(?:team|ward|"
               r"department|unit|business|company|group)\b[^.?!]{0,40}?\b(?:struggl\w*|"
               r"challeng\w*|problems?|hardest|biggest|worr\w*|succe\w*|measur\w*|goals?|"
               r"priorit\w*|facing|up\s+at\s+night)[^.!]*\?", _I),
    re.compile(r"\bhiring\s+me\s+(?:would|will|means|gets|gives)\b|\byou['’]?(?:ll|d)\s+get\s+"
               r"(?:someone|a\s+\w+\s+who)\b|\b(?:for|to)\s+you\s+and\s+(?:your|the)\s+team\b",
               _I),
)

# The nouns that name the interviewer's aims themselves (not their tools or processes).
_HM_CORE_NOUN = (r"\b(?:goals?|targets?|problems?|challenges?|needs|priorit(?:y|ies)|customers?|"
                 r"clients?|users?|pain|deadlines?|numbers|success|objectives?|okrs|kpis?|"
                 r"results|outcomes|growth|expansion|mission|vision)\b")

# "your" nouns that are about the speaker or the hiring paperwork, not the interviewer's aims.
_HM_FALSE = re.compile(
    r"\byour\s+(?:job|role|position|seat|chair|title|desk|office)\b(?!['’]s)", _I,
)


# The broad rule (after the patterns above): a reference to the interviewer's side ("your
# fleet", "your app reviews", "you're preparing for a sale", "whoever gets this job") with a
# word of need, aim, trouble or change, or the speaker's offer of help, a few words away. The
# two together are what turns an answer toward the hiring manager; either alone is not ("I
# read your job description", "your company is great", "I want to help people").
_THEIR_REF = re.compile(
    r"\byour\s+(?:[\w'’-]+\s+){0,2}?(?P<head>[\w'’-]+)\b"
    r"|\byou(?:['’]re|\s+are|['’]ve\s+got|\s+have\s+got|\s+guys|['’]ll\s+be|\s+will\s+be)\s+"
    r"(?P<verb>\w+ing)\b"
    r"|\byou(?:['’]ve|\s+have)\s+got\s+(?:[\w'’-]+\s+){0,3}?(?P<head2>[\w'’-]+)\b"
    r"|\b(?:matters?|important|priority|priorities)\s+(?:most\s+)?(?:to|for)\s+you\b"
    r"|\bhow\s+(?:do|would|will|does)\s+(?:you|the\s+team)\s+(?:measure|judge|know|define|"
    r"assess|decide)\b"
    r"|\b(?:whoever|the\s+person\s+who)\s+(?:gets|takes|joins|fills)\b"
    r"|\bthis\s+(?:hire|new\s+hire|opening|vacancy)\b"
    r"|\b(?:the|this)\s+(?:team|department|ward|unit|company|business|organi[sz]ation|firm|"
    r"practice|school|store|branch|site|group)(?:['’]s)?\s+(?:[\w-]+\s+)?(?:needs?|goals?|"
    r"targets?|problems?|challenges?|priorit(?:y|ies)|plans?|struggl\w*|biggest|hardest)\b",
    _I,
)
#: "your ..." heads that are the hiring paperwork, the speaker's own future seat, or courtesy.
_THEIR_REF_EXCLUDED_HEAD = re.compile(
    r"^(?:job|role|position|seat|chair|title|desk|office|shoes|time|question|questions|"
    r"consideration|interview|description|posting|ad|advert|listing|offer|spec|opinion|name|"
    r"email|call|invitation|feedback|patience|help|advice|view|point|honesty|website|site|"
    r"careers|career|linkedin|profile|own|mind|experience|background|side|self|way|hand|"
    r"boss|manager|predecessor|kindness)$",
    _I,
)
_NEED_WORD = re.compile(
    r"\b(?:needs?|needed|need\s+to|problems?|challenges?|goals?|targets?|plans?|planning|"
    r"priorit(?:y|ies)|worr(?:y|ies|ied)|concerns?|struggl\w*|pressure|backlog|gap|risks?|"
    r"shrinking|dropping|falling|declining|dip|slipping|losing|behind|stretched|short(?:age)?|"
    r"inspection|audit|deadlines?|launch\w*|expan\w+|expanding|scal(?:e|ing)|growing|"
    r"preparing|opening|migrating|rolling\s+out|moving\s+to|switching|hiring|facing|"
    r"complaints?|reviews?|churn|retention|revenue|costs?|margins?|sales|customers?|clients?|"
    r"patients?|users?|success(?:ful)?|succeed|measure\w*|look\s+like|keep\w*\s+\w+\s+up\s+at\s+"
    r"night|double|doubling|increase|reduce|cut|improve|fix|solve|issues?|waits?|waiting|"
    r"queues?|delays?|outages?|errors?|turnover|attrition|vacanc\w+|still\s+mostly|only\s+"
    r"(?:available|offered)|want\s+(?:this|the)\s+(?:hire|role|person))\b",
    _I,
)
_OFFER_WORD = re.compile(
    r"\b(?:I|I['’]d|I['’]ll|I\s+would|I\s+will|I\s+can|I\s+could|me)\s+(?:\w+\s+){0,3}?"
    r"(?:help|bring|support|contribute|start|try|test|pilot|model|take\s+on|solve|fix|tackle|"
    r"make\s+(?:that|it|this)\s+possible|deliver|build|sketch|sit\s+with|focus)\b"
    r"|\bthat['’]?s\s+(?:exactly\s+)?(?:where|what|the\s+(?:kind|sort)\s+of)\b",
    _I,
)
#: Words between an interviewer-side reference and a need or offer word in one sentence.
THEIR_NEED_MAX_GAP_WORDS: int = 12


def _their_need_spans(text: str) -> list[tuple[int, int]]:
    """Sentences where an interviewer-side reference meets a need, aim or offer."""
    spans: list[tuple[int, int]] = []
    for sent in sentences(text):
        st = sent.text
        for m in _THEIR_REF.finditer(st):
            head = m.group("head")
            if head and _THEIR_REF_EXCLUDED_HEAD.match(head):
                continue
            if head and re.match(r"(?:job|role|position|career)\b",
                                 st[m.start():m.end()].split(None, 1)[-1], _I):
                continue
            lo = max(0, m.start() - 80)
            window_before = st[lo:m.start()]
            window_after = st[m.end():m.end() + 90]
            before_words = window_before.split()[-THEIR_NEED_MAX_GAP_WORDS:]
            after_words = window_after.split()[:THEIR_NEED_MAX_GAP_WORDS]
            near = " ".join(before_words) + " " + m.group(0) + " " + " ".join(after_words)
            if m.group("verb") and m.group("verb").lower() in {"thing", "doing", "looking",
                                                               "going", "asking", "saying"}:
                continue
            if not (_NEED_WORD.search(near) or _OFFER_WORD.search(st)):
                continue
            if head and re.search(r"\b(?:learn|learning|study|use|used|using|admire|love|"
                                  r"loved|like|liked|enjoy|enjoyed|know|knowing)\s+(?:all\s+)?$",
                                  st[max(0, m.start() - 15):m.start()], _I) and not (
                    _NEED_WORD.search(st[m.end():m.end() + 60])):
                continue
            pos = sent.start + m.start()
            if is_negated(text, pos) and re.search(r"\b(?:care|worry|interest|know)\b",
                                                  clause_prefix(text, pos), _I):
                continue
            spans.append((pos, sent.start + m.end()))
    return spans


def check_hiring_manager_focus(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = _their_need_spans(text)
    for pattern in _HM_PATTERNS:
        for m in pattern.finditer(text):
            if _HM_FALSE.match(text, m.start()):
                continue
            if is_negated(text, m.start()) and re.search(
                    r"\b(?:care|worry|interest|know)\b", clause_prefix(text, m.start()), _I):
                continue
            # "learn your processes", "used your app": onboarding or fandom, not their aims.
            if re.search(r"\b(?:learn|learning|study|read|use|used|using|admire|love|like|know|"
                         r"knowing)\s+(?:all\s+)?$", text[max(0, m.start() - 15):m.start()],
                         _I) and not re.search(_HM_CORE_NOUN, m.group(0), _I):
                continue
            # "I want your team" / "I want to lead your team" belongs to not_after_your_job.
            if re.search(r"\b(?:take\s+over|run|replace|lead|manage|head)\s+$",
                         text[max(0, m.start() - 15):m.start()], _I) and re.search(
                    r"\b(?:want|like|love|hope|see\s+myself|aim|plan)\b",
                    clause_prefix(text, m.start()), _I):
                continue
            spans.append((m.start(), m.end()))
    capability = any(
        re.search(r"\b(?:I|I['’]ll|I['’]d)\s+(?:can|could|will|would|['’]ll|am\s+ready|"
                  r"know\s+how)\b|\bhelp\b|\bbring\b",
                  text[_sentence_span(text, s)[0]:_sentence_span(text, s)[1]], _I)
        for s, _ in spans
    )
    merged = _merge(spans)
    sentences_hit = {_sentence_span(text, s)[0] for s, _ in merged}
    return Finding(merged, {"sentences": len(sentences_hit), "offers_help": capability})


# ======================================================================= supplicant_language

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
    ("asking permission", re.compile(
        r"\bif\s+(?:that['’]?s|that\s+is|it['’]?s|it\s+is)\s+(?:ok|okay|alright|all\s+right|"
        r"fine|allowed)\b|\b(?:would|will|is)\s+it\s+be\s+(?:ok|okay|alright|all\s+right|"
        r"possible)\s+(?:if|for\s+me)\b|\bis\s+it\s+(?:ok|okay|alright|all\s+right)\s+if\b|"
        r"\b(?:may|can|could)\s+I\s+(?:please\s+)?(?:just\s+)?(?:say|add|mention|explain|"
        r"continue|go\s+on|take\s+a\s+(?:moment|second)|start\s+over|have\s+a\s+moment)\b|"
        r"\bif\s+you['’]?(?:d|\s+would|\s+will)\s+(?:just\s+|only\s+)?(?:let|allow)\s+me\b|\bwith\s+your\s+"
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


def check_supplicant_language(text: str, question: Question | None) -> Finding:
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
        if h.kind in _SELF_APOLOGY_KINDS:
            spans.append((h.start_char, h.end_char))
            kinds.append("apology")
    # Stacked hedges: a run of hedges, each within STACKED_HEDGE_GAP_CHARS of the next.
    run: list = []
    for h in [h for h in hedges if h.kind in _STACK_KINDS]:
        between = text[run[-1].end_char:h.start_char] if run else ""
        gap_words = count_words(between) - len(find_fillers(between))
        if run and (gap_words > STACKED_HEDGE_GAP_WORDS or re.search(r"[.!?]", between)):
            if sum(x.weight for x in run) >= STACKED_HEDGE_MIN_WEIGHT:
                spans.append((run[0].start_char, run[-1].end_char))
                kinds.append("stacked hedges")
            run = []
        run.append(h)
    if run and sum(x.weight for x in run) >= STACKED_HEDGE_MIN_WEIGHT:
        spans.append((run[0].start_char, run[-1].end_char))
        kinds.append("stacked hedges")
    order = sorted(zip(spans, kinds, strict=True), key=lambda p: p[0][0])
    merged = _merge(spans)
    kept_kinds = [k for s, k in order if s in merged]
    return Finding(merged, {"kinds": tuple(dict.fromkeys(kept_kinds))})


# ========================================================================= delivery_promises

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


# ======================================================================== not_after_your_job

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


# ============================================================================= skills_growth

_SKILL_NOUN = (
    r"(?:skills?|skillset|skill\s+set|abilit(?:y|ies)|knowledge|expertise|confidence|"
    r"understanding|craft|technique|judg(?:e)?ment|communication|leadership|writing|speaking|"
    r"presentation|presenting|negotiation|coding|programming|technical|analytical|management|"
    r"delegation|capacity|competence|proficiency|fluency|english|spanish|french|german|"
    r"python|sql|excel|design|listening|time\s+management|organi[sz]ation|planning|"
    r"problem[\s-]solving|people\s+skills|soft\s+skills|sales\s+skills|toolkit|experience)"
)
_GROWTH_PATTERNS = (
    re.compile(r"\b(?:I|I['’]ve|we)\s+(?:\w+\s+){0,2}?(?:learn(?:ed|t)|picked\s+up|mastered)\b(?!\s+(?:that|of|about)\s+(?:\w+\s+){0,4}?(?:was|were|had|would|"
               r"closing|layoffs?|news|announcement|acquired|bankrupt|merger|leaving))"
               r"(?!\s+(?:the\s+)?(?:news|hard\s+way\s+that\s+the))", _I),
    re.compile(r"\b(?:learning|learned|learnt)\s+(?:how\s+to|to)\s+\w+", _I),
    re.compile(r"\btaught\s+myself\b|\bself-taught\b|\bupskill\w*|\breskill\w*", _I),
    re.compile(r"\b(?:took|take|taking|completed|finished|passed|enrolled\s+in|signed\s+up\s+for|"
               r"did|doing|attended|attending|started)\s+(?:a|an|the|some|two|three|several|"
               r"online|night|evening|weekend|my|an\s+online)\s+(?:[\w-]+\s+){0,2}?(?:course|"
               r"courses|class|classes|training|workshop|bootcamp|certification|certificate|"
               r"program|programme|degree|diploma|MOOC|apprenticeship|mentorship)\b", _I),
    re.compile(r"\b(?:took|completed|finished|passed|did|attended)\s+(?:a|an|the|my)\s+"
               r"(?:[\w-]+\s+){3,4}?(?:course|training|certificate|certification|qualification)\b",
               _I),
    re.compile(r"\bwent\s+from\s+(?:needing|struggling|fearing|dreading|avoiding|knowing\s+"
               r"(?:nothing|very\s+little|little)|being\s+(?:scared|afraid|nervous|terrified|"
               r"clueless|useless|hopeless|the\s+(?:new|junior)))\b[^.!?;]{0,120}?\bto\s+"
               r"(?:\w+ing|being)\b", _I),
    re.compile(r"\bI\s+used\s+to\s+(?:\w+\s+){0,3}?(?:freeze|struggle|panic|dread|avoid|hate|"
               r"ramble|mumble|stammer|be\s+(?:scared|afraid|terrified|nervous|shy|useless|bad|"
               r"hopeless|awful|terrible|rubbish|disorgani[sz]ed))\b[^.?!]{0,160}?\b(?:now|these\s+"
               r"days|nowadays)\s+(?:I|I['’]m|I\s+am|I\s+can)\b", _I),
    re.compile(r"\b(?:joined|signed\s+up\s+(?:to|for)|enrolled\s+(?:in|at|on))\s+(?:a\s+|the\s+|"
               r"my\s+local\s+)?(?:toastmasters|speaking\s+club|debating\s+(?:club|society)|"
               r"evening\s+class|night\s+school|coding\s+club|mentoring\s+scheme|training\s+"
               r"scheme|apprenticeship)\b", _I),
    re.compile(r"\b(?:got|get|getting|became|become)\s+(?:\w+\s+)?certified\b|\bearned\s+(?:a|my|"
               r"the)\s+(?:[\w-]+\s+){0,2}?(?:certificate|certification|degree|diploma|"
               r"license|licence)\b", _I),
    re.compile(r"\bwent\s+from\s+(?:a\s+|being\s+a\s+|an?\s+)?(?:complete\s+|total\s+)?(?:novice|"
               r"beginner|junior|newbie|zero|nothing|someone\s+who)\b|\bfrom\s+(?:a\s+)?(?:novice|"
               r"beginner|junior)\s+(?:\w+\s+)?to\s+(?:a\s+)?\w+", _I),
    re.compile(r"\b(?:became|become|becoming|got)\s+(?:much\s+|far\s+|really\s+|very\s+)?"
               r"(?:proficient|fluent|an\s+expert|expert|confident|skilled|comfortable|"
               r"competent)\s+(?:in|at|with)\b", _I),
    re.compile(r"\b(?:got|gotten|get|getting)\s+(?:much\s+|a\s+lot\s+|far\s+|a\s+little\s+|way\s+)?"
               r"better\s+at\b", _I),
    re.compile(rf"\b(?:improv|develop|grow|grew|built|build|sharpen|strengthen|hon|deepen|"
               rf"expand|broaden|widen|stretch)\w*\s+(?:up\s+)?(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?"
               rf"{_SKILL_NOUN}\b", _I),
    re.compile(r"\bgrew\s+(?:as\s+an?|into\s+an?|into\s+(?:the|my|a)|from)\s+\w+|"
               r"\bgrowing\s+as\s+an?\s+\w+", _I),
    re.compile(r"\b(?:I|I['’]ve|I\s+have|we)\s+(?:\w+\s+)?(?:practi[cs]ed|rehearsed|drilled)\s+"
               r"(?:\w+ing|my|our|(?:\w+\s+)?(?:skills?|presenting|speaking|phrasing|"
               r"technique|delivery)|with\s+a)\b|\b(?:I['’]m|I\s+am|I['’]ve\s+been|I\s+have\s+"
               r"been)\s+(?:\w+\s+)?(?:practi[cs]ing|rehearsing)\b|\b(?:I|I['’]ve|I\s+have)\s+"
               r"(?:really\s+)?(?:grown|grew)\s+(?:as\s+(?:much|far)|a\s+lot|so\s+much|"
               r"enormously|professionally|hugely|quickly|fast)\b", _I),
    re.compile(r"\b(?:I['’]m|I\s+am|I['’]ve\s+been|I\s+have\s+been)\s+(?:now\s+|actively\s+|also\s+)?"
               r"(?:working\s+on|practi[cs]ing|training|studying)\s+(?:my|how|to|it|that|"
               r"this|with\s+a\s+(?:coach|mentor))\b", _I),
)


_GROWTH_PATTERNS = (
    *_GROWTH_PATTERNS,
    # Novice to professional told as a before/after: "I joined knowing basic Excel and left
    # able to build models", "started out carrying pipes and by the end I had my Gas Safe".
    re.compile(r"\b(?:joined|started|arrived|came\s+in|began)\s+(?:out\s+|off\s+)?(?:as\s+|knowing|"
               r"with|carrying|doing|sweeping|on\s+the|unable|not\s+knowing|barely|having\s+never)"
               r"[^.!?]{0,80}?\b(?:left|by\s+the\s+end|ended\s+up|within\s+(?:a|two|three|\w+)\s+"
               r"(?:years?|months?)|after\s+\w+\s+(?:years?|months?))\b", _I),
    # Qualifications earned on the way: "passed CFA level one", "had my Gas Safe registration",
    # "got my coded welding tickets", "did my NVQ level three".
    re.compile(r"\b(?:passed|earned|gained|got|achieved|obtained|had|completed|did)\s+(?:my|the|"
               r"a|an|his|her)?\s*(?:[\w-]+\s+){0,3}?(?:level\s+\w+|exams?|registration|tickets?|"
               r"qualification|chartership|accreditation|licen[cs]e|nvq|cfa|acca|aat|cima|cpa|"
               r"cipd|part[\s-]?qualified)\b", _I),
    # What a job taught: "taught me how to handle complaints" (not "taught me that ...").
    re.compile(r"\b(?:taught|showed)\s+me\s+(?:how\s+to|to)\s+\w+|\bgot\s+to\s+grips\s+with\b|"
               r"\bgot\s+up\s+to\s+speed\s+(?:on|with)\b|\b(?:went|been|go|going)\s+on\s+(?:a|an|the|"
               r"two|three|several)\s+(?:[\w-]+\s+){0,2}?(?:course|training|workshop|programme|"
               r"program)\b", _I),
)


def check_skills_growth(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    for pattern in _GROWTH_PATTERNS:
        for m in pattern.finditer(text):
            pos = m.start()
            if is_negated(text, pos + 1):
                continue
            prefix = clause_prefix(text, pos)
            inner = m.group(0)
            if re.search(r"\b(?:want|wanna|hope|hoping|would\s+like|['’]d\s+like|would\s+love|"
                         r"['’]d\s+love|eager|keen|plan|planning|going\s+to|will|['’]ll|"
                         r"looking\s+forward)\b", prefix + inner, _I) and not re.search(
                    r"\b(?:already|have\s+been|['’]ve\s+been|started|am\s+taking|['’]m\s+taking)\b",
                    prefix + inner, _I):
                continue  # a wish to learn is not growth
            if re.search(r"\bnot\b|\bnever\b|n['’]t\b", inner, _I):
                continue
            if re.search(r"\b(?:once|when|after|until|by\s+the\s+time)\s+"
                         r"(?:I|I['’]ve|I\s+have)\s*$",
                         text[max(0, pos - 25):pos + 5].split("learn")[0], _I):
                continue  # "once I've learned the ropes": a future condition, not growth
            if re.search(r"\b(?:taught|teach|trained|coached|mentored)\s+(?:the|my|our|\w+s)\b",
                         inner, _I) and "myself" not in inner.lower():
                continue
            spans.append((pos, m.end()))
    return Finding(_merge(spans))


# =============================================================================== engagement

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


# ====================================================================== personal_value_trap

_PERSONAL_GAIN = re.compile(
    r"\b(?:fun|perks?|free\s+(?:food|lunch(?:es)?|snacks|coffee|drinks|gym|beer|meals|parking)|"
    r"ping[\s-]?pong|foosball|pool\s+table|game\s+room|salary|pay|paycheck|paycheque|money|"
    r"bonus(?:es)?|stock\s+options|equity|benefits|vacation|holidays?|time\s+off|"
    r"travel(?:l?ing|l?ed)?|trips?|company\s+car|(?:job\s+)?title|promotion|promoted|"
    r"business\s+class|first\s+class|flights|(?:nice|fancy|posh|five-star)\s+hotels|"
    r"expense\s+account|(?:staff|employee)\s+discount|discount|lifestyle|company\s+phone|"
    r"friends?|friendships?|social\s+life|parties|party|happy\s+hours?|"
    r"flexib(?:le|ility)(?:\s+hours)?|remote\s+work|work(?:ing)?\s+from\s+home|"
    r"(?:my\s+)?(?:cv|resume|résumé)|prestige|status|commute|pays\s+(?:more|better|well)|"
    r"better\s+paid|(?:close|closer|near|nearer)\s+to\s+(?:my|home|where\s+I\s+live)\b(?:\s+\w+)?|"
    r"great\s+(?:people|colleagues|"
    r"coworkers|team)|nice\s+(?:people|colleagues|office)|the\s+office|cool|a\s+blast|"
    r"good\s+times)\b", _I,
)
_GAIN_FRAME = re.compile(
    r"\b(?:lov(?:e|ed|ing)|enjoy(?:ed|ing)?|lik(?:e|ed)|fun|great|best|favou?rite|amazing|"
    r"awesome|cool|nice|got|get|gave\s+me|need|needs|needed|give\s+me|want(?:ed)?|wish|because\s+of|for\s+the|"
    r"made\s+(?:lots\s+of\s+|a\s+lot\s+of\s+|many\s+|some\s+|great\s+|lifelong\s+)?friends|"
    r"looked\s+good|good\s+for\s+me|for\s+me|personally|perks?|blast|free|paid|"
    r"(?:a|the)\s+(?:higher|bigger|better|fancier)|more|looking\s+for|hoping\s+for|"
    r"set\s+me\s+up|led\s+to\s+my|mostly|main\s+reason|most\s+of\s+all|really)\b", _I,
)
# A negation that still governs a later item of an "or"/"nor" list: "it was never about the
# money or the company car" (a clause split at "or" would lose it).
_NEGATED_LIST = re.compile(
    r"\b(?:not|never|no|n['’]t)\b\s+(?:\w+\s+){0,3}?(?:about|for|because\s+of|the)\b"
    r"(?:(?!\b(?:but|and|so|because)\b)[^.;!?])*\b(?:or|nor)\s+(?:the\s+|a\s+|my\s+)?$",
    _I,
)
#: Money words that the salary question asks about: stating a range there is the answer.
_SALARY_WORDS = re.compile(r"^(?:salary|pay|paycheck|paycheque|money|benefits|bonus(?:es)?)$",
                           _I)
#: The trap fires when personal gains outnumber the answer's results by this many
#: (CONTENT.md: "dwells on ... without tying it to results"); with no result at all, one
#: framed gain is enough.
GAIN_EXCESS_OVER_RESULTS: int = 2


def check_personal_value_trap(text: str, question: Question | None,
                              results: Finding | None = None) -> Finding:
    results = results if results is not None else check_results_framing(text, question)
    result_sentences = {_sentence_span(text, s)[0] for s, _ in results.spans}
    salary_question = question is not None and question.id == "salary-expectations"
    spans: list[tuple[int, int]] = []
    for sent in sentences(text):
        st = sent.text
        if sent.start in result_sentences:
            continue  # tied to a result in the same sentence
        for m in _PERSONAL_GAIN.finditer(st):
            word = m.group(0)
            if salary_question and _SALARY_WORDS.match(word) and not re.search(
                    r"\b(?:need|needs|bills|afford|desperate|rent|debt)\b", st, _I):
                continue  # a salary range is the answer to the salary question
            if not has_first_person(st) and not re.search(r"\b(?:it|that|there|the)\b", st, _I):
                continue
            low = word.lower()
            frame_text = st if low.startswith("friend") else st.replace(word, " ")
            if low in {"fun", "perks", "perk", "a blast", "good times"} or (low.startswith(
                    ("free", "ping", "foos", "friend", "party", "parties", "happy hour",
                     "game room", "pool table")) and not low.startswith("friend")):
                framed = True  # the word itself is a personal pleasure
            else:
                framed = _GAIN_FRAME.search(frame_text) is not None
            if not framed:
                continue
            pos = sent.start + m.start()
            if (is_negated(text, pos) or _NEGATED_LIST.search(st[:m.start()])) and not re.search(
                    r"\bnot\s+(?:just|only)\b", clause_prefix(text, pos), _I):
                continue  # "it wasn't about the money", "never about the money or the car"
            if re.search(r"\b(?:for|to)\s+(?:our|the|my)\s+(?:customers?|clients?|users?|"
                         r"students?|patients?|guests?)\b", st, _I) and low in {"fun", "cool"}:
                continue  # fun made for customers is work
            if re.search(r"\b(?:travel(?:l?ed)?|trips?)\b", low) and not re.search(
                    r"\b(?:lov|enjoy|lik|fun|great|best|favou?rite|amazing|awesome|perk|free|"
                    r"got\s+to|get\s+to|see\s+the\s+world)\w*", st, _I):
                continue  # travelling for the work itself
            if low in {"promotion", "promoted", "title", "job title"} and not re.search(
                    r"\b(?:want|wanted|wish|hoping|looking\s+for|set\s+me\s+up|led\s+to\s+my|"
                    r"mostly|main\s+reason|best\s+part|lov|enjoy|fancier|better|bigger)\w*",
                    st, _I):
                continue
            if low in {"the office", "status", "commute", "cool", "great team", "great people",
                       "nice people", "great colleagues", "great coworkers"} and not re.search(
                    r"\b(?:lov|enjoy|lik|best|favou?rite|fun|most|why|main\s+reason)\w*", st, _I):
                continue
            if low in {"holiday", "holidays", "vacation", "time off"} and re.search(
                    r"\b(?:she|he|they|manager|boss|colleague)\s*(?:['’]s|is|are|was|were)\s+"
                    r"(?:on|off)\b", st, _I):
                continue  # covering for someone else on holiday
            if low == "pay" and re.search(r"\bpay\s+(?:for|off|attention|back|down)\b|\bto\s+pay\b",
                                          st, _I):
                continue
            spans.append((pos, sent.start + m.end()))
    merged = _merge(spans)
    gain_sentences = {_sentence_span(text, s)[0] for s, _ in merged}
    n_gain, n_result = len(gain_sentences), len(result_sentences)
    trapped = bool(merged) and (n_result == 0 or n_gain >= n_result + GAIN_EXCESS_OVER_RESULTS)
    return Finding(merged if trapped else (), {"gains": n_gain, "results": n_result})


#: The checks in CHECK_IDS order; personal_value_trap is given the results finding.
CHECKS: dict[str, Callable[..., Finding]] = {
    "results_framing": check_results_framing,
    "hiring_manager_focus": check_hiring_manager_focus,
    "supplicant_language": check_supplicant_language,
    "delivery_promises": check_delivery_promises,
    "not_after_your_job": check_not_after_your_job,
    "skills_growth": check_skills_growth,
    "engagement": check_engagement,
    "personal_value_trap": check_personal_value_trap,
}
