"""Large-corpus indexing benchmark: generate ``--mb`` MB of English-like text, index it with ``quotebot index``.

A benchmark that prints figures, not a test. Offline and deterministic (``--seed``):

1. generate a folder of documents totalling ``--mb`` (50) MB: about 8 files per MB (400 at 50 MB) of
   log-normally varied size (2 KB to 1.5 MB), in 10 sub-folders, 60% ``.txt``, 30% ``.md``, 10% ``.html``;
   each has a title and sections under headings (Markdown ``##``, HTML ``<h2>``, or title-cased lines
   standing alone in plain text), paragraphs of 2–7 sentences built from word lists and sentence
   templates (~15 words on average; with abbreviations such as "U.S." and "Dr.", numbers, dates, percentages,
   quotations and questions, so section and sentence splitting are exercised);
2. index it from scratch with ``quotebot --index-dir DIR index FOLDER`` in a new process (into a
   temporary folder, or ``--work-dir``; never the default index), or with ``--server`` into a
   ``chroma run`` server started on a free loopback port for the run and stopped afterwards;
3. report wall time, peak RSS of the indexing process (``ru_maxrss`` from ``wait4``) and, with
   ``--server``, of the server (sampled), the counts of documents, sections, sentences and passages
   (from the manifest), and throughput: MB/min, documents/min, sentences/s and embedded spans/s
   (sentences and passages are both embedded). While it runs, a progress line every ``--progress``
   seconds shows the indexing process's RSS and CPU use and the size of the index on disk, with a rough
   share done (the finished index takes ~50× the input on disk; measured at 2 MB).

WARNING: this is slow on a 2-core machine. Every sentence and every passage is embedded (1 MB of this
text is ~10,700 sentences + ~1,800 passages), and a whole `quotebot index` run goes at ~60 embedded
spans/s here (~85% of it in the model; measured with one torch thread, load average 1–3): 2 MB takes
~7–15 minutes, 10 MB ~35 minutes, 50 MB an estimated ~3 hours and ~4 GB of RAM (peak RSS grows by
~5 KB per span). Start with a small ``--mb`` (2) as a quick check; on a busy machine pass
``--torch-threads 1``. The index takes ~50× the input on disk (2.7 GB for 50 MB).

    .venv/bin/python scripts/bench_index_large.py --mb 2                    # quick check
    .venv/bin/python scripts/bench_index_large.py [--mb 50] [--server] [--torch-threads 1] [--json OUT]
"""

from __future__ import annotations

import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bench import (
    QUOTEBOT,
    ChromaServer,
    add_run_args,
    exit_on_sigterm,
    new_parser,
    offline_env,
    print_load_average,
    print_table,
    rss_mb,
    run_header,
    set_offline_defaults,
    write_json,
)

set_offline_defaults()

#: Size of a finished on-disk index per byte of generated input (107 MB for 2 MB, measured), for progress.
DISK_PER_INPUT = 53.5


# -- text generation --------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words(
    """committee government report agreement market company village river council engineer teacher
budget policy treaty harbour museum farmer hospital proposal network station bridge library region
minister contract survey election industry school university railway airport factory province harvest
border delegation scientist journalist program court witness landlord tenant festival archive
document inspector ministry agency project meeting vote tax reform pension vaccine patient doctor
battery engine pipeline reservoir forest coastline storm drought flood crop price wage worker union
student lecture exhibition painting manuscript translation dialect newspaper editor audience broadcast
software server database algorithm sensor satellite telescope laboratory experiment sample theory
model estimate forecast deficit surplus loan bank investor shareholder merger supplier customer
warehouse shipment port ferry tunnel highway district mayor governor senator ambassador embassy
summit negotiator ceasefire mission convoy regiment officer commander veteran memorial monument
cathedral castle garden orchard vineyard cooperative charity volunteer donor grant audit scandal
inquiry hearing verdict appeal lawyer judge statute clause amendment charter constitution"""
)
VERBS = _words(
    """approve reject review announce describe support oppose examine consider expand reduce improve
delay finance publish discuss question confirm request propose deliver protect inspect measure
estimate monitor extend replace restore organise invest consult negotiate sign ratify suspend launch
complete design test record analyse compare predict warn urge praise criticise defend challenge
investigate document translate preserve repair upgrade install transport export import distribute
collect reward train recruit evaluate welcome postpone cancel accept"""
)
ADJECTIVES = _words(
    """new old large small local national regional annual public private northern southern eastern
western rural urban early late final initial formal informal detailed brief costly modest significant
minor major recent former current temporary permanent independent joint careful rapid gradual steady
sharp broad narrow strict flexible ambitious cautious effective uncertain reliable controversial popular
historic modern ancient remote coastal industrial agricultural financial legal medical technical
cultural military diplomatic economic political scientific environmental digital"""
)
ADVERBS = _words(
    """quickly slowly carefully openly quietly firmly largely partly briefly recently eventually
formally publicly privately repeatedly initially finally clearly strongly widely"""
)
PREPS = ["in", "near", "across", "throughout", "beyond", "along", "outside", "within", "around"]
PLACES = _words(
    """Oslo Lisbon Vienna Krakow Tallinn Geneva Porto Bergen Seville Ghent Tartu Lyon Turin Riga Malmo
Cork Utrecht Brno Gdansk Bilbao Aarhus Graz Leipzig Bologna Split Varna Kaunas Tampere Salzburg Nantes"""
)
SURNAMES = _words(
    """Novak Berg Hansen Moreau Rossi Keller Lindqvist Horvat Silva Kowalski Dubois Jensen Schmidt
Costa Nielsen Fischer Walsh Murphy Petrov Ivanova Okafor Mensah Tanaka Sato Kim Park Chen Wong Garcia
Lopez Martin Brennan Doyle Quinn Shah Patel Singh Haddad Karim Farouk"""
)
TITLES = ["Dr.", "Mr.", "Ms.", "Prof.", "Gen.", "Sen.", "Gov.", "Capt."]
ORGS = [
    "the U.S. Department of Energy",
    "the European Commission",
    "the regional council",
    "the U.N. Security Council",
    "the Ministry of Finance",
    "the national statistics office",
    "the port authority",
    "the university senate",
    "the central bank",
    "the U.K. Treasury",
    "the Red Cross",
    "the workers' union",
]
MONTHS = _words("January February March April May June July August September October November December")


def _past(v: str) -> str:
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ied"
    return v + "ed"


def _third(v: str) -> str:
    if v.endswith(("s", "x", "ch", "sh")):
        return v + "es"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ies"
    return v + "s"


def _plural(n: str) -> str:
    if n.endswith(("s", "x", "ch", "sh")):
        return n + "es"
    if n.endswith("y") and n[-2] not in "aeiou":
        return n[:-1] + "ies"
    return n + "s"


class TextGen:
    """English-like sentences, paragraphs and headings from word lists and templates (seeded)."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def np(self) -> str:
        """A noun phrase."""
        r = self.r
        k = r.random()
        if k < 0.45:
            return f"the {r.choice(ADJECTIVES)} {r.choice(NOUNS)}"
        if k < 0.7:
            return f"the {r.choice(NOUNS)}"
        if k < 0.85:
            return f"{r.randint(2, 950)} {r.choice(ADJECTIVES)} {_plural(r.choice(NOUNS))}"
        return f"the {r.choice(NOUNS)} of {r.choice(PLACES)}"

    def person(self) -> str:
        return f"{self.r.choice(TITLES)} {self.r.choice(SURNAMES)}"

    def when(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.4:
            return f"in {r.randint(1995, 2024)}"
        if k < 0.7:
            return f"on {r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(1995, 2024)}"
        return r.choice(["last year", "this spring", "after the election", "before the summit", "in the end"])

    def pp(self) -> str:
        return f"{self.r.choice(PREPS)} {self.r.choice(PLACES)}"

    def clause(self) -> str:
        r = self.r
        k = r.randrange(7)
        if k == 0:
            return f"{self.np()} {_past(r.choice(VERBS))} {self.np()} {self.pp()}"
        if k == 1:
            return f"{self.person()} said that {self.np()} would {r.choice(VERBS)} {self.np()} {self.when()}"
        if k == 2:
            return f"{r.choice(ORGS)} {_past(r.choice(VERBS))} {self.np()} {self.when()}"
        if k == 3:
            pct = f"{r.randint(1, 60)}.{r.randint(0, 9)} percent"
            return f"{self.np()} {r.choice(['rose', 'fell', 'grew', 'shrank'])} by {pct} {self.when()}"
        if k == 4:
            return f"the {r.choice(NOUNS)} {_third(r.choice(VERBS))} {self.np()} {r.choice(ADVERBS)}"
        if k == 5:
            return f"{self.np()} was {_past(r.choice(VERBS))} by {self.np()} {self.pp()}"
        return f"{self.person()} {_past(r.choice(VERBS))} {self.np()}, {r.choice(['as', 'while', 'because'])} {self.np()} {_past(r.choice(VERBS))} {self.np()}"

    def sentence(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.08:  # a quotation
            s = f"“{self.clause().capitalize()},” {r.choice(['said', 'wrote', 'added'])} {self.person()}."
        elif k < 0.12:  # a question
            s = f"Why did {self.np()} {r.choice(VERBS)} {self.np()} {self.when()}?"
        elif k < 0.4:  # two clauses
            s = f"{self.clause()}, {r.choice(['and', 'but', 'while', 'although'])} {self.clause()}."
        elif k < 0.5:
            s = f"{r.choice(['However', 'In practice', 'Meanwhile', 'As a result', 'By contrast'])}, {self.clause()}."
        else:
            s = f"{self.clause()}."
        return s[0].upper() + s[1:]

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.r.randint(2, 7)))

    def heading(self) -> str:
        r = self.r
        k = r.randrange(4)
        if k == 0:
            words = [r.choice(ADJECTIVES), r.choice(NOUNS), "and", r.choice(NOUNS)]
        elif k == 1:
            words = ["The", r.choice(NOUNS), r.choice(NOUNS)]
        elif k == 2:
            words = [r.choice(PLACES), r.choice(NOUNS), r.choice(["Review", "Report", "Plan", "Response"])]
        else:
            words = [r.choice(NOUNS), "of", "the", r.choice(ADJECTIVES), r.choice(NOUNS)]
        return " ".join(w if w in ("and", "of", "the") else w[0].upper() + w[1:] for w in words)


def render(kind: str, title: str, sections: list[tuple[str, list[str]]]) -> str:
    if kind == "md":
        parts = [f"# {title}"]
        for head, paras in sections:
            parts += [f"## {head}", *paras]
        return "\n\n".join(parts) + "\n"
    if kind == "html":
        body = [f"<h1>{html.escape(title)}</h1>"]
        for head, paras in sections:
            body.append(f"<h2>{html.escape(head)}</h2>")
            body += [f"<p>{html.escape(p)}</p>" for p in paras]
        return (
            f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>\n"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n"
        )
    parts = [title]
    for head, paras in sections:
        parts += [head, *paras]
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, mb: float, seed: int) -> dict[str, Any]:
    """Write the documents; their number, bytes and kinds."""
    rng = random.Random(seed)
    gen = TextGen(rng)
    total = int(mb * 1_000_000)
    n_files = max(4, round(mb * 8))
    weights = [rng.lognormvariate(0.0, 0.9) for _ in range(n_files)]
    scale = total / sum(weights)
    sizes = [min(1_500_000, max(2_000, int(w * scale))) for w in weights]
    written, kinds = 0, {"txt": 0, "md": 0, "html": 0}
    for i, size in enumerate(sizes):
        remaining_files = n_files - i
        size = max(2_000, min(1_500_000, size, (total - written) - 2_000 * (remaining_files - 1)))
        if i == n_files - 1:
            size = max(2_000, min(1_500_000, total - written))
        k = rng.random()
        kind = "txt" if k < 0.6 else "md" if k < 0.9 else "html"
        title = gen.heading()
        sections: list[tuple[str, list[str]]] = []
        chars = len(title)
        while chars < size:
            head = gen.heading()
            paras = [gen.paragraph() for _ in range(rng.randint(2, 8))]
            sections.append((head, paras))
            chars += len(head) + sum(len(p) + 2 for p in paras)
        text = render(kind, title, sections)
        sub = folder / f"part-{i % 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        data = text.encode("utf-8")
        (sub / f"doc-{i:04d}-{slug}.{kind}").write_bytes(data)
        written += len(data)
        kinds[kind] += 1
    return {"files": n_files, "bytes": written, "kinds": kinds}


# -- running and measuring --------------------------------------------------------------------------
def dir_mb(path: Path) -> float:
    total = 0
    for p in path.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total / 2**20


def run_measured(
    cmd: list[str],
    env: dict[str, str],
    cwd: Path,
    log_path: Path,
    every: float,
    on_tick: Callable[[float], str],
) -> dict[str, Any]:
    """Run ``cmd`` (output to ``log_path``); wall time, exit code, its own peak RSS (wait4), and a
    progress line every ``every`` seconds (elapsed, RSS, CPU use, plus ``on_tick(elapsed)``)."""
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        ps: Any = None
        try:
            import psutil

            ps = psutil.Process(proc.pid)
        except ImportError:
            pass
        next_tick, last_cpu, last_t = t0 + every, 0.0, t0
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                time.sleep(0.5)
                now = time.perf_counter()
                if now >= next_tick:
                    next_tick += every
                    try:
                        cpu = sum(ps.cpu_times()[:2]) if ps else 0.0
                        rss = rss_mb(proc.pid)
                    except Exception:
                        continue
                    cpu_pct = 100 * (cpu - last_cpu) / (now - last_t)
                    last_cpu, last_t = cpu, now
                    print(
                        f"  {now - t0:7.0f} s · indexer RSS {rss:6.0f} MB · CPU {cpu_pct:4.0f}% · "
                        f"{on_tick(now - t0)} · load {os.getloadavg()[0]:.2f}",
                        flush=True,
                    )
        except BaseException:
            print(f"stopping the indexing process after {time.perf_counter() - t0:.0f} s", flush=True)
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            raise
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": seconds,
        "returncode": proc.returncode,
        "maxrss_mb": usage.ru_maxrss / 1024,
        "cpu_s": usage.ru_utime + usage.ru_stime,
    }


def main() -> int:
    ap = new_parser(__doc__)
    ap.add_argument(
        "--mb",
        type=float,
        default=50.0,
        help="size of the generated corpus in MB (default: %(default)s — an estimated 3 hours on 2 cores; "
        "try 2 first)",
    )
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated text (default: %(default)s)")
    ap.add_argument(
        "--server",
        action="store_true",
        help="index into a `chroma run` server started on a free loopback port (stopped afterwards) "
        "instead of a folder",
    )
    ap.add_argument(
        "--index-dir",
        type=Path,
        default=None,
        help="where the index goes; must not exist yet (default: inside the work folder)",
    )
    ap.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where the documents, index and logs go, kept afterwards (default: a temporary folder, removed)",
    )
    ap.add_argument(
        "--progress", type=float, default=60.0, help="seconds between progress lines (default: %(default)s)"
    )
    add_run_args(
        ap,
        "OMP_NUM_THREADS for the indexing process (default: torch's own choice; 1 helps on a "
        "machine shared with other CPU-heavy work)",
    )
    args = ap.parse_args()
    exit_on_sigterm()  # so `finally` stops the server, cleans up
    if not QUOTEBOT.exists():
        raise SystemExit(f"no console script at {QUOTEBOT}; run with the project's .venv/bin/python")
    if args.index_dir is not None and args.index_dir.exists():
        ap.error(
            f"--index-dir {args.index_dir} exists; this benchmark indexes from scratch into a new folder"
        )

    temp = None
    if args.work_dir is None:
        temp = tempfile.mkdtemp(prefix="qb-bench-large-")
        work = Path(temp)
    else:
        work = args.work_dir.resolve()
        work.mkdir(parents=True, exist_ok=True)
    figures = run_header("bench_index_large")
    print(f"work dir {work}")
    server: ChromaServer | None = None
    try:
        docs = work / "docs"
        if docs.exists():
            shutil.rmtree(docs)
        t0 = time.perf_counter()
        made = generate(docs, args.mb, args.seed)
        gen_s = time.perf_counter() - t0
        mb_in = made["bytes"] / 1_000_000
        print(
            f"generated {made['files']} files, {mb_in:.2f} MB ({made['kinds']['txt']} .txt, "
            f"{made['kinds']['md']} .md, {made['kinds']['html']} .html) in {gen_s:.1f} s, seed {args.seed}"
        )

        index_dir = (args.index_dir or work / "index").resolve()
        extra = {"OMP_NUM_THREADS": str(args.torch_threads)} if args.torch_threads else {}
        if args.server:
            server = ChromaServer(work).start()
            print(f"started chroma run on {server.host}:{server.port} (pid {server.pid}, data {server.data})")
            extra.update(
                QUOTEBOT_CHROMA_HOST=server.host,
                QUOTEBOT_CHROMA_PORT=str(server.port),
                QUOTEBOT_CHROMA_NAMESPACE="qb-large",
            )
        env = offline_env(**extra)
        on_disk = server.data if server else index_dir
        server_peak = [0.0]

        def tick(_elapsed: float) -> str:
            disk = dir_mb(on_disk)
            line = f"index on disk {disk:7.0f} MB (~{disk / (DISK_PER_INPUT * mb_in):.0%} done)"
            if server and server.pid:
                rss = rss_mb(server.pid)
                server_peak[0] = max(server_peak[0], rss)
                line += f" · server RSS {rss:.0f} MB"
            return line

        cmd = [str(QUOTEBOT), "--index-dir", str(index_dir), "index", str(docs)]
        print(f"running: {' '.join(cmd)}" + (f" (env {extra})" if extra else ""), flush=True)
        res = run_measured(cmd, env, work, work / "index.log", args.progress, tick)
        if res["returncode"] != 0:
            tail = (work / "index.log").read_text(errors="replace")[-3000:]
            raise SystemExit(
                f"quotebot index failed ({res['returncode']}) after {res['seconds']:.0f} s:\n{tail}"
            )
        if server and server.pid:
            server_peak[0] = max(server_peak[0], rss_mb(server.pid))

        from index.manifest import IndexConfig
        from index.pipeline import index_status
        from index.store import StoreConfig

        store_cfg = StoreConfig(
            index_dir=index_dir,
            host=server.host if server else None,
            port=server.port if server else 8000,
            namespace="qb-large" if server else None,
        )
        status = index_status(IndexConfig(store=store_cfg)) or {}
        log_text = (work / "index.log").read_text(errors="replace")
        m = re.search(r"spans embedded\D+(\d+)", log_text)
        spans = int(m.group(1)) if m else int(status.get("sentences", 0)) + int(status.get("passages", 0))
        m = re.search(r"skipped files\D+(\d+)", log_text)
        skipped = int(m.group(1)) if m else 0
        secs = res["seconds"]
        disk = dir_mb(on_disk)
        n_docs, n_sent, n_pass = (int(status.get(k, 0)) for k in ("documents", "sentences", "passages"))
        rows: list[list[Any]] = [
            ["generated input", f"{made['files']} files, {mb_in:.2f} MB"],
            ["documents / sections indexed", f"{n_docs} / {status.get('sections', '?')} ({skipped} skipped)"],
            ["sentences / passages", f"{n_sent} / {n_pass}"],
            ["spans embedded", spans],
            ["wall time", f"{secs:.1f} s ({secs / 60:.1f} min)"],
            ["CPU time of the indexing process", f"{res['cpu_s']:.0f} s ({res['cpu_s'] / secs:.0%} of wall)"],
            ["peak RSS of the indexing process", f"{res['maxrss_mb']:.0f} MB"],
            ["throughput", f"{mb_in / (secs / 60):.2f} MB/min · {n_docs / (secs / 60):.1f} documents/min"],
            ["", f"{n_sent / secs:.1f} sentences/s · {spans / secs:.1f} embedded spans/s"],
            ["index size on disk", f"{disk:.0f} MB ({disk / max(mb_in, 1e-9):.0f}× the input)"],
        ]
        if server:
            rows.append(["chroma server peak RSS (sampled)", f"{server_peak[0]:.0f} MB"])
        est = 50 * secs / max(mb_in, 1e-9)
        print_table(
            f"Indexing {mb_in:.2f} MB of generated text from scratch with `quotebot index` in a new process "
            f"({'Chroma server' if server else 'on disk'})",
            ["what", "figure"],
            rows,
        )
        if mb_in < 50:
            print(f"\nlinear extrapolation to 50 MB: {est / 60:.0f} min")
        print_load_average("")
        figures.update(
            mb=mb_in,
            files=made["files"],
            kinds=made["kinds"],
            generate_s=gen_s,
            server=bool(server),
            documents=n_docs,
            sections=status.get("sections"),
            sentences=n_sent,
            passages=n_pass,
            spans=spans,
            skipped=skipped,
            seconds=secs,
            cpu_s=res["cpu_s"],
            maxrss_mb=res["maxrss_mb"],
            server_peak_rss_mb=server_peak[0] if server else None,
            mb_per_min=mb_in / (secs / 60),
            sentences_per_s=n_sent / secs,
            spans_per_s=spans / secs,
            disk_mb=disk,
            torch_threads=args.torch_threads,
        )
        write_json(args.json, figures)
    finally:
        if server is not None:
            server.stop()
            print(f"stopped chroma run (pid {server.pid})")
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
