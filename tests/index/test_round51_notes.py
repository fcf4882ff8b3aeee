"""Round 51's loader notes, each read as a user would see it (chunker 147)."""

from __future__ import annotations


def test_a_badge_before_an_item_s_words_reads_in_brackets(load) -> None:
    """A food bank's list put its "Urgent" and "Low" badges before each item: read bare, "Low
    Long-life fruit juice" named a product. A badge that opens its line reads in brackets, as one
    after an item's words does; a badge alone over a card's title stays a line of its own."""
    page = (
        "<html><body><h1>Most needed this week</h1><ul>"
        '<li><span class="badge badge-urgent">Urgent</span> UHT milk (1 litre cartons)</li>'
        '<li><span class="badge badge-low">Low</span> Long-life fruit juice</li></ul>'
        '<div class="card"><span class="badge">Most popular</span><h3>Family box</h3><p>Four people.</p></div>'
        "</body></html>"
    )
    lines = load("needs.html", page).text.splitlines()
    assert "- (Urgent) UHT milk (1 litre cartons)" in lines
    assert "- (Low) Long-life fruit juice" in lines
    assert not any("(Most popular)" in line for line in lines)


def test_the_step_a_progress_tracker_is_at_says_so(load) -> None:
    """A repeat prescription's tracker marked the step it was at by its style and
    ``aria-current="step"`` alone: its four steps read alike, and "where is my order?" had no
    answer. The current step reads as a screen reader announces it."""
    page = (
        "<html><body><h1>Order RX-1</h1><ol>"
        '<li class="step step--done"><span>Ordered</span> <span>14 Oct</span></li>'
        '<li class="step step--current" aria-current="step"><span>Being prepared</span> <span>Since 17 Oct</span></li>'
        '<li class="step"><span>Ready to collect</span></li></ol></body></html>'
    )
    lines = load("order.html", page).text.splitlines()
    assert "2. Being prepared Since 17 Oct (current step)" in lines
    assert "1. Ordered 14 Oct" in lines and "3. Ready to collect" in lines
