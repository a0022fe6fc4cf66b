"""The ``personal_value_trap`` check of shared/CONTENT.md.

Personal value trap: dwelling on what the speaker personally got or wanted (fun, perks, pay,
title, friends, travel) without tying it to results for the organisation.

A gain is a word from the lexicon of personal gains (:data:`_PERSONAL_GAIN`) that its sentence
frames as liked, wanted or the reason ("the night premium is a lot better", "hoping there's
a generous training budget"), or a phrase that is personal by its own wording
(:data:`_SELF_FRAMED_GAIN`: "clear my loans", "ten minutes from my house", "fits round me").
A gain does not count when it is negated ("it was never about the money"), conceded for
something else ("the bonus was nice, but what mattered was ..."), or tied to growth or a
result in its own sentence. The trap fires when gains outnumber results
(:data:`GAIN_EXCESS_OVER_RESULTS`).
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    clause_prefix,
    has_first_person,
    is_negated,
    sentences,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
from voice_coach.content.checks.growth import check_skills_growth
from voice_coach.content.checks.results import check_results_framing
from voice_coach.questions import Question

__all__ = ["check_personal_value_trap"]

_PERSONAL_GAIN = re.compile(
    r"\b(?:fun|perks?|free\s+(?:food|lunch(?:es)?|snacks|coffee|drinks|gym|beer|meals|parking)|"
    r"ping[\s-]?pong|foosball|pool\s+table|game\s+room|salary|pay|paycheck|paycheque|money|"
    r"bonus(?:es)?|stock\s+options|equity|benefits|vacation|holidays?|time\s+off|"
    r"travel(?:l?ing|l?ed)?|trips?|company\s+(?:car|audi|bmw|mercedes|vehicle)|(?:job\s+)?title|"
    r"promotion|promoted|private\s+health(?:care)?|health\s+insurance|pension\s+match|"
    r"business\s+class|first\s+class|flights|(?:nice|fancy|posh|five-star)\s+hotels|"
    r"expense\s+account|(?:staff|employee)\s+discount|discount|lifestyle|company\s+phone|"
    r"friends?|friendships?|social\s+life|parties|party|happy\s+hours?|"
    r"flexib(?:le|ility)(?:\s+hours)?|remote\s+work|work(?:ing)?\s+from\s+home|"
    r"(?:my\s+)?(?:cv|resume|résumé)|prestige|status|commute|pays\s+(?:more|better|well)|"
    r"better\s+paid|(?:close|closer|near|nearer)\s+to\s+(?:my|home|where\s+I\s+live)\b(?:\s+\w+)?|"
    r"great\s+(?:people|colleagues|"
    r"coworkers|team)|nice\s+(?:people|colleagues|office)|the\s+office|cool|a\s+blast|"
    r"good\s+times|"
    # Pay by other names, and the comforts of a workplace: these need a frame too
    # ("the tips ... are hard to beat"; "cut overtime costs by 18%" is not a gain).
    r"wages?|tips|overtime|pension|commission|share\s+scheme|pay\s+rise|"
    r"(?:night|shift|weekend|unsocial[\s-]hours|london)\s+(?:premium|allowance)|"
    r"(?:best|better|well|highest|higher)[\s-]paid|canteen|gym\s+(?:membership|discount)|"
    r"on-site\s+gym|training\s+budget|conference\s+travel|"
    # "remote" as a way of working, not "a remote team" or "remote monitoring".
    r"(?:fully\s+)?remote(?=\s+(?:work|working|days?|role|job|policy|option|contract)\b|"
    r"\s*[,.;!?]|\s+(?:and|too|which|so|now|was|is|were)\b|\s*$)|"
    r"four[\s-]day\s+week|flexi[\s-]?time|annual\s+leave|days?\s+off)\b", _I,
)
# Gains that are personal by their own wording: the speaker's own bills, time, home and
# private life. They need no frame. "the mortgage book" or "mortgage applications" is work,
# so "the mortgage" counts only as the subject of a personal change ("has gone up").
_SELF_FRAMED_GAIN = re.compile(
    r"\b(?:(?:my|our)\s+(?:\w+\s+)?(?:mortgage|loans?|debts?|bills|rent)\b(?!\s+(?:"
    r"applications?|book|portfolio|products?|team|department)\b)|"
    r"(?:got|have|took\s+out|taken\s+(?:out|on))\s+a\s+(?:new\s+|big\s+)?mortgage|"
    r"the\s+mortgage(?:['’]s|\s+(?:has|is|went|payments?|repayments?))|"
    r"(?:my|our)\s+(?:evenings|weekends|life|lives)\s+back|(?:actually\s+)?have\s+a\s+life|"
    r"work[\s-]life\s+balance|fits?\s+(?:round|around)\s+(?:me|my\s+\w+|the\s+kids|school)|"
    r"(?<!outside\s)(?<!after\s)(?<!during\s)school\s+hours|(?:every\s+other\s+|my\s+)?(?:mon|fri)days?\s+off|"
    # Leaving early for oneself; "finish early" alone is delivery ("we'll finish early").
    r"(?:leave|leaving|home|off)\s+early|(?:finish|leave|clock\s+off|be\s+home)(?:ing)?\s+"
    r"(?:at|by)\s+(?:two|three|four|half\s+\w+|[234](?::\d\d)?)(?!\s*(?:percent|%|weeks?|"
    r"days?|months?))|pick\s+(?:up\s+)?(?:the|my)\s+kids|school\s+run|"
    r"(?:\w+|\d+)[\s-]minutes?(?:\s+(?:walk|drive|ride|cycle|bus\s+ride))?\s+(?:from|"
    r"away\s+from|to)\s+(?:my\s+(?:house|home|flat|"
    r"place|kids['’]?\s+school)|home|where\s+I\s+live)|on\s+my\s+doorstep|"
    r"my\s+own\s+office|(?:get|got|getting)\s+(?:\w+[\s-]){0,2}?(?:percent|per\s+cent|%)\s+off|"
    r"met\s+my\s+(?:partner|wife|husband|girlfriend|boyfriend|fianc[ée]e?|best\s+friend)|"
    r"(?:was|were|felt)\s+like\s+(?:a|one\s+big)\s+(?:\w+\s+)?family|"
    r"went\s+to\s+(?:festivals|gigs|concerts|the\s+pub|parties)|"
    r"enjoy\s+(?:it|that|this)\s+for\s+myself)\b", _I,
)
_GAIN_FRAME = re.compile(
    r"\b(?:lov(?:e|ed|ing)|enjoy(?:ed|ing)?|lik(?:e|ed)|fun|great|best|favou?rite|amazing|"
    r"awesome|cool|nice|got|get|gave\s+me|need|needs|needed|give\s+me|want(?:ed)?|wish|because\s+of|for\s+the|"
    r"made\s+(?:lots\s+of\s+|a\s+lot\s+of\s+|many\s+|some\s+|great\s+|lifelong\s+)?friends|"
    r"looked\s+good|good\s+for\s+me|for\s+me|personally|perks?|blast|free|paid|"
    r"(?:a|the)\s+(?:higher|bigger|better|fancier)|more|looking\s+for|hoping\s+for|"
    r"set\s+me\s+up|led\s+to\s+my|mostly|main\s+reason|most\s+of\s+all|really|"
    # Appreciation, hope and asking about eligibility ("the tips are hard to beat", "the
    # pension's better", "is the four-day week available from day one").
    r"beautiful|famous|legendary|hard\s+to\s+beat|big\s+deal|big\s+plus|brilliant|lovely|"
    r"generous|decent|better|honestly|hope|hoping|eligible|available|proper|for\s+once|"
    r"mainly|so\s+I\s+can|(?:I|you)\s+get|uncapped|incentive)\b", _I,
)
# A gain conceded for something else: "the bonus was nice, but what mattered was ...",
# "Touring's great fun, but the bit I'm proudest of ...", "part of that was the travel.
# But the real value was ...". The pivot must not be to another gain ("but mostly the pay").
_CONCESSION = re.compile(
    r"\b(?:but|though|although|yet)\b,?\s+(?:(?:honestly|really|actually|for\s+me|"
    r"in\s+the\s+end),?\s+)?(?:what\s+(?:really\s+|actually\s+)?(?:mattered|matters|"
    r"counted|counts|I\s+(?:valued|value|cared|care|remember)|(?:it|that|this)\s+"
    r"(?:actually\s+|really\s+)?(?:gave|gives|gets|meant|means))|mostly|mainly|"
    r"more\s+importantly|the\s+real|the\s+main\s+thing|the\s+(?:bit|part|thing)\s+"
    r"(?:I|that)|the\s+value|most\s+of\s+all|above\s+all|"
    # "The overtime paid well, but that's not what I'd point to".
    r"that['’]?s\s+not\s+(?:what|why|the\s+(?:point|reason))|that\s+(?:isn['’]?t|wasn['’]?t)\s+"
    r"(?:what|why|the\s+(?:point|reason)))\b", _I)
# The speaker working on the thing, not receiving it: "I ran the wages for 300 staff", "I
# administered the pension scheme", "we won the commission", "I cut overtime".
_WORK_ON_GAIN = re.compile(
    r"\b(?:ran|run|running|managed|manage|managing|administer\w*|handl(?:e|ed|ing)|"
    r"process(?:ed|ing)|led|lead|leading|train(?:ed|ing)|won|win|winning|approv(?:e|ed|ing)|"
    r"cut|cutting|reduc(?:e|ed|ing)|design(?:ed|ing)|buil[dt]|building|set\s+up|"
    r"introduc(?:e|ed|ing)|organi[sz](?:e|ed|ing)|calculat(?:e|ed|ing)|audit(?:ed|ing)|"
    r"implement(?:ed|ing)|roll(?:ed|ing)?\s+out|launch(?:ed|ing)|oversaw|overs(?:ee|eeing)|"
    r"supervis(?:e|ed|ing)|coordinat(?:e|ed|ing)|fix(?:ed|ing)|restructur(?:e|ed|ing)|"
    r"review(?:ed|ing)|paid\s+out|look(?:ed)?\s+after)\s+(?:\w+\s+){0,3}?$", _I)
#: How far after a gain, in characters, its concession may start (the rest of its sentence
#: and the start of the next one).
CONCESSION_REACH_CHARS: int = 160
#: Characters after the pivot word that must hold no other gain.
PIVOT_CHARS: int = 60
# A negation that still governs a later item of an "or"/"nor" list: "it was never about the
# money or the company car" (a clause split at "or" would lose it).
_NEGATED_LIST = re.compile(
    r"\b(?:not|never|no|n['’]t)\b\s+(?:\w+\s+){0,3}?(?:about|for|because\s+of|the)\b"
    r"(?:(?!\b(?:but|and|so|because)\b)[^.;!?])*\b(?:or|nor)\s+(?:the\s+|a\s+|my\s+)?$",
    _I,
)
#: Look-back, in characters, for a negated list (about 25 words): bounded so that a long
#: unpunctuated answer stays linear.
NEGATED_LIST_CHARS: int = 150
#: Money words that the salary question asks about: stating a range there is the answer.
_SALARY_WORDS = re.compile(r"^(?:salary|pay|paycheck|paycheque|money|benefits|bonus(?:es)?)$",
                           _I)
# A gain word in another sense: "third party", "bank holidays" and "the summer-holiday
# squeeze" as dates, "the agencies you pay", "stock money", "the reason you got promoted",
# "our rent arrears", "I make classes fun" (fun for the customers).
_OTHER_SENSE = re.compile(
    r"\bthird[\s-]party\b|\bbank\s+holidays?\b|\b\w+-holidays?\b|\bschool\s+holidays?\b|"
    r"\b(?:you|they|we|customers?|clients?|members?|traders?)\s+(?:\w+\s+)?pay(?:ing)?\b|"
    r"\b(?:stock|their|customers?['’]?|clients?['’]?|traders?['’]?)\s+money\b|"
    r"\bthe\s+money\s+into\b|\byou\s+(?:got\s+|get\s+|were\s+|are\s+)?promoted\b|"
    r"\brent\s+(?:arrears|collection|accounts?|roll)\b|"
    r"\bmake\s+(?:\w+\s+){0,2}?fun\b|\bfun\s+(?:is|was)\s+what\s+keeps\b", _I)
#: The trap fires when personal gains outnumber the answer's results by this many
#: (CONTENT.md: "dwells on ... without tying it to results"); with no result at all, one
#: framed gain is enough.
GAIN_EXCESS_OVER_RESULTS: int = 2


def _conceded(text: str, end: int) -> bool:
    """True when the gain ending at ``end`` is conceded for something else ("was nice, but
    what mattered was ...")."""
    m = _CONCESSION.search(text, end, min(len(text), end + CONCESSION_REACH_CHARS))
    if m is None:
        return False
    pivot = text[m.end():m.end() + PIVOT_CHARS]
    return not (_PERSONAL_GAIN.search(pivot) or _SELF_FRAMED_GAIN.search(pivot))


# A sentence that explains the gain before it as a means to growth: "the team were good
# friends. That closeness mattered because it meant I got my hands on everything".
_ANAPHOR_START = re.compile(r"^(?:that|this|it|which|those|these)\b", _I)


def _growth_sentences(text: str, growth: Finding | None) -> set[int]:
    """Start offsets of the sentences that hold a ``skills_growth`` expression."""
    growth = growth if growth is not None else check_skills_growth(text, None)
    return {_sentence_span(text, s)[0] for s, _ in growth.spans}


#: Pay and perks that asking about is wanting (not "the gap on my CV?").
_ASKED_PERK = re.compile(
    r"salary|pay|bonus|pension|holiday|leave|car|audi|bmw|commission|allowance|discount|perk|"
    r"benefit|gym|health|remote|flexi|vacation|time\s+off|share|equity|stock|overtime|day\s+week|"
    r"trip|travel|days?\s+off|premium|wage|tips|canteen|free")


def _framed(word: str, sentence: str) -> bool:
    """True when ``sentence`` frames the lexicon gain ``word`` as liked, wanted or the reason."""
    low = word.lower()
    if low in {"fun", "perks", "perk", "a blast", "good times"} or low.startswith(
            ("free", "ping", "foos", "party", "parties", "happy hour", "game room",
             "pool table")):
        return True  # the word itself is a personal pleasure
    if sentence.rstrip().endswith("?") and _ASKED_PERK.search(low):
        return True  # asking about it ("What's the pension match?") is wanting it
    frame_text = sentence if low.startswith("friend") else sentence.replace(word, " ")
    return _GAIN_FRAME.search(frame_text) is not None


# The speaker setting the gain aside in its own sentence: "so leaving isn't about money",
# "the pay was poor and the shifts were long, but ...".
_DISOWNED_GAIN = re.compile(
    r"\b(?:isn['’]?t|is\s+not|wasn['’]?t|was\s+not|not)\s+(?:really\s+|just\s+)?(?:about|for)\s+"
    r"(?:the\s+)?money\b|\b(?:pay|salary|wages?|money)\s+(?:was|were|is|are)\s+(?:\w+\s+)?(?:poor|"
    r"low|bad|terrible|rubbish|awful|lousy|modest|dreadful)\b", _I)


def _lexicon_gain_excused(word: str, sentence: str) -> bool:
    """True when a lexicon gain is work, not a personal gain, in ``sentence``."""
    low = word.lower()
    if _DISOWNED_GAIN.search(sentence) and re.match(
            r"(?:salary|pay|paid|money|wages?|bonus|commission|overtime|tips)", low):
        return True  # "leaving isn't about money", "the pay was poor" (not the drinks after)
    if re.search(r"\b(?:customers?|clients?|users?|students?|patients?|guests?|pupils|"
                 r"visitors|audiences?|residents|kids|children)\b", sentence, _I) and low in {
                     "fun", "cool", "a blast"}:
        return True  # fun made for customers, pupils or guests is work
    if re.search(r"\b(?:travel(?:l?ed)?|trips?)\b", low) and not re.search(
            r"\b(?:lov|enjoy|lik|fun|great|best|favou?rite|amazing|awesome|perk|free|hop|"
            r"want|wish|generous|got\s+to|get\s+to|see\s+the\s+world)\w*", sentence, _I):
        return True  # travelling for the work itself
    if low in {"promotion", "promoted", "title", "job title"} and not re.search(
            r"\b(?:want|wanted|wish|hoping|looking\s+for|set\s+me\s+up|led\s+to\s+my|"
            r"mostly|main\s+reason|best\s+part|lov|enjoy|fancier|better|bigger)\w*",
            sentence, _I):
        return True
    if low in {"the office", "status", "commute", "cool", "great team", "great people",
               "nice people", "great colleagues", "great coworkers"} and not re.search(
            r"\b(?:lov|enjoy|lik|best|favou?rite|fun|most|why|main\s+reason|beautiful)\w*",
            sentence, _I):
        return True
    if low in {"holiday", "holidays", "vacation", "time off"} and re.search(
            r"\b(?:she|he|they|manager|boss|colleague)\s*(?:['’]s|is|are|was|were)\s+"
            r"(?:on|off)\b", sentence, _I):
        return True  # covering for someone else on holiday
    return low == "pay" and re.search(
        r"\bpay\s+(?:for|off|attention|back|down|cycles?|runs?|periods?|slips?|days?|dates?)\b|"
        r"\bto\s+pay\b", sentence, _I) is not None


def check_personal_value_trap(text: str, question: Question | None,
                              results: Finding | None = None,
                              growth: Finding | None = None) -> Finding:
    """Detect an answer that dwells on what the speaker personally got or wanted.

    Parameters
    ----------
    text : str
        The answer.
    question : Question or None
        On the salary question, naming a salary is the answer, not a trap.
    results : Finding or None
        The ``results_framing`` finding of the same answer (computed when None).
    growth : Finding or None
        The ``skills_growth`` finding of the same answer (computed when first needed, when
        None): a gain that paid for growth is not a trap.

    Returns
    -------
    Finding
        Evidence spans of the gains when the trap fires; facts ``gains`` and ``results``
        (how many sentences hold each).
    """
    results = results if results is not None else check_results_framing(text, question)
    result_sentences = {_sentence_span(text, s)[0] for s, _ in results.spans}
    growth_sentences: set[int] | None = None  # computed when first needed
    salary_question = question is not None and question.id == "salary-expectations"
    spans: list[tuple[int, int]] = []
    sents = sentences(text)
    for i, sent in enumerate(sents):
        st = sent.text
        if sent.start in result_sentences:
            continue  # tied to a result in the same sentence
        found = [(m, False) for m in _PERSONAL_GAIN.finditer(st)]
        found += [(m, True) for m in _SELF_FRAMED_GAIN.finditer(st)]
        # Once per sentence, not per gain: a long unpunctuated answer stays linear.
        framed: dict[str, bool] = {}
        speaker_side = bool(found) and (has_first_person(st) or re.search(
            r"\b(?:it|that|there|the)\b", st, _I) is not None)
        other_sense = [o.span() for o in _OTHER_SENSE.finditer(st)] if found else []
        for m, self_framed in found:
            word = m.group(0)
            if any(a < m.end() and m.start() < b for a, b in other_sense):
                continue  # the word in another sense ("third party", "agencies you pay")
            if not self_framed:
                if salary_question and _SALARY_WORDS.match(word) and not re.search(
                        r"\b(?:need|needs|bills|afford|desperate|rent|debt|mortgage)\b", st, _I):
                    continue  # a salary range is the answer to the salary question
                if not speaker_side:
                    continue
                if word not in framed:  # once per distinct word: repeats stay linear
                    framed[word] = _framed(word, st) and not _lexicon_gain_excused(word, st)
                if not framed[word]:
                    continue
            pos = sent.start + m.start()
            negated_list = _NEGATED_LIST.search(
                st[max(0, m.start() - NEGATED_LIST_CHARS):m.start()])
            if (is_negated(text, pos) or negated_list) and not re.search(
                    r"\bnot\s+(?:just|only)\b", clause_prefix(text, pos), _I):
                continue  # "it wasn't about the money", "never about the money or the car"
            if not self_framed and _WORK_ON_GAIN.search(clause_prefix(text, pos)):
                continue  # "I ran the wages", "administered the pension scheme": work
            if _conceded(text, sent.start + m.end()):
                continue  # "the bonus was nice, but what mattered was ..."
            if growth_sentences is None:
                growth_sentences = _growth_sentences(text, growth)
            nxt = sents[i + 1] if i + 1 < len(sents) else None
            if sent.start in growth_sentences or (
                    nxt is not None and nxt.start in growth_sentences
                    and _ANAPHOR_START.match(nxt.text)):
                continue  # the gain was the means to growth ("paid for my MSc")
            spans.append((pos, sent.start + m.end()))
    merged = _merge(spans)
    gain_sentences = {_sentence_span(text, s)[0] for s, _ in merged}
    n_gain, n_result = len(gain_sentences), len(result_sentences)
    trapped = bool(merged) and (n_result == 0 or n_gain >= n_result + GAIN_EXCESS_OVER_RESULTS)
    return Finding(merged if trapped else (), {"gains": n_gain, "results": n_result})
