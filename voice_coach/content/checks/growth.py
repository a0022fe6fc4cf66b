"""The ``skills_growth`` check of shared/CONTENT.md.

Skills growth: job skills or capacity grown.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    clause_prefix,
    is_negated,
)
from voice_coach.content.checks._base import _I, Finding, _merge
from voice_coach.questions import Question

__all__ = ["check_skills_growth"]

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
