"""Tests of voice_coach.lexicon: fillers and hedges, with the hard negatives that matter."""

from __future__ import annotations

import itertools

import pytest

from voice_coach.lexicon import (
    OPINION_HEDGE_WEIGHT,
    count_words,
    find_fillers,
    find_hedges,
    hedge_weight,
)


def _texts(spans):
    return [s.text.lower() for s in spans]


def test_spans_point_into_the_text():
    text = "Um, so I kind of, uh, led it. Sorry, I'm nervous, right?"
    for span in (*find_fillers(text), *find_hedges(text)):
        assert text[span.start_char:span.end_char] == span.text


@pytest.mark.parametrize(("text", "expected"), [
    ("Um, I led the team, uh, for two years.", ["um", "uh"]),
    ("Erm... hmm, mm, ah, er.", ["erm", "hmm", "mm", "ah", "er"]),
    ("Umm I think so", ["umm"]),
    ("Uh-huh, mm-hmm, that's right.", []),           # back-channels mean "yes"
    ("The drum, the hummus, the umbrella and the summary.", []),  # inside other words
    ("The err-or and the user.", []),
])
def test_fillers(text, expected):
    assert _texts(find_fillers(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I kind of led the project.", ["kind of"]),
    ("It was sort of hard.", ["sort of"]),
    ("What kind of team is it? That sort of problem is fun.", []),
    ("We built a new kind of pipeline.", []),
    ("I just wanted to say that it's just a draft.", ["just", "just"]),
    ("We moved to just-in-time delivery, just in time for launch.", []),
    ("It was a just decision, fair and just.", []),
    ("We shipped it in just 3 weeks, just over budget.", []),
    ("Not just the code but the team.", []),
    ("It was just as good and just like before.", []),
    ("I guess maybe it could probably work, perhaps.", ["i guess", "maybe", "probably", "perhaps"]),
    ("I was a little bit scared and a little nervous.", ["a little bit", "a little"]),
    ("We had a little money and a little startup.", []),
    ("I think about the customer and I think through the risks.", []),
])
def test_hedges(text, expected):
    assert _texts(find_hedges(text)) == expected


def test_i_think_weights():
    opinion = find_hedges("I think the data shows a clear trend.")
    self_claim = find_hedges("I think I could do this job.")
    assert [s.weight for s in opinion] == [OPINION_HEDGE_WEIGHT]
    assert [s.weight for s in self_claim] == [1.0]
    assert hedge_weight(opinion + self_claim) == pytest.approx(1.0 + OPINION_HEDGE_WEIGHT)


@pytest.mark.parametrize(("text", "kinds"), [
    ("I'm not sure but I could try.", ["disclaimer"]),
    ("This might sound silly, I could be wrong.", ["disclaimer", "disclaimer"]),
    ("I don't know if that is what you want.", ["disclaimer"]),
    ("It worked, right?", ["tag_question"]),
    ("It was hard, you know?", ["tag_question"]),
    ("It was, you know, a lot.", ["tag_question"]),
    ("It's good, isn't it?", ["tag_question"]),
    ("Sorry, I'm nervous.", ["apology"]),
    ("I apologize for rambling.", ["apology"]),
    ("I really really want this.", ["stacked_intensifier"]),
    ("It was so very hard.", ["stacked_intensifier"]),
])
def test_powerless_language_kinds(text, kinds):
    assert [s.kind for s in find_hedges(text)] == kinds


@pytest.mark.parametrize("text", [
    "I'm sorry to hear that.",
    "I was sorry for your loss.",
    "I felt sorry for the new hires, so I mentored them.",
    "As you know, your team grew last year.",
    "You know the market better than anyone.",
    "Did you know the market grew?",
    "Is that the right approach? Turn right.",
    "So, really, the plan worked.",
    "I'm sure it works.",
    "I didn't know Python when I started, so I learned it.",
])
def test_hard_negatives(text):
    assert find_hedges(text) == ()


def test_spans_do_not_overlap():
    spans = find_hedges("Maybe, I'm not sure, I kind of just think maybe, you know?")
    for a, b in itertools.pairwise(spans):
        assert a.end_char <= b.start_char


def test_count_words():
    assert count_words("I'm not sure, but we cut costs by 12% in 2023.") == 11
    assert count_words("") == 0
