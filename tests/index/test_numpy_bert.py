"""The NumPy query encoder gives the same embeddings as sentence-transformers, without torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.embedder import Embedder, default_model_path
from index.numpy_bert import NumpyBert, supported

TEXTS = [
    "What does NATO say about Ukraine?",
    "Tomahawk missiles?",
    "Café au lait — “quoted” text, U.S. Response, 5+2 talks, Jens Stoltenberg.",
    "word " * 600,  # longer than the model's 256 word pieces: truncated the same way
    "Ничего не сказано. 中文问题？",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_embedding_as_sentence_transformers(embedder: Embedder, text: str) -> None:
    fast = NumpyBert(default_model_path()).encode(text)
    slow = embedder.encode([text])[0]
    assert fast.shape == slow.shape == (384,)
    assert float(np.dot(fast, slow)) > 0.9999


def test_packaged_model_is_supported_and_a_foreign_folder_is_not(tmp_path: Path) -> None:
    assert supported(default_model_path())
    assert not supported(tmp_path)


def test_query_path_does_not_import_torch(tmp_path: Path, embedder: Any) -> None:
    code = (
        "import sys; from index.embedder import Embedder; e = Embedder(); v = e.encode_query('hello there'); "
        "assert v.shape == (384,); print('torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "False"
