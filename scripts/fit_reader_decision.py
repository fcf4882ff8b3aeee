"""Fit how the read stage weighs the reader (``bot/read.py``) on development questions only.

    python scripts/fit_reader_decision.py            # ~4 minutes; writes the decision into reader.json
    python scripts/fit_reader_decision.py --reader data/dev/reader-a --dry-run
    python scripts/fit_reader_decision.py --precision int8   # the int8 graph's decision, kept beside fp32's

Development questions, through the real read path (``Stages``): the ``dev`` split of the default
set, the ``dev`` documents of the everyday set, the second everyday set (all development:
``tests/data/eval_everyday_dev.jsonl``), and the ``dev`` (even) XQuAD articles that the
reader's training data does not share, each also asked with its paragraph hidden (a near miss).
Test questions and held-out articles are never read here.

Four things are fitted, in order:

1. ``rerank``: how much a read sentence's reader margin adds to its ranker score, and whether it
   does so only on questions that ask for a kind of detail (``rerank_kinds_only``: the factoid
   questions a SQuAD reader was trained on), chosen for the best mean top-1 over the sets (top
   quotes under 200 characters on XQuAD);
2. the answer model: a logistic regression over ``bot.read.DECISION_INPUTS`` (answerable or not),
   each set weighing the same;
3. the threshold: the one that refuses the most unanswerable questions (mean over the sets) while
   refusing at most ``--max-refused`` of the answerable ones on average over the sets and at most
   twice that in any one (the everyday set has 48 answerable development questions: one refusal
   is 2%), with or without the hand-written detail rule (``bot.focus``), whichever does better;
4. ``skip_above``: the lowest ranker confidence at which the read stage may skip the reader
   (``bot.read.skips``) without changing any development refusal or costing more than
   ``READ_TOP_SLACK`` of top-1: most of a reader-on answer's time goes to the reader;
with ``--lone``, after 1, ``lone_lead``: the smallest lead of the ranker's best candidate over its second at
which the read stage may read the best one alone (``bot.read.windows_to_read``) with top-1 within
``READ_TOP_SLACK`` of the best; the answer model and the threshold are then fitted on the margins
as the read stage reads them (one window for those questions).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _bench import auc  # noqa: E402
from _devsets import (  # noqa: E402
    default_set,
    everyday_dev_set,
    everyday_set,
    outside_squad2,
    round_set,
    xquad_set,
)

from bot.chain import Request  # noqa: E402
from bot.decide import decide  # noqa: E402
from bot.evaluation.dataset import EvalItem, near_misses  # noqa: E402
from bot.evaluation.rows import score_row  # noqa: E402
from bot.ranker import Ranked  # noqa: E402
from bot.read import (  # noqa: E402
    DECISION_INPUTS,
    Reading,
    context_of,
    decision_inputs,
    lead,
    reading,
    weigh,
    windows_to_read,
)
from bot.reader import PRECISIONS, READER_DIR, Reader  # noqa: E402
from bot.service import QuoteService  # noqa: E402
from bot.understand import Understood  # noqa: E402
from index.embedder import Embedder  # noqa: E402

RERANK_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5)
#: How many candidates the read stage may read: fewer windows, less time (the read stage's time is
#: proportional to the word pieces read). The fewest within ``READ_TOP_SLACK`` of the best top-1 win.
READ_TOPS = (1, 2, 3, 5)
READ_TOP_SLACK = 0.005
#: Ranker confidences at or above which the read stage may skip the reader (``bot.read.skips``).
SKIP_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
#: Leads of the best candidate's ranker score over the second's at or above which the read stage
#: may read the best alone (``bot.read.windows_to_read``).
LONE_GRID = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


@dataclass
class Asked:
    """One development question taken as far as the read stage (the expensive part), once."""

    set: str
    item: EvalItem
    u: Understood
    ranked: Ranked
    #: The reading of the best n candidates, for each n of ``READ_TOPS``.
    got: dict[int, Reading]


def ask_all(
    name: str, service: QuoteService, items: list[EvalItem], reader: Reader, context: int | None = None
) -> list[Asked]:
    s = service.stages
    out = []
    for item in items:
        request = Request(item.question, hide_docs=frozenset(item.hidden_docs))
        u = s.understand(request)
        ranked = s.rank(s.candidates(s.embed(u), request.hide_docs))
        got = {n: reading(service.view, reader, ranked, u.search_query, n, context) for n in READ_TOPS}
        out.append(Asked(name, item, u, ranked, got))
    print(f"  {name}: {len(out)} questions ({sum(a.item.answerable for a in out)} answerable)", flush=True)
    return out


def outcome(
    service: QuoteService, a: Asked, decision: dict[str, float], skipped: bool = False
) -> tuple[dict, bool]:
    """The scored row (answered as if never abstaining), and whether the detail rule would refuse;
    ``skipped``: as the read stage answers when it skips the reader (``bot.read.skips``)."""
    got = Reading() if skipped else a.got[windows_to_read(a.ranked, decision)]
    r = weigh(a.ranked, got, decision, a.u.answer_type is not None)
    s = service.stages
    quotes = s.verify(s.pick(r.ranked, a.u, 3, None, r))
    row = score_row(a.item, [q.public() for q in quotes], False, a.set == "xquad")
    headers = s.headers(r.ranked, quotes)  # as the service's decide stage reads a table's row
    gap = not decide(a.u, r.ranked, quotes, threshold=0.0, detail_rule=True, headers=headers).answers
    return row, gap


def top1(rows: list[dict], squad: bool) -> float:
    key = "contained1" if squad else "hit1"
    vals = [float(r[key]) for r in rows if key in r]
    return float(np.mean(vals)) if vals else 0.0


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1e-2) -> tuple[np.ndarray, float]:
    """Weighted logistic regression by Newton's method (a few inputs; no library needed)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-xb @ beta))
        grad = xb.T @ (w * (p - y)) + l2 * np.r_[beta[:-1], 0]
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + l2 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def _chars(value: str) -> int:
    """``--context-chars``: a count of characters, 0 or more."""
    chars = int(value)
    if chars < 0:
        raise argparse.ArgumentTypeError(f"{value} is not 0 or more characters")
    return chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--reader", type=Path, default=READER_DIR, help="the reader folder (default: the shipped one)"
    )
    ap.add_argument(
        "--max-refused", type=float, default=0.05, help="answerable questions refused, mean of the sets"
    )
    ap.add_argument(
        "--precision",
        choices=PRECISIONS,
        default=None,
        help="the graph's arithmetic to fit for (default: the manifest's); another precision's decision "
        "is written beside the manifest's own (by_precision), for QUOTEBOT_READER_PRECISION",
    )
    ap.add_argument(
        "--rounds",
        type=Path,
        nargs="*",
        default=[],
        help="more development sets: round folders (docs/, questions.jsonl) the reader was not tuned on",
    )
    ap.add_argument(
        "--rerank",
        type=float,
        nargs="+",
        default=list(RERANK_GRID),
        help="rerank weights to choose from (0 alone: the reader never reorders, it only decides)",
    )
    ap.add_argument(
        "--context-chars",
        type=_chars,
        default=0,
        help="characters of each neighbour sentence read around a candidate (bot.read.window_of): "
        "fewer word pieces, a faster read stage; written into the decision (default 0: whole neighbours)",
    )
    ap.add_argument(
        "--lone",
        action="store_true",
        help="also fit lone_lead: read the ranker's best candidate alone when it leads the second far "
        "(a faster read stage; the answer model is then fitted on those readings). Not in the shipped "
        "decisions: it cost the default corpus's test questions (docs/reader.md)",
    )
    ap.add_argument("--dry-run", action="store_true", help="print the fit, write nothing")
    ap.add_argument("--dump", type=Path, default=None, help="write every question's inputs here (JSON)")
    args = ap.parse_args()

    embedder = Embedder()
    reader = Reader(args.reader, precision=args.precision, unfitted_ok=True)
    print(f"reader {reader.version}, {reader.precision}")
    sets: dict[str, tuple[QuoteService, list[EvalItem]]] = {}
    service, items = default_set(embedder, reader)
    sets["default"] = (service, [i for i in items if i.split == "dev"])
    service, items = everyday_set(embedder, reader)
    sets["everyday"] = (service, [i for i in items if i.split == "dev"])
    sets["everyday-dev"] = everyday_dev_set(embedder, reader)
    service, items = xquad_set(embedder, reader)
    dev = [i for i in outside_squad2(items) if i.split == "dev"]
    sets["xquad"] = (service, dev + near_misses(dev, service.view.texts))
    for folder in args.rounds:
        sets[f"round-{folder.name}"] = round_set(folder, embedder, reader)
    print("reading the development questions:")
    context = context_of({"context_chars": args.context_chars})  # as the read stage will read it
    asked = {name: ask_all(name, svc, its, reader, context) for name, (svc, its) in sets.items()}

    # 1. rerank weight, and whether the reader's spans decide merging
    baseline = []
    for name, rows in asked.items():
        svc = sets[name][0]
        squad = name == "xquad"
        scored = []
        for a in rows:
            if a.item.answerable:
                plain = svc.ask(
                    a.item.question, reader=False, abstain=False, hide_docs=frozenset(a.item.hidden_docs)
                )
                scored.append(score_row(a.item, [q.public() for q in plain.quotes], False, squad))
        baseline.append(top1(scored, squad))
    print("reader off: top-1 " + " ".join(f"{b:.3f}" for b in baseline))
    print(
        "candidates read, rerank weight, merge, detail questions only "
        f"(top-1 on answerable dev questions: {', '.join(asked)}; "
        "xquad mean chars):"
    )
    results: list[tuple[float, int, float, float, float]] = []
    for n, merge, kinds_only, w in itertools.product(READ_TOPS, (1.0, 0.0), (0.0, 1.0), args.rerank):
        if w == 0.0 and kinds_only:
            continue  # the same as reranking nothing
        d = {"rerank": w, "merge": merge, "read_top": n, "rerank_kinds_only": kinds_only}
        tops, chars = [], []
        for name, rows in asked.items():
            scored = [outcome(sets[name][0], a, d)[0] for a in rows if a.item.answerable]
            tops.append(top1(scored, name == "xquad"))
            if name == "xquad":
                chars = [r["quote_chars"] for r in scored if r.get("quote_chars")]
        mean_chars = float(np.mean(chars)) if chars else 0.0
        print(
            f"  {n}, {w:>5}, {merge:.0f}, {kinds_only:.0f}: "
            + " ".join(f"{t:.3f}" for t in tops)
            + f"  ({mean_chars:.0f} chars)"
        )
        if mean_chars < 200:
            results.append((float(np.mean(tops)), n, w, merge, kinds_only))
    best_all = max(r[0] for r in results)
    # The fewest windows within the slack of the best, then the best top-1 among them.
    best, best_n, best_w, best_merge, best_kinds = min(
        (r for r in results if r[0] >= best_all - READ_TOP_SLACK), key=lambda r: (r[1], -r[0])
    )
    print(
        f"  chosen: {best_n} candidates read, rerank {best_w}"
        f"{' (detail questions only)' if best_kinds else ''}, merge {best_merge:.0f} (mean {best:.3f}; "
        f"reader off {np.mean(baseline):.3f})"
    )

    # 1b. reading the best candidate alone when it leads the second far: the smallest lead at
    # which top-1 stays within the slack of the best (a lead of 2 x 20 x rerank cannot be overturned)
    chosen = {"rerank": best_w, "merge": best_merge, "read_top": best_n, "rerank_kinds_only": best_kinds}
    leads = np.array([lead(a.ranked) for rows in asked.values() for a in rows])
    lone_lead = None
    if args.lone and best_n > 1:
        for lone in LONE_GRID:
            d = {**chosen, "lone_lead": lone}
            tops = []
            for name, rows in asked.items():
                scored = [outcome(sets[name][0], a, d)[0] for a in rows if a.item.answerable]
                tops.append(top1(scored, name == "xquad"))
            share = float(np.mean(leads >= lone))
            print(
                f"  the best alone at a lead >= {lone:.1f} ({share:.0%} of questions): "
                + " ".join(f"{t:.3f}" for t in tops)
            )
            if np.mean(tops) >= best_all - READ_TOP_SLACK:
                lone_lead = lone
                print(f"  chosen: the best candidate read alone when it leads the second by >= {lone:.1f}")
                break

    # 2. answer model
    decision: dict[str, float] = dict(chosen)
    if args.context_chars:
        decision["context_chars"] = args.context_chars
    if lone_lead is not None:
        decision["lone_lead"] = lone_lead
    xs, ys, ws, names, gaps, offs = [], [], [], [], [], []
    for name, rows in asked.items():
        for a in rows:
            got = a.got[windows_to_read(a.ranked, decision)]
            inputs = decision_inputs(
                got.margin, got.best_focal, a.ranked.confidence, a.u.answer_type is not None
            )
            xs.append([inputs[k] for k in DECISION_INPUTS])
            ys.append(float(a.item.answerable))
            ws.append(1.0 / len(rows))
            names.append(name)
            gaps.append(outcome(sets[name][0], a, decision)[1])
            offs.append(a.ranked.candidates.question.off_topic)  # refused whatever the decision
    x, y, weights, gap, off = np.array(xs), np.array(ys), np.array(ws), np.array(gaps), np.array(offs)
    coef, bias = fit_logistic(x, y, weights)
    decision.update({k: float(c) for k, c in zip(DECISION_INPUTS, coef, strict=True)})
    decision["bias"] = bias
    p = 1 / (1 + np.exp(-(x @ coef + bias)))
    print("answer model: " + ", ".join(f"{k} {decision[k]:+.3f}" for k in (*DECISION_INPUTS, "bias")))
    for k, name in enumerate(DECISION_INPUTS):
        print(f"  AUC of {name} alone: {auc(x[y == 1, k], x[y == 0, k]):.3f}")
    print(f"  AUC of the model: {auc(p[y == 1], p[y == 0]):.3f}")
    for set_name in asked:
        sel = np.array(names) == set_name
        parts = [
            f"{k} {auc(x[sel & (y == 1), j], x[sel & (y == 0), j]):.3f}"
            for j, k in enumerate(DECISION_INPUTS)
        ]
        print(
            f"  {set_name}: AUC "
            + ", ".join(parts)
            + f", model {auc(p[sel & (y == 1)], p[sel & (y == 0)]):.3f}"
        )
    if args.dump:
        args.dump.write_text(
            json.dumps(
                [
                    {"set": n, "id": a.item.id, "q": a.item.question, "y": yy, "x": list(xx), "gap": bool(g)}
                    for n, a, yy, xx, g in zip(
                        names,
                        [a for rows in asked.values() for a in rows],
                        y.tolist(),
                        x.tolist(),
                        gap,
                        strict=True,
                    )
                ]
            ),
            encoding="utf-8",
        )

    # 3. threshold, with or without the detail rule
    names_a = np.array(names)
    best_t: tuple[float, float, bool] = (-1.0, 0.0, False)
    for rule in (False, True):
        refuse_extra = gap if rule else np.zeros_like(gap)
        for t in np.linspace(0.01, 0.99, 99):
            refused = (p < t) | off | refuse_extra
            rates = [refused[(names_a == n) & (y == 1)].mean() for n in asked]
            ok = np.mean(rates) <= args.max_refused and max(rates) <= 2 * args.max_refused
            if not ok:
                continue
            recall = float(np.mean([refused[(names_a == n) & (y == 0)].mean() for n in asked]))
            if recall > best_t[0] + 1e-9:
                best_t = (recall, float(t), rule)
    recall, threshold, rule = best_t
    if recall < 0:
        threshold, rule, recall = 0.01, False, float("nan")
    decision["threshold"] = round(threshold, 3)
    decision["detail_rule"] = 1.0 if rule else 0.0
    refused = (p < threshold) | off | (gap if rule else False)
    report = {}
    for set_name in asked:
        ans, un = (names_a == set_name) & (y == 1), (names_a == set_name) & (y == 0)
        report[set_name] = {
            "answerable_refused": round(float(refused[ans].mean()), 3),
            "unanswerable_refused": round(float(refused[un].mean()), 3) if un.any() else None,
        }
        print(
            f"  {set_name}: answerable refused {report[set_name]['answerable_refused']}, unanswerable refused "
            f"{report[set_name]['unanswerable_refused']}"
        )
    print(f"threshold {threshold:.2f}, detail rule {'on' if rule else 'off'}")

    # 4. skipping the reader: the lowest ranker confidence above which not reading changes no
    # refusal and costs at most READ_TOP_SLACK of top-1 on the development questions (the reader is
    # most of an answer's time)
    everyone = [a for rows in asked.values() for a in rows]
    skipped_share = 0.0
    read_rows = [outcome(sets[a.set][0], a, decision)[0] for a in everyone]
    conf = np.array([a.ranked.confidence for a in everyone])
    tops_read = [top1([r for r, nm in zip(read_rows, names) if nm == n], n == "xquad") for n in asked]
    # A question's answer without the reader is the same whatever the skip level: made once.
    unread = {
        i: outcome(sets[a.set][0], a, decision, skipped=True)
        for i, a in enumerate(everyone)
        if conf[i] >= min(SKIP_GRID)
    }
    for skip in SKIP_GRID:
        if skip < threshold:
            continue
        skip_rows, skip_refused = [], refused.copy()
        for i in range(len(everyone)):
            if conf[i] < skip:
                skip_rows.append(read_rows[i])
                continue
            row, g = unread[i]
            skip_rows.append(row)
            skip_refused[i] = off[i] or (g and rule)  # the ranker's confidence is over the threshold
        same = bool((skip_refused == refused).all())
        tops_skip = [top1([r for r, nm in zip(skip_rows, names) if nm == n], n == "xquad") for n in asked]
        print(
            f"  skip at confidence >= {skip:.2f}: {float(np.mean(conf >= skip)):.0%} of questions not read, "
            f"refusals {'unchanged' if same else 'changed'}, top-1 {np.mean(tops_skip):.3f} "
            f"(reading all {np.mean(tops_read):.3f})"
        )
        if same and np.mean(tops_skip) >= np.mean(tops_read) - READ_TOP_SLACK:
            decision["skip_above"] = skip
            skipped_share = round(float(np.mean(conf >= skip)), 3)
            print(f"chosen: skip the reader when the ranker's confidence is >= {skip:.2f}")
            break

    read_alone = (
        (conf < decision.get("skip_above", np.inf))
        & np.isfinite(leads)  # a lone candidate is no choice
        & (leads >= decision.get("lone_lead", np.inf))
    )
    lone_share = round(float(np.mean(read_alone)), 3)
    if lone_lead is not None:
        print(f"questions read: {1 - skipped_share:.0%}, of all questions read alone: {lone_share:.0%}")
    if args.dry_run:
        return
    file = args.reader / "reader.json"
    manifest = json.loads(file.read_text(encoding="utf-8"))
    fit = {
        "script": "scripts/fit_reader_decision.py",
        "dev": report,
        "max_refused": args.max_refused,
        "skipped_share": skipped_share,
        **({"lone_share": lone_share} if lone_lead is not None else {}),
    }
    if reader.precision == manifest.get("precision", "fp32"):
        manifest["decision"], manifest["decision_fit"] = decision, fit
    else:  # another precision's decision, beside the shipped one (QUOTEBOT_READER_PRECISION)
        manifest.setdefault("by_precision", {})[reader.precision] = {
            "decision": decision,
            "decision_fit": fit,
            "weights_sha256": manifest["weights_sha256"],  # what it was fitted on: retraining stales it
        }
    file.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote the decision into {file}")


if __name__ == "__main__":
    main()
