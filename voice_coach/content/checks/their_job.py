"""The ``not_after_your_job`` check of shared/CONTENT.md.

Not after your job: wanting the interviewer's own position.
"""

from __future__ import annotations

import re

from voice_coach.content.checks._base import _I, Finding, _merge, _sentence_span
from voice_coach.questions import Question

__all__ = ["check_not_after_your_job"]

_THEIR_SEAT = r"(?:job|role|position|seat|chair|title|desk|office|shoes|spot|place)"
_AFTER_JOB_PATTERNS = (
    re.compile(r"\b(?:sitting|sit|be|being|end\s+up|ending\s+up|seated)\s+(?:right\s+)?"
               r"(?:where\s+|in\s+the\s+(?:seat|chair|position)\s+(?:where\s+)?)you['’]?(?:re|\s+are)"
               r"(?:\s+(?:sitting|sat))?(?:\s+(?:right\s+)?(?:now|today))?", _I),
    re.compile(rf"\b(?:have|take|get|steal|fill|inherit|sit\s+in|sitting\s+in|be\s+in|being\s+in|"
               rf"doing|do|move\s+into|moving\s+into|step\s+(?:straight\s+|right\s+)?into|stepping\s+into|"
               rf"take\s+over|grow\s+into|land|want|after|eyeing|eye|covet|gunning\s+for|"
               rf"aiming\s+for|aim\s+for|going\s+for)\s+your\s+(?:own\s+)?{_THEIR_SEAT}\b"
               rf"(?!\s+(?:description|posting|ad|advert|listing|offer|spec|requirements))", _I),
    re.compile(r"\b(?:replace|replacing|succeed|succeeding|be\s+your\s+boss|"
               r"become\s+your\s+boss|be\s+your\s+manager|manage\s+you|outrank\s+you)\b(?:\s+you)?"
               r"|\byour\s+(?:successor|replacement)\b|\bdoing\s+(?:exactly\s+)?what\s+you['’]?"
               r"(?:re|\s+are)?\s*do(?:ing)?\b|\bdo\s+(?:exactly\s+)?what\s+you\s+do\b|"
               r"\bbe\s+(?:where|who)\s+you\s+are\b|\bin(?:to)?\s+your\s+shoes\b|"
               r"\b(?:to|I['’]d|I\s+would|I\s+could|I['’]ll|I\s+will)\s+be\s+you\b", _I),
)
_AFTER_JOB_PATTERNS = (
    *_AFTER_JOB_PATTERNS,
    # Taking their place when they leave: "once you move up, I'd like to step into ...".
    re.compile(r"\b(?:once|when|after|if)\s+you(?:['’]ve|\s+have)?\s+(?:\w+\s+)?(?:move[sd]?\s+"
               r"(?:up|on)|leave|left|retire|retired|get\s+promoted|step\s+(?:down|aside|up)|"
               r"go|move\s+on)\b[^.!?]{0,60}\b(?:step|move|take|fill|be\s+the\s+one|replace)|"
               r"\bwith\s+you\s+(?:moved|promoted|gone)\s+(?:on|up)\b|\b(?:on|to|from)\s+your\s+side\s+"
               r"of\s+(?:the|this|that)\s+(?:desk|table)\b", _I),
    # "be the one running this department", "want to be running this team".
    re.compile(r"\b(?:the\s+one|be|being)\s+(?:\w+\s+)?(?:running|heading|leading|managing|in\s+charge\s+"
               r"of)\s+(?:this|the\s+whole)\s+(?:department|team|division|unit|office|branch|"
               r"function|practice|ward|store|shop|yard|kitchen|site|depot|warehouse|restaurant|"
               r"salon|hotel|clinic|lab|faculty|school|desk|floor|newsroom|plant|factory|"
               r"sales\s+org|org)\b(?!['’]s)", _I),
    # "your job/position/chair" as the object of an ambition in the same sentence, in any
    # word order ("your position is the one I'd be aiming for", "so I guess your job ha").
    re.compile(r"\byour\s+(?:own\s+)?(?:job|position|chair|seat|role|post)\b(?!\s+(?:description|"
               r"posting|ad|advert|listing|offer|spec|requirements|sounds|seems|looks|must|easier|"
               r"is\s+safe|safe|"
               r"title\s+is|in|on|as\s+(?:a\s+)?(?:mentor|coach)|overseeing|covers|involves|here\s+is)\b)",
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


# --- Classes of expression added for answers written blind (blind_e/f/h) ------------------
# Each names the interviewer's own post without "your job": a relative clause on the post
# ("the job you have now", "which I gather is yours"), taking it over from them ("take the
# practice over from you when you go"), or replacing them ("instead of you", "in your place").
# All need an ambition in the sentence (see _has_ambition): "the post you've got now" alone
# could be small talk.

#: A post named as the interviewer's, now: "the job you have now", "the position you hold
#: now", "the post you've got now", "the job you're doing today". The time word is needed
#: for have/got/do ("the role you have open", "the job you do is hard").
_NOW = r"(?:now|today|right\s+now|at\s+the\s+moment|currently|these\s+days)"
_THEIR_POST_NOW = re.compile(
    rf"\b(?:job|role|position|post|seat|chair|title|one)\s+(?:that\s+|which\s+)?you(?:\s+(?:currently\s+)?"
    rf"(?:hold|occupy|sit\s+in)\b|(?:['’]re|\s+are)\s+(?:currently\s+)?(?:holding|occupying)\b|['’]ve\s+got\b(?!\s+(?:open|advertised|free|going|here\s+for))|(?:['’]ve|\s+have)\s+(?:held|occupied)\b|(?:['’]re|\s+are)\s+sitting\s+in\b|(?:\s+(?:currently\s+)?(?:have|do)|"
    rf"['’]ve\s+got|\s+have\s+got|['’]re\s+doing|\s+are\s+doing|['’]re\s+in|\s+are\s+in)\s+{_NOW}\b)",
    _I)
#: A role the speaker wants, said to be the interviewer's: "the project director job, which I
#: gather is yours", "the practice manager here which I know is you", "boss of this shop,
#: like you are now", "the job of the person who hired me".
_ROLE_IS_YOURS = re.compile(
    r"\b(?:which|that|who)\s+(?:I\s+(?:gather|think|believe|understand|know|assume|guess|hear)\s+)?"
    r"(?:is|['’]s)\s+(?:currently\s+|basically\s+|actually\s+)?(?:yours|you)\b(?!\s*['’])|"
    rf"\b(?:like|as)\s+you\s+(?:are|were)\s+(?:{_NOW}|here)\b|"
    # "That's your title, if I've got it right", "right now that's you", "the way you do now".
    r"\b(?:that|which)(?:['’]s|\s+is)\s+(?:currently\s+|basically\s+)?(?:you|yours|your\s+(?:title|"
    r"remit|job|role|post|position|patch|seat|chair))\b(?!\s*['’])|"
    rf"\b(?:the\s+way|what|like)\s+you\s+do\s+(?:{_NOW}|here)\b|"
    r"\b(?:job|role|position|seat|chair)\s+of\s+the\s+(?:person|one|man|woman|manager|boss)\s+"
    r"(?:who|that)\s+(?:is\s+|['’]s\s+)?(?:hir|interview|sit|across)\w*",
    _I)
#: Where _ROLE_IS_YOURS needs it: the speaker being, or being after, a senior post.
_WANTED_ROLE = re.compile(
    r"\b(?:be|become|being|after|as|for|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:manager|director|"
    r"head|lead|chief|partner|principal|boss|owner|supervisor|editor|chef|VP|president)\b|"
    r"\bjob\s+of\s+the\b|\b(?:be|being|I['’]d\s+be|see\s+myself)\s+(?:\w+\s+)?(?:running|heading|"
    r"leading|managing|in\s+charge\s+of)\b", _I)
#: Taking it over from them: "take it on from you", "takes the practice over from you when you
#: go", "taken over from you", "take over the branch from you", "take on your responsibilities".
_UNIT = (r"(?:team|department|branch|practice|office|store|shop|lab|role|job|post|position|desk|"
         r"unit|function|business|site|kitchen|yard|ward|school|faculty|clinic|reins|helm|"
         r"division|group|region|depot|restaurant)")
_TAKE_FROM_YOU = re.compile(
    rf"\b(?:take|takes|taking|taken|took)\s+(?:(?:it|this|that|(?:the|this|your)\s+(?:[\w-]+\s+)?"
    rf"{_UNIT})\s+)?(?:over|on)\s+(?:(?:it|this|that|(?:the|this|your)\s+(?:[\w-]+\s+)?{_UNIT}|"
    r"as\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}?)\s+)?"
    r"from\s+you\b|\b(?:take|takes|taking|taken|took)\s+(?:it|this|that|the\s+\w+|all\s+of\s+that)\s+"
    r"(?:over|on)\s+"
    r"(?:when|once|after)\s+you\b|\b(?:take|taking|took|taken)\s+(?:on|over)\s+(?:all\s+(?:of\s+)?)?"
    r"your\s+(?:responsibilities|duties|remit|portfolio|reports|desk|department|team)\b",
    _I)
#: Replacing them: "the account director instead of you", "running the pass in your place",
#: "the natural successor", "yours would be the dream".
_INSTEAD_OF_YOU = re.compile(
    r"\b(?:head|manager|director|lead|boss|chief|principal|editor|chef)\s+(?:of\s+[\w-]+\s+)?"
    r"after\s+you\b|\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+you\b(?!['’])|\bin\s+your\s+(?:place|stead)\b|"
    r"\b(?:the|your)\s+(?:natural|obvious|next|logical)\s+successor\b|"
    r"\byours\s+(?:would|will|['’]d|is|['’]s)\s+(?:be\s+)?(?:the\s+)?(?:dream|ideal|goal|one|target|"
    r"perfect|next\s+step)\b|\b(?:after|want|eyeing|aiming\s+(?:for|at)|gunning\s+for)\s+yours\b",
    _I)
#: Their post falling vacant for the speaker: "so your post as procurement manager could open
#: for me", "when your job frees up".
_YOUR_POST_OPENS = re.compile(
    r"\byour\s+(?:post|job|role|position|seat|chair)\b[^.!?;]{0,40}?\b(?:open(?:s|ed)?(?:\s+up)?|"
    r"free[sd]?\s+up|becomes?\s+(?:free|available|vacant))\b", _I)
# The post named, then disowned: "the team-lead role you hold isn't where I'm headed".
_NOT_WANTED_AFTER = re.compile(
    r"[^.!?;]{0,20}?\b(?:isn['’]?t|is\s+not|wasn['’]?t)\s+(?:really\s+)?(?:where|what|for\s+me|"
    r"my\s+(?:goal|aim|ambition|plan))\b", _I)
#: When the interviewer moves on, with the speaker taking over in the same sentence, in either
#: order: "I'd hope to be running it myself, the director, once you've gone off somewhere".
_WHEN_YOU_GO = re.compile(
    r"\b(?:once|when|after)\s+you(?:['’]ve|\s+have|['’]re|\s+are)?\s+(?:\w+\s+){0,2}?(?:move[sd]?\s+"
    r"(?:up|on)|moving\s+(?:up|on)|leave|left|leaving|retire[sd]?|retiring|get\s+promoted|"
    r"promoted|step\s+(?:down|aside|up|back)|go|gone|going|go\s+up|move\s+on)\b", _I)
_TAKING_OVER = re.compile(
    r"\b(?:take\s+over|taking\s+over|step\s+in|step\s+into|move\s+into|fill|replace|successor|"
    r"the\s+one\s+(?:who|running|heading|leading|in\s+charge)|running\s+it|run\s+it|in\s+charge|"
    r"myself|off\s+your\s+hands)\b", _I)
_ROLE_CONTEXT = re.compile(rf"\b(?:manager|director|head|lead|boss|chief|in\s+charge|the\s+one|"
                           rf"this\s+{_UNIT})\b", _I)
#: Taking work over so that the interviewer can do more is support, not ambition for their post.
_SO_YOU_CAN = re.compile(r"[^.;!?]{0,25}?\bso\s+(?:that\s+)?you(?:['’]ve|\s+have|\s+can|['’]ll|"
                         r"\s+could|\s+get)\b", _I)
#: Wanting, aiming, planning: the speaker's own future, said in the sentence.
_AMBITION_ANY = re.compile(
    r"\b(?:I['’]d|I\s+would|I\s+want|I\s+wanna|I\s+hope|I['’]ll\s+be|I\s+will\s+be|I['’]m\s+"
    r"(?:really\s+)?(?:aiming|after|working\s+towards|hoping|going\s+for|headed)|"
    r"what\s+I['’]m\s+(?:really\s+)?after|aiming|aim\s+for|the\s+goal|my\s+goal|the\s+plan|"
    r"my\s+plan|ideally|dream|in\s+(?:\w+\s+)?(?:five|ten|\d+|a\s+few)\s+years|one\s+day|"
    r"eventually|long(?:er)?\s+term|down\s+the\s+line|by\s+then|see\s+myself|picture\s+myself|"
    r"with\s+(?:exactly\s+)?that\s+in\s+mind|next\s+step)\b", _I)
_NEAR_NEGATION = re.compile(
    r"\b(?:not|never|no|n['’]t|don['’]?t|didn['’]?t|won['’]?t|wouldn['’]?t)\b"
    r"(?:\s+[\w'’]+){0,4}\s*$", _I)


def _has_ambition(text: str, pos: int, question: Question | None) -> bool:
    """True when the speaker's own ambition frames the sentence at ``pos``.

    The sentence itself, or the one before or after it, states an ambition; or the question
    asks where the speaker sees themself, which frames every sentence of the answer.
    """
    if question is not None and question.id == "five-years":
        return True
    s0, s1 = _sentence_span(text, pos)
    lo = _sentence_span(text, s0 - 1)[0] if s0 > 0 else s0
    hi = _sentence_span(text, s1)[1] if s1 < len(text) else s1
    return _AMBITION_ANY.search(text, lo, hi) is not None


def _class_spans(text: str, question: Question | None) -> list[tuple[int, int]]:
    """Evidence spans of the classes of expression added for unseen phrasings."""
    spans: list[tuple[int, int]] = []
    for pattern in (_THEIR_POST_NOW, _ROLE_IS_YOURS, _TAKE_FROM_YOU, _INSTEAD_OF_YOU, _WHEN_YOU_GO,
                    _YOUR_POST_OPENS):
        for m in pattern.finditer(text):
            s0, s1 = _sentence_span(text, m.start())
            sentence = text[s0:s1]
            if _NEAR_NEGATION.search(text, max(s0, m.start() - 40), m.start()):
                continue  # "not instead of you", "I don't want to take over from you"
            if re.search(r"\bif\s+I\s+were\b|\bwere\s+I\b", text[s0:m.start()], _I):
                continue  # "if I were in your place, I'd ...": advice, not ambition
            # The wanted role may be named in the sentence before: "Production director
            # here. That's your title."
            lo = _sentence_span(text, s0 - 1)[0] if s0 > 0 else s0
            if pattern is _ROLE_IS_YOURS and not (
                    _WANTED_ROLE.search(text, lo, m.start())
                    or (m.group(0).lower().startswith(("that", "which"))
                        and _ROLE_CONTEXT.search(text, lo, m.start()))):
                continue  # "the team that's you and me", "a leader like you are"
            if pattern is _INSTEAD_OF_YOU and m.group(0).lower().startswith(
                    ("instead", "rather", "in place")) and not _ROLE_CONTEXT.search(sentence):
                continue  # "I'd ask the client rather than you"
            if pattern is _WHEN_YOU_GO and not (_TAKING_OVER.search(sentence)
                                                and _ROLE_CONTEXT.search(sentence)):
                continue  # "when you retire, enjoy it"
            if _NOT_WANTED_AFTER.match(text, m.end()):
                continue  # "the team-lead role you hold isn't where I'm headed"
            if _SO_YOU_CAN.match(text, m.end()):
                continue  # "take the rota over from you so you've got time for strategy"
            if not (_has_ambition(text, m.start(), question) or (
                    pattern is _YOUR_POST_OPENS
                    and re.match(r"\s*(?:up\s+)?for\s+(?:me|someone\s+like\s+me)\b", text[m.end():],
                                 _I))):
                continue
            spans.append((m.start(), m.end()))
    return spans


def check_not_after_your_job(text: str, question: Question | None) -> Finding:
    spans: list[tuple[int, int]] = []
    for pattern in _AFTER_JOB_PATTERNS:
        for m in pattern.finditer(text):
            s0, _ = _sentence_span(text, m.start())
            context = text[s0:m.end()]
            if _NEAR_NEGATION.search(text, max(s0, m.start() - 40), m.start()):
                continue  # "I'm not after your job"; a negation 5+ words back is another verb
            if not (_WANT_FRAME.search(context) or _has_ambition(text, m.start(), question)):
                continue
            if _NOT_WANTED_AFTER.match(text, m.end()) or re.search(
                    r"\bif\s+I\s+were\b|\bwere\s+I\b", text[s0:m.start()], _I):
                continue  # "the role you hold isn't where I'm headed"; "if I were in your shoes"
            low = m.group(0).lower()
            if pattern is _AFTER_JOB_PATTERNS[_NAYJ_OBJECT_NEEDS_AMBITION]:
                s0, s1 = _sentence_span(text, m.start())
                before = text[max(s0, m.start() - 25):m.start()]
                if re.search(r"(?:chair|seat|position)$", low):
                    before = re.sub(r"\bin\s+$", "", before)  # "(sort of) in your chair"
                framed = _AMBITION.search(text[s0:s1]) or _has_ambition(text, m.start(), question)
                if not framed or re.search(
                        r"\b(?:about|of|for|with|from|read|make|help|support|doing\s+well|"
                        r"(?<!,\s)in|"
                        r"easier|describe[sd]?|understand|know|learn|hear|ask|explain|appreciate|"
                        r"respect|value|admire|see|share)\s+$", before, _I):
                    continue
            if low.startswith(("succeed", "replac")) and not re.search(
                    r"\b(?:you|your)\b", text[m.start():m.end() + 12], _I):
                continue  # "succeed in sales", "replaced the old system"
            if low.endswith("be you") and re.search(r"^\s*(?:with|and|for|to|in)\b",
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
    spans.extend(_class_spans(text, question))
    return Finding(_merge(spans))
