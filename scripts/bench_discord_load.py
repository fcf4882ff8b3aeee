"""Load check for the Discord front end: N concurrent /ask questions through the real handler path.

Each question goes through ``AskCog.answer_interaction`` (precheck → defer → semaphore → ``aask`` in
a worker thread → formatted follow-ups) with a fake interaction, against the real ``QuoteService``
over a temporary index of the default corpus (or ``--index-dir``). While they run, a ticker task
sleeps 10 ms at a time and records how late it wakes up: that lateness is what the gateway
heartbeat would suffer, so the worst one must stay well under a second.

Reported: completion time, worst event-loop stall, time to acknowledge (must be < 3 s for Discord),
per-question latency, and peak RSS memory. Exit code 1 if a check fails. A benchmark, not a test.

    .venv/bin/python scripts/bench_discord_load.py [--questions 200] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import discord

from bot.discord.bot import QuoteBot
from bot.service import QuoteService
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "Is NATO's door open to Ukraine?",
    "What does the U.S. response say about military exercises?",
    "What did El País publish?",
    "Does NATO want a constructive relationship with Moscow?",
    "What about nuclear risk reduction?",
    "Which treaty article is the Open Door Policy under?",
    "What should Russia withdraw from Georgia and Moldova?",
    "What is the recipe for pancakes?",
    "Who is the NATO Secretary General?",
    "What does the U.S. say about Russia's military build-up?",
]
_ids = itertools.count(1_200_000_000_000_000_000)


def rss_mb() -> float:
    """Current resident memory (Linux /proc); 0 where unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Probe:
    """A fake interaction (``spec_set`` mocks) that timestamps acknowledgement and follow-ups."""

    def __init__(self, bot: QuoteBot) -> None:
        self.started = 0.0
        self.acked: float | None = None
        self.finished: float | None = None
        self.events: list[str] = []
        self.embeds = 0
        inter = MagicMock(spec_set=discord.Interaction)
        inter.client = bot
        inter.id = next(_ids)
        user = MagicMock(spec_set=discord.User)
        user.id = next(_ids)  # a different user each: the per-user cooldown is not what is measured
        inter.user = user
        inter.channel = None
        response = AsyncMock(spec_set=discord.InteractionResponse)
        response.is_done.side_effect = lambda: self.acked is not None
        response.defer.side_effect = self._ack("defer")
        response.send_message.side_effect = self._ack("response.send_message")
        followup = AsyncMock(spec_set=discord.Webhook)
        followup.send.side_effect = self._followup
        inter.response, inter.followup = response, followup
        self.interaction = inter

    def _ack(self, name: str) -> Any:
        def ack(*args: Any, **kwargs: Any) -> None:
            self.events.append(name)
            self.acked = time.perf_counter()

        return ack

    def _followup(self, *args: Any, **kwargs: Any) -> Any:
        self.events.append("followup.send")
        self.embeds += len(kwargs.get("embeds", []))
        self.finished = time.perf_counter()
        msg = MagicMock(spec_set=discord.WebhookMessage)
        msg.id = next(_ids)
        return msg


async def ticker(stop: asyncio.Event, lateness: list[float], at: list[float]) -> None:
    """Sleep 10 ms repeatedly; record how much later than asked the loop woke us, and when."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        t0 = loop.time()
        await asyncio.sleep(0.01)
        lateness.append(loop.time() - t0 - 0.01)
        at.append(time.perf_counter())


def build_service(index_dir: Path | None, tmp: Path) -> QuoteService:
    """The service over ``index_dir``, or over a fresh index of the default corpus built in ``tmp``."""
    from index.embedder import Embedder
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    if index_dir is not None:
        return QuoteService(IndexConfig(store=StoreConfig(index_dir=index_dir)))
    config = IndexConfig(store=StoreConfig(index_dir=tmp))
    embedder = Embedder(config.model_path, config.batch_size)
    run_index(config, [ROOT / "corpus"], embedder=embedder)
    return QuoteService(config, embedder=embedder)


async def run(n: int, concurrency: int, index_dir: Path | None, tmp: Path) -> int:
    t0 = time.perf_counter()
    service = await asyncio.to_thread(build_service, index_dir, tmp)
    print(f"service ready in {time.perf_counter() - t0:.1f} s (index + model load)")
    settings = Settings(_env_file=None, discord_max_concurrency=concurrency)  # type: ignore[call-arg]
    bot = QuoteBot(settings, service)
    await bot.setup_hook()  # loads the cogs; no connection to Discord
    cog: Any = bot.get_cog("Ask")
    await service.aask("warm up")  # first-question costs are not what is measured
    rss_before = rss_mb()

    probes = [Probe(bot) for _ in range(n)]
    lateness: list[float] = []
    ticks_at: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(stop, lateness, ticks_at))
    await asyncio.sleep(0.05)

    async def one(i: int, probe: Probe) -> list[int]:
        probe.started = time.perf_counter()
        result: list[int] = await cog.answer_interaction(probe.interaction, QUESTIONS[i % len(QUESTIONS)])
        return result

    started = time.perf_counter()
    results = await asyncio.gather(*(one(i, p) for i, p in enumerate(probes)), return_exceptions=True)
    elapsed = time.perf_counter() - started
    stop.set()
    await tick
    await bot.close()

    failures = [r for r in results if isinstance(r, BaseException)]
    ok = [p for p, r in zip(probes, results, strict=True) if not isinstance(r, BaseException) and r]
    well_formed = [p for p in ok if p.events[:1] == ["defer"] and "followup.send" in p.events and p.embeds]
    ack = [p.acked - p.started for p in probes if p.acked is not None]
    latency = sorted(p.finished - p.started for p in ok if p.finished is not None)
    worst_stall = max(lateness) if lateness else 0.0
    worst_at = ticks_at[lateness.index(worst_stall)] - started if lateness else 0.0
    peak = peak_rss_mb()

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    print(f"questions:             {n} concurrent (service concurrency {concurrency})")
    refused = n - len(ok) - len(failures)
    print(f"completed:             {len(ok)} answered, {len(failures)} raised, {refused} refused")
    print(f"well-formed replies:   {len(well_formed)} (defer first, then follow-up with embeds)")
    print(f"completion time:       {elapsed:.2f} s ({n / elapsed:.1f} questions/s)")
    print(f"time to acknowledge:   max {max(ack) * 1000:.1f} ms (Discord allows 3 s)")
    print(
        f"question latency:      p50 {pct(latency, 0.5):.2f} s, p95 {pct(latency, 0.95):.2f} s, "
        f"max {latency[-1] if latency else float('nan'):.2f} s"
    )
    print(
        f"event-loop stall:      worst {worst_stall * 1000:.1f} ms, "
        f"mean {statistics.fmean(lateness) * 1000:.2f} ms "
        f"over {len(lateness)} ticks; worst at t={worst_at:.2f} s (must be < 1000 ms)"
    )
    print(f"memory:                peak RSS {peak:.0f} MB (RSS before the questions {rss_before:.0f} MB)")
    for exc in failures[:3]:
        print(f"failure: {type(exc).__name__}: {exc}")

    good = not failures and len(well_formed) == n and worst_stall < 1.0 and max(ack) < 3.0
    print("result:                " + ("PASS" if good else "FAIL"))
    return 0 if good else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=200, help="concurrent questions (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="questions in the service at once")
    parser.add_argument("--index-dir", type=Path, default=None, help="use this index instead of a temp one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qb-bench-", ignore_cleanup_errors=True) as tmp:
        return asyncio.run(run(args.questions, args.concurrency, args.index_dir, Path(tmp)))


if __name__ == "__main__":
    raise SystemExit(main())
