"""`quotebot eval` end to end on a small corpus of its own, and on a SQuAD file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def _corpus(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir()
    (docs / "fleet.md").write_text(
        "# Harbour report\n\nThe fleet left the harbour at dawn on Tuesday. Twelve ships sailed north.\n\n"
        "# Weather\n\nA storm closed the port for three days. The harbour master reopened it on Friday.\n",
        encoding="utf-8",
    )
    questions = root / "q.jsonl"
    rows = [
        {
            "id": "a",
            "question": "How many ships sailed north?",
            "gold_quotes": ["Twelve ships sailed north."],
            "source": "Harbour report",
            "kind": "factual",
            "split": "dev",
        },
        {
            "id": "b",
            "question": "Why was the port closed?",
            "gold_quotes": ["A storm closed the port for three days."],
            "source": "Weather",
            "kind": "paraphrase",
            "split": "test",
        },
        {
            "id": "c",
            "question": "Who painted the lighthouse?",
            "gold_quotes": None,
            "source": None,
            "kind": "unanswerable",
            "split": "test",
        },
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return docs


def test_eval_writes_json_report_and_gates(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    docs = _corpus(tmp_path)
    out = tmp_path / "run.json"
    args = [
        "--index-dir",
        str(tmp_path / "idx"),
        "eval",
        str(tmp_path / "q.jsonl"),
        "--corpus",
        str(docs),
        "--json",
        str(out),
        "--report",
        str(tmp_path / "rep"),
    ]
    result = runner.invoke(app, [*args, "--min", "verbatim_rate=1.0"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"metrics", "rows"} <= set(data)
    row = data["rows"][0]
    assert {"id", "question", "abstained", "quotes", "latency_ms"} <= set(row)
    assert data["metrics"]["overall"]["verbatim_rate"] == 1.0
    # The reader is off by default, so the ablations add the full pipeline with it on.
    assert set(data["ablations"]) >= {"bm25", "dense", "hybrid", "full", "full, reader on"}
    assert data["reader"] is None and "answerable_abstained" in data["ablations"]["full, reader on"]
    for q in (q for r in data["rows"] for q in r["quotes"]):
        text = (docs / q["doc_id"]).read_text(encoding="utf-8")
        assert text[q["start"] : q["end"]] == q["text"]
    report = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "ablations.png" in report and (tmp_path / "rep" / "latency.png").stat().st_size > 1000

    failing = runner.invoke(app, [*args, "--no-ablations", "--min", "hit@1=1.01"])
    assert failing.exit_code == 1 and "gate failed" in failing.output

    compared = runner.invoke(app, [*args, "--no-ablations", "--compare", str(out)])
    assert compared.exit_code == 0 and "Change against the earlier run" in compared.output

    bad = runner.invoke(app, [*args, "--min", "hit@3"])
    assert bad.exit_code == 2 and "METRIC=VALUE" in bad.output


def test_eval_squad_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    squad = {
        "version": "v2.0",
        "data": [
            {
                "title": "Harbour",
                "paragraphs": [
                    {
                        "context": "The fleet left the harbour at dawn. Twelve ships sailed north to Bergen.",
                        "qas": [
                            {
                                "id": "s1",
                                "question": "How many ships sailed north?",
                                "answers": [{"text": "Twelve", "answer_start": 35}],
                            },
                            {
                                "id": "s2",
                                "question": "Who owns the fleet?",
                                "answers": [],
                                "is_impossible": True,
                            },
                        ],
                    }
                ],
            }
        ],
    }
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(squad), encoding="utf-8")
    out = tmp_path / "s.json"
    result = runner.invoke(
        app,
        [
            "--index-dir",
            str(tmp_path / "idx"),
            "eval",
            "--squad",
            str(path),
            "--json",
            str(out),
            "--no-ablations",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in data["rows"]] == ["s1", "s2"]
    assert data["metrics"]["overall"]["contained@1"] == 1.0
    assert data["rows"][1]["expected"]["gold_quotes"] is None


def test_eval_near_misses_hide_the_gold_paragraph(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`--near-misses` asks each SQuAD question again with its paragraph hidden: the rest of the
    article stays (same topic, same names), the answer is gone, and the bot should abstain."""
    monkeypatch.chdir(tmp_path)

    def para(context: str, qid: str, question: str, answer: str) -> dict[str, Any]:
        start = context.index(answer)
        return {
            "context": context,
            "qas": [{"id": qid, "question": question, "answers": [{"text": answer, "answer_start": start}]}],
        }

    squad = {
        "version": "1.1",
        "data": [
            {
                "title": "Harbour",
                "paragraphs": [
                    para(
                        "The fleet left the harbour of Bergen at dawn. Twelve ships sailed north that day.",
                        "h1",
                        "How many ships sailed north?",
                        "Twelve",
                    ),
                    para(
                        "The harbour master of Bergen was Ingrid Dahl. She kept the lighthouse lit all winter.",
                        "h2",
                        "Who was the harbour master of Bergen?",
                        "Ingrid Dahl",
                    ),
                    # The answer text "Bergen" is in every paragraph: hiding one cannot make it a
                    # near miss, so this question is not asked again.
                    para(
                        "Storms often closed the port of Bergen in winter.",
                        "h3",
                        "Which port did storms close?",
                        "Bergen",
                    ),
                ],
            }
        ],
    }
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(squad), encoding="utf-8")
    out = tmp_path / "n.json"
    args = ["--index-dir", str(tmp_path / "idx"), "eval", "--squad", str(path), "--no-ablations"]
    result = runner.invoke(
        app, [*args, "--near-misses", "--json", str(out), "--report", str(tmp_path / "rep")]
    )
    assert result.exit_code == 0, result.output
    report = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "| abstention_recall |" in report and "| answerable_abstained |" in report
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {r["id"]: r for r in data["rows"]}
    assert sorted(rows) == ["h1", "h1~hidden", "h2", "h2~hidden", "h3"]
    for qid in ("h1", "h2"):
        hidden = rows[f"{qid}~hidden"]
        assert hidden["kind"] == "near-miss" and hidden["expected"]["gold_quotes"] is None
        gold_doc = rows[qid]["expected"]["doc_id"]
        assert hidden["expected"]["hidden_docs"] == [gold_doc]
        # Whatever it shows, nothing comes from the hidden paragraph.
        shown = hidden["quotes"] + ([hidden["closest"]] if hidden["closest"] else [])
        assert all(q["doc_id"] != gold_doc for q in shown)
        assert not rows[qid]["abstained"]
    metrics = data["metrics"]
    assert metrics["overall"]["unanswerable"] == 2
    assert "near-miss" in metrics["by_kind"]
    assert metrics["overall"]["contained@1"] == 1.0  # the near misses do not touch answerable metrics

    bad = runner.invoke(app, ["--index-dir", str(tmp_path / "idx2"), "eval", "--near-misses"])
    assert bad.exit_code != 0 and "--near-misses needs --squad" in bad.output
