"""Draw the read path from the code: the Runnable that ``QuoteService`` invokes, as Mermaid text.

    .venv/bin/python scripts/draw_chain.py [--llm]

The stages are drawn from ``bot.chain.build_chain`` itself (nothing is run, no index is needed), so
the picture in docs/architecture.md can be checked against the code at any time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.chain import Stages, build_chain


def mermaid(with_llm: bool = False) -> str:
    """The chain's graph as Mermaid; the stages are wired but never called."""
    nothing = cast(Any, None)
    stages = Stages(nothing, nothing, nothing)
    chain = build_chain(stages, (lambda answer: answer) if with_llm else None)
    return chain.get_graph().draw_mermaid(with_styles=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--llm", action="store_true", help="include the optional LLM stage")
    print(mermaid(ap.parse_args().llm))


if __name__ == "__main__":
    main()
