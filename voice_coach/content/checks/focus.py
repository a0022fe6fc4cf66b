"""The ``hiring_manager_focus`` check of shared/CONTENT.md.

Hiring-manager focus: the answer turns toward the interviewer's side.
"""

from __future__ import annotations

import re

from voice_coach.content._text import (
    clause_prefix,
    is_negated,
    sentences,
)
from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span, _widened_end
from voice_coach.content.checks.engagement import check_engagement, is_logistics_question
from voice_coach.questions import Question

__all__ = ["check_hiring_manager_focus", "focus_misread"]

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
               r"\byou['’]?re\s+(?:trying|looking)\s+to\s+\w+|\bthe\s+(?:[\w-]+\s+)?(?:challenges?|"
               r"problems?|goals?|targets?|numbers|plans?|priorities|gap|backlog|issues?|"
               r"pressures?)\s+(?:that\s+)?you(?:['’]ve|\s+have)?\s+(?:face|mentioned|described|"
               r"have|are\s+facing|talked\s+about|set|outlined|raised)\b", _I),
    # Their need stated outright: "You need the warehouse management system live before the
    # peak", "You've got six flats to fit out before June" (not "if you need ...", "you need
    # to be patient in this job").
    re.compile(r"(?<!\bif\s)(?<!\bwhen\s)(?<!\bwhat\s)\byou(?:['’]ve\s+got|\s+have\s+got|\s+need)\s+"
               r"(?:the|an?|your|someone|somebody|\d+|two|three|four|five|six|seven|eight|nine|ten|"
               r"twelve|twenty|fifty|a\s+hundred)\s+(?!(?:gym|canteen|parking|office|bar|perks?|"
               r"free|discount|pool|best|nicest)\b)[\w-]+(?:\s+[\w-]+){0,3}\s+(?:live|done|"
               r"ready|fixed|finished|built|open|running|cleared|hired|in\s+place|to\s+\w+|before|"
               r"by|in)\b", _I),
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
    # What hurts them: "the repairs backlog is what's hurting you most", "what's slowing
    # your team down".
    re.compile(r"\b(?:what['’]?s|is|are|was|were|been|be|keeps?)\s+(?:\w+\s+)?(?:hurting|costing|"
               r"worrying|slowing|holding|bothering|frustrating|stretching|blocking|draining)\s+"
               r"(?:you|your)\b", _I),
    # Easing their load: "making your life easier", "the branch you never have to worry
    # about", "take that off your plate".
    re.compile(r"\b(?:mak\w+|keep\w*)\s+your\s+(?:life|job|week|day)\s+(?:a\s+(?:lot|bit)\s+)?"
               r"(?:easier|simpler|less\s+\w+)\b|\byou\s+(?:never|won['’]?t|don['’]?t|wouldn['’]?t)\s+"
               r"(?:have|need)\s+to\s+worry\s+about\b|\boff\s+your\s+(?:plate|hands|desk)\b", _I),
    # Their organisation's own drive: "the trust has a big push on cutting infections".
    re.compile(r"\b(?:the|your|this)\s+(?:trust|company|team|business|firm|school|council|"
               r"hospital|ward|department|organi[sz]ation|group|charity|bank|practice|store|"
               r"branch|lab|board|practice|service)\s+(?:has|is\s+(?:having|making|putting)|"
               r"['’]s\s+got|have)\s+(?:got\s+)?(?:a\s+|an\s+)?(?:big\s+|real\s+|major\s+|new\s+|"
               r"strong\s+)?(?:push|drive|focus|target|plan|priority|programme|program|"
               r"initiative|mandate)\b", _I),
    # Work done for them: "bringing that number down for you", "get it fixed for you".
    re.compile(r"\b(?:bring\w*|get\w*|keep\w*|push\w*|driv\w+)\s+(?:that|the|it|them|those|"
               r"these)\s+(?:[\w-]+\s+){0,2}?(?:down|up|back|sorted|fixed|done|under\s+control)\s+"
               r"for\s+you\b", _I),
    # Their trouble as the speaker knows it: "I know you're short-staffed on nights", "I
    # understand the team is stretched", "it sounds like the biggest headache right now is".
    re.compile(r"\b(?:I\s+(?:know|understand|gather|hear|heard|realise|realize|appreciate|"
               r"believe)|it\s+sounds\s+like|it\s+seems|I['’]ve\s+(?:heard|been\s+told)|I['’]m\s+told)"
               r"\s+(?:that\s+)?(?:you|you['’]re|your\s+[\w-]+|the\s+(?:[\w-]+\s+)?(?:team|ward|"
               r"branch|department|company|business|office|unit|practice|site|school|service|"
               r"shop|store|lab|clinic|trust|biggest))\s+(?:[\w'’-]+\s+){0,3}?(?:short-?staffed|"
               r"understaffed|stretched|struggling|behind|under\s+pressure|swamped|overloaded|"
               r"snowed\s+under|losing|lost|short\s+of|headache|problem|challenge|worry|"
               r"backlog|waiting\s+list)", _I),
    # The speaker's value put as theirs: "what I can offer you is", "what you'd get is".
    re.compile(r"\bwhat\s+(?:I\s+(?:can\s+|could\s+|would\s+|['’]d\s+)?(?:offer|give|bring)\s+you|"
               r"you['’]?(?:d|ll)?\s+get(?:\s+with\s+me)?)\s+is\b(?!\s+what\s+you\s+see)", _I),
    re.compile(r"\bhiring\s+me\s+(?:would|will|means|gets|gives)\b|\byou['’]?(?:ll|d)\s+get\s+"
               r"(?:someone|a\s+\w+\s+who)\b|\b(?:for|to)\s+you\s+and\s+(?:your|the)\s+team\b",
               _I),
)

# The nouns that name the interviewer's aims themselves (not their tools or processes).
_HM_CORE_NOUN = (r"\b(?:goals?|targets?|problems?|challenges?|needs|priorit(?:y|ies)|customers?|"
                 r"push|drive|focus|initiatives?|programme|program|mandate|"
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
    # What they told the speaker, or what their own documents or leaders say.
    r"|\b(?:you|your\s+(?:[\w'’-]+\s+){0,2}?(?:advert|ad|website|site|report|accounts|results|"
    r"reviews|page|blog|post|posting|CTO|CEO|COO|CFO|director|founder|board|leadership|"
    r"chief\s+executive|head\s+of\s+\w+))\s+(?:said|says|say|mentioned|mentions|described|"
    r"describes|told\s+me|talked\s+about|spoke\s+about|wrote|announced|shows?|showed|"
    r"flagged|highlighted|were\s+saying|was\s+saying)\b"
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
    r"preparing|opening|migrating|rolling\s+out|switching|hiring|facing|"
    r"mov(?:e|ing)\s+(?:[\w-]+\s+){0,2}?(?:to|into|onto)|"
    r"complaints?|(?:one-star|bad|negative|poor|low|mixed)\s+reviews|reviews\s+(?:mention|"
    r"complain)\w*|reopen\w*|relaunch\w*|refurb\w*|churn|retention|revenue|costs?|margins?|"
    r"sales|customers?|clients?|"
    r"patients?|users?|success(?:ful)?|succeed|measure\w*|look\s+like|keep\w*\s+\w+\s+up\s+at\s+"
    r"night|double|doubling|increase|reduce|cut|improve|fix|solve|issues?|waits?|waiting|"
    r"queues?|delays?|outages?|errors?|turnover|attrition|vacanc\w+|still\s+mostly|only\s+"
    r"(?:available|offered)|want\s+(?:this|the)\s+(?:hire|role|person)|"
    # Trouble and change told in the past tense or as a state ("dropped off", "is hurting",
    # "still rebuilding models by hand", "just opened a baby room", "the move to multi-region").
    r"dropped|fell|fallen|declined|slipped|lost|stuck|hurting|bottlenecks?|obstacles?|"
    r"unresolved|opened|launched|expanded|hard\s+to\s+(?:find|hire|recruit|keep|fill)|"
    r"moving\s+(?:into|over|onto)|move\s+(?:to|into|onto)|migration|transition|roll-?out|"
    r"still\s+(?:\w+\s+)?\w+ing\s+(?:[\w-]+\s+){0,3}?(?:by\s+hand|manually|on\s+paper)|"
    r"push\s+on)\b",
    _I,
)
_OFFER_WORD = re.compile(
    r"\b(?:I|I['’]d|I['’]ll|I\s+would|I\s+will|I\s+can|I\s+could|me)\s+(?:\w+\s+){0,3}?"
    r"(?:help|bring|support|contribute|start|try|test|pilot|model|take\s+on|solve|fix|tackle|"
    r"make\s+(?:that|it|this)\s+possible|deliver|build|sketch|sit\s+with|focus)\b"
    # "that's exactly what I did at ...", "that's the kind of problem I solve"; not "that's
    # what I want" (the speaker's wish).
    r"|\bthat['’]?s\s+(?:exactly\s+)?(?:where|what|the\s+(?:kind|sort)\s+of(?:\s+\w+)?)\s+"
    r"(?:I|I['’]ve|I['’]d|I['’]m)\s+(?!(?:\w+\s+)?(?:want|wanted|love|loved|like|liked|need|"
    r"enjoy|enjoyed|hope|dream|looking\s+for)\b)",
    _I,
)
#: Words between an interviewer-side reference and a need or offer word in one sentence.
THEIR_NEED_MAX_GAP_WORDS: int = 12


def _their_need_spans(text: str) -> list[tuple[int, int]]:
    """Sentences where an interviewer-side reference meets a need, aim or offer."""
    spans: list[tuple[int, int]] = []
    for sent in sentences(text):
        st = sent.text
        offer: bool | None = None  # is there an offer of help in the sentence (asked once)
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
            if offer is None:
                offer = _OFFER_WORD.search(st) is not None
            if not (offer or _NEED_WORD.search(near)):
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
            # The evidence is the clause, not the bare "your team": what about their side.
            spans.append((pos, _widened_end(text, pos, sent.start + m.end())))
    return spans


# A real question to the interviewer (the engagement check) turns toward their side when it
# asks about their work: its problems, people, customers, measures or plans. Not when it turns
# the interview question back on them personally ("How would you answer that yourself?",
# "what's the bit of your job you'd rather not do") or asks only what the job is like for
# the newcomer ("what does the first month look like for someone in this role").
_TURN_BACK = re.compile(
    r"\b(?:you|yourself)\s+(?:answer|handle|deal\s+with)\b|\byour\s+own\s+(?:[\w-]+\s+){0,3}?"
    r"(?:job|role|answer|work|quality|qualities|weakness|strength)\b|\bwhat\s+made\s+you\b|\byou['’]?d\s+rather\s+not\b|\byou\s+(?:most\s+)?(?:dislike|hate|enjoy|love|like)\b|"
    r"\bwhat\s+about\s+you\b|\banswer\s+that\b",
    _I,
)
_THEIR_WORK = re.compile(
    r"\b(?:challeng\w*|problems?|struggl\w*|obstacles?|bottlenecks?|stuck|hardest|biggest|worr\w*|"
    r"risks?|unresolved|gaps?|pressure|backlog|behind|succe\w*|measur\w*|judge|know\s+(?:in|after|"
    r"that|whether|if)|pleased|right\s+(?:person|hire|one)|priorit\w*|goals?|targets?|plans?|"
    r"strategy|customers?|clients?|users?|patients?|donors?|bookings?|retention|churn|revenue|"
    r"sales|growth|tracking|track\s+of|owns?|decide|split|tried|considered|looked\s+(?:at|into)|"
    r"thought\s+about|team|department|ward|branch|lab|warehouse|shift|business|company|"
    r"want\s+(?:the|this)\s+(?:new\s+)?\w+\s+to)\b",
    _I,
)


def _question_spans(text: str, engagement: Finding) -> list[tuple[int, int]]:
    """Engagement questions and researched ideas that are about the interviewer's work."""
    spans: list[tuple[int, int]] = []
    for start, end in engagement.spans:
        part = text[start:end]
        if _TURN_BACK.search(part) or not _THEIR_WORK.search(part):
            continue
        spans.append((start, end))
    return spans


# A sentence aimed at the interviewer's own seat ("I'd like to be ready to take over your job",
# "take on your responsibilities one by one", "take over the branch from you"): what it says
# about their side serves that ambition (not_after_your_job), not their goals.
_THEIR_SEAT = re.compile(
    r"\b(?:take|taking|took)\s+(?:over|on)\b[^.!?;]{0,40}?(?:\bfrom\s+you\b|\byour\s+(?:job|role|"
    r"position|seat|chair|desk|responsibilities|duties)\b)|\b(?:replace|replacing|succeed|"
    r"succeeding)\s+you\b|\b(?:doing|do|have|get|want)\s+your\s+(?:job|role|seat|chair)\b",
    _I,
)
# "A friend in your tax team says ...": their team as where an acquaintance works, not their aims.
_ACQUAINTANCE_IN = re.compile(
    r"\b(?:friend|friends|mate|mates|someone\s+I\s+know|cousin|brother|sister|neighbour|"
    r"neighbor|ex-colleague|former\s+colleague)\s+(?:who\s+works\s+)?(?:in|on|at|from)\s+$", _I,
)


# Praise of their organisation ("Your organisation is amazing", "your company is very
# reputable") and asking for the question again ("could you say that again"): neither speaks
# to what the hiring manager needs (CONTENT.md: "your company is great" is not focus).
_PRAISE_OR_COURTESY = re.compile(
    r"your\s+(?:organi[sz]ation|company|brand|firm|trust|business|school|hospital|bank|group|"
    r"reputation|name)\s+(?:is|has|was)\s+(?:\w+\s+){0,2}?(?:amazing|great|wonderful|reputable|"
    r"respected|fantastic|brilliant|famous|well[\s-]known|impressive|excellent|prestigious|"
    r"renowned|legendary|incredible|lovely|beautiful)\b\s*(?:[.!,;]|and\b|$)"
    r"|you\s+(?:say|repeat)\s+(?:that|the\s+question|it)\b"
    # The hiring paperwork and the speaker's perks: "the role you're hiring for", "when you
    # need someone to start", "your staff discount".
    r"|you(?:['’]re|\s+are)\s+(?:hiring|recruiting)\s+for\b|you\s+need\s+(?:someone|somebody|me|"
    r"them)\s+to\s+start\b|your\s+(?:staff\s+|employee\s+)?(?:discount|perks|benefits|pension|"
    r"salary|bonus|holidays?|gym|canteen)\b", _I)


# The speaker offers their capacity in a sentence that turns to the interviewer's side.
_OFFERS_HELP = re.compile(
    r"\b(?:I|I['’]ll|I['’]d)\s+(?:can|could|will|would|['’]ll|am\s+ready|know\s+how)\b|\bhelp\b|"
    r"\bbring\b", _I,
)


def check_hiring_manager_focus(text: str, question: Question | None,
                               engagement: Finding | None = None,
                               their_job: Finding | None = None) -> Finding:
    """Run the ``hiring_manager_focus`` check of shared/CONTENT.md on one answer.

    Parameters
    ----------
    text : str
        The answer: typed, or the transcript of a spoken answer.
    question : Question or None
        The question answered (passed on to the engagement check).
    engagement : Finding or None
        The ``engagement`` finding of the same answer (computed when None): its questions
        about the interviewer's work also turn toward their side.
    their_job : Finding or None
        The ``not_after_your_job`` finding of the same answer, if known: a sentence aimed at
        the interviewer's own post serves that ambition, not their goals.

    Returns
    -------
    Finding
        Evidence spans (the words that turn toward the interviewer's side) and facts:
        ``sentences`` (how many sentences do) and ``offers_help`` (one of them offers the
        speaker's help).
    """
    spans: list[tuple[int, int]] = _their_need_spans(text)
    if engagement is None:
        engagement = check_engagement(text, question)
    spans.extend(_question_spans(text, engagement))
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
            spans.append((m.start(), _widened_end(text, m.start(), m.end())))
    # Sentence-level tests once per sentence, not once per match (a long answer has many).
    sentence_of = {s: _sentence_span(text, s) for s, _ in spans}
    seat = {sp for sp in set(sentence_of.values()) if _THEIR_SEAT.search(text[slice(*sp)])}
    if their_job is not None:  # unless the span itself names their needs ("the targets")
        ambition = {_sentence_span(text, s) for s, _ in their_job.spans}
        spans = [(s, e) for s, e in spans
                 if sentence_of[s] not in ambition or _NEED_WORD.search(text, s, e)]
    logistics = {sp for sp in set(sentence_of.values())
                 if is_logistics_question(text[slice(*sp)])}
    spans = [(s, e) for s, e in spans
             if sentence_of[s] not in seat and sentence_of[s] not in logistics
             and not _ACQUAINTANCE_IN.search(text[max(0, s - 30):s])
             and not _PRAISE_OR_COURTESY.match(text, s)]
    merged = _merge(spans)
    sentences_hit = {sentence_of[s] for s, _ in merged}
    capability = any(_OFFERS_HELP.search(text[slice(*sp)]) for sp in sentences_hit)
    return Finding(merged, {"sentences": len(sentences_hit), "offers_help": capability})


# A sentence about the interviewer's own post or career, not their needs.
_THEIR_POST = re.compile(
    r"\byour\s+(?:own\s+)?(?:job|post|role|position|seat|chair|career|title)\b", _I)
# A rhetorical tag: "Your brand is everywhere at the moment, isn't it?".
_RHETORICAL_TAG = re.compile(
    r"\b(?:isn['’]?t\s+it|aren['’]?t\s+they|don['’]?t\s+you|right)\s*\?\s*$|"
    r"^\W*isn['’]?t\s+that\b", _I)


def focus_misread(text: str, start: int, end: int, their_job: Finding) -> bool:
    """True when ``text[start:end]`` turns to the interviewer only as the post the speaker
    wants, as praise, or in a rhetorical tag. Used on the learned back-off's evidence, which
    reads "you/your" without telling their needs from their seat."""
    part = text[start:end]
    return bool(any(a < end and start < b for a, b in their_job.spans)
                or _THEIR_POST.search(part) or _PRAISE_OR_COURTESY.search(part)
                or _RHETORICAL_TAG.search(part.strip()))
