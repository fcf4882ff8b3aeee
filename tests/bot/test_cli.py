"""The `quotebot` command through typer's CliRunner, on a real index: what a user types and sees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.reader import load_manifest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
runner = CliRunner()


def _dir(config: Any) -> str:
    return str(config.store.index_dir)


def test_help_explains_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("index", "ask", "chat", "discord"):
        assert command in result.output


def test_ask_json_has_the_public_shape(default_index: Any, clean_env: Path) -> None:
    result = runner.invoke(app, ["--index-dir", _dir(default_index), "ask", "Tomahawk missiles?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"question", "abstained", "answer", "quotes", "timings_ms"} <= set(data)
    assert data["question"] == "Tomahawk missiles?"
    assert data["abstained"] is False and data["answer"] is None
    quote = data["quotes"][0]
    assert {"text", "doc_id", "title", "section", "start", "end", "score"} <= set(quote)
    text = (CORPUS / "nato-us-responses-2022.txt").read_text(encoding="utf-8")
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert isinstance(quote["score"], float)


def test_ask_top_limits_the_number_of_quotes(default_index: Any, clean_env: Path) -> None:
    result = runner.invoke(
        app, ["--index-dir", _dir(default_index), "ask", "What does the U.S. say?", "--json", "--top", "1"]
    )
    assert len(json.loads(result.stdout)["quotes"]) <= 1


def test_ask_prints_quotes_grouped_by_source(default_index: Any, clean_env: Path) -> None:
    result = runner.invoke(
        app, ["--index-dir", _dir(default_index), "ask", "What do the U.S. and NATO each say about Ukraine?"]
    )
    assert result.exit_code == 0
    assert "U.S. Response" in result.output and "NATO Response" in result.output
    assert "nato-us-responses-2022.txt" in result.output


def test_ask_source_option_restricts(default_index: Any, clean_env: Path) -> None:
    result = runner.invoke(
        app, ["--index-dir", _dir(default_index), "ask", "What about Ukraine?", "--source", "NATO", "--json"]
    )
    data = json.loads(result.stdout)
    assert {q["section"] for q in data["quotes"]} <= {"NATO Response"}


def test_ask_without_an_index_names_the_fix(clean_env: Path) -> None:
    result = runner.invoke(app, ["--index-dir", str(clean_env / "none"), "ask", "anything?"])
    assert result.exit_code == 1
    assert "quotebot index" in result.output
    assert "Traceback" not in result.output


def test_empty_question_is_a_clear_error(default_index: Any, clean_env: Path) -> None:
    result = runner.invoke(app, ["--index-dir", _dir(default_index), "ask", "   "])
    assert result.exit_code == 2
    assert "question is empty" in result.output


def test_index_missing_path_exits_2(clean_env: Path) -> None:
    result = runner.invoke(app, ["--index-dir", str(clean_env / "i"), "index", str(clean_env / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_index_summary_and_status(clean_env: Path) -> None:
    docs = clean_env / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(
        "# Alpha\n\nThe alpha unit met on Monday. It agreed a plan.\n", encoding="utf-8"
    )
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (docs / "blob.bin").write_bytes(b"\x00\x01")
    (docs / "old.txt").write_bytes(
        "Caf\u00e9 au lait is a drink. It is popular in France.\n".encode("cp1252")
    )
    idx = str(clean_env / "idx")
    result = runner.invoke(app, ["--index-dir", idx, "index", str(docs)])
    assert result.exit_code == 0, result.output
    assert "documents" in result.output and "passages" in result.output
    assert "empty file" in result.output and "unsupported file type" in result.output
    assert "decoded as Windows-1252" in result.output
    status = runner.invoke(app, ["--index-dir", idx, "index", "--status"])
    assert status.exit_code == 0
    assert "all-MiniLM-L6-v2" in status.output and "corpus_hash" in status.output
    assert "QUOTEBOT_READER=on turns it on" in status.output  # the reader is off by default
    again = runner.invoke(app, ["--index-dir", idx, "index"])  # no PATH: what it was built from
    assert again.exit_code == 0 and "0 / 0 / 2 / 0" in again.output


def test_status_without_index(clean_env: Path) -> None:
    result = runner.invoke(app, ["--index-dir", str(clean_env / "none"), "index", "--status"])
    assert result.exit_code == 1 and "quotebot index" in result.output


@pytest.mark.parametrize(
    "command", [["ask", "anything?"], ["chat"], ["index", "--status"], ["ask", "x", "--json"]]
)
def test_a_read_never_creates_an_index_folder(clean_env: Path, command: list[str]) -> None:
    """A mistyped --index-dir is reported, with --index-dir named in the hint, and left uncreated."""
    where = clean_env / "typo" / "index"
    result = runner.invoke(app, ["--index-dir", str(where), *command], input="")
    assert result.exit_code == 1
    assert "no index in" in result.output and "Traceback" not in result.output
    assert not (clean_env / "typo").exists()
    if command[0] != "index":
        assert "--index-dir" in result.output


def test_an_index_of_only_unusable_files_says_it_holds_no_documents(clean_env: Path) -> None:
    docs = clean_env / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (docs / "blob.bin").write_bytes(b"\x00\x01")
    idx = str(clean_env / "idx")
    built = runner.invoke(app, ["--index-dir", idx, "index", str(docs)])
    assert built.exit_code == 0 and "holds no documents" in built.output
    for command in (["ask", "When does it open?"], ["chat"]):
        result = runner.invoke(app, ["--index-dir", idx, *command], input="")
        assert result.exit_code == 1, result.output
        out = " ".join(result.output.split())
        assert "holds no documents" in out and "quotebot index PATH" in out
        assert "changed while it was being read" not in out and "Traceback" not in out


def test_bad_setting_is_reported_without_traceback(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEBOT_TOP_K", "many")
    result = runner.invoke(app, ["ask", "x"])
    assert result.exit_code == 2
    assert "TOP_K" in result.output and "Traceback" not in result.output


def test_chat_scripted_session(default_index: Any, clean_env: Path) -> None:
    script = "\n".join(
        [
            "What does the U.S. response say about military exercises?",
            "and what does NATO say?",
            "/context 1",
            "/source NATO",
            "/sources",
            "/source Kremlin",
            "/bogus",
            "",
            "/help",
            "/quit",
        ]
    )
    result = runner.invoke(app, ["--index-dir", _dir(default_index), "chat"], input=script + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "U.S. Response" in out and "NATO Response" in out
    assert "answering only from:\n  • NATO Response" in out
    assert "no source matches 'Kremlin'" in out
    assert "unknown command /bogus" in out
    assert "/context N" in out
    assert out.rstrip().endswith("bye")


def test_chat_ends_cleanly_on_end_of_input(default_index: Any, clean_env: Path) -> None:
    result = runner.invoke(app, ["--index-dir", _dir(default_index), "chat"], input="Tomahawk?\n")
    assert result.exit_code == 0
    assert "bye" in result.output


def test_python_dash_m_bot_is_the_same_command() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "quotebot" in out.stdout


@pytest.mark.subprocess
def test_a_cold_ask_ends_at_once_with_its_whole_output_and_exit_code(
    default_index: Any, tmp_path: Path
) -> None:
    """`quotebot ask` skips interpreter teardown (bot.cli.main): the answer must still be complete
    (flushed into a pipe), and an error must keep its message and exit code."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_") or k == "QUOTEBOT_CACHE_DIR"}
    base = [sys.executable, "-m", "bot", "--index-dir", _dir(default_index), "ask"]
    ok = subprocess.run(
        [*base, "Tomahawk missiles?", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=180,
    )
    assert ok.returncode == 0, ok.stderr
    answer = json.loads(ok.stdout)  # the whole JSON document, not a truncated buffer
    assert answer["quotes"] and answer["quotes"][0]["text"]
    empty = subprocess.run([*base, "   "], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180)
    assert empty.returncode == 2 and "the question is empty" in empty.stderr


def test_reader_on_is_named_in_ask_json_and_status(
    default_index: Any, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--index-dir", _dir(default_index), "ask", "Tomahawk missiles?", "--json"]
    off = json.loads(runner.invoke(app, args).stdout)
    assert off["index"]["reader"] is None and off["quotes"]
    monkeypatch.setenv("QUOTEBOT_READER", "on")
    on = json.loads(runner.invoke(app, args).stdout)
    assert on["index"]["reader"] == load_manifest().version and on["quotes"]
    assert "read" in on["timings_ms"]
    status = runner.invoke(app, ["--index-dir", _dir(default_index), "index", "--status"])
    assert load_manifest().version in status.output


def test_the_int8_reader_is_chosen_by_a_setting_and_named(
    default_index: Any, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QUOTEBOT_READER_PRECISION=int8 runs the quantised reader with its own fitted decision, and
    says so in ``ask --json`` and ``index --status``; a value it does not know is a clear error."""
    monkeypatch.setenv("QUOTEBOT_READER", "on")
    args = ["--index-dir", _dir(default_index), "ask", "Tomahawk missiles?", "--json"]
    fp32 = json.loads(runner.invoke(app, args).stdout)
    assert fp32["index"]["reader_precision"] == "fp32"
    monkeypatch.setenv("QUOTEBOT_READER_PRECISION", "int8")
    int8 = json.loads(runner.invoke(app, args).stdout)
    assert int8["index"]["reader_precision"] == "int8" and int8["quotes"]
    assert int8["index"]["reader"] == load_manifest().version
    status = runner.invoke(app, ["--index-dir", _dir(default_index), "index", "--status"])
    assert "int8" in status.output
    monkeypatch.setenv("QUOTEBOT_READER_PRECISION", "int4")
    bad = runner.invoke(app, args)
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert "QUOTEBOT_READER_PRECISION" in bad.output
    monkeypatch.setenv("QUOTEBOT_READER_PRECISION", "")  # empty, as unset: the manifest's
    assert json.loads(runner.invoke(app, args).stdout)["index"]["reader_precision"] == "fp32"


def test_a_damaged_reader_is_a_clear_error_not_a_fallback(
    default_index: Any, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import bot.reader

    folder = clean_env / "reader"
    shutil.copytree(bot.reader.READER_DIR, folder)
    (folder / "reader.safetensors").write_bytes(b"not the weights")
    monkeypatch.setattr(bot.reader, "READER_DIR", folder)
    monkeypatch.setenv("QUOTEBOT_READER", "on")
    result = runner.invoke(app, ["--index-dir", _dir(default_index), "ask", "Tomahawk missiles?"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "do not match its manifest" in result.output and "QUOTEBOT_READER=off" in result.output
    status = runner.invoke(app, ["--index-dir", _dir(default_index), "index", "--status"])
    assert status.exit_code == 0  # status still reports the index (the reader's state is one row)
