"""The ONNX Runtime engine: the same embeddings and token pieces as sentence-transformers, a graph
exported by Quotebot itself and checked on every load, recorded in the manifest; a one-shot ask
that imports neither torch nor sentence-transformers. Real ONNX Runtime, real model, no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index import token_vectors as tv
from index.embedder import PRECISION, Embedder, default_model_path
from index.errors import EngineError, QuotebotError
from index.onnx_export import supported

REPO = Path(__file__).resolve().parents[2]

TEXTS = [
    "What does NATO say about Ukraine?",
    "Tomahawk missiles?",
    "Café au lait — “quoted” text, U.S. Response, 5+2 talks, Jens Stoltenberg.",
    "word " * 600,  # longer than the model's 256 word pieces: truncated the same way
    "Ничего не сказано. 中文问题？",
    "x",
]


@pytest.fixture(scope="module")
def reference() -> Any:
    """The PyTorch model through sentence-transformers, as a typical user would load it."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(default_model_path()), device="cpu", local_files_only=True)


def test_embeddings_agree_with_sentence_transformers(embedder: Embedder, reference: Any) -> None:
    want = reference.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    batched = embedder.encode(TEXTS)
    single = np.stack([embedder.encode_query(t) for t in TEXTS])
    floor = 0.9999 if PRECISION == "fp32" else 0.99
    for got in (batched, single):
        assert got.shape == want.shape == (len(TEXTS), 384)
        assert np.all((got * want).sum(1) >= floor), (got * want).sum(1)
        assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_token_vectors_agree_with_those_of_the_pytorch_states(embedder: Embedder, reference: Any) -> None:
    """The stored pieces are the PyTorch states' pieces, projected and quantised alike."""
    outs = reference.encode(TEXTS[:3], output_value=None, convert_to_numpy=False)
    _, mats = embedder.encode_with_tokens(TEXTS[:3])
    tokenizer = reference.tokenizer
    special = set(tokenizer.all_special_ids)
    for row, got in zip(outs, mats):
        mask = row["attention_mask"].cpu().numpy().astype(bool)
        ids = row["input_ids"].cpu().numpy()[mask].tolist()
        states = row["token_embeddings"].float().cpu().numpy()[mask]
        want = tv.content_vectors(
            states, tokenizer.convert_ids_to_tokens(ids), np.array([i in special for i in ids])
        )
        assert got.shape == want.shape and got.dtype == np.int8
        limit = 1 if PRECISION == "fp32" else 8
        assert np.abs(got.astype(int) - want).max() <= limit


def test_counting_word_pieces_matches_the_model_tokenizer(embedder: Embedder, reference: Any) -> None:
    for text in TEXTS:
        assert embedder.count_tokens(text) == len(reference.tokenizer.tokenize(text))


def test_the_graph_is_exported_once_and_then_reused(tmp_path: Path) -> None:
    first = Embedder(cache=tmp_path)
    sha = first.onnx.sha256
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [f"{first.onnx.key}.onnx", f"{first.onnx.key}.onnx.sha256"]
    again = Embedder(cache=tmp_path)
    mtime = first.onnx.file.stat().st_mtime_ns
    assert again.onnx.sha256 == sha  # read from the cache, not exported again
    again.encode_query("hello")
    assert first.onnx.file.stat().st_mtime_ns == mtime


def test_export_is_reproducible(tmp_path: Path, embedder: Embedder) -> None:
    """Same weights, same code, same bytes: the hash an index records names the graph, not the run."""
    assert Embedder(cache=tmp_path).onnx.sha256 == embedder.onnx.sha256


def test_only_the_reader_runs_the_fused_attention_kernel(tmp_path: Path, embedder: Embedder) -> None:
    """The embedding graph stays plain ONNX (its bytes are what every index's manifest records: a
    new graph would make users rebuild); the reader's runs ONNX Runtime's fused Attention, one
    node per layer, in fp32 and (quantised, as QAttention) in int8."""
    import onnx

    from bot.reader import Reader

    ops = {n.op_type for n in onnx.load(str(embedder.onnx.file)).graph.node}
    assert "Attention" not in ops and "Softmax" in ops
    # The very bytes every index built since 2026-12 records: a change here rebuilds users' indexes.
    assert embedder.onnx.sha256.startswith("5cdf1286788aeb7f")
    for precision, op in (("fp32", "Attention"), ("int8", "QAttention")):
        reader = Reader(cache=tmp_path, precision=precision)
        reader.onnx.sha256  # noqa: B018 - exported here
        nodes = [n.op_type for n in onnx.load(str(reader.onnx.file)).graph.node]
        assert nodes.count(op) == 6 and "Softmax" not in nodes


@pytest.mark.parametrize("damage", ["missing", "truncated", "flipped", "hash-missing"])
def test_a_missing_or_damaged_graph_is_exported_again(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture, embedder: Embedder
) -> None:
    made = Embedder(cache=tmp_path)
    want = made.encode_query("What does NATO say about Ukraine?")
    file = made.onnx.file
    data = file.read_bytes()
    if damage == "missing":
        file.unlink()
    elif damage == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        i = len(data) // 2
        file.write_bytes(data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :])
    else:
        made.onnx._hash_file.unlink()
    fresh = Embedder(cache=tmp_path)
    got = fresh.encode_query("What does NATO say about Ukraine?")
    assert float(got @ want) > 0.9999
    assert fresh.onnx.sha256 == embedder.onnx.sha256
    assert file.read_bytes() == data
    if damage != "missing":
        assert "exporting it again" in caplog.text


def test_an_unwritable_cache_is_refused_with_the_fix_named(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(EngineError, match="QUOTEBOT_CACHE_DIR"):
        Embedder(cache=blocker / "cache").encode_query("hello")


def test_a_model_of_another_layout_is_refused_not_replaced(tmp_path: Path) -> None:
    """No silent fallback to another model or engine: the user is told what the engine needs."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "t5", "hidden_act": "relu"}')
    (model / "modules.json").write_text("[]")
    assert supported(model) is not None
    with pytest.raises(QuotebotError, match="cannot run in Quotebot's ONNX engine"):
        Embedder(model, cache=tmp_path / "cache")
    assert supported(default_model_path()) is None


def test_the_manifest_records_the_graph(tmp_path: Path, embedder: Embedder) -> None:
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Title\n\nThe alliance answered the security demands in writing.\n")
    report = run_index(
        IndexConfig(store=StoreConfig(index_dir=tmp_path / "index")), [docs], embedder=embedder
    )
    engine = report.manifest["engine"]
    assert engine == {
        "runtime": "onnxruntime",
        "export": engine["export"],
        "precision": PRECISION,
        "graph_sha256": embedder.onnx.sha256[:16],
    }


COLD_ASK = """
import sys
from bot.cli import app
try:
    app(["--index-dir", sys.argv[1], "ask", "Tomahawk missiles?", "--json"], standalone_mode=False)
finally:
    print("LOADED", sorted(m for m in ("torch", "sentence_transformers", "transformers", "onnx", "scipy") if m in sys.modules))
"""


@pytest.mark.subprocess
def test_a_cold_ask_imports_neither_torch_nor_sentence_transformers_nor_scipy(
    default_index: Any, embedder: Embedder
) -> None:
    embedder.onnx.sha256  # noqa: B018 - the graph is in the cache, as after any `quotebot index`
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_") or k == "QUOTEBOT_CACHE_DIR"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", COLD_ASK, str(default_index.store.index_dir)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=REPO,
    )
    assert out.returncode == 0, out.stderr
    assert '"quotes"' in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "LOADED []"


@pytest.mark.parametrize(
    "engine", [None, {"runtime": "onnxruntime", "export": "x", "precision": "fp32", "graph_sha256": "0" * 16}]
)
def test_an_index_from_before_the_engine_is_refused_by_readers_and_rebuilt_by_a_plain_run(
    tmp_path: Path, embedder: Embedder, engine: dict[str, str] | None
) -> None:
    """Vectors from another engine (an older Quotebot's PyTorch, another graph) must not be mixed
    with this one's: a read names `quotebot index`, which rebuilds by itself."""
    from typer.testing import CliRunner

    from bot.cli import app
    from bot.index_view import IndexView
    from index.errors import IndexMismatchError
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import Store, StoreConfig

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Title\n\nThe alliance answered the security demands in writing.\n")
    cfg = IndexConfig(store=StoreConfig(index_dir=tmp_path / "index"))
    first = run_index(cfg, [docs], embedder=embedder)
    store = Store(cfg.store)
    old = {k: v for k, v in first.manifest.items() if k != "engine"}
    if engine is not None:
        old["engine"] = engine
    store.write_manifest(old)  # as an older Quotebot (or another graph) left it
    with pytest.raises(
        IndexMismatchError, match=r"another version of Quotebot.*engine\..*run `quotebot index`"
    ):
        IndexView(store, embedder, cfg)
    result = CliRunner().invoke(
        app, ["--index-dir", str(tmp_path / "index"), "ask", "What did the alliance do?"]
    )
    assert result.exit_code == 1 and "run `quotebot index`" in " ".join(result.output.split())
    assert "Traceback" not in result.output

    report = run_index(cfg, [docs], embedder=embedder)
    assert report.rebuilt and report.added == 1
    assert any("splits or embeds text differently" in n.reason for n in report.notes)
    assert store.read_manifest()["engine"] == embedder.engine
    IndexView(store, embedder, cfg)


def test_a_cache_folder_written_with_a_tilde_is_the_home_folder() -> None:
    """``QUOTEBOT_CACHE_DIR=~/.cache/quotebot`` in .env must not make a folder named "~"."""
    from index.engine import OnnxModel

    model = OnnxModel("key", lambda out: None, Path("~/.cache/quotebot-test"))
    assert model.folder == Path.home() / ".cache" / "quotebot-test"
