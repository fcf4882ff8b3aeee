"""How a loader change reads the documents we have: every round, test and corpus document loaded
and split by the working tree's ``index/`` and by another commit's, and the differences shown.

    python scripts/compare_loading.py                  # against HEAD: which documents read differently
    python scripts/compare_loading.py --against 5bbec9a --show 20    # and up to 20 differing lines each

A loader or section change should say which documents it reads differently, and how, before it is
kept (the loaded text is what gold quotes are copied from: ``tests/test_question_sets.py``). Each
side runs in its own process with its own ``index/`` package first on ``sys.path``, and dumps, per
document, the title, the loaded text, the section labels, the (sentence, section) pairs and the
passages' offsets.
Nothing is tuned here: the held-out rounds' documents are read, their questions are not.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Folders whose documents are compared (each file under them that a loader takes).
FOLDERS = (
    "corpus",
    "tests/data",
    "scripts/data/rounds",
)


def documents(root: Path = ROOT) -> list[Path]:
    """The documents compared, relative to ``root``: round ``docs/`` folders, the test sets'
    documents and the corpus (question files and notes are not documents)."""
    out = []
    for folder in FOLDERS:
        base = root / folder
        if not base.exists():
            continue
        for p in sorted(base.rglob("*")):
            if not p.is_file() or p.suffix.lower() in (".jsonl", ".json", ".py"):
                continue
            inside = p.relative_to(base).parts[:-1]
            if (
                folder != "corpus"
                and "docs" not in inside
                and not any(x.startswith("everyday") for x in inside)
            ):
                continue
            if p.name in ("loader-notes.md", "README.md"):
                continue
            out.append(p.relative_to(root))
    return out


def dump(paths: list[Path]) -> dict[str, Any]:
    """Load and analyse each document with the ``index`` package first on ``sys.path``."""
    from index.analysis import analyse
    from index.loaders import load_document
    from index.manifest import IndexConfig

    out: dict[str, Any] = {}
    for rel in paths:
        p = ROOT / rel
        try:
            doc = load_document(p, p.name, IndexConfig.max_file_bytes)  # the indexer's default limit
            a = analyse(doc, lambda s: len(s.split()))
        except Exception as exc:  # a document that fails to load is a difference too
            out[str(rel)] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        out[str(rel)] = {
            "title": doc.title,
            "text": doc.text,
            "sections": [s.label for s in a.sections],
            "sentences": [f"[{s.section}] {s.text}" for s in a.sentences],
            "passages": [f"{p.start}-{p.end}" for p in a.passages],
        }
    return out


def tree_at(commit: str, into: Path) -> Path:
    """``commit``'s ``index/`` package, unpacked under ``into``."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "index"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def run_side(tree: Path, out: Path) -> dict[str, Any]:
    """Dump the documents with ``tree``'s ``index/``, in a child process."""
    subprocess.run(
        [sys.executable, __file__, "--dump-into", str(out), "--tree", str(tree)],
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.read_text(encoding="utf-8"))


#: What is compared of each document, in the order shown.
_PARTS = ("title", "text", "sections", "sentences", "passages")


def differences(old: dict[str, Any], new: dict[str, Any], show: int) -> list[str]:
    """One line per document read differently (and up to ``show`` differing lines of each)."""
    lines = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name, {}), new.get(name, {})
        if a == b:
            continue
        parts = [k for k in ("error", *_PARTS) if a.get(k) != b.get(k)]
        lines.append(f"{name}: {', '.join(parts)} differ")
        if show:
            for key in parts:
                left = a.get(key, "")
                right = b.get(key, "")
                left_lines = left.splitlines() if isinstance(left, str) else list(left)
                right_lines = right.splitlines() if isinstance(right, str) else list(right)
                diff = [
                    d
                    for d in difflib.unified_diff(left_lines, right_lines, lineterm="", n=0)
                    if not d.startswith(("---", "+++", "@@"))
                ]
                lines.extend(f"    {key}: {d}".replace("\n", "\\n") for d in diff[:show])
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", default="HEAD", help="the commit to compare with (default: HEAD)")
    ap.add_argument("--show", type=int, default=0, help="differing lines shown per document (default: 0)")
    ap.add_argument("--dump-into", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump_into is not None:  # the child: this tree's index/ first on the path
        sys.path.insert(0, str(args.tree))
        args.dump_into.write_text(json.dumps(dump(documents())), encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="qb-compare-") as tmp:
        work = Path(tmp)
        old = run_side(tree_at(args.against, work / "old"), work / "old.json")
        new = run_side(ROOT, work / "new.json")
    found = differences(old, new, args.show)
    print("\n".join(found) if found else "")
    print(
        f"{len(new)} documents compared with {args.against}: {sum(1 for x in found if not x.startswith(' '))} read differently"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
