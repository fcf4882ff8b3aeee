"""Rows with dot leaders, as a line shows them (``index.rows``)."""

from __future__ import annotations

import pytest

from index.rows import gap_row, has_leader, leader_row


@pytest.mark.parametrize(
    "line",
    [
        "Vans ........................... GBP 2,000",
        "Introduction..........5",
        "Soup of the day . . . . . 4.50",
        "Alternative accommodation .......... Up to £75,000",
        "Accidental damage ..... included",
        "Trace and access ..... up to £5,000",
    ],
)
def test_a_name_dots_and_a_short_value_make_a_row(line: str) -> None:
    assert leader_row(line)


@pytest.mark.parametrize(
    "line",
    [
        "So we waited...... and waited. Nobody came.",  # an ellipsis in prose
        'in repair . . . . The tenant shall pay the rent" on the first day of each month.',  # a cut
        "I give permission for my child ........ to attend",  # a form's blank
        "He paused ... and went on.",
        "Signed ..............................",  # nothing after the dots
    ],
)
def test_dots_in_prose_make_no_row(line: str) -> None:
    assert not leader_row(line)


def test_a_long_run_of_dots_is_read_once() -> None:
    """A run of dots with nothing after it took time quadratic in its length (32,000 dots: 10 s;
    read in one pass now, this line would take minutes otherwise)."""
    line = "Signed " + "." * 200_000
    assert has_leader(line)  # the quick test sees the dots
    assert not leader_row(line)  # no value after them: no row


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("  Day Pass (24 hours, unlimited 45-min classic rides)  GBP 6.50", True),
        ("Single room\t£45", True),
        ("The meeting ended at nine.  Everyone went home after that.", False),  # a double space in prose
        ("Monday    9:00    17:00", False),  # two gaps: a column table's row, read by its neighbours
        ("No gap here at all", False),
    ],
)
def test_a_row_without_leaders_has_one_gap_before_a_short_value(line: str, row: bool) -> None:
    assert gap_row(line) is row
