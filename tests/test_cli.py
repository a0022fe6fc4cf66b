"""The command line as a user runs it: real model, real files, real history, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voice_coach.cli import main

CONTRACT_TOP = {"schema_version", "id", "created_at", "question", "audio", "transcript",
                "delivery", "content", "scores", "verdict", "timings_s"}
CONTRACT_DELIVERY = {"words_per_minute", "articulation_wpm", "response_latency_s", "pauses",
                     "long_pause_count", "filler_count", "filler_per_100_words",
                     "hedge_per_100_words", "pitch", "phrase_ends", "uptalk_ratio",
                     "loudness", "enough_speech"}
CHECK_IDS = ["results_framing", "hiring_manager_focus", "supplicant_language",
             "delivery_promises", "not_after_your_job", "skills_growth", "engagement",
             "personal_value_trap"]


def test_analyze_json_follows_the_report_contract(cli, samples_dir, home):
    code, out, err = cli("analyze", samples_dir / "strong.wav", "--json",
                         "--question", "why-hire-you")
    assert code == 0, err
    report = json.loads(out)
    assert set(report) >= CONTRACT_TOP
    assert report["schema_version"] == 1
    assert report["question"]["id"] == "why-hire-you"
    assert report["audio"]["sample_rate"] == 16000
    assert report["audio"]["duration_s"] == pytest.approx(29.67, abs=0.05)
    assert 15 < report["audio"]["speech_s"] < report["audio"]["duration_s"]
    words = report["transcript"]["words"]
    assert {"word", "start_s", "end_s", "probability"} <= set(words[0])
    assert report["transcript"]["model"] == "tiny.en"
    assert set(report["delivery"]) >= CONTRACT_DELIVERY
    assert 120 < report["delivery"]["words_per_minute"] < 220
    assert [c["id"] for c in report["content"]["checks"]] == CHECK_IDS
    assert set(report["scores"]) == {"confidence", "results_framing", "hiring_manager_focus",
                                     "overall"}
    assert {"decode", "transcribe", "prosody", "content", "score", "total"} <= set(
        report["timings_s"])
    # It was saved, analysed, under the id the report names.
    code, out, _ = cli("history", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [report["id"]]
    assert rows[0]["status"] == "analyzed"
    assert rows[0]["scores"] == report["scores"]
    assert (home / "audio" / f"{report['id']}.flac").is_file()


def test_text_report_explains_rate_pauses_and_fillers(cli, samples_dir):
    code, out, err = cli("analyze", samples_dir / "hesitant.wav", "--no-save")
    assert code == 0, err
    assert "Transcript:" in out
    assert "[0:02]" in out  # the first words come after the 2.5 s wait
    assert "Speaking rate" in out and "wpm" in out
    assert "long (1 s or more)" in out
    assert "Fillers" in out
    assert "a noticeable wait before you started" in out
    _, out, _ = cli("history", "--json")
    assert out == ""  # --no-save kept nothing


def test_show_export_delete_round_trip(cli, samples_dir, tmp_path):
    code, out, _ = cli("analyze", samples_dir / "pleading.wav", "--json",
                       "--question-text", "Why do you want to work here?")
    answer_id = json.loads(out)["id"]
    code, shown, _ = cli("show", answer_id, "--json")
    assert code == 0
    assert json.loads(shown) == json.loads(out)
    code, md, _ = cli("export", "latest", "--format", "md")
    assert code == 0
    assert md.startswith(f"# Answer {answer_id}")
    assert "## Transcript" in md
    target = tmp_path / "report.json"
    code, _, err = cli("export", answer_id, "--format", "json", "-o", target)
    assert code == 0 and json.loads(target.read_text())["id"] == answer_id
    code, out, _ = cli("delete", answer_id)
    assert code == 0 and answer_id in out
    code, _, err = cli("show", answer_id)
    assert code == 7 and "no answer" in err


def test_failed_analysis_keeps_the_answer_and_reanalyze_completes_it(cli, samples_dir, home,
                                                                     monkeypatch, tmp_path):
    monkeypatch.setenv("VOICE_COACH_MODEL", str(tmp_path / "no-such-model"))
    code, out, err = cli("analyze", samples_dir / "strong.wav")
    assert code == 5
    assert "model folder not found" in err
    assert "the answer is saved as" in err
    code, out, _ = cli("history", "--json")
    row = json.loads(out)
    assert row["status"] == "failed"
    assert "model folder not found" in row["error"]
    assert (home / "audio" / f"{row['id']}.flac").is_file()
    monkeypatch.delenv("VOICE_COACH_MODEL")
    code, out, err = cli("reanalyze", row["id"], "--json")
    assert code == 0, err
    assert json.loads(out)["id"] == row["id"]
    code, out, _ = cli("history", "--json")
    assert json.loads(out)["status"] == "analyzed"


def test_silence_is_kept_as_failed_with_a_clear_message(cli, tmp_path):
    path = tmp_path / "silence.wav"
    sf.write(path, np.zeros(16000 * 5, dtype=np.float32), 16000)
    code, out, err = cli("analyze", path)
    assert code == 4
    assert err.startswith("voice-coach: error: no speech detected")
    assert err.count("\n") == 1
    code, out, _ = cli("history", "--json")
    assert json.loads(out)["status"] == "failed"


def test_typed_answer_gets_the_same_report_without_audio(cli, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("I helped the company cut support costs by 12% in one year, and I "
                      "delivered the new portal two weeks early. Your team is growing fast, "
                      "and I can help you hit your targets.", encoding="utf-8")
    code, out, err = cli("analyze", "--text", answer, "--json", "--question", "why-hire-you")
    assert code == 0, err
    report = json.loads(out)
    assert report["audio"] is None and report["delivery"] is None
    assert report["transcript"]["words"] == []
    assert report["transcript"]["model"] is None
    assert [c["id"] for c in report["content"]["checks"]] == CHECK_IDS


def test_questions_lists_the_bank(cli):
    _, out, _ = cli("questions", "--json")
    questions = json.loads(out)
    ids = {q["id"] for q in questions}
    assert len(questions) >= 12
    assert {"most-personal-value", "five-years", "worst-quality", "hate-to-do",
            "why-hire-you"} <= ids


@pytest.mark.parametrize(("args", "code", "fragment"), [
    (("analyze", "missing.wav"), 3, "audio file not found"),
    (("analyze", "."), 3, "is a folder"),
    (("analyze", "empty.wav"), 3, "0 bytes"),
    (("analyze", "notes.wav"), 3, "not a supported audio file"),
    (("analyze", "random.wav"), 3, "not a supported audio file"),
    (("analyze", "cut.wav"), 3, "at least 1 s"),
    (("analyze", "--text", "empty.txt"), 3, "typed answer is empty"),
    (("analyze",), 2, "give an audio FILE"),
    (("analyze", "x.wav", "--question", "nope"), 2, "no question with id 'nope'"),
    (("show", "../etc/passwd"), 7, "is not an answer id"),
    (("show", "latest"), 7, "history is empty"),
    (("frobnicate",), 2, "invalid choice"),
])
def test_user_errors_are_one_line_with_a_documented_code(cli, tmp_path, monkeypatch, args,
                                                         code, fragment):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "notes.wav").write_text("my notes for the interview\n" * 10)
    (tmp_path / "random.wav").write_bytes(np.random.default_rng(2).bytes(30_000))
    sf.write(tmp_path / "full.wav", np.zeros(32000, dtype=np.float32) + 0.1, 16000)
    (tmp_path / "cut.wav").write_bytes((tmp_path / "full.wav").read_bytes()[:6000])
    got, out, err = cli(*args)
    assert got == code, err
    assert fragment in err
    assert err.count("\n") == 1
    assert "Traceback" not in err + out


def test_installed_command_exits_cleanly_without_traceback(tmp_path):
    """The real console script, in a fresh process, on a random-bytes file."""
    bad = tmp_path / "answer.wav"
    bad.write_bytes(os.urandom(4096))
    exe = Path(sys.executable).with_name("voice-coach")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "voice_coach"]
    env = {**os.environ, "VOICE_COACH_HOME": str(tmp_path / "home")}
    result = subprocess.run([*command, "analyze", str(bad)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 3
    assert result.stderr.startswith("voice-coach: error: cannot read answer.wav")
    assert "Traceback" not in result.stderr


def test_main_returns_internal_error_code_instead_of_a_traceback(home, monkeypatch, capsys):
    import voice_coach.cli as cli_module

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setitem(cli_module._COMMANDS, "questions", broken)
    assert main(["questions"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: simulated bug" in err
    assert "Traceback" not in err
    assert "Traceback" in (home / "voice-coach.log").read_text()


def test_pitch_and_loudness_are_judged_against_the_users_earlier_answers(cli, samples_dir,
                                                                         tmp_path):
    """sox raises the strong sample by 3 semitones and lowers it by 6 dB."""
    shifted = tmp_path / "higher_quieter.wav"
    subprocess.run(["sox", str(samples_dir / "strong.wav"), str(shifted), "pitch", "300",
                    "gain", "-6"], check=True)
    code, out, err = cli("analyze", samples_dir / "strong.wav", "--json")
    assert code == 0, err
    first = json.loads(out)["delivery"]
    assert first["baseline"] is None  # nothing earlier to compare with
    assert first["pitch"]["shift_st"] is None
    code, out, err = cli("analyze", shifted, "--json")
    assert code == 0, err
    second = json.loads(out)["delivery"]
    assert second["baseline"]["answer_count"] == 1
    assert second["pitch"]["shift_st"] == pytest.approx(3.0, abs=0.5)
    assert second["loudness"]["shift_db"] == pytest.approx(-6.0, abs=1.0)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_exports_escape_the_answer_and_question_text(cli, tmp_path, fmt):
    hostile = '<script>alert("x")</script> **bold** [link](http://evil) | `code`'
    answer = tmp_path / "answer.txt"
    answer.write_text(f"I led the team. {hostile} I cut costs by 12%.", encoding="utf-8")
    code, _, err = cli("analyze", "--text", answer, "--question-text", hostile, "--json")
    assert code == 0, err
    code, exported, _ = cli("export", "latest", "--format", fmt)
    assert code == 0
    assert "<script>" not in exported
    if fmt == "html":
        assert "&lt;script&gt;" in exported
    else:
        assert "\\*\\*bold\\*\\*" in exported and "\\[link\\]" in exported


def test_warm_up_prepares_the_analysis_stages():
    """The app calls it at start-up so its first answer does not compile the pitch decoder."""
    from voice_coach.pipeline import warm_up
    from voice_coach.prosody import pitch

    warm_up()
    assert pitch._COMPILED["viterbi"].signatures, "the pitch decoder was not compiled"
