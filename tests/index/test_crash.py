"""A writer killed with SIGKILL in the middle of a run must leave the previous index usable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from writepath_helpers import REPO, verify_store

from index.manifest import IndexConfig
from index.pipeline import run_index
from index.store import Store, StoreConfig

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

TOPICS = [
    "harbour",
    "railway",
    "orchard",
    "library",
    "glacier",
    "market",
    "bridge",
    "vineyard",
    "observatory",
]
KILL_AFTER = 5  # documents reported done by the child before it is killed


def write_doc(folder: Path, name: str, i: int, version: int = 1) -> None:
    topic = TOPICS[i % len(TOPICS)]
    (folder / name).write_text(
        f"Report On The {topic.title()} {i}\n\n"
        f"The {topic} number {i} was inspected in week {i + version}. "
        f"Inspectors found {i * 3 + version} minor faults near the {topic}.\n\n"
        f"Follow Up\n\nRepairs at the {topic} will finish by month {i % 12 + 1} (version {version}).\n",
        encoding="utf-8",
    )


CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    def progress(label, done, total):
        print(f"DONE {{done}} {{total}} {{label}}", flush=True)

    cfg = IndexConfig(store=StoreConfig(index_dir=Path({index_dir!r})))
    print("START", flush=True)
    run_index(cfg, [Path({docs!r})], progress=progress)
    print("FINISHED", flush=True)
    """
)


def check_consistent(store: Store, generation: int) -> dict[str, dict]:
    """What a reader relies on: each document record has all its pieces and all its spans."""
    docs = store.documents(generation)
    verify_store(store, generation)
    for kind, key in (("sentences", "sentences"), ("passages", "passages")):
        live_spans: dict[str, int] = {}
        for _, _, m in store.scan(generation, kind):
            if m["doc_id"] in docs and m["doc_sha"] == docs[m["doc_id"]]["sha256"]:
                live_spans[m["doc_id"]] = live_spans.get(m["doc_id"], 0) + 1
        for doc_id, meta in docs.items():
            assert live_spans.get(doc_id, 0) == meta[key], (kind, doc_id)
    return docs


def test_killed_writer_leaves_the_previous_index_intact(tmp_path, embedder):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        write_doc(docs, f"a{i:02d}.txt", i)
    index_dir = tmp_path / "index"
    cfg = IndexConfig(store=StoreConfig(index_dir=index_dir))

    # 1. the previous index, from a smaller set
    store = Store(cfg.store)
    first = run_index(cfg, [docs], embedder=embedder, store=store)
    assert first.documents == 3
    manifest = store.read_manifest()
    old_texts = verify_store(store, manifest["generation"])
    # let go of the embedded Chroma so the child and the later checks see the files, not this process' cache
    store.client.close()

    # 2. a bigger run: one document edited (it is processed early), 37 new ones
    write_doc(docs, "a01.txt", 1, version=2)
    for i in range(3, 40):
        write_doc(docs, f"b{i:02d}.txt", i)

    code = CHILD.format(repo=str(REPO), index_dir=str(index_dir), docs=str(docs))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONUNBUFFERED": "1"}
    stderr_path = tmp_path / "child.stderr"
    with stderr_path.open("w") as stderr:  # a file, not a pipe: a chatty child must not block on it
        child = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=stderr, text=True, env=env
        )
    seen: list[str] = []
    killed = False
    watchdog = threading.Timer(120, child.kill)  # a hung child must not hang the suite
    watchdog.start()
    try:
        assert child.stdout is not None
        for line in child.stdout:
            seen.append(line.strip())
            if line.startswith("DONE") and int(line.split()[1]) >= KILL_AFTER:
                os.kill(child.pid, signal.SIGKILL)
                killed = True
                break
    finally:
        watchdog.cancel()
        if child.poll() is None and not killed:
            child.kill()
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    err = stderr_path.read_text(errors="replace")
    assert killed, f"child never reported {KILL_AFTER} documents; output {seen}, stderr tail {err[-2000:]}"
    assert child.returncode == -signal.SIGKILL
    assert "FINISHED" not in seen

    # 3. the previous index still opens, its manifest is intact and its documents verify
    after = Store(cfg.store)
    assert after.read_manifest() == manifest
    gen = manifest["generation"]
    docs_now = check_consistent(after, gen)
    assert {"a00.txt", "a01.txt", "a02.txt"} <= set(docs_now)
    texts = verify_store(after, gen)
    assert texts["a00.txt"] == old_texts["a00.txt"] and texts["a02.txt"] == old_texts["a02.txt"]
    # the edited document is either wholly the old version or wholly the new one, never a mix
    assert texts["a01.txt"] in (old_texts["a01.txt"], (docs / "a01.txt").read_text(encoding="utf-8"))
    # and it still answers a query
    vector = embedder.encode_query("repairs at the railway").tolist()
    assert after.query(gen, "sentences", vector, 3)

    # 4. a normal run completes and cleans up after the crash
    report = run_index(cfg, [docs], embedder=embedder, store=after)
    assert report.documents == 40
    assert report.skipped == []
    assert report.unchanged + report.added + report.updated == 40
    final = after.read_manifest()
    final_docs = check_consistent(after, final["generation"])
    assert len(final_docs) == 40
    # no span is left over from the killed run: every record belongs to a live document version
    for kind in ("sentences", "passages"):
        records = list(after.scan(final["generation"], kind))
        assert all(m["doc_sha"] == final_docs[m["doc_id"]]["sha256"] for _, _, m in records)
        assert len(records) == final[kind]
    after.client.close()
