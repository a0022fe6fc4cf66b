"""Advice that quotes the answer, and a rewrite of its most important problem."""

from __future__ import annotations

import re

from voice_coach.content._text import sentences, to_gerund
from voice_coach.content.checks import Finding
from voice_coach.lexicon import find_hedges
from voice_coach.questions import Question

__all__ = ["GOOD", "LABELS", "advice_for", "choose_rewrite", "to_base"]

_I = re.IGNORECASE

#: Short human names of the checks.
LABELS: dict[str, str] = {
    "results_framing": "Results framing",
    "hiring_manager_focus": "Hiring-manager focus",
    "supplicant_language": "Supplicant language",
    "delivery_promises": "Delivers on time and budget",
    "not_after_your_job": "After the interviewer's job",
    "skills_growth": "Skills growth",
    "engagement": "Engages the interviewer",
    "personal_value_trap": "Personal-value trap",
}
#: True when detecting the check is good for the answer.
GOOD: dict[str, bool] = {
    "results_framing": True, "hiring_manager_focus": True, "supplicant_language": False,
    "delivery_promises": True, "not_after_your_job": False, "skills_growth": True,
    "engagement": True, "personal_value_trap": False,
}

#: Longest quote in advice, in characters; longer evidence is cut at a word boundary.
MAX_QUOTE_CHARS: int = 90

_ACTIVITY_RE = re.compile(
    r"\b(?P<subj>I|we)\s+(?:also\s+|mainly\s+|mostly\s+|basically\s+)?(?P<verb>managed|led|ran|"
    r"built|worked|handled|oversaw|organi[sz]ed|supervised|coordinated|created|designed|"
    r"developed|wrote|owned|answered|taught|trained|implemented|introduced|started|launched|"
    r"shipped|fixed|redesigned|rewrote|automated|migrated|moved|planned|ran|did|helped|made|"
    r"set\s+up|took\s+care\s+of|looked\s+after|dealt\s+with|was\s+responsible\s+for|"
    r"was\s+in\s+charge\s+of)\b"
    r"(?P<rest>(?:(?!,?\s*\b(?:and|but|so|because|while|then)\s+(?:I|we)\b)[^.;!?])*)",
    _I,
)

_BASE_IRREGULAR = {
    "cut": "cut", "grew": "grow", "grown": "grow", "brought": "bring", "drove": "drive",
    "driven": "drive", "won": "win", "made": "make", "went": "go", "rose": "rise",
    "fell": "fall", "sped": "speed", "beat": "beat", "hit": "hit", "shrank": "shrink",
    "shrunk": "shrink", "led": "lead", "built": "build", "ran": "run", "came": "come",
}


def to_base(verb: str) -> str:
    """Turn a past-tense verb into its base form ("reduced" -> "reduce", "cut" -> "cut")."""
    low = verb.lower()
    if low in _BASE_IRREGULAR:
        return _BASE_IRREGULAR[low]
    if low.endswith("ied"):
        return low[:-3] + "y"
    if not low.endswith("ed"):
        return low
    stem = low[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if re.search(r"(?:[aeiou]s|c|v|at|iz|is|ur|dg|ag|ang|os|ir|ar|in|[^aeiou]l|ut|ot|"
                 r"[aeiou]r[^aeiour]?|uc|id)$", stem) and not stem.endswith(("ain", "ean", "oin")):
        return stem + "e"
    return stem


def _quote(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;")
    if len(text) <= MAX_QUOTE_CHARS:
        return f"\u201c{text}\u201d"
    cut = text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
    return f"\u201c{cut} ...\u201d"


def _first(text: str, finding: Finding) -> str:
    s, e = finding.spans[0]
    return _quote(text[s:e])


def _activity(text: str) -> re.Match[str] | None:
    for m in _ACTIVITY_RE.finditer(text):
        if len(m.group("rest").split()) >= 1:
            return m
    return None


#: What to do next when the learned back-off (not a rule) detected a check: no single
#: phrase proved it, so the advice says so and names the sentence that weighed most.
_LEARNED_NEXT: dict[str, str] = {
    "results_framing": "make the outcome explicit: what changed for the organisation, and by "
                       "how much (\u201cI helped the company to ... by ...\u201d).",
    "hiring_manager_focus": "name their goal or problem plainly and how you would help with it.",
    "supplicant_language": "say it as an equal: drop the apology, the plea or the put-down.",
    "delivery_promises": "make the record explicit: on time, early or under budget, and by how "
                         "much.",
    "not_after_your_job": "put your ambition in terms of your own role and their team's goals, "
                          "not the interviewer's seat.",
    "skills_growth": "name the skill, how you grew it, and what it let you deliver.",
    "engagement": "make it a direct question about their team or a concrete idea for them.",
    "personal_value_trap": "tie what you got to what it let you achieve for the organisation.",
}


def _learned_advice(check_id: str, text: str, finding: Finding) -> str:
    quote = _first(text, finding)
    aim = "make it unmistakable" if GOOD[check_id] else "avoid that impression"
    return (f"The answer reads as {LABELS[check_id].lower()} as a whole (no single phrase "
            f"proves it; {quote} weighs most). To {aim}, {_LEARNED_NEXT[check_id]}")


def advice_for(check_id: str, text: str, finding: Finding,
               findings: dict[str, Finding]) -> str:
    """One or two sentences for the person, quoting the answer."""
    detected = finding.detected
    if detected and "learned_probability" in finding.facts:
        return _learned_advice(check_id, text, finding)
    if check_id == "results_framing":
        if detected and finding.facts.get("quantified"):
            return (f"Good: {_first(text, finding)} states a measurable result for the "
                    "organisation.")
        if detected:
            return (f"{_first(text, finding)} is a result; now give it a number: by how much, "
                    "how fast, how many, how much money or time.")
        act = _activity(text)
        if act:
            return (f"{_quote(act.group(0))} says what you did, not what it changed. Name the "
                    "outcome for the organisation: \u201cI helped the company to ... by ...\u201d,"
                    " with a number.")
        return ("There is no result for the organisation yet. Add one: \u201cI helped the "
                "company to ... by ...\u201d, with a number.")
    if check_id == "hiring_manager_focus":
        if detected:
            extra = "" if finding.facts.get("offers_help") else (
                " Now say how you would help them get there.")
            return f"Good: {_first(text, finding)} speaks to the interviewer's side.{extra}"
        return ("The answer stays on your side. Turn it toward theirs: what their team is "
                "trying to achieve, and how hiring you helps them get there.")
    if check_id == "supplicant_language":
        if detected:
            kinds = ", ".join(str(k) for k in finding.facts.get("kinds", ())) or "pleading"
            return (f"This reads as a supplicant ({kinds}): {_first(text, finding)}. Speak as "
                    "an equal: drop it and say what you offer instead.")
        return "No pleading, apologising or self-diminishing: you spoke as an equal."
    if check_id == "delivery_promises":
        if detected:
            return f"Good: {_first(text, finding)} shows that you deliver."
        return ("Nothing says that you deliver on time or under budget. One line of proof "
                "helps: \u201cwe shipped it two weeks early and under budget\u201d.")
    if check_id == "not_after_your_job":
        if detected:
            return (f"{_first(text, finding)} sounds like you want the interviewer's own job. "
                    "Aim the ambition at their goals instead: the results you want to own for "
                    "their team.")
        return "Nothing suggests you are after the interviewer's job."
    if check_id == "skills_growth":
        if detected:
            extra = "" if findings["results_framing"].detected else (
                " Say what that skill later produced for the organisation.")
            return f"Good: {_first(text, finding)} shows you growing your skills.{extra}"
        return ("Say which skill you grew, from where to where (novice to professional), and "
                "what it let you deliver.")
    if check_id == "engagement":
        if detected:
            return f"Good: {_first(text, finding)} engages the interviewer."
        return ("Engage them: ask something real (how they measure success, their team's "
                "biggest challenge) or offer an idea for them from your research.")
    if check_id == "personal_value_trap":
        if detected:
            return (f"{_first(text, finding)} is about what you got. The hiring manager wants "
                    "what the job let you do for the organisation: \u201cI helped the company "
                    "to ...\u201d.")
        return "No dwelling on perks or personal gains."
    raise KeyError(check_id)


# ----------------------------------------------------------------------------- rewrites

#: How much each problem matters before the question's emphasis (x2) is applied. Bad signals
#: first (a false note costs more than a missing good one, seed 002), then the two scored
#: checks, then the rest (which only count when the question emphasises them).
PROBLEM_WEIGHT: dict[str, float] = {
    "not_after_your_job": 3.0, "supplicant_language": 3.0, "personal_value_trap": 2.5,
    "results_framing": 2.5, "hiring_manager_focus": 2.0, "delivery_promises": 1.0,
    "skills_growth": 1.0, "engagement": 1.0,
}
#: Weight of a result that is there but has no number: a smaller problem than no result.
UNQUANTIFIED_RESULT_WEIGHT: float = 1.5
#: Checks whose absence is a problem for any question (the others only when emphasised).
ALWAYS_EXPECTED: frozenset[str] = frozenset({"results_framing", "hiring_manager_focus"})
#: Multiplier for checks that the question emphasises.
EMPHASIS_FACTOR: float = 2.0


def _strip_end(s: str) -> str:
    return s.strip().rstrip(".!?;,: ")


def _sentence_of(text: str, pos: int) -> tuple[int, int, str]:
    for s in sentences(text):
        if s.start <= pos < s.end:
            return s.start, s.end, s.text
    return 0, len(text), text


def _dehedge(sentence: str) -> str:
    """Remove hedges, apologies and pleading fillers from a sentence."""
    out = sentence
    for h in sorted(find_hedges(sentence), key=lambda h: -h.start_char):
        out = out[:h.start_char] + out[h.end_char:]
    out = re.sub(r"\b(?:could|might|may)\b", "can", out, flags=_I)
    out = re.sub(r"\b(?:really|truly|desperately|honestly)\s+", "", out, flags=_I)
    out = re.sub(r"\s+([,.!?])", r"\1", re.sub(r"\s{2,}", " ", out))
    out = re.sub(r"^[\s,]+|(?<=[.!?])\s*,", "", out)
    out = re.sub(r",\s*,", ",", out).strip(" ,")
    return out[:1].upper() + out[1:] if out else out


def _results_rewrite(text: str, finding: Finding) -> tuple[str, int, int, str]:
    if finding.detected:
        s, _ = finding.spans[0]
        s0, s1, sent = _sentence_of(text, s)
        body = _strip_end(text[s:finding.spans[0][1]])
        m = re.match(r"(?:(?:I|we)\s+)?(?:\w+ly\s+)?(?P<verb>\w+)\s+(?P<rest>.*)", body, _I)
        if m and not re.match(r"helped|enabled|allowed", m.group("verb"), _I):
            outcome = f"{to_base(m.group('verb'))} {m.group('rest')}"
        else:
            outcome = re.sub(r"^(?:I|we)\s+(?:helped|enabled|allowed)\s+\S+(?:\s+\S+)?\s+"
                             r"(?:to\s+)?", "", body, flags=_I)
        act = _activity(text.replace(sent, " " * len(sent)))
        how = f"by {to_gerund(act.group('verb').split()[0])}{_verb_tail(act)}" if act else (
            "by ... (what you did)")
        return (sent, s0, s1,
                f"I helped the company to {_strip_end(outcome)} by ... (how much: a %, money or "
                f"time, from ... to ...), {how}.")
    act = _activity(text)
    if act:
        s0, s1, sent = _sentence_of(text, act.start())
        how = f"{to_gerund(act.group('verb').split()[0])}{_verb_tail(act)}"
        return (sent, s0, s1,
                "I helped the company to ... (the measurable outcome: how much more, less or "
                f"faster, e.g. \u201ccut costs by 12%\u201d) by {_strip_end(how)}.")
    return ("", 0, 0,
            "I helped the company to ... (the measurable outcome, with a number) by ... (what "
            "you did).")


def _verb_tail(act: re.Match[str]) -> str:
    """The words after the verb's first word: "set up the CRM" -> " up the CRM"."""
    words = act.group("verb").split()
    tail = " ".join(words[1:])
    rest = _strip_end(act.group("rest"))
    return (" " + tail if tail else "") + (" " + rest if rest else "")


def choose_rewrite(text: str, findings: dict[str, Finding],
                   question: Question | None) -> tuple[str, str, int, int] | None:
    """Pick the answer's most important problem and rewrite it with the answer's words.

    Returns
    -------
    tuple (check_id, suggestion, start_char, end_char) or None
        ``None`` when the answer has no problem worth a rewrite.
    """
    emphasis = set(question.emphasis) if question is not None else set()
    candidates: list[tuple[float, str]] = []
    for cid, finding in findings.items():
        weight = PROBLEM_WEIGHT[cid] * (EMPHASIS_FACTOR if cid in emphasis else 1.0)
        missing = GOOD[cid] and not finding.detected and (
            cid in ALWAYS_EXPECTED or cid in emphasis)
        if missing or (not GOOD[cid] and finding.detected):
            candidates.append((weight, cid))
        elif cid == "results_framing" and finding.detected and not finding.facts.get("quantified"):
            candidates.append((UNQUANTIFIED_RESULT_WEIGHT * (
                EMPHASIS_FACTOR if cid in emphasis else 1.0), cid))
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    cid = candidates[0][1]
    finding = findings[cid]

    if cid == "results_framing":
        _, s0, s1, suggestion = _results_rewrite(text, finding)
        return cid, suggestion, s0, s1
    if cid == "supplicant_language":
        s, e = finding.spans[0]
        s0, s1, sent = _sentence_of(text, s)
        cleaned = sent[:s - s0] + sent[e - s0:]
        cleaned = _dehedge(cleaned)
        if len(cleaned.split()) < 4 or re.search(r"\bneed\b", text[s:e], _I):
            res = findings["results_framing"]
            if res.detected:
                r0, r1 = res.spans[0]
                cleaned = (f"I want this role because I can do for your team what I did before: "
                           f"{_strip_end(text[r0:r1])}.")
            else:
                cleaned = ("(Leave it out.) I want this role because I can ... (the result you "
                           "will bring to their team).")
        return cid, cleaned, s0, s1
    if cid == "not_after_your_job":
        s, _ = finding.spans[0]
        s0, s1, sent = _sentence_of(text, s)
        time = re.search(r"\b(?:in|within|over)\s+(?:the\s+next\s+)?(?:\w+|\d+)\s+years?\b",
                         sent, _I)
        lead = f"{time.group(0)[0].upper()}{time.group(0)[1:]}, " if time else ""
        return cid, (f"{lead}I see myself as the person your team relies on for ... (the "
                     "results you want to own for them), with bigger responsibilities of my "
                     "own."), s0, s1
    if cid == "personal_value_trap":
        s, _ = finding.spans[0]
        s0, s1, sent = _sentence_of(text, s)
        act = _activity(text)
        how = (f" by {_strip_end(to_gerund(act.group('verb').split()[0]) + _verb_tail(act))}"
               if act else " by ...")
        return cid, (f"In that job I grew my ... skills (from ... to ...), and I helped the "
                     f"company to ... (the result, with a number){how}."), s0, s1
    if cid == "hiring_manager_focus":
        res = findings["results_framing"]
        if res.detected:
            s0, s1, sent = _sentence_of(text, res.spans[0][0])
        else:
            firsts = [s for s in sentences(text) if re.search(r"\b(?:I|we)\b", s.text, _I)]
            if not firsts:
                return cid, ("Add: \u201cI can help your team ... (one of their goals) by ...\u201d"
                             ), 0, 0
            s0, s1, sent = firsts[0].start, firsts[0].end, firsts[0].text
        return cid, (f"{_strip_end(_dehedge(sent))}, and I can do the same for your team: ... "
                     "(one of their goals, from the job ad or what they told you)."), s0, s1
    if cid == "delivery_promises":
        res = findings["results_framing"]
        if res.detected:
            s0, s1, sent = _sentence_of(text, res.spans[0][0])
            return cid, (f"{_strip_end(sent)}, and I delivered it ... (on time / two weeks "
                         "early / under budget)."), s0, s1
        return cid, ("Add one line of proof: \u201cI delivered ... (a project) ... weeks early "
                     "and under budget.\u201d"), 0, 0
    if cid == "skills_growth":
        act = _activity(text)
        if act:
            s0, s1, sent = _sentence_of(text, act.start())
            return cid, (f"{_strip_end(sent)}, and doing it I grew from ... to ... at ... (the "
                         "skill), which I later used to ... (a result)."), s0, s1
        return cid, ("Add: \u201cIn that job I went from novice to ... at ... (a skill), and "
                     "used it to ... (a result).\u201d"), 0, 0
    # engagement
    topic = re.search(r"\b(?:onboarding|pricing|sales|support|hiring|product|roadmap|"
                      r"customers|marketing|launch|data|security|quality)\b", text, _I)
    about = f" in {topic.group(0).lower()}" if topic else ""
    return cid, (f"Ask them: \u201cWhat is the biggest challenge your team faces{about} this "
                 "year, and how will you measure success for this role?\u201d"), 0, 0

