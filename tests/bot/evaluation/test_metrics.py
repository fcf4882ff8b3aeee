"""Metrics: coverage at 60% of gold tokens, containment, ranks, precision, intervals, gates."""

from __future__ import annotations

from bot.evaluation import metrics as m
from bot.evaluation.report import check_gates


def q(text: str, doc: str = "d", section: str = "S") -> dict[str, object]:
    return {"text": text, "doc_id": doc, "section": section}


def test_covers_needs_sixty_percent_of_gold_tokens() -> None:
    gold = "one two three four five"
    assert m.covers("one two three and more", gold)
    assert not m.covers("one two and more", gold)


def test_hit_is_the_share_of_gold_quotes_covered() -> None:
    quotes = [q("alpha beta gamma"), q("nothing here"), q("delta epsilon zeta")]
    gold = ["alpha beta gamma", "delta epsilon zeta"]
    assert m.hit_at(quotes, gold, 1) == 0.5
    assert m.hit_at(quotes, gold, 3) == 1.0
    assert m.first_hit_rank([q("x"), *quotes], gold) == 2


def test_contains_ignores_case_quotes_and_spacing_but_checks_the_document() -> None:
    assert m.contains("It was in 1066, they say.", "1066")
    assert m.contains("the “Black  Sea” fleet", '"black sea"')
    assert m.hit_at([q("in 1066", doc="a")], ["1066"], 1, doc_id="b", match=m.contains) == 0.0


def test_precision_counts_returned_words_inside_gold() -> None:
    assert m.precision_words([q("alpha beta noise noise")], ["alpha beta"]) == 0.5


def test_source_ok_looks_at_the_covering_quote() -> None:
    quotes = [q("unrelated", section="A"), q("alpha beta gamma", section="B")]
    assert m.source_ok(quotes, ["alpha beta gamma"], ["B"])
    assert not m.source_ok(quotes, ["alpha beta gamma"], ["A"])


def test_a_part_under_the_expected_section_is_the_right_source() -> None:
    """An FAQ's question is named with its section: "Joining and paying › How do I sign up?" is in
    "Joining and paying", but not in "Joining" nor in "How do I sign up?" alone."""
    quotes = [q("alpha beta gamma", section="Joining and paying › How do I sign up?")]
    assert m.source_ok(quotes, ["alpha beta gamma"], ["Joining and paying"])
    assert m.source_ok(quotes, ["alpha beta gamma"], ["Joining and paying › How do I sign up?"])
    assert not m.source_ok(quotes, ["alpha beta gamma"], ["Joining"])
    assert not m.source_ok(quotes, ["alpha beta gamma"], ["How do I sign up?"])


def test_bootstrap_interval_brackets_the_mean() -> None:
    lo, hi = m.bootstrap_ci([1.0] * 80 + [0.0] * 20)
    assert lo < 0.8 < hi


def test_gates_fail_below_the_bar_and_on_unknown_metrics() -> None:
    metrics = {"overall": {"hit@3": 0.9, "verbatim_rate": 1.0}}
    assert check_gates(metrics, {"hit@3": 0.85, "verbatim_rate": 1.0}) == []
    assert "below the gate" in check_gates(metrics, {"hit@3": 0.95})[0]
    assert "no such metric" in check_gates(metrics, {"hit@5": 0.5})[0]
