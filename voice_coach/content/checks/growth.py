"""The ``skills_growth`` check of shared/CONTENT.md.

Skills growth: job skills or capacity grown ("from novice to professional, learned, took a
course"). Each rule below covers a class of expression, not one phrase:

- learning verbs with the speaker as their (possibly elided) subject, minus the "found out"
  sense ("I learned that the office was closing");
- courses, training and qualifications taken, sat, worked through or in progress;
- before/after arcs ("I went from not knowing the system to training the new starters",
  "I came with no experience ... now I give the meds");
- becoming good at something ("got quick at sorting complaints", "became fluent in");
- growing a named skill ("sharpened my negotiation");
- being coached, mentored or trained by someone ("my manager has been coaching me on");
- practising and working on a weakness now.

Every match is dropped when negated, wished or planned ("I'd love to learn"), or when it is
the speaker teaching others.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    clause_prefix,
    is_negated,
    sentences,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
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
# The speaker as subject, with an auxiliary: "I", "I've", "I'd", "I had", "we have".
_SPEAKER = r"(?:I|we)(?:['’](?:ve|d)|\s+(?:have|had))?"
# A learning verb in its achieved form.
_LEARNED = r"(?:learn(?:ed|t)|picked\s+up|mastered)"
# Courses and training. A degree or diploma is left out on purpose: "I've just finished a
# biomed degree" is education background, not growth on a job (labelled negative in
# tests/content_cases, twice).
_COURSE_NOUN = (
    r"(?:course|courses|class|classes|training|workshop|bootcamp|certification|certificate|"
    r"program|programme|MOOC|apprenticeship|mentorship|qualification)"
)
# Qualifications and professional exams, named or by acronym (UK and US trades and
# professions in the labelled answers: NVQ level 3, the APC, CFA level one, Gas Safe).
_QUALIFICATION = (
    r"(?:level\s+\w+|exams?|registration|qualification|chartership|accreditation|"
    r"licen[cs]e|nvq|cfa|acca|aat|cima|cpa|cipd|apc|pmp|prince2|cscs|ipaf|wset|hgv|lgv|"
    r"class\s+(?:one|two|1|2)|driving\s+test|part[\s-]?qualified|"
    r"(?:welding|coded|forklift|reach|counterbalance|trade|gas|electrical|scaffolding)\s+"
    r"tickets?)"
)
# Verbs of taking a course: "did", "I'd just done", "working through", "sat", "went on".
_TAKE_COURSE = (
    r"(?:took|taken|take|taking|completed|finished|passed|enrolled\s+in|signed\s+up\s+for|"
    r"did|done|do|doing|attended|attending|started|work(?:ed|ing)\s+through|went\s+through|"
    r"sat|sit|sitting|studied\s+for|studying\s+for|(?:went|been|go|going)\s+on|"
    r"put\s+me\s+through)"
)
# Up to five words naming the course ("a finance for non finance managers course"), but no
# words of time or place: "finished four days ahead of the programme" is a schedule.
_MODIFIERS = (r"(?:(?!(?:ahead|behind|before|after|of|on|at|to|than|within|by)\b)"
              r"[\w-]+\s+){0,5}?")

# Becoming good at something: "got quick at sorting complaints", "became fluent in", "got a
# lot better at". Comparatives of results ("faster turnaround") have no "at/in"; the speaker
# must be the subject ("my team got much faster at" is the team's growth).
_BECAME_GOOD = re.compile(
    r"\b(?:got|gotten|get|getting|became|become|becoming|grew|grown)\s+(?:much\s+|"
    r"far\s+|really\s+|very\s+|quite\s+|pretty\s+|a\s+lot\s+|a\s+little\s+|way\s+)?"
    r"(?:good|better|quick|quicker|fast|faster|sharp|sharper|strong|stronger|"
    r"proficient|fluent|an\s+expert|expert|confident|skilled|comfortable|competent|"
    r"handy|adept|capable|decent)\s+(?:at|in|with)\b"
    # "comfortable with the idea", "with it": ease with a fact, not a skill.
    r"(?!\s+(?:the\s+idea|nothing)\b)(?<!with(?=\s(?:it|that|this)\b))", _I)

_GROWTH_PATTERNS = (
    # Learning verbs with the speaker as subject: "I learned", "I'd learned SQL",
    # "we quickly picked up". The "found out" sense is filtered in _found_out().
    re.compile(rf"\b{_SPEAKER}\s+(?:\w+\s+){{0,2}}?{_LEARNED}\b", _I),
    re.compile(r"\b(?:learning|learned|learnt)\s+(?:how\s+to|to)\s+\w+", _I),
    re.compile(r"\b(?:taught|teach|teaches|teaching)\s+myself\b|\bself-taught\b|\bupskill\w*|"
               r"\breskill\w*", _I),
    # The fourth round's classes: the lesson as a pseudo-cleft ("What I learned from it was how
    # to plan for supplier slippage"), time spent learning ("I spent a month learning it
    # properly"), a qualification under way ("I'm part-way through the level 7 module"), and
    # coming back able ("I came back able to read the PLC logic myself").
    re.compile(r"\bwhat\s+(?:I|we)\s+(?:really\s+|mainly\s+)?(?:learned|learnt|took\s+away)\s+"
               r"(?:from\s+(?:it|that|this|there)\s+)?(?:was|is)\s+(?:how|to|that|the\s+value)\b"
               r"|\b(?:I|we)\s+spent\s+(?:a|an|two|three|four|six|several|a\s+few|many|my|our|\w+)\s+"
               r"(?:\w+\s+)?(?:weeks?|months?|years?|evenings|weekends|nights)\s+(?:\w+\s+)?"
               r"(?:learning|studying|teaching\s+myself|practi[sc]ing|training\s+(?:up|myself))\b"
               r"|\b(?:I['’]m|I\s+am)\s+(?:(?:also|still|currently|now)\s+)*(?:part[\s-]?way|half[\s-]?way|midway|"
               r"most\s+of\s+the\s+way)\s+through\s+(?:a|an|the|my)\s+(?:[\w-]+\s+){0,4}?(?:course|"
               r"module|diploma|degree|qualification|apprenticeship|certificate|certification|MSc|"
               r"MBA|programme|program|training)\b"
               r"|\bcame\s+(?:back|out|away)\s+(?:\w+\s+)?able\s+to\b"
               # "I've started the module at the university", "retrained through a master's",
               # "learning workforce planning on the way".
               r"|\b(?:I['’]ve|I\s+have|I)\s+(?:just\s+|recently\s+|also\s+)?started\s+(?:a|an|the|my)\s+"
               r"(?:[\w-]+\s+){0,3}?(?:module|course|diploma|degree|apprenticeship|MSc|MBA|"
               r"qualification|certificate|certification)\b|\bretrain(?:ed|ing)\s+(?:in|as|through|into|for|"
               r"via|at|on)\b|"
               r"\b(?:learning|picking\s+up)\s+(?:[\w-]+\s+){1,3}?(?:on|along)\s+the\s+way\b", _I),
    # Learning by watching a practitioner: "I asked to shadow our lawyer on three cases".
    re.compile(r"\b(?:I|I['’]ve|I\s+had|I\s+was)\s+(?:\w+\s+){0,2}?(?:shadow(?:ed|ing)?|"
               r"sat\s+in\s+on|job[\s-]shar\w+\s+with)\s+(?:(?:a|an|the|our|my|two|three|"
               r"some|senior|experienced)\s+){1,2}\w+", _I),
    # A lesson the speaker took from a failure: "the lesson I took was", "lesson learned".
    re.compile(r"\blessons?\s+(?:I|we)\s+(?:\w+\s+)?(?:took|learned|learnt|drew|got|"
               r"carried)\b|\b(?:took|learned|learnt|drew)\s+(?:a|the|one|two|some)\s+"
               r"(?:\w+\s+)?lessons?\b", _I),
    # Taking a course: "took an online course", "I'd done a bid-writing course",
    # "working through a course on queueing".
    re.compile(rf"\b{_TAKE_COURSE}\s+(?:(?:a|an|the|some|two|three|several|my|online|night|"
               rf"evening|weekend)\s+)?{_MODIFIERS}{_COURSE_NOUN}\b"
               rf"(?!\s+(?:correction|of\s+action))", _I),
    # A course named as the cause: "once I rewrote the script after a consultative selling
    # course". Only nouns that cannot be a meeting ("after a workshop with the client").
    re.compile(rf"\b(?:after|thanks\s+to)\s+(?:a|an|my)\s+{_MODIFIERS}(?:course|courses|"
               rf"bootcamp|certification|qualification|apprenticeship)\b"
               rf"(?!\s+(?:correction|of\s+action))", _I),
    # Before/after arcs: "went from needing a preceptor ... to teaching the new starters".
    re.compile(r"\bwent\s+from\s+(?:needing|struggling|fearing|dreading|avoiding|knowing\s+"
               r"(?:nothing|very\s+little|little)|being\s+(?:scared|afraid|nervous|terrified|"
               r"clueless|useless|hopeless|the\s+(?:new|junior)))\b[^.!?;]{0,120}?\bto\s+"
               r"(?:\w+ing|being)\b", _I),
    re.compile(r"\bI\s+used\s+to\s+(?:\w+\s+){0,3}?(?:freeze|struggle|panic|dread|avoid|hate|"
               r"ramble|mumble|stammer|be\s+(?:scared|afraid|terrified|nervous|shy|useless|bad|"
               r"hopeless|awful|terrible|rubbish|disorgani[sz]ed))\b[^.?!]{0,160}?\b(?:now|these\s+"
               r"days|nowadays)\s+(?:I|I['’]m|I\s+am|I\s+can)\b", _I),
    re.compile(r"\b(?:joined|signed\s+up\s+(?:to|for)|enrolled\s+(?:in|at|on))\s+(?:a\s+|the\s+|"
               r"my\s+local\s+|(?:the\s+)?[\w-]+['’]s\s+)?(?:toastmasters|speaking\s+club|debating\s+(?:club|society)|"
               r"evening\s+class|night\s+school|coding\s+club|mentoring\s+scheme|training\s+"
               r"scheme|apprenticeship)\b", _I),
    re.compile(r"\b(?:got|get|getting|became|become)\s+(?:\w+\s+)?certified\b|\bearned\s+(?:a|my|"
               r"the)\s+(?:[\w-]+\s+){0,2}?(?:certificate|certification|"
               r"license|licence)\b", _I),
    re.compile(r"\bwent\s+from\s+(?:a\s+|being\s+a\s+|an?\s+)?(?:complete\s+|total\s+)?(?:novice|"
               r"beginner|junior|newbie|zero|nothing|someone\s+who)\b|\bfrom\s+(?:a\s+)?(?:novice|"
               r"beginner|junior)\s+(?:\w+\s+)?to\s+(?:a\s+)?\w+", _I),
    # "I went from X to Y" with the speaker as subject and Y an activity, a state or a role:
    # "I went from Part 1 assistant to running a project", "from not knowing the booking
    # system to being the one who trained". A number after "to" is a result, not growth
    # ("we went from 110 to 160 orders"), and "we" is left out for the same reason.
    re.compile(r"\bI\s+(?:\w+\s+)?went\s+from\s+[^.!?;]{3,100}?\bto\s+(?:be(?:ing)?|"
               r"(?!(?:about|around|nearly|almost|over)\b)\w+ing|the\s+one|someone|a|an)\b", _I),
    re.compile(r"\b(?:took|turned|taken|made|brought)\s+me\s+from\b[^.!?;]{3,100}?\b(?:to|into)\b|"
               r"\bI(?:['’]ve|\s+have)\s+(?:\w+\s+)?gone\s+from\b[^.!?;]{3,100}?\bto\s+\w+|"
               rf"\bmy\s+(?:[\w-]+\s+)?{_SKILL_NOUN}\s+went\s+from\b", _I),
    _BECAME_GOOD,
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
    # Novice to professional told as a before/after: "I joined knowing basic Excel and left
    # able to build models", "started out carrying pipes and by the end I had my Gas Safe".
    re.compile(r"\b(?:joined|started|arrived|came\s+in|began)\s+(?:out\s+|off\s+)?(?:as\s+|knowing|"
               r"with|carrying|doing|sweeping|on\s+the|unable|not\s+knowing|barely|having\s+never)"
               r"[^.!?]{0,80}?\b(?:left|by\s+the\s+end|ended\s+up|within\s+(?:a|two|three|\w+)\s+"
               r"(?:years?|months?)|after\s+\w+\s+(?:years?|months?))\b", _I),
    # Qualifications earned or sat: "passed CFA level one", "had my Gas Safe registration",
    # "got my coded welding tickets", "did my NVQ level three", "sent me to do NVQ level 3".
    re.compile(rf"\b(?<!['’]ve\s)(?<!have\s)(?:passed|earned|gained|got|getting|achieved|obtained|"
               rf"(?<!I\s)had|completed|did|do|"
               rf"doing|sat|sit|(?:paid|pay|paying)\s+for|funded|sponsored|put\s+me\s+through)\s+(?:my|the|a|an|his|her)?\s*(?:[\w-]+\s+){{0,3}}?{_QUALIFICATION}\b",
               _I),
    # A named exam or certificate passed: "passed the AWS Solutions Architect Associate".
    # The speaker leads the sentence; the name holds an acronym or a grade of certificate,
    # not a place ("passed the Manchester office") or an inspection of the organisation.
    re.compile(r"\b[Ii]\b[^.!?;]{0,60}?\b(?:passed|sat|earned|gained|achieved|obtained)\s+"
               r"(?:my|the|an?|both)\s+(?:[A-Z][\w+-]*\s+){0,4}?(?:[A-Z]{2,}[\w+-]*|Associate|"
               r"Professional|Practitioner|Foundation|Certificate|Diploma|Exams?|Level\s+\w+|"
               r"Part\s+\w+)\b(?!\s+(?:inspection|audit|review|visit)s?\b)"),
    # Qualifications in progress: "I'm about halfway through the APC", "working towards
    # my chartership", "studying for the ACCA exams".
    re.compile(rf"\b(?:(?:halfway|half\s+way|partway|part\s+way|most\s+of\s+the\s+way)\s+"
               rf"(?:through|into)|working\s+towards?|studying\s+for)\s+(?:my|the|a|an)?\s*"
               rf"(?:[\w-]+\s+){{0,2}}?(?:{_QUALIFICATION}|{_COURSE_NOUN}|degree|diploma|"
               rf"masters|MSc|MBA|PhD)\b", _I),
    # What a job or a person taught: "taught me how to handle complaints" (not "taught me
    # that ..."), "got to grips with", "got up to speed on".
    re.compile(r"\b(?:taught|showed)\s+me\s+(?:how\s+to|to)\s+(?!(?:my|the|a|an|his|her)\b)\w+|"
               r"\bgot\s+to\s+grips\s+with\b|\bgot\s+up\s+to\s+speed\s+(?:on|with)\b", _I),
    # Being coached, mentored or trained: "my manager has been coaching me on one-to-ones",
    # "she mentored me through", "they trained me up", "I was mentored by".
    re.compile(r"\b(?:coach|mentor|train)(?:ed|ing|s)?\s+me\s+(?:on|in|up|through|for|into)\b|"
               r"\b(?:got|found|gave|assigned|paid\s+for|brought\s+in)\s+me\s+(?:a|an)\s+"
               r"(?:\w+\s+)?(?:coach|mentor|tutor)\b|\bput\s+me\s+(?:on|through)\s+(?:a|an|the)\s+"
               r"(?:[\w-]+\s+){0,4}?(?:course|programme|program|training|scheme)\b|"
               r"\b(?:I\s+was|I['’]ve\s+been|I\s+have\s+been|I\s+got)\s+(?:\w+\s+)?(?:coached|"
               r"mentored|trained\s+up)\b|\bsent\s+me\s+(?:on\s+(?:a|an|the)|to\s+do)\b", _I),
)

# Two-part arcs across sentences: a start as a novice, then a later state. "When I start I
# don't speak English good ... after one year I was running prep section alone", "I come
# with no experience ... so now I give the meds".
_NOVICE_START = re.compile(
    r"\b(?:when\s+I\s+(?:first\s+)?(?:start(?:ed)?|join(?:ed)?|arrived|came)|I\s+(?:first\s+)?"
    r"(?:start(?:ed)?|join(?:ed)?|arrived|came|come|went)\s+in|I\s+(?:came|come)\s+with)\b"
    r"[^.!?]{0,40}?\b(?:no\s+experience|not\s+knowing|knowing\s+nothing|barely|unable|"
    r"only\s+(?:really\s+|ever\s+)?(?:knowing|done|driven|used|worked)|with\s+no\s+\w+|"
    r"couldn['’]?t|can['’]?t|cannot|don['’]?t|didn['’]?t|never)\b"
    # "I'd never designed a segment ring", "I couldn't hold a Year 9 set", "knowing nothing",
    # "able to change oil and not much else", "X used to be my weak spot", "I used to get
    # flustered": a novice state, wherever the sentence starts.
    r"|\bI(?:['’]d|\s+had)\s+never\s+(?!been\s+(?:late|happier|busier|prouder))\w+|"
    r"\bI\s+(?:couldn['’]?t|could\s+(?:barely|hardly|not))\s+\w+|\b(?:I|I\s+was)\s+"
    r"(?:\w+\s+){0,3}?(?:not\s+knowing|knowing\s+nothing|who\s+could\s+(?:barely|hardly|n['’]t)|"
    r"able\s+to\s+[\w\s]{1,25}?and\s+not\s+much\s+else)\b|\bused\s+to\s+be\s+my\s+weak\s+spot\b|"
    r"\bI\s+used\s+to\s+(?:get|go|be)\s+(?:\w+\s+)?(?:flustered|nervous|red|scared|terrified|"
    r"anxious|panicky|lost)\b", _I)
#: How far after the novice start the later state may come, in characters (about two
#: sentences of a short spoken answer).
ARC_REACH_CHARS: int = 260
_LATER_STATE = re.compile(
    r"\b(?:after\s+(?:a|one|two|three|four|six|\d+|a\s+few|a\s+couple\s+of)\s+(?:years?|months?)|"
    r"by\s+the\s+end|within\s+(?:a|one|two|three|six|\d+)\s+(?:years?|months?)|"
    r"(?:so\s+)?now\s+I|these\s+days\s+I|today\s+I|came\s+out|ended\s+up|left\s+(?:able|"
    r"as|knowing|doing|running)|"
    # "by my second winter", "by the end of my first term", "three years on I'm", "since then
    # I've led", "over the next two seasons I got to where", "within the year I was".
    r"by\s+(?:the\s+end\s+of\s+)?(?:my|the|our)\s+(?:first|second|third|fourth|fifth|next)\s+"
    r"(?:year|term|season|winter|summer|month|week|contract|rotation)|(?:\w+\s+)?(?:years?|"
    r"months?)\s+on\s+I|since\s+then\s+I|over\s+the\s+next\s+\w+\s+(?:seasons|years|months)\s+I|"
    r"within\s+the\s+(?:year|month|first\s+\w+)|now\s+I['’]m|by\s+(?:my\s+)?(?:\w+\s+)?"
    r"(?:months|eighteen|nineteen|twenty))\b", _I)

# "Learned" in the "found out" sense: a clause or "that" follows, maybe after an adjunct
# ("I learned in my second week that our biggest client ...", "when I learned it had gone").
_FOUND_OUT = re.compile(
    r"(?:\s+(?:in|on|at|during|from|after|within|early|later|soon|then|only|just|last|"
    r"this)\b[^,.;!?]{0,50}?)?\s+(?:that\b|(?:it|they|he|she|there|we|you|our\s+\w+|the\s+\w+)"
    r"\s+(?:had|was|were|is|are|would|has|have|could|might)\b|(?:the\s+)?(?:news|hard\s+way\s+"
    r"that\s+the)\b|(?:that|of|about)\s+(?:\w+\s+){0,4}?(?:was|were|had|would|closing|"
    r"layoffs?|news|announcement|acquired|bankrupt|merger|leaving)\b)", _I)
#: Characters after a learning verb that :data:`_FOUND_OUT` looks at.
FOUND_OUT_REACH_CHARS: int = 90

# An elided first-person subject: "I travelled between six sites and learned rigging".
_ELIDED_LEARN = re.compile(
    rf"\b(?:and|then)\s+(?:also\s+|quickly\s+|really\s+|eventually\s+|slowly\s+)?{_LEARNED}\b",
    _I)

# "Went from zero to like forty thousand users": a number after "to" makes it a result.
_TO_NUMBER = re.compile(
    r"\bto\s+(?:like\s+|about\s+|around\s+|over\s+|nearly\s+|almost\s+|roughly\s+)?"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a\s+hundred|hundred|a\s+thousand|a\s+million)\b)", _I)

_WISH = re.compile(
    r"\b(?:want|wanna|hope|hoping|eager|keen|plan|planning|going\s+to|will|looking\s+forward)\b|"
    r"(?:\bwould|['’]d)\s+(?:really\s+|so\s+|very\s+much\s+)?(?:like|love)\b|['’]ll\b", _I)
_ALREADY = re.compile(
    r"\b(?:already|have\s+been|['’]ve\s+been|started|am\s+taking|['’]m\s+taking)\b", _I)


def _found_out(text: str, end: int, inner: str) -> bool:
    """True when a learning verb ending at ``end`` means "found out", not "grew a skill"."""
    if not re.search(rf"{_LEARNED}$", inner, _I):
        return False
    return _FOUND_OUT.match(text, end, end + FOUND_OUT_REACH_CHARS) is not None


def _clause_end(text: str, start: int) -> int:
    """End of the clause that starts at ``start``: the next comma or sentence mark, at most
    :data:`EVIDENCE_CLAUSE_CHARS` on (so that an arc's evidence quotes both of its ends)."""
    stop = min(len(text), start + EVIDENCE_CLAUSE_CHARS)
    m = re.compile(r"[,;.!?]").search(text, start, stop)
    return m.start() if m else stop


#: Longest quote, in characters, of either end of a before/after arc.
EVIDENCE_CLAUSE_CHARS: int = 80


def _speaker_is_subject(text: str, pos: int) -> bool:
    """True when the speaker is the subject of the verb at ``pos``: "I" in its clause, or an
    elided subject after "and"/"so" in a sentence that the speaker leads."""
    prefix = clause_prefix(text, pos)
    if re.search(r"\bI\b", prefix):
        return True
    start = _sentence_span(text, pos)[0]
    return not prefix.strip() and re.search(r"\bI\b", text[start:pos]) is not None


def _candidates(text: str) -> list[tuple[int, int, bool]]:
    """Every (start, end, is_arc) found by the growth rules, before the negation and
    modality filters. A before/after arc gives two spans: its start and its later state."""
    found = [(m.start(), m.end(), False) for pattern in _GROWTH_PATTERNS
             for m in pattern.finditer(text)
             if pattern is not _BECAME_GOOD or _speaker_is_subject(text, m.start())]
    for sent in sentences(text):
        # An elided subject counts only when the speaker is the sentence's subject.
        for m in _ELIDED_LEARN.finditer(sent.text):
            if re.search(r"\bI\b", sent.text[:m.start()]):
                found.append((sent.start + m.start(), sent.start + m.end(), False))
    for m in _NOVICE_START.finditer(text):
        later = _LATER_STATE.search(text, m.end(), m.end() + ARC_REACH_CHARS)
        if later:
            found.append((m.start(), _clause_end(text, m.end()), True))
            found.append((later.start(), _clause_end(text, later.end()), True))
    return found


def check_skills_growth(text: str, question: Question | None) -> Finding:
    """Detect skills or capacity grown (see the module docstring for the classes covered).

    Parameters
    ----------
    text : str
        The answer.
    question : Question or None
        Unused; the check reads the same for every question.

    Returns
    -------
    Finding
        Evidence spans (character offsets) of the growth expressions.
    """
    spans: list[tuple[int, int]] = []
    for pos, end, is_arc in _candidates(text):
        inner = text[pos:end]
        # The novice start carries its own negation ("I came with no experience").
        # So does the "from" end of "went from never having touched X to owning it".
        inner_neg = re.search(r"\bnot\b|\bnever\b|n['’]t\b", inner, _I)
        if inner_neg and re.search(r"\bwent\s+from\b", inner[:inner_neg.start()], _I):
            inner_neg = None
        if not is_arc and (is_negated(text, pos + 1) or inner_neg):
            continue
        if _found_out(text, end, inner):
            continue
        if "went from" in inner.lower() and _TO_NUMBER.search(
                text, pos, min(len(text), end + 60)):
            continue  # "we went from zero to forty thousand users" is a result
        prefix = clause_prefix(text, pos)
        if _WISH.search(prefix + inner) and not _ALREADY.search(prefix + inner):
            continue  # a wish to learn is not growth
        if re.search(r"\b(?:once|when|after|until|by\s+the\s+time)\s+"
                     r"(?:I|I['’]ve|I\s+have)\s*$",
                     text[max(0, pos - 25):pos + 5].split("learn")[0], _I):
            continue  # "once I've learned the ropes": a future condition, not growth
        if re.search(r"\b(?:taught|teach|trained|coached|mentored)\s+(?:the|my|our|\w+s)\b",
                     inner, _I) and "myself" not in inner.lower():
            continue  # the speaker teaching others
        if re.search(rf"{_LEARNED}$", inner, _I):
            end = _clause_end(text, end)  # quote what was learned, not the bare verb
        spans.append((pos, end))
    return Finding(_merge(spans))
