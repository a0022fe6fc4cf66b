"""The ``results_framing`` check of shared/CONTENT.md.

Results framing: a concrete outcome of the speaker's work.
"""

from __future__ import annotations

import functools
import re

from voice_coach.content._text import (
    QUANTITY,
    clause_prefix,
    has_first_person,
    has_quantity,
    is_hypothetical,
    is_negated,
    sentences,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
from voice_coach.questions import Question

__all__ = ["check_results_framing"]

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


_OWN_MODIFIER_END = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}$", _I)

# Someone else as the agent of the change: "My manager grew the book by 40%".
_OTHER_PERSON = (
    r"(?:(?:my|our|the|his|her|their)\s+(?:[\w-]+\s+)?(?:manager|boss|director|ceo|cfo|founder|"
    r"owner|colleague|predecessor|supervisor|head|lead|partner|vp|chief|team\s+lead|"
    r"line\s+manager)(?:['’]s)?|he|she)"
)
_OTHER_AGENT = re.compile(rf"^\s*(?:{_OTHER_PERSON}|they)\b", _I)
_OTHER_PERSON_START = re.compile(rf"^\s*{_OTHER_PERSON}\b", _I)
# A short quoted phrase (not the apostrophe of "didn't", which has letters on both sides).
_QUOTED_RE = re.compile(r"(?<!\w)['‘\"“][^'’\"”\n]{1,40}['’\"”](?!\w)")
# "we'd got", "I'd cut", "they'd been": "'d" before a past participle is "had".
_PLUPERFECT_D_RE = re.compile(
    r"['’]d(?=\s+(?:already\s+|just\s+|never\s+)?(?:got|gotten|been|done|made|had|grown|"
    r"brought|won|kept|built|taken|\w+ed)\b)", _I)
# The last agent named in the sentence before a cue: another person ("our regional manager
# introduced a layout which lifted sales", "my manager's rebrand ... doubled sales") or the
# speaker ("I", "we"; not "our", which also names the other person's side).
_OTHER_PERSON_RE = re.compile(rf"\b{_OTHER_PERSON}\b", _I)
_SPEAKER_AGENT_RE = re.compile(r"\b(?:I|I['’](?:m|ve|d)|we|we['’](?:ve|d|re))\b", _I)
# The interviewer's side or a goal, not an achieved change: "your leakage target is 15% lower".
_NOT_ACHIEVED_SUBJECT = re.compile(
    r"\byour\b|\b(?:target|goal|aim|objective|ambition|plan|forecast)s?\s+(?:is|are|was|were)\b",
    _I,
)


def _other_agent_before(text: str, pos: int) -> bool:
    """True when the last agent named in the sentence before ``pos`` is another person."""
    s0, _ = _sentence_span(text, pos)
    before = text[s0:pos]
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
    r"if\s+(?:I|you|we)\b)",
    _I,
)


@functools.lru_cache(maxsize=8)
def _unquoted(text: str) -> str:
    """``text`` with short quoted phrases blanked (same length): a negator inside a quote
    ("failed deliveries for 'not at home' fell by a third") does not negate the clause."""
    return _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), text)


@functools.lru_cache(maxsize=8)
def _pluperfect_blanked(text: str) -> str:
    """``text`` with the "'d" of "we'd got", "I'd cut" blanked: there it is "had", not the
    "would" that :func:`is_hypothetical` reads."""
    return _PLUPERFECT_D_RE.sub("  ", text)


def _is_hypothetical(text: str, pos: int) -> bool:
    return is_hypothetical(_pluperfect_blanked(text), pos)


def _claim_guards_ok(text: str, pos: int, *, negation: bool = True,
                     third_party: bool = False) -> bool:
    """The guards every outcome cue at ``pos`` passes: achieved (not wished, planned or
    hypothetical), not negated (``negation=False`` where the rule reads the negation itself,
    "we haven't lost a client"), not a duty, and not another person's or the interviewer's.

    ``third_party`` lets a customer or funder be the subject ("they renewed their contract").
    """
    if negation and is_negated(_unquoted(text), pos):
        return False
    if _is_hypothetical(text, pos):
        return False
    prefix = clause_prefix(text, pos)
    if _RESULT_DUTY_BEFORE.search(prefix):
        return False
    agent = _OTHER_PERSON_START if third_party else _OTHER_AGENT
    if agent.search(prefix) or _NOT_ACHIEVED_SUBJECT.search(prefix):
        return False
    if _other_agent_before(text, pos):
        return False
    s0, _ = _sentence_span(text, pos)
    sent_prefix = text[s0:pos]
    wish = _SENTENCE_WISH.search(sent_prefix)
    if wish and not re.search(r"\b(?:and|but|so)\s+(?:then\s+)?(?:I|we)\s+\w+ed\b|"
                              r"\b(?:did|have|['’]ve)\b", sent_prefix[wish.end():], _I):
        return False
    external = _EXTERNAL_SUBJECT.search(prefix)
    # "our day-ahead demand forecast error": the speaker's own measure, not the market's.
    return not (external and not re.search(r"\b(?:I|we)\b", prefix, _I)
                and not _OWN_MODIFIER_END.search(prefix[:external.start()]))


def _speaker_near(text: str, pos: int) -> bool:
    """True when the speaker is named in the sentence of ``pos`` or the one before ("I set
    up a callback rota. Complaints pretty much stopped.")."""
    s0, s1 = _sentence_span(text, pos)
    if has_first_person(text[s0:s1]):
        return True
    before = [s for s in sentences(text) if s.end <= s0]
    return bool(before) and has_first_person(before[-1].text)


def _result_claim_ok(text: str, pos: int) -> bool:
    """An outcome cue counts when it passes :func:`_claim_guards_ok` and the speaker is in
    the sentence (the speaker's work, not "the market grew 20%")."""
    if not _claim_guards_ok(text, pos):
        return False
    prefix = clause_prefix(text, pos)
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
