"""Optional LLM mode: a short answer text written by any OpenAI-compatible chat model.

The model only ever sees quotes that were already verified, and whatever it claims as a quote is
verified again: an exact match stays, a near-match is repaired to the exact source span (and marked
``repaired``), anything else is removed from the answer and reported in ``Answer.dropped``.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from prompts import load_all

from .errors import QuotebotError
from .index_view import IndexView
from .models import Answer, Quote

log = logging.getLogger(__name__)

REPAIR_RATIO = 0.85
MAX_ANSWER_CHARS = 600
_QUOTED = re.compile(r"“([^”]{8,})”|\"([^\"]{8,})\"")


def make_chat_model(settings: Any) -> Any:
    """A langchain-core chat model for the configured endpoint (needs the ``llm`` extra)."""
    if not settings.llm_base_url:
        raise QuotebotError(
            "LLM mode is on but QUOTEBOT_LLM_BASE_URL is not set; set it in .env or turn "
            "QUOTEBOT_LLM_ENABLED off"
        )
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise QuotebotError("LLM mode needs the optional extra: .venv/bin/pip install -e '.[llm]'") from None
    from pydantic import SecretStr

    key = settings.llm_api_key or SecretStr("not-needed")
    url = settings.llm_base_url  # a SecretStr too: a URL may carry credentials (user:password@host)
    return ChatOpenAI(
        base_url=url.get_secret_value() if isinstance(url, SecretStr) else url,
        model=settings.llm_model,
        api_key=key,
        timeout=settings.llm_timeout_s,
        max_retries=1,
        temperature=0,
    )


def _parse(raw: str) -> tuple[str, list[tuple[int | None, str]]]:
    """Answer text and claimed citations; tolerant of a model that ignores the JSON format."""
    text = raw.strip()
    match = re.search(r"\{.*\}", text, re.S)
    if match:
        try:
            data = json.loads(match.group(0))
            answer = str(data.get("answer", "")).strip()
            claims = []
            for c in data.get("citations", []) or []:
                if isinstance(c, dict) and isinstance(c.get("text"), str):
                    n = c.get("quote")
                    claims.append(
                        (int(n) if isinstance(n, int | str) and str(n).isdigit() else None, c["text"])
                    )
            return answer, claims
        except (ValueError, AttributeError, TypeError):
            pass
    # Free text: anything it puts in quotation marks is a claimed quote.
    claims = [(None, a or b) for a, b in _QUOTED.findall(text)]
    return text, claims


def _best_span(claim: str, quotes: list[Quote], view: IndexView) -> tuple[Quote, str, int, int, float] | None:
    """The closest exact span to a claimed quote, among the sentences of the given quotes."""
    best: tuple[Quote, str, int, int, float] | None = None
    for q in quotes:
        doc = view.text(q.doc_id) or ""
        region = doc[q.start : q.end]
        if claim in region:
            s = q.start + region.index(claim)
            return q, claim, s, s + len(claim), 1.0
        sm = difflib.SequenceMatcher(None, region, claim, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size]
        if not blocks:
            continue
        lo = max(0, blocks[0].a - blocks[0].b)
        hi = min(len(region), lo + len(claim) + 8)
        # Snap to word boundaries inside the quote so the repair is a readable exact span.
        while lo > 0 and not region[lo - 1].isspace():
            lo -= 1
        while hi < len(region) and not region[hi].isspace():
            hi += 1
        span = region[lo:hi].strip()
        lo = region.index(span, lo) if span else lo
        ratio = difflib.SequenceMatcher(None, span, claim, autojunk=False).ratio()
        if best is None or ratio > best[4]:
            best = (q, span, q.start + lo, q.start + lo + len(span), ratio)
    return best


def check_claims(answer: Answer, raw: str, view: IndexView) -> Answer:
    """Fill ``answer.answer`` from the model's output, verifying every claimed quote."""
    text, claims = _parse(raw)
    for n, claim in claims:
        pool = answer.quotes
        if n is not None and 1 <= n <= len(answer.quotes):
            pool = [answer.quotes[n - 1], *[q for q in answer.quotes if q is not answer.quotes[n - 1]]]
        found = _best_span(claim, pool, view)
        if found and found[4] == 1.0:
            continue
        if found and found[4] >= REPAIR_RATIO:
            q, span, start, end, _ = found
            doc = view.text(q.doc_id) or ""
            if doc[start:end] == span:
                text = text.replace(claim, span)
                # the line's label still opens the repaired span's line
                kept = q.line_label_end is not None and "\n" not in doc[q.line_label_end : start]
                answer.quotes.append(
                    Quote(
                        text=span,
                        doc_id=q.doc_id,
                        title=q.title,
                        section=q.section,
                        start=start,
                        end=end,
                        score=q.score,
                        quotation=q.quotation,
                        repaired=True,
                        columns=q.columns,  # cut from a row, it keeps the row's header
                        columns_start=q.columns_start,
                        columns_end=q.columns_end,
                        line_label=q.line_label if kept else None,
                        line_label_start=q.line_label_start if kept else None,
                        line_label_end=q.line_label_end if kept else None,
                    )
                )
                continue
        answer.dropped.append(claim)
        text = text.replace(claim, "[unverified quote removed]")
    answer.answer = text[:MAX_ANSWER_CHARS].strip() or None
    return answer


def format_quotes(quotes: list[Quote]) -> str:
    return "\n".join(f"[{i}] ({q.section}) {q.text}" for i, q in enumerate(quotes, 1))


def make_llm_step(chat_model: Any, view: IndexView) -> Callable[[Answer], Answer]:
    """The llm stage: a short answer text written from quotes already picked and verified; what the
    model claims to quote is verified again (``check_claims``)."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    templates = load_all()
    prompt = ChatPromptTemplate.from_messages(
        [("system", templates["answer_system.txt"]), ("human", templates["answer_user.txt"])]
    )
    chain = prompt | chat_model | StrOutputParser()

    def step(answer: Answer) -> Answer:
        if answer.abstained or not answer.quotes:
            return answer
        try:
            raw = chain.invoke({"question": answer.question, "quotes": format_quotes(answer.quotes)})
        except Exception as exc:  # any endpoint failure: keep the verified quotes, say what happened
            log.warning("LLM call failed: %s", type(exc).__name__)
            answer.notes.append(f"the LLM endpoint failed ({type(exc).__name__}); quotes only")
            return answer
        return check_claims(answer, str(raw), view)

    return step


__all__ = ["check_claims", "make_chat_model", "make_llm_step"]
