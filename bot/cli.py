"""The ``quotebot`` command: index documents, ask, chat, evaluate, run the Discord bot.

Heavy libraries (torch, sentence-transformers, chromadb, discord) are imported inside the commands
that need them, so ``quotebot --help`` is instant and ``ask`` never pays for Discord.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from .settings import Settings

app = typer.Typer(
    name="quotebot",
    help="Answers questions about documents with verified verbatim quotes.\n\n"
    "Start with `quotebot index` (the default corpus) or `quotebot index PATH`, then `quotebot chat`.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)
log = logging.getLogger(__name__)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn the core's errors into one red line and an exit code; never a traceback for a user error."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError
    from rich.markup import escape

    from .errors import QuotebotError

    try:
        yield
    except QuotebotError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(exc.exit_code) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        # The name a user writes in .env or the environment, not the field's.
        from .settings import Settings

        name = f"QUOTEBOT_{where.upper()}" if where in Settings.model_fields else where.upper()
        err.print(f"[bold red]error:[/] bad setting {name}: {first.get('msg')} (check .env)")
        raise typer.Exit(2) from None
    except SettingsError as exc:  # a value that is not even parseable (e.g. a list that is not JSON)
        err.print(f"[bold red]error:[/] bad setting: {escape(str(exc))} (check .env)", highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise typer.Exit(130) from None


def _settings(ctx: typer.Context) -> Settings:
    settings: Settings = ctx.obj
    return settings


@dataclass
class Launch:
    """What ``main`` learns from the command it ran (passed in as click's ``obj``, kept in ``meta``)."""

    #: The command only read (``ask``): the process may end without interpreter teardown.
    read_only: bool = False


LAUNCH = "quotebot.launch"


def _read_only(ctx: typer.Context) -> None:
    """Say that this command writes nothing, so that ``main`` may end the process at once after it."""
    launch = ctx.meta.get(LAUNCH)
    if isinstance(launch, Launch):
        launch.read_only = True


@app.callback()
def _global(
    ctx: typer.Context,
    index_dir: Annotated[
        Path | None,
        typer.Option(
            "--index-dir", help="Where the index lives (default: data/index; env QUOTEBOT_INDEX_DIR)."
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens, to stderr.")] = False,
) -> None:
    with friendly_errors():
        from .settings import Settings

        overrides: dict[str, Any] = {}
        if index_dir is not None:
            overrides["index_dir"] = index_dir
        settings = Settings(**overrides)
    logging.basicConfig(
        level=logging.INFO if verbose else getattr(logging, settings.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("chromadb", "httpx", "sentence_transformers", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose else logging.ERROR)
    ctx.meta[LAUNCH] = ctx.obj  # main()'s Launch, or None (a test's CliRunner)
    ctx.obj = settings


@app.command("index")
def index_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (.txt .md .html .pdf .docx .csv .tsv). Default: what the index was built from, "
            "or the bundled corpus."
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-embed everything into a fresh index.")
    ] = False,
    status: Annotated[
        bool, typer.Option("--status", help="Print the manifest and counts, change nothing.")
    ] = False,
) -> None:
    """Build or update the index: only changed documents are re-embedded."""
    settings = _settings(ctx)
    with friendly_errors():
        from index.connection import missing_index_message
        from index.pipeline import index_status, indexed_sources, run_index

        config = settings.index_config()
        if status:
            info = index_status(config)
            if info is None:
                err.print(missing_index_message(config.store.describe()))
                raise typer.Exit(1)
            info["reader"] = _reader_status(settings.reader, settings.reader_precision)
            _print_status(info)
            return
        targets = list(paths) if paths else indexed_sources(config, settings.corpus_dir)
        with _progress_bar("indexing") as bar:

            def progress(label: str, done: int, total: int) -> None:
                bar(f"indexing {label[:40]}", done, total)

            report = run_index(config, targets, rebuild=rebuild, progress=progress)
        _print_report(report, config.store.describe())
        if report.documents == 0:
            err.print(
                "[yellow]The index holds no documents, so there is nothing to ask about yet: add .txt, "
                ".md, .html, .pdf, .docx, .csv or .tsv files with text and run `quotebot index PATH`.[/]",
                highlight=False,
            )


def _print_report(report: Any, where: str) -> None:
    from .render import summary_rows

    table = Table(title=f"Index {where}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for k, v in summary_rows(report):
        table.add_row(k, v)
    console.print(table)
    for title, label, files in (
        ("Indexed with a note", "note", report.notes),
        ("Skipped files", "reason", report.skipped),
    ):
        if files:
            listing = Table(title=title, title_justify="left")
            listing.add_column("file", overflow="fold")
            listing.add_column(label, overflow="fold")
            for f in files:
                listing.add_row(f.path, f.reason)
            console.print(listing)


def _reader_for_eval(settings: Settings, ablations: bool) -> Any:
    """The committed reader for ``eval``: required when QUOTEBOT_READER is on; otherwise loaded only
    for the "reader on" ablation row, if it can be (skipped with a note if not)."""
    from .reader import Reader, ReaderError

    if not settings.reader and not ablations:
        return None
    try:
        return Reader(cache=settings.cache_dir, precision=settings.reader_precision)
    except ReaderError as exc:
        if settings.reader:
            raise
        err.print(f"[dim]no 'reader on' ablation row: {exc}[/]", highlight=False)
        return None


def _reader_status(enabled: bool, precision: str | None = None) -> str:
    """The reader line of ``index --status``: its version and arithmetic, "off", or why it cannot
    be used."""
    if not enabled:
        return "off (QUOTEBOT_READER=on turns it on; docs/reader.md)"
    from .reader import ReaderError, load_manifest

    try:
        m = load_manifest()
        m.decision_for(precision or m.precision)
    except ReaderError as exc:
        return f"unusable: {exc}"
    return f"{m.version} ({m.base_model}, layers {m.layers[0]}–{m.layers[-1]} retrained, {precision or m.precision})"


def _print_status(info: dict[str, Any]) -> None:
    table = Table(title="Index manifest", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key in (
        "model",
        "model_path",
        "dimension",
        "normalize",
        "chunker",
        "corpus_hash",
        "documents",
        "sections",
        "sentences",
        "passages",
        "generation",
        "sources",
        "created_at",
        "updated_at",
        "live_counts",
        "reader",
    ):
        value = info.get(key)
        table.add_row(
            key, json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
        )
    console.print(table)


def _service(settings: Settings, **kwargs: Any) -> Any:
    from .service import QuoteService

    return QuoteService.from_settings(settings, **kwargs)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            help="Answer only from this source: a section label or a name such as NATO or US.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the answer as JSON (see README for the shape).")
    ] = False,
    top: Annotated[
        int | None, typer.Option("--top", "-n", min=1, max=20, help="At most this many quotes.")
    ] = None,
) -> None:
    """Ask one question; print verified quotes grouped by source, or say the documents don't say."""
    settings = _settings(ctx)
    _read_only(ctx)
    with friendly_errors():
        service = _service(settings)
        answer = service.ask(question, source=source, top_k=top)
    if as_json:
        sys.stdout.write(json.dumps(answer.to_json_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    from .render import render_answer

    render_answer(console, answer)


@app.command()
def chat(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Start with this source pinned.")
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", "-n", min=1, max=20, help="At most this many quotes.")
    ] = None,
) -> None:
    """Interactive chat with history and follow-ups. /help lists the commands."""
    settings = _settings(ctx)
    with friendly_errors():
        service = _service(settings)
        from .chat import ChatSession

        ChatSession(
            service, console, source=source, top_k=top, history_file=settings.index_dir / "chat_history"
        ).run()


@app.command("eval")
def eval_cmd(
    ctx: typer.Context,
    questions: Annotated[
        Path | None,
        typer.Argument(help="Question file in Quotebot's JSONL format (see tests/data/README.md)."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus", help="Folder of documents the questions are about (default: the bundled corpus)."
        ),
    ] = None,
    squad: Annotated[
        Path | None,
        typer.Option("--squad", help="A SQuAD v1.1/v2.0 JSON file instead: paragraphs become documents."),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write metrics and every row as JSON here.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write report.md with PNG charts into this folder.")
    ] = None,
    compare_to: Annotated[
        Path | None, typer.Option("--compare", help="An earlier --json output to show the change against.")
    ] = None,
    gates: Annotated[
        list[str] | None,
        typer.Option("--min", help="Fail (exit 1) when METRIC is below VALUE, e.g. --min hit@3=0.95."),
    ] = None,
    split: Annotated[str, typer.Option("--split", help="all, dev or test.")] = "all",
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=20, help="Quotes per answer.")] = 3,
    near: Annotated[
        bool,
        typer.Option(
            "--near-misses",
            help="With --squad: ask each question again with its gold paragraph hidden (the rest of "
            "its article kept); those rows (kind 'near-miss') should abstain, and count in the "
            "abstention metrics.",
        ),
    ] = False,
    ablations: Annotated[
        bool,
        typer.Option(
            "--ablations/--no-ablations",
            help="Also run BM25-only, dense-only and hybrid pipelines, the full one without "
            "abstention, and the full one with the reader switched the other way (QUOTEBOT_READER).",
        ),
    ] = True,
) -> None:
    """Evaluate answers against a question set; print a report, optionally gate on metrics."""
    settings = _settings(ctx)
    with friendly_errors():
        from .evaluation.evaluate import evaluate, evaluation_config
        from .evaluation.report import compare, parse_gates, print_report, read_earlier, write_markdown

        parsed = parse_gates(gates or [])
        earlier = read_earlier(compare_to) if compare_to else None
        the_corpus = corpus or settings.corpus_dir
        config = evaluation_config(
            settings.index_config(), squad or the_corpus, settings.index_dir_is_explicit, settings.corpus_dir
        )
        with _progress_bar("evaluating") as progress:
            result = evaluate(
                config,
                questions,
                squad,
                the_corpus,
                top_k=top,
                split=split,
                ablations=ablations,
                hide_gold=near,
                progress=progress,
                reader=_reader_for_eval(settings, ablations),
                use_reader=settings.reader,
            )
        print_report(console, result)
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
            console.print(f"[dim]wrote {json_out}[/]")
        if report:
            console.print(f"[dim]wrote {write_markdown(result, report)}[/]")
        if earlier is not None:
            compare(console, result, earlier)
        _exit_on_failed_gates(result, parsed)


def _exit_on_failed_gates(result: dict[str, Any], gates: dict[str, float]) -> None:
    """Exit 1 when a quote failed verification or a ``--min`` gate is not met, saying which."""
    from .evaluation.report import check_gates

    if result["metrics"]["overall"].get("verbatim_rate", 1.0) < 1.0:
        err.print("[bold red]error:[/] some quotes failed verification (verbatim rate below 100%)")
        raise typer.Exit(1)
    failures = check_gates(result["metrics"], gates)
    for f in failures:
        err.print(f"[bold red]gate failed:[/] {f}")
    if failures:
        raise typer.Exit(1)


@contextmanager
def _progress_bar(first: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr for long work; yields ``progress(stage, done, total)``, the stage
    naming what is counted (files indexed, questions asked…)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(first, total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=stage)

        yield progress


@app.command()
def discord(ctx: typer.Context) -> None:
    """Run the Discord bot (token from QUOTEBOT_DISCORD_TOKEN in .env)."""
    settings = _settings(ctx)
    with friendly_errors():
        from .discord.runner import run_discord

        code = run_discord(settings)
    raise typer.Exit(code)


def main() -> None:
    """The ``quotebot`` console script and ``python -m bot``.

    After a read-only command (``ask``) the process ends as soon as its output is flushed, without
    the interpreter's teardown: freeing the model's session, Chroma's client and a few hundred
    thousand objects takes ~0.4 s, a fifth of a cold ask, and matters to nothing once the answer is
    out. Commands that write (``index``) or serve (``discord``) end the usual way, so Chroma closes
    its files. Tests that drive ``app`` through a CliRunner never take this path.
    """
    launch = Launch()
    try:
        app(obj=launch)
    except SystemExit as end:
        if launch.read_only:
            _end_now(end.code)
        raise


def _end_now(code: object) -> None:
    """Flush what was printed and end the process with ``code`` (as ``SystemExit`` would)."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # SystemExit("message") prints it and exits 1
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):  # a closed pipe (`| head`) has nothing left to flush into
            stream.flush()
    os._exit(code or 0)
