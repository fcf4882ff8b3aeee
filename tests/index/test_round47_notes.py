"""Round 47's loader notes, each read as a user would see it: what a document of that layout
loads to, its sections and its sentences (chunker 143)."""

from __future__ import annotations

from writepath_helpers import sentences_of

from index.analysis import Analysis
from index.pdf_text import with_paragraphs


def _labelled(a: Analysis) -> list[tuple[str, str]]:
    """Each sentence with its section's label."""
    labels = {s.index: s.label for s in a.sections}
    return [(labels[s.section_index], s.text) for s in a.sentences]


# --- PDF ---------------------------------------------------------------------------------------


def test_a_footer_drawn_first_in_two_columns_goes_to_the_page_s_foot_and_the_page_keeps_its_tables() -> None:
    """A council tax bill's template drew its footer before the page: the council's address with
    "Page 1 of 2" beside it, over the enquiries line. The layout prints the address and the page
    number on one line, the plain text gives them a column at a time, so the footer's letters were
    the same but not in the same order: it stayed at the page's top, and the whole page was read
    without its layout (the charges table a cell a line, the instalments interleaved)."""
    plain = (
        "Harrowfield Council\nCOUNCIL TAX BILL\nCivic Offices, Market Lane\nEnquiries: 01632 960 418\n"
        "Page 1 of 2\nYour Council Tax\nAuthority\nCharge\nCounty Council\n£1,502.18\nDistrict Council\n"
        "£198.45\nPay by direct debit."
    )
    layout = (
        "Harrowfield Council                      COUNCIL TAX BILL\n\n"
        "Your Council Tax\n\nAuthority              Charge\nCounty Council         £1,502.18\n"
        "District Council       £198.45\n\nPay by direct debit.\n\n\n"
        "Civic Offices, Market Lane                         Page 1 of 2\nEnquiries: 01632 960 418"
    )
    lines = with_paragraphs(plain, layout).splitlines()
    assert "| County Council | £1,502.18 |" in lines
    assert lines.index("Your Council Tax") < lines.index("Civic Offices, Market Lane")
    assert lines[-3:] == ["Civic Offices, Market Lane", "Enquiries: 01632 960 418", "Page 1 of 2"]
    # only the layout's last lines' own letters: a footer that prints otherwise stays where it is
    elsewhere = layout.replace("Enquiries: 01632 960 418", "Enquiries: 01632 960 419")
    assert with_paragraphs(plain, elsewhere).splitlines()[2] == "Civic Offices, Market Lane"


def test_a_table_cell_of_prose_broken_inside_a_number_goes_on_under_its_row() -> None:
    """A bill's cell "…or call us on 01632" over "960 418. You are already paying…": a line under a cell of prose
    that opens with a number goes on with it; a figure under a cell of a few words ("9:00" over
    "10:30") is still a row of its own."""
    plain = (
        "Direct Debit\nChoose the 1st or 15th of the month, set it up online or call us on 01632\n"
        "960 418. You pay nothing more.\nOnline\nPay by card at our website."
    )
    layout = (
        "Direct Debit    Choose the 1st or 15th of the month, set it up online or call us on 01632\n"
        "                960 418. You pay nothing more.\n"
        "Online          Pay by card at our website."
    )
    got = with_paragraphs(plain, layout).splitlines()
    assert got[0] == (
        "| Direct Debit | Choose the 1st or 15th of the month, set it up online or call us on 01632 960 418."
        " You pay nothing more. |"
    )
    assert got[1] == "| Online | Pay by card at our website. |"
    times = with_paragraphs(
        "Open\nMon to Fri 9:00\n10:30\nlate opening",
        "Open    Mon to Fri 9:00\n        10:30\n        late opening",
    )
    assert "10:30" not in times.splitlines()[0]


def test_a_table_row_whose_long_cell_ran_into_the_next_is_still_a_row() -> None:
    """A gala's relay results: the team's name printed up to the "-" in the Age column
    ("…Brennan)-"), so the layout line had a cell too few and each relay read as one run of words
    ("1 Kestrel Vale "A" (…) - Kestrel Vale SC 2:19.84") under a header row of five cells."""
    plain = (
        "Place\nName\nAge\nClub\nTime\n"
        '1\nKestrel Vale "A" (Horton, Brennan)\n-\nKestrel Vale SC\n2:19.84\n'
        '2\nBrindley "A" (Adebayo, Mistry)\n-\nBrindley ASC\n2:22.61'
    )
    layout = (
        "  Place   Name                             Age     Club               Time\n"
        '     1    Kestrel Vale "A" (Horton, Brennan)-      Kestrel Vale SC    2:19.84\n'
        '     2    Brindley "A" (Adebayo, Mistry)-          Brindley ASC       2:22.61'
    )
    assert with_paragraphs(plain, layout).splitlines() == [
        "| Place | Name | Age | Club | Time |",
        '| 1 | Kestrel Vale "A" (Horton, Brennan) | - | Kestrel Vale SC | 2:19.84 |',
        '| 2 | Brindley "A" (Adebayo, Mistry) | - | Brindley ASC | 2:22.61 |',
    ]


# --- plain text: sections and sentences ------------------------------------------------------------

_NOTES = """Notes

Your band is decided by the Valuation Office Agency, not by the
council. It is based on what your home would have sold for in 1991.
Band charges 2025/26
For this parish the full yearly charges are: Band A £1,564.50; Band
B £1,825.25; Band C £2,086.00.
Appealing against your band
If you think your band is wrong, contact the agency at its website or
on 03000 501 501. You must keep paying while your appeal is considered.
Discounts
A 25% discount applies if only one adult lives in the property, and
some people are not counted.
"""


def test_short_heads_set_tight_between_paragraphs_head_their_parts(analysed) -> None:
    """A PDF's narrow column sets each note's head with too little space above to print a blank
    line: "Band charges 2025/26" right under "…in 1991." and over its paragraph. Where a document
    sets three or more so, each heads its part; "…are: Band" over "B £1,825.25" ends a line on a
    small word and heads nothing."""
    a = analysed("notes.txt", _NOTES)
    labels = [s.label for s in a.sections]
    assert labels[-3:] == ["Band charges 2025/26", "Appealing against your band", "Discounts"]
    got = dict((text.split()[0], label) for label, text in _labelled(a))
    assert got["For"] == "Band charges 2025/26"
    assert got["A"] == "Discounts"


def test_one_short_line_between_paragraphs_is_no_heading(analysed) -> None:
    """One such line alone may be a sentence's short line or a name: it heads nothing."""
    text = (
        "Report\n\nThe committee met on Monday and agreed the budget for the coming year.\n"
        "Garden party\nThe garden party will be held on Saturday 14 June from 2pm on the green.\n"
    )
    a = analysed("report.txt", text)
    assert "Garden party" not in [s.label for s in a.sections]


def test_typed_checkboxes_are_a_list_s_items() -> None:
    """A kit list typed as "[ ] Sleeping bag" lines: read as one run of text, split in the middle of
    an item ("[ ] 2 towels (one for showering," / "one for activities)"). Each box opens an item,
    its wrapped line goes with it; a reply slip's next box no longer joins the line before."""
    text = (
        "[ ] Sleeping bag (the centre provides a mattress)\n[ ] 3 pairs of trousers (NOT jeans - they stay\n"
        "    cold and heavy when wet)\n[ ] 2 towels (one for showering, one for activities)\n[x] Sun cream"
    )
    assert sentences_of(text) == [
        "[ ] Sleeping bag (the centre provides a mattress)",
        "[ ] 3 pairs of trousers (NOT jeans - they stay\n    cold and heavy when wet)",
        "[ ] 2 towels (one for showering, one for activities)",
        "[x] Sun cream",
    ]


def test_a_field_s_value_over_two_lines_ends_before_the_next_field() -> None:
    """A kit list's "Centre:        Craigmoor Outdoor Centre, Glenridding Road," over its indented second line
    and then "Centre phone:  01768 960 214": the phone line ran into the address."""
    text = (
        "Trip leader:   Mr J. Abernethy\nCentre:        Craigmoor Outdoor Centre, Glenridding Road,\n"
        "               Patterbeck, Cumbria CA11 0RT\nCentre phone:  01768 960 214 (emergencies only)"
    )
    assert sentences_of(text) == [
        "Trip leader:   Mr J. Abernethy",
        "Centre:        Craigmoor Outdoor Centre, Glenridding Road,\n               Patterbeck, Cumbria CA11 0RT",
        "Centre phone:  01768 960 214 (emergencies only)",
    ]


def test_a_reply_slip_under_its_cut_line_is_a_part_of_its_own(analysed) -> None:
    """A letter's "REPLY SLIP - Year 6 Residential, Craigmoor (9-13 June 2025)" under a "cut here" line: the
    hyphen in "9-13" is no dash, and the subtitle may be longer than a heading's, so the slip's
    lines were filed under the letter's last part, "FINAL PAYMENT"."""
    text = (
        "FINAL PAYMENT\n\nThe balance of GBP 145 is due by Friday 16 May.\n\n"
        "- - - - - - - - cut here - - - - - - - -\n\n"
        "REPLY SLIP - Year 6 Residential, Craigmoor (9-13 June 2025)\nPlease return to the class teacher.\n\n"
        "Child's name: ____________\n"
    )
    a = analysed("letter.txt", text)
    got = _labelled(a)
    assert (
        "REPLY SLIP - Year 6 Residential, Craigmoor (9-13 June 2025)",
        "Child's name: ____________",
    ) in got


# --- HTML ----------------------------------------------------------------------------------------

_PLANS = """<html><body><h1>Boiler cover</h1>
<section><h2>Choose your plan</h2><div class="cards">
<article class="card"><h3>Essentials</h3><p>&pound;9 a month<sup>1</sup></p></article>
<article class="card"><p class="badge">Most popular</p><h3>Complete</h3><p>&pound;16 a month<sup>1</sup></p></article>
<article class="card"><h3>Complete Plus</h3><p>&pound;24 a month<sup>1</sup></p></article>
</div><p class="note">Prices are for the first 12 months.</p></section>
<section><h2>Questions</h2><div class="accordion">
<div><button aria-expanded="false">Is there a waiting period before I can claim?</button>
<div hidden><p>Yes, 30 days from the start of your cover.</p></div></div>
<div><button aria-expanded="false">How do I cancel?</button>
<div hidden><p>Call us within 14 days for a full refund.</p></div></div>
<div><button aria-expanded="false">Show all</button></div>
</div></section>
<h2>The small print</h2><p><sup>1</sup> Price for the first year. Area of 12 m<sup>2</sup>. The 1<sup>st</sup> visit.</p>
</body></html>"""


def test_text_under_a_row_of_cards_is_the_part_s_the_cards_sit_in(analysed) -> None:
    """A note under three plan cards applies to all three: it fell under the last card's heading,
    "Complete Plus". Past a card's end the part it sits in, "Choose your plan", resumes; a card's
    badge over its heading stays the card's."""
    got = _labelled(analysed("plans.html", _PLANS))
    assert ("Choose your plan", "Prices are for the first 12 months.") in got
    assert ("Complete", "Most popular") in got
    assert ("Complete Plus", "£24 a month¹") in got


def test_an_accordion_s_questions_head_their_answers(analysed) -> None:
    """An FAQ drawn as buttons that open hidden panels ("aria-expanded"): its questions head their
    answers, named with their part as a "<details>" FAQ's summaries are; a button that asks nothing
    ("Show all") heads nothing, and one question alone is no FAQ: it heads nothing either."""
    got = _labelled(analysed("plans.html", _PLANS))
    assert (
        "Questions › Is there a waiting period before I can claim?",
        "Yes, 30 days from the start of your cover.",
    ) in got
    assert ("Questions › How do I cancel?", "Call us within 14 days for a full refund.") in got
    assert not any("Show all" in label for label, _ in got)
    one = (
        "<h2>Delivery</h2><p>We deliver Monday to Saturday.</p>"
        '<div><button aria-expanded="false">Can I change my delivery date?</button>'
        "<div hidden><p>Yes, up to 2 days before.</p></div></div><p>Returns are free within 30 days.</p>"
    )
    alone = _labelled(analysed("one.html", one))
    assert ("Delivery", "Returns are free within 30 days.") in alone


def test_superscript_numbers_read_as_superscripts(load) -> None:
    """A plan's "£9 a month<sup>1</sup>" read "£9 a month1": a footnote's mark run into the word. A number
    set in superscript reads in superscript digits ("month¹", "m²"); letters ("1<sup>st</sup>")
    stay as they are."""
    text = load("plans.html", _PLANS).text
    assert "£9 a month¹" in text and "month1" not in text
    assert "¹ Price for the first year." in text
    assert "12 m²" in text and "1st visit" in text


def test_a_form_s_declaration_is_kept_and_its_fields_are_not(load) -> None:
    """A membership form's Gift Aid declaration ("Yes, I am a UK taxpayer and would like … to
    treat this and all future payments as Gift Aid donations.") was lost with the form's field
    names and buttons; the FAQ above it pointed to "the box on the form below"."""
    page = (
        "<html><body><h1>Membership</h1><p>Join today.</p><h2>Become a member</h2><form action='/join'>"
        "<label for='n'>Full name</label><input id='n'>"
        "<label><input type='checkbox'> Yes, I am a UK taxpayer and would like the Museum Trust to treat"
        " this and all future payments as Gift Aid donations.</label>"
        "<label><input type='checkbox'> This membership is a gift</label>"
        "<button type='submit'>Continue to payment</button></form></body></html>"
    )
    text = load("join.html", page).text
    assert (
        "\nYes, I am a UK taxpayer and would like the Museum Trust to treat this and all future payments as"
        " Gift Aid donations.\n"
    ) in text
    assert "Full name" not in text and "Continue to payment" not in text and "is a gift" not in text
