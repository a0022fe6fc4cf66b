"""The learned back-off of the content checks (voice_coach/content/learned.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import voice_coach.content as content
from voice_coach.content import check_content, learned
from voice_coach.content.learned import (
    OVERRULE_BELOW,
    THRESHOLDS,
    learned_hits,
    learned_view,
    training_cases,
)
from voice_coach.lexicon import count_words
from voice_coach.questions import CHECK_IDS

ROOT = Path(__file__).resolve().parents[1]

#: A long answer full of outcome talk, worded unlike the rules' patterns.
RESULTY = ("When I took over the returns desk the customers were fed up and the backlog was a "
           "mess. I sat down with the couriers every week, rebuilt the refund checklist and "
           "trained the two new starters myself, and by the spring the angry emails had more or "
           "less dried up and the regional director started sending other stores to see us.")


def test_sealed_answers_are_not_training_data():
    trained = {text for text, _ in training_cases()}
    assert len(trained) >= 4400
    for name in ("sealed_g.toml", "sealed_i.toml", "sealed_w.toml", "sealed_zs.toml",
                 "sealed_zt.toml", "sealed_zu.toml", "sealed_zv.toml"):
        sealed = tomllib.loads((ROOT / "tests" / "content_cases" / name).read_text())
        assert len(sealed["case"]) >= 100
        assert not trained & {c["text"].strip() for c in sealed["case"]}


def test_every_training_label_is_a_check():
    for _, labels in training_cases():
        assert labels <= set(CHECK_IDS)


def test_hits_reach_their_threshold_and_quote_one_sentence():
    hits = learned_hits(RESULTY, word_count=count_words(RESULTY))
    for cid, hit in hits.items():
        assert hit.probability >= THRESHOLDS[cid]
        quote = RESULTY[hit.start:hit.end]
        assert quote.strip() and len(quote) < len(RESULTY)
    # whatever it found is reported with that sentence as evidence, not invented
    report = check_content(RESULTY)
    for check in report.checks:
        if check.id in hits and check.detected:
            assert all(RESULTY[e.start_char:e.end_char] == e.text for e in check.evidence)


def test_short_answers_get_rules_only():
    text = "Sorry, I am nervous today."
    assert learned_hits(text, word_count=count_words(text)) == {}


def test_without_the_backoff_the_rules_still_answer(monkeypatch):
    monkeypatch.setattr(learned, "_model", lambda: None)
    report = check_content("I cut the monthly hosting bill by 30% in my first quarter there, "
                           "and the finance team still uses my cost dashboard every week.")
    assert {c.id for c in report.checks if c.detected} >= {"results_framing"}


@pytest.mark.parametrize("text", [
    "I managed a team of three people for five years at the depot and did the rota.",
    "I read your job description carefully and I think you know what the role needs here.",
    "I was so sorry to hear that your manager was unwell, I hope she is feeling better now.",
])
def test_backoff_keeps_the_issue_hard_negatives_negative(text):
    detected = {c.id for c in check_content(text).checks if c.detected}
    assert not detected & {"results_framing", "hiring_manager_focus", "supplicant_language"}


def _fresh_model(monkeypatch, home: Path):
    monkeypatch.setenv("VOICE_COACH_HOME", str(home))
    learned._model.cache_clear()
    return learned._model()


def test_trained_model_is_cached_and_reloaded(monkeypatch, tmp_path):
    first = _fresh_model(monkeypatch, tmp_path)
    cached = list((tmp_path / "cache").glob("content-model-*.pkl"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    again = _fresh_model(monkeypatch, tmp_path)  # a new process would do the same
    assert cached[0].stat().st_mtime_ns == stamp  # loaded, not retrained and rewritten
    features = [first[0].transform([RESULTY]), again[0].transform([RESULTY])]
    for cid in CHECK_IDS:
        p1 = first[1][cid].predict_proba(features[0])[0, 1]
        p2 = again[1][cid].predict_proba(features[1])[0, 1]
        assert p1 == pytest.approx(p2)
    learned._model.cache_clear()


def test_damaged_cache_is_retrained(monkeypatch, tmp_path):
    _fresh_model(monkeypatch, tmp_path)
    (path,) = (tmp_path / "cache").glob("content-model-*.pkl")
    path.write_bytes(b"not a pickle")
    model = _fresh_model(monkeypatch, tmp_path)
    assert model is not None and set(model[1]) == set(CHECK_IDS)
    assert path.read_bytes() != b"not a pickle"  # replaced by the retrained model
    learned._model.cache_clear()


def test_unwritable_cache_still_answers(monkeypatch, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    model = _fresh_model(monkeypatch, tmp_path)
    assert model is not None
    assert learned_hits(RESULTY, word_count=count_words(RESULTY)) == learned_hits(
        RESULTY, word_count=count_words(RESULTY))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]  # no stray temp files
    learned._model.cache_clear()


def test_backoff_never_reads_a_condition_as_a_result():
    # Every sentence sets a condition: whatever the n-grams say, nothing happened.
    text = ("Unless we cut the hosting bill by 30% this year, the board will close the office. "
            "If we had won the council bid, revenue would have doubled and we would have hired "
            "twenty more drivers.")
    assert "results_framing" not in learned_hits(text, word_count=count_words(text))
    assert not check_content(text).check("results_framing").detected
    # With a real outcome beside the condition, the evidence is the outcome, not the condition.
    mixed = text + " " + RESULTY
    hit = learned_hits(mixed, word_count=count_words(mixed)).get("results_framing")
    if hit is not None:
        assert mixed[hit.start:hit.end] in RESULTY


#: A strong answer for one clear sentence to sit in.
STRONG = ("Your team is scaling its payments platform, and I have done that before at Finlo, "
          "where I cut settlement failures by 40% in six months. ")


def test_overrule_drops_a_rule_hit_the_model_is_sure_of(monkeypatch):
    # The rules read a question about shifts and pay as a question to the interviewer; the
    # back-off, trained on answers where such questions are not engagement, overrules them.
    text = ("I've done six years of warehouse work and I hold a counterbalance licence, so I can "
            "start on the trucks from day one. Is it mostly nights, and is the weekend rate time "
            "and a half?")
    view = learned_view(text, word_count=count_words(text))
    assert view.probabilities["engagement"] < OVERRULE_BELOW["engagement"]
    assert not check_content(text).check("engagement").detected
    monkeypatch.setattr(content, "OVERRULE_BELOW", {})
    assert check_content(text).check("engagement").detected


@pytest.mark.parametrize(("check_id", "sentence"), [
    ("supplicant_language", "Honestly, I really need this job."),
    ("supplicant_language", "I'd be grateful for any opportunity at all."),
    ("engagement", "What would you want the person in this role to fix first?"),
    ("not_after_your_job", "In five years I want your job."),
])
def test_one_clear_sentence_survives_the_overrule(check_id, sentence):
    # The whole answer reads as a strong one, so the back-off's probability for the check is
    # low; the sentence the rules quote, read on its own, is not, and the rules keep their say.
    text = STRONG + sentence
    report = check_content(text)
    assert report.check(check_id).detected, check_id
    assert any(e.start_char >= len(STRONG) for e in report.check(check_id).evidence)
