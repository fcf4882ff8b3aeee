"""Round 49's loader notes, each read as a user would see it: what a document of that layout
loads to, its sections and its sentences (chunker 146)."""

from __future__ import annotations

from writepath_helpers import make_pdf

from index.analysis import Analysis
from index.loaders import load_document
from index.pdf_text import PrintedLine, _furniture_last, brand_title, type_headings, with_paragraphs


def _sentences(a: Analysis) -> list[str]:
    return [s.text for s in a.sentences]


def _labelled(a: Analysis) -> list[tuple[str, str]]:
    """Each sentence with its section's label."""
    labels = {s.index: s.label for s in a.sections}
    return [(labels[s.section_index], s.text) for s in a.sentences]


# --- PDF ---------------------------------------------------------------------------------------


_SLIP_PLAIN = (
    "Severnvale Water\nYour water bill\n"
    "Please detach and return this slip with your payment\nHow to pay\n"
    "Direct Debit: call 0345 071 2291 or go to our website\nBank transfer: sort code 40-18-62\n"
    "Account number\n8830 4412 0917\n"
    "Mrs Helen Ashworth\n14 Quarry Lane\nYour charges\nCharge\nAmount\nWater supply\n£118.41\n"
    "Wastewater\n£94.10\nPlease pay by 24 February 2025."
)
_SLIP_LAYOUT = (
    "Severnvale Water                         Your water bill\n\n"
    "Mrs Helen Ashworth\n14 Quarry Lane\n\nYour charges\n\n"
    "Charge                  Amount\nWater supply            £118.41\nWastewater              £94.10\n\n"
    "Please pay by 24 February 2025.\n\n\n\n"
    "Please detach and return this slip with your payment\n\nHow to pay\n\n"
    "Direct Debit: call 0345 071 2291 or go to our website          Account number\n"
    "Bank transfer: sort code 40-18-62                               8830 4412 0917"
)


def test_a_tear_off_slip_drawn_first_is_read_where_it_is_printed_with_the_page_s_layout() -> None:
    """A water bill's template drew its payment slip right after the letterhead, though the page
    prints it at the foot: the plain text gave the slip first, no layout line lined up after it,
    and the whole page was read without its layout (the charges a cell a line, the account summary
    run into the slip's last "sentence"). A block of more lines than a footer, whose letters are
    the layout's last lines, is read last, through the layout as the rest of the page is."""
    lines = with_paragraphs(_SLIP_PLAIN, _SLIP_LAYOUT).splitlines()
    assert "| Water supply | £118.41 |" in lines
    assert lines.index("Mrs Helen Ashworth") < lines.index("How to pay")
    assert lines.index("Please pay by 24 February 2025.") < lines.index(
        "Please detach and return this slip with your payment"
    )
    # read through the layout, as the rest of the page: its paragraphs apart, not a run of lines
    assert lines[lines.index("How to pay") - 1 : lines.index("How to pay") + 2] == ["", "How to pay", ""]
    # a block whose letters the layout's last lines do not hold stays where the plain text has it
    other = _SLIP_LAYOUT.replace("8830 4412 0917", "8830 4412 0918")
    assert with_paragraphs(_SLIP_PLAIN, other).splitlines()[2] == (
        "Please detach and return this slip with your payment"
    )


def test_a_slip_drawn_first_is_read_last_for_its_headings_too() -> None:
    """The slip's "How to pay" heading was found first among the printed lines, so the headings
    of the parts printed above it ("Meter readings", "Your payment plan") were looked for past it
    and lost. The slip's printed lines move last, wherever the template drew them."""
    printed = [
        PrintedLine(t, 10.0) for t in ("Severnvale Water", "How to pay", "Direct Debit", "Meter readings")
    ]
    moved = ["How to pay", "Direct Debit"]
    assert [p.text for p in _furniture_last(printed, moved)] == [
        "Severnvale Water",
        "Meter readings",
        "How to pay",
        "Direct Debit",
    ]


def test_lines_set_large_under_a_title_are_text_and_a_smaller_line_over_it_does_not_title_it() -> None:
    """A theatre programme: "The Harrowgate Players present" set large over the play's name set
    larger, then the byline, the dates and the venue in the first line's size. The three lines
    were one heading (so the programme's when and where could never be quoted) and the first
    line titled it. Three lines or more in one heading's size, with more words than a heading
    has, are text; the title is the one line in the largest type."""
    body = "Lady Bracknell is played by Janet Moss, who joined the Players in 1998 and has appeared in thirty shows."
    lines = [
        ("The Harrowgate Players present", 14.0),
        ("The Importance of Being Earnest", 24.0),
        ("A Trivial Comedy for Serious People by Oscar Wilde", 14.0),
        ("Wednesday 9 to Saturday 12 April 2025 at 7.30pm", 14.0),
        ("The Corn Exchange Studio, Market Street, Harrowgate Bridge", 14.0),
        ("Cast", 16.0),
        (body, 10.0),
        ("Scenes", 16.0),
        (body, 10.0),
        (body, 10.0),
    ]
    text = "\n".join(t for t, _ in lines)
    printed = [PrintedLine(t, size) for t, size in lines]
    headings = type_headings(text, printed)
    labels = [h.label for h in headings]
    assert "Cast" in labels and "The Importance of Being Earnest" in labels
    assert not any("Oscar Wilde" in label for label in labels)
    assert brand_title(text, headings, printed) == "title:The Importance of Being Earnest\n"
    # a long title in the largest type, over three lines, is still the title
    cover = [
        ("Local Transport Plan 2025 to 2030:", 24.0),
        ("Consultation Response Summary and", 24.0),
        ("Next Steps for the Eastern Corridor", 24.0),
        ("Responses", 16.0),
        ("We received 412 responses to the consultation by the closing date.", 10.0),
        ("Next steps", 16.0),
        ("The council will publish its final plan in the spring of next year.", 10.0),
    ]
    text3 = "\n".join(t for t, _ in cover)
    labels3 = [h.label for h in type_headings(text3, [PrintedLine(t, s) for t, s in cover])]
    assert (
        labels3[0]
        == "Local Transport Plan 2025 to 2030: Consultation Response Summary and Next Steps for the Eastern Corridor"
    )
    # a part's heading over an amount set large alone in the largest type does not give way to it
    bill = [
        ("Your electricity bill", 16.0),
        ("You owe 142.50 pounds", 28.0),
        ("Your account", 16.0),
        ("Your account number is 8830 4412 and your tariff is fixed until June.", 10.0),
        ("Your usage", 16.0),
        ("You used 1,204 kWh this quarter, less than the same quarter last year.", 10.0),
    ]
    text4 = "\n".join(t for t, _ in bill)
    printed4 = [PrintedLine(t, s) for t, s in bill]
    assert brand_title(text4, type_headings(text4, printed4), printed4) == ""
    # two lines in a heading's size are still one heading wrapped over them
    two = [*lines[:2], ("Food Insecurity Among University", 16.0), ("Students", 16.0), *lines[6:]]
    text2 = "\n".join(t for t, _ in two)
    labels2 = [h.label for h in type_headings(text2, [PrintedLine(t, s) for t, s in two])]
    assert "Food Insecurity Among University Students" in labels2


def test_two_dot_leader_lists_side_by_side_are_a_line_per_name() -> None:
    """A programme's cast in two columns, each "role ..... actor": read as table rows, each row
    paired two unrelated roles, so "who plays Lady Bracknell?" matched a line naming two people.
    Each cell is a line of its own (a name filling its cell may leave only three dots)."""
    plain = (
        "Cast\nJohn Worthing ....... Owen Hale\nLady Bracknell .......... Janet Moss\n"
        "Costume ... Bernadette Quill and the Wardrobe Team\nSound .......... Lucy Ferreira"
    )
    layout = (
        "Cast\n\nJohn Worthing ....... Owen Hale          Lady Bracknell .......... Janet Moss\n"
        "Costume ... Bernadette Quill and the Wardrobe Team          Sound .......... Lucy Ferreira"
    )
    assert with_paragraphs(plain, layout).splitlines() == [
        "Cast",
        "",
        "John Worthing ....... Owen Hale",
        "Lady Bracknell .......... Janet Moss",
        "Costume ... Bernadette Quill and the Wardrobe Team",
        "Sound .......... Lucy Ferreira",
    ]
    # a table of two columns of values, no leaders, stays a table
    rows = "Tooth\nFee\nUR6\n£75.30"
    assert (
        with_paragraphs(rows, "Tooth        Fee\nUR6          £75.30") == "| Tooth | Fee |\n| UR6 | £75.30 |"
    )


def test_a_pdf_line_s_leading_blank_is_not_part_of_the_text(tmp_path) -> None:
    """pypdf gave some lines a leading blank (" The Importance of Being Earnest", " Charge"): the
    gap it saw before the line's first piece. The programme's opening lines and tables' first
    header cells started with a space, and a quote of them had to carry it."""
    path = tmp_path / "p.pdf"
    path.write_bytes(make_pdf([[" The Importance of Being Earnest", "  Wednesday 9 April at 7.30pm."]]))
    text = load_document(path, "p.pdf", 10_000_000).text
    assert all(not line.startswith(" ") for line in text.splitlines())
    assert "Wednesday 9 April at 7.30pm." in text


# --- Plain text -----------------------------------------------------------------------------------


def test_a_three_dot_leader_beside_full_ones_is_a_row(analysed) -> None:
    """A rate card's "… evenings after 6pm ... £28.00": its leader was three dots, which ended a
    sentence there, and "£28.00" became a sentence of its own. Beside rows with full leaders, it
    is a row; three dots in prose still end a sentence."""
    text = (
        "HIRE RATES\n"
        "  Main hall - residents ............ £16.00\n"
        "  Main hall - Friday and Saturday evenings after 6pm ... £28.00\n"
        "  Small meeting room ............... £9.50\n\n"
        "We waited ... Then the caretaker came with the keys.\n"
    )
    got = _sentences(analysed("rates.txt", text))
    assert "Main hall - Friday and Saturday evenings after 6pm ... £28.00" in got
    assert "£28.00" not in got


def test_a_title_in_capitals_qualified_in_brackets_heads_its_lines(analysed) -> None:
    """ "HIRE RATES (per hour, from 1 April 2025)" over its indented rates was no heading (its
    aside has lower case and a date), so the rates were filed under the part before, "KEY TO
    ABBREVIATIONS". A title in capitals with an aside that opens in lower case heads; a line of
    times in capitals does not."""
    text = (
        "ST BRIDE'S HALL\n\nKEY TO ABBREVIATIONS\n  TOD    Toddler Group\n  BDM    Badminton Club\n\n"
        "HIRE RATES (per hour, from 1 April 2025)\n  Main hall ............ £16.00\n"
        "  Small room ........... £9.50\n\nMONDAY TO FRIDAY (9am-5pm)\n  Office open for bookings.\n"
    )
    labelled = _labelled(analysed("hall.txt", text))
    assert ("HIRE RATES (per hour, from 1 April 2025)", "Main hall ............ £16.00") in labelled
    assert all(label != "MONDAY TO FRIDAY (9am-5pm)" for label, _ in labelled)


# --- Web pages ------------------------------------------------------------------------------------


def test_a_form_s_choices_in_a_named_group_are_read(load) -> None:
    """A meal kit's plan picker: cards of radio buttons ("3 recipes", "Most popular", "£4.79 per
    serving") and the delivery days, each in a ``<label>`` round its button: all of it was lost,
    and the days read as five empty items. A choice of a group its legend names reads as a line
    of its own; a lone box ("Remember me") and a field's label stay the form's."""
    page = (
        "<html><body><h1>Choose your plan</h1><form><fieldset><legend>How many recipes a week?</legend>"
        '<label class="card"><input type="radio" name="r" value="2"> <span>2 recipes</span> '
        "<span>£5.49 per serving</span></label>"
        '<label class="card"><input type="radio" name="r" value="3"> <span>3 recipes</span> '
        "<span>£4.79 per serving</span></label></fieldset>"
        "<fieldset><legend>Choose your delivery day</legend><ul>"
        '<li><label><input type="radio" name="d"> Monday</label></li>'
        '<li><label><input type="radio" name="d"> Saturday (selected postcodes only)</label></li></ul>'
        "</fieldset>"
        '<label><input type="checkbox" name="m"> Remember me</label>'
        '<label for="e">Email address</label><input id="e" type="email"></form></body></html>'
    )
    lines = load("plans.html", page).text.splitlines()
    assert "How many recipes a week?" in lines  # (its legend on a line of its own)
    assert "- 2 recipes £5.49 per serving" in lines and "- 3 recipes £4.79 per serving" in lines
    assert "- Saturday (selected postcodes only)" in lines
    assert not any("Remember me" in line or "Email address" in line for line in lines)


def test_an_image_alone_in_its_block_reads_as_its_alt_text(load) -> None:
    """A page's trust badges were images alone in list items (read as empty items), and a
    ticket's barcode over its caption lost "show this to staff at the ticket gate". An image
    alone in a list's item, or set between blocks in a cell, reads as its alt text of some words;
    a logo in a link, a card's picture, a hero's picture in a ``<div>``, a captioned figure's
    image and an order's thumbnail alone in a row's cell do not."""
    page = (
        '<html><body><h1>Why people choose us</h1><ul><li><img src="t.svg" alt="Rated 4.6 out of 5 on '
        'Trustpilot"></li><li><img src="c.svg" alt="Carbon-neutral delivery since 2022"></li></ul>'
        '<table role="presentation" width="600"><tr><td style="padding:16px">'
        '<img src="b.png" alt="Mobile ticket barcode – show this to staff">'
        "<p>Your barcode will also appear in the app.</p></td></tr>"
        "<tr><td><h2>Changes</h2><p>You can change your ticket.</p></td></tr></table>"
        '<div class="hero"><img src="h.jpg" alt="A family enjoying a picnic by the lake"></div>'
        '<figure><img src="f.jpg" alt="Smoke rising above shops on a busy street">'
        "<figcaption>Firefighters at the scene on Tuesday</figcaption></figure>"
        '<a href="/"><img src="l.svg" alt="Pantry and Pan home page"></a>'
        '<div class="card"><img src="r.jpg" alt="Inside the Signal Box room"><h3>The Signal Box</h3>'
        "<p>Ages 8 and over.</p></div>"
        '<table><tr><td><img src="d.jpg" alt="Linen duvet cover in sage green"></td><td>Duvet cover</td>'
        "<td>£129.00</td></tr></table></body></html>"
    )
    lines = load("page.html", page).text.splitlines()
    assert "- Rated 4.6 out of 5 on Trustpilot" in lines
    assert "Mobile ticket barcode – show this to staff" in lines
    assert "Your barcode will also appear in the app." in lines
    text = "\n".join(lines)
    assert "home page" not in text and "Inside the Signal Box" not in text and "sage green" not in text
    assert "picnic" not in text and "Smoke rising" not in text  # (a hero's picture; a captioned figure)


def test_a_copyright_line_with_the_company_s_details_is_quotable(analysed) -> None:
    """ "© 2025 Pantry & Pan Foods Ltd, … Company no. 11482093. Customer care: 0330 808 4610" was
    furniture, as every line opening with "©" was: the page's only phone number could not be
    quoted. A copyright line with a number besides its years is text; a bare one is not."""
    page = (
        "<html><body><h1>Plans</h1><p>Boxes for two or four people.</p><footer>"
        "<p>© 2025 Pantry Foods Ltd. Customer care: 0330 808 4610, 8am to 8pm.</p>"
        "<p>© 2019–2025 Pantry Foods. All rights reserved.</p></footer></body></html>"
    )
    got = _sentences(analysed("plans.html", page))
    assert any("0330 808 4610" in s for s in got)
    assert not any("All rights reserved" in s for s in got)


def test_an_email_s_preview_text_hidden_twice_is_left_out(load) -> None:
    """A booking email's preview text was hidden by ``display:none`` and again by its size
    (``font-size:1px; max-height:0``), with no name and no padding: it opened the text as a
    sentence no reader of the email sees. Text hidden later in the page (an accordion saved
    closed, by ``display`` alone or with an animation's ``opacity:0``) stays."""
    page = (
        '<html><body><div style="display:none">Print this page for your records.</div>'
        '<span style="display:none;font-size:1px;max-height:0;overflow:hidden;">Your '
        "tickets are ready in the app.</span><h1>Your booking is confirmed</h1>"
        '<div style="display:none"><p>Refunds take five working days.</p></div>'
        '<h2>Can I bring my dog?</h2><div style="display:none; font-size:0.95em">Yes, on a lead.</div>'
        '<h2>Is there parking?</h2><div style="display: none; opacity: 0">Yes, for 40 cars.</div></body></html>'
    )
    text = load("email.html", page).text
    assert "ready in the app" not in text and "Refunds take five working days." in text
    assert "Print this page for your records." in text  # (hidden by ``display`` alone)
    # (an accordion's answers saved closed, after their questions, stay, whatever else hides them)
    assert "Yes, on a lead." in text and "Yes, for 40 cars." in text


# --- Markdown -------------------------------------------------------------------------------------


def test_a_markdown_image_s_bang_stays_with_it(analysed) -> None:
    """sentencex cut an image's "!" off its "[alt](path)", leaving "!" a sentence of its own."""
    text = "# Review\n\nWe pitched it twice.\n\n![The tent on a ledge above the lake](images/tent.jpg)\n"
    got = _sentences(analysed("review.md", text))
    assert "!" not in got
    assert "![The tent on a ledge above the lake](images/tent.jpg)" in got
    # an image after a sentence on its line too: its "!" is not the sentence's closing mark
    inline = "# Review\n\nWe pitched it twice. ![The tent on a ledge](images/tent.jpg)\n"
    got = _sentences(analysed("inline.md", inline))
    assert got[-2:] == ["We pitched it twice.", "![The tent on a ledge](images/tent.jpg)"]
