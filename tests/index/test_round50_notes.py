"""Round 50's loader notes, each read as a user would see it (chunker 146)."""

from __future__ import annotations

from writepath_helpers import make_docx, para, style

from index.analysis import Analysis
from index.pdf_text import with_paragraphs


def _sentences(a: Analysis) -> list[str]:
    return [s.text for s in a.sentences]


def test_a_footer_drawn_over_a_letterhead_of_two_columns_goes_to_the_page_s_foot() -> None:
    """A hotel's folio: the template drew the footer (the company's details, "Page 1") first, and
    the letterhead prints its name beside its address, whose first line is printed higher. The
    plain text's next line after the footer lined up with no printed line, so the footer stayed
    at the top (it titled the folio) and the page was read a cell a line. The line after it
    printed within the letterhead's first lines is enough; the page keeps its layout."""
    plain = (
        "The Harbour Hotel is a trading name of Quay Hospitality Ltd.\nPage 1\n"
        "The Harbour Hotel\n12 Quay Parade, Porthwenna\nTel 01326 559 210\n"
        "GUEST FOLIO\nGuest\nMrs Eleanor Pettigrew\nRoom\n208"
    )
    layout = (
        "                                      12 Quay Parade, Porthwenna\n"
        "The Harbour Hotel                     Tel 01326 559 210\n\nGUEST FOLIO\n\n"
        "Guest        Mrs Eleanor Pettigrew\nRoom         208\n\n\n"
        "The Harbour Hotel is a trading name of Quay Hospitality Ltd.            Page 1"
    )
    lines = with_paragraphs(plain, layout).splitlines()
    assert lines[0] == "The Harbour Hotel"
    assert "| Guest | Mrs Eleanor Pettigrew |" in lines
    assert lines[-2:] == ["The Harbour Hotel is a trading name of Quay Hospitality Ltd.", "Page 1"]


def test_a_status_icon_after_a_service_s_name_reads_as_its_label(load) -> None:
    """A status page marked each service with an icon labelled for screen readers ("Degraded",
    "Operational"): read bare, the list named the services and not which were down. An icon with
    ``role="img"`` and a short label after words reads in brackets; one hidden from screen readers,
    or one in a link, does not."""
    page = (
        "<html><body><h1>Service status</h1><ul>"
        '<li><span>Superfast broadband</span> <img src="w.svg" role="img" aria-label="Degraded"></li>'
        '<li><span>Home Phone</span> <svg role="img" aria-label="Operational"><use href="#ok"/></svg></li>'
        '<li><span>Mail</span> <img src="o.svg" role="img" aria-label="Operational" aria-hidden="true"></li>'
        '<li><a href="/tv">TV <img src="x.svg" role="img" aria-label="Opens in a new tab"></a></li>'
        "</ul></body></html>"
    )
    lines = [line.strip() for line in load("status.html", page).text.splitlines()]
    assert "- Superfast broadband (Degraded)" in lines and "- Home Phone (Operational)" in lines
    assert "- Mail" in lines
    assert not any("new tab" in line for line in lines)


def test_a_list_of_options_is_a_line_per_option(load) -> None:
    """A library event's date picker ran its options into one line, the placeholder "Please
    select…" included. Each option the page offers is a line of its own; a placeholder with no
    value is none. A form that only asks for entries still reads no options."""
    page = (
        "<html><body><h1>Family history drop-in</h1><form><label for=d>Choose a date</label>"
        '<select id="d"><option value="">Please select…</option>'
        '<option value="1">Saturday 18 January 2025 – Census returns</option>'
        '<option value="2" disabled>Saturday 15 March 2025 – Service records (fully booked)</option>'
        "</select><table><tr><th>Ticket</th><th>Price</th></tr><tr><td>Adult</td><td>£6.00</td></tr></table>"
        "</form><form><label>Title</label><select><option>Mr</option><option>Ms</option></select>"
        '<input type="text"></form></body></html>'
    )
    lines = load("event.html", page).text.splitlines()
    assert "Choose a date" in [line.strip() for line in lines]
    assert "- Saturday 18 January 2025 – Census returns" in lines
    assert "- Saturday 15 March 2025 – Service records (fully booked)" in lines
    assert not any("Please select" in line or line.strip("- ") == "Mr" for line in lines)


def test_an_option_list_among_words_or_in_a_cell_reads_as_the_option_shown(load) -> None:
    """A list of options inside a sentence ("Show [10] results per page") or in a basket's
    quantity cell was cut into a line per option, splitting the sentence and the row: there, only
    the option shown is read (the one selected, else the first). A field's suggestions
    (``<datalist>``) are never shown, and read nothing."""
    page = (
        "<html><body><h1>Basket</h1><p>Show <select><option>10</option><option>25</option></select>"
        " results per page.</p><table><tr><th>Item</th><th>Qty</th><th>Price</th></tr><tr><td>Blue mug</td>"
        "<td><select><option>1</option><option selected>2</option><option>3</option></select></td>"
        '<td>£8.00</td></tr></table><p>Pick one.</p><input list="b"><datalist id="b">'
        '<option value="Chrome">Chrome</option><option value="Firefox">Firefox</option></datalist></body></html>'
    )
    lines = load("basket.html", page).text.splitlines()
    assert "Show 10 results per page." in lines
    assert any(line.startswith("| Blue mug | 2 |") for line in lines)
    assert not any(line.strip() == "-" or "Chrome" in line for line in lines)


def test_a_group_of_bare_choices_stays_the_form_s(load) -> None:
    """A sign-up form's "Title" (Mr, Mrs, Ms) and a consent box's "Manage cookies" (Analytics,
    Marketing) are groups of bare words: the form's, not the page's, even with a legend."""
    page = (
        "<html><body><h1>Join</h1><p>Members get 10% off.</p><form><fieldset><legend>Title</legend>"
        '<label><input type="radio" name="t"> Mr</label><label><input type="radio" name="t"> Ms</label>'
        "</fieldset><fieldset><legend>Manage cookies</legend>"
        '<label><input type="checkbox"> Strictly necessary</label><label><input type="checkbox"> Analytics</label>'
        "</fieldset></form></body></html>"
    )
    text = load("join.html", page).text
    assert "Analytics" not in text and "- Mr" not in text


def test_a_word_report_s_one_heading_1_under_its_letterhead_titles_it(load) -> None:
    """A school report opened with the school's name in bold, then "End of Year Report – Summer
    Term 2024" in Heading 1, its parts in Heading 2: the school's name titled every pupil's report.
    One Heading 1 of some words under a line or two of letterhead titles the document; a lone
    "Quotation" under a caterer's name does not."""
    body = (
        para("Hollins Brook Primary School", bold=True)
        + para("End of Year Report – Summer Term 2024", style="Heading1")
        + para("Attendance", style="Heading2")
        + para("Isla attended 361 of 378 sessions.")
        + para("Targets", style="Heading2")
        + para("Learn the eight times table.")
    )
    styles = style("Heading1", "heading 1") + style("Heading2", "heading 2")
    assert load("report.docx", make_docx(body, styles)).title == "End of Year Report – Summer Term 2024"
    quote = (
        para("Saffron and Sage", bold=True)
        + para("Quotation", style="Heading1")
        + para("Menu", style="Heading2")
        + para("Three courses for 80 guests.")
    )
    assert load("quote.docx", make_docx(quote, styles)).title == "Saffron and Sage"
    minutes = (
        para("Minutes of the Annual Parish Meeting")
        + para("Held on 14 May 2025")
        + para("Part A: Matters arising from the last meeting", style="Heading1")
        + para("Footpaths", style="Heading2")
        + para("The stile on Mill Lane has been mended.")
    )
    assert load("minutes.docx", make_docx(minutes, styles)).title == "Minutes of the Annual Parish Meeting"


def test_an_emoji_after_a_sentence_is_that_sentence_s(analysed) -> None:
    """ "We'll pay the money straight into your bank account. 💸": the emoji was a sentence of its
    own. Marks alone after a sentence on its line go with it."""
    text = (
        "# Claims\n\nWe'll pay the money straight into your bank account. 💸\n\nCall us on 0800 123 4567.\n"
    )
    got = _sentences(analysed("faq.md", text))
    assert "We'll pay the money straight into your bank account. 💸" in got
    assert "💸" not in got


def test_a_leader_row_s_value_wrapped_under_itself_stays_the_row_s(analysed) -> None:
    """A show's timetable wrapped a long entry under its value ("7.30am ....... Staging of exhibits
    (hall doors close" over "promptly at 10.30am)", indented to "Staging"): the wrapped words were
    a sentence of their own. A line under a leader row, set where the row's value starts, is the
    row's; a line set elsewhere is not."""
    text = (
        "TIMETABLE\n"
        "7.30am ................. Staging of exhibits (hall doors close\n"
        "                         promptly at 10.30am)\n"
        "11.00am ................ Judging\n"
        "    Teas are served all afternoon.\n"
    )
    got = [s.text for s in analysed("show.txt", text).sentences]
    assert (
        "7.30am ................. Staging of exhibits (hall doors close\n                         promptly at 10.30am)"
        in got
    )
    assert "11.00am ................ Judging" in got
