"""The ``personal_value_trap`` check of shared/CONTENT.md.

Personal value trap: dwelling on what the speaker personally got.
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
from voice_coach.content.checks.results import check_results_framing
from voice_coach.questions import Question

__all__ = ["check_personal_value_trap"]

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
