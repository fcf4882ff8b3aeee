"""Round 48's loader notes, each read as a user would see it (chunker 144)."""

from __future__ import annotations

from writepath_helpers import make_docx, make_pdf, para, sentences_of

from index.loaders import load_document
from index.pdf_text import readable_list, shown_glyphs


def test_ticks_and_crosses_in_a_comparison_table_read_as_their_words(load) -> None:
    """A tariff page's comparison table drew "Included" and "Not included" as icons (an ``<img>``'s
    alt text, an ``<svg role=img>``'s label): read bare, five of its six rows were empty ("|
    Contactless payment | | | |"). An icon alone in a data table's cell reads as its words; a logo
    in a layout table, or an image inside a link, stays unread."""
    page = (
        "<html><body><h1>Tariffs</h1><table><tr><th>Feature</th><th>Member</th><th>Fleet</th></tr>"
        '<tr><td>Contactless payment</td><td><img src="t.svg" alt="Included"></td>'
        '<td><svg role="img" aria-label="Not included"><use href="#x"/></svg></td></tr>'
        '<tr><td>Reserve ahead</td><td><svg role="img"><title>Included</title></svg></td>'
        '<td>Yes <img src="t.svg" alt="tick"></td></tr></table>'
        '<table><tr><td><img src="logo.png" alt="Fernhollow Home"></td>'
        '<td><a href="/i"><img src="ig.png" alt="Instagram"></a></td></tr></table></body></html>'
    )
    text = load("tariffs.html", page).text
    assert "| Contactless payment | Included | Not included |" in text
    assert "| Reserve ahead | Included | Yes |" in text  # (a cell with words keeps its own)
    assert "Fernhollow Home" not in text and "Instagram" not in text


def test_a_sentence_set_large_is_a_quote_not_a_heading(tmp_path) -> None:
    """A parking notice set its key fact in large bold type, "A penalty charge of £70.00 is now
    payable.": read as a heading, it never became a quote. A sentence of some words ending in a
    full stop stays text whatever its size; a short line set large still heads its part."""
    lines: list[str | tuple[str, int]] = [
        ("PENALTY CHARGE NOTICE", 18),
        ("Issued on 3 May 2025 in Mill Street.", 10),
        ("A penalty charge of 70 pounds is now payable.", 14),
        ("Pay within 28 days of the date of this notice.", 10),
        ("How to pay", 14),
        ("Online at our website, or by phone on 0300 555 0100.", 10),
    ]
    path = tmp_path / "pcn.pdf"
    path.write_bytes(make_pdf([lines]))
    doc = load_document(path, "pcn.pdf", 10_000_000)
    labels = [h.label for h in doc.headings]
    assert "How to pay" in labels
    assert "A penalty charge of 70 pounds is now payable." not in labels
    assert "A penalty charge of 70 pounds is now payable." in doc.text


def test_an_unreadable_bullet_glyph_between_words_reads_as_a_bullet() -> None:
    """A footer's "Exams Office • exams@…" came out with U+007F where the page shows "•": an
    invisible control character in the loaded text. At an item's start it is a list's "-"; between
    words, "•", one character for one."""
    assert readable_list("\x7f Bring a pen\nExams Office  \x7f  01632 960 418") == (
        "- Bring a pen\nExams Office  •  01632 960 418"
    )
    assert shown_glyphs("Printed 21/04/2025  \x7f  Page 1") == "Printed 21/04/2025  •  Page 1"


def test_an_email_s_view_in_browser_link_is_not_read(load) -> None:
    """ "View this email in your browser" opened an order email's text as its first sentence: a
    link to a copy of the same text, furniture as a skip link is. A link that names a page of its
    own ("View our prices") stays."""
    page = (
        '<html><body><table><tr><td><a href="https://v.example/e/1">View this email in your browser</a>'
        "</td></tr></table><h1>Your order is on its way</h1><p>It left our warehouse today.</p>"
        '<p><a href="/prices">View our prices</a> and <a href="/v">view it online</a>.</p></body></html>'
    )
    text = load("order.html", page).text
    assert "browser" not in text and "View our prices" in text


def test_a_letter_s_marking_is_neither_its_title_nor_a_part(tmp_path) -> None:
    """A job offer letter opened with "PRIVATE AND CONFIDENTIAL" in bold: it titled the letter and
    labelled the address block under it. A marking names nothing; the letter is titled by what
    follows it."""
    body = (
        para("PRIVATE AND CONFIDENTIAL", bold=True)
        + para("Mr Callum Yeardley\n42 Beckside Terrace")
        + para("Dear Callum,")
        + para("Offer of employment: Senior Logistics Coordinator", bold=True)
        + para("I am delighted to offer you the position of Senior Logistics Coordinator.")
    )
    path = tmp_path / "offer.docx"
    path.write_bytes(make_docx(body, core_title="Offer of employment - Senior Logistics Coordinator"))
    doc = load_document(path, "offer.docx", 10_000_000)
    assert doc.title != "PRIVATE AND CONFIDENTIAL"
    assert "PRIVATE AND CONFIDENTIAL" not in [h.label for h in doc.headings]
    plain = tmp_path / "letter.txt"
    plain.write_text("CONFIDENTIAL\n\nReport on the roof repairs\n\nThe roof was mended on Monday.\n")
    assert load_document(plain, "letter.txt", 10_000).title == "Report on the roof repairs"


def test_a_bold_problem_name_with_not_heads_its_fix(load) -> None:
    """A troubleshooting list's "**Starter not rising.**" was read as a rule (it holds "not") and
    left its fix under the problem before it. "Not" after a name with no verb before it names a
    state; "**Dogs must not be left alone.**" is still a rule and heads nothing."""
    text = (
        "# Notes\n\n## Troubleshooting\n\n**Dense crumb.** Let it prove longer.\n\n"
        "**Starter not rising.** Keep it warm and feed it twice a day.\n\n"
        "## Rules\n\n**Dogs must not be left alone.** Ask at the desk.\n\n**No food.** Bins are outside.\n"
    )
    labels = [h.label for h in load("notes.md", text).headings]
    assert "Starter not rising" in labels
    assert not any("Dogs" in label for label in labels)


def test_bullets_between_a_letterhead_s_parts_do_not_cut_it_into_items() -> None:
    """A letterhead's "Brackenridge Foods Ltd • Mill Road Industrial Estate • Carnforth Green" was
    cut at each "•" into sentences that opened with a bullet. A bullet after words on the same
    line is a separator; after a sentence's end, or at a line's start, it opens an item."""
    line = "Brackenridge Foods Ltd • Mill Road Industrial Estate • Carnforth Green • 01524 880 115"
    assert sentences_of(line) == [line]
    assert sentences_of("Bring a towel. • Bring a hat.") == ["Bring a towel.", "• Bring a hat."]
    assert sentences_of("Menu\n• Soup\n• Bread") == ["Menu", "• Soup", "• Bread"]


def test_a_running_footer_s_bullet_glyph_reads_as_a_bullet(tmp_path) -> None:
    """The same glyph in a footer every page prints, kept once at the text's end as its running
    lines: it too reads "•"."""
    pages: list[list[str | tuple[str, int]]] = [
        [("Exam rules", 14), "Bring a black pen to every exam.", "Wrexley College  \x7f  Exams Office"],
        [("Timetable", 14), "The maths paper is on Monday.", "Wrexley College  \x7f  Exams Office"],
    ]
    path = tmp_path / "exams.pdf"
    path.write_bytes(make_pdf(pages))
    text = load_document(path, "exams.pdf", 10_000_000).text
    assert text.endswith("Wrexley College  •  Exams Office") and "\x7f" not in text


def test_review_of_chunkers_143_and_144(load, analysed) -> None:
    """A helper's review: a heading in a wrapper of its own lost its text to the part above; a
    "view it online" inside a sentence was cut out of it; "Urgent" and "By hand" headings were
    taken for a letter's marking; "Smoking not permitted." became a heading; a cell's words over
    40 characters let its icon's alt text in; a hidden chevron read as a word; minutes written a
    sentence a line grew heads set tight between sentences."""
    wrapped = (
        "<h1>Surgery</h1><h2>Opening hours</h2>"
        '<div class="hd"><h3>Monday to Friday</h3></div><p>8am to 6.30pm; the phones open at 8am.</p>'
        '<div class="hd"><h3>Weekends</h3></div><p>Closed; call 111 out of hours.</p>'
    )
    got = [(s.section, s.text) for s in analysed("hours.html", wrapped).sentences]
    assert ("Weekends", "Closed; call 111 out of hours.") in got
    inline = "<h1>Bills</h1><p>You can <a href='/s'>view it online</a> or ask for a paper copy.</p>"
    assert "You can view it online or ask for a paper copy." in load("bills.html", inline).text
    recipe = "# Bread\n\n## Kneading\n\n### In a mixer\n\nUse the dough hook.\n\n### By hand\n\nKnead for ten minutes.\n"
    assert "By hand" in [h.label for h in load("bread.md", recipe).headings]
    rules = (
        "## House rules\n\n**Smoking not permitted.** Please use the garden.\n\n"
        "**Pets not allowed.** Assistance dogs are welcome.\n"
    )
    assert [h.label for h in load("rules.md", rules).headings] == ["House rules"]
    cells = (
        "<table><tr><th>Delivery</th><th>Note</th></tr><tr><td>Standard</td>"
        "<td>Free on all orders over £50 to mainland UK addresses <img alt='More information'></td></tr>"
        "<tr><td>Express</td><td><svg aria-hidden='true'><title>chevron-down</title></svg></td></tr></table>"
    )
    text = load("delivery.html", cells).text
    assert "More information" not in text and "chevron" not in text
    minutes = (
        "Minutes of the Parish Council meeting, 3 March 2025\n\n"
        "1. The clerk presented the accounts for the year to date.\n"
        "Councillor Hart proposed that the accounts be accepted.\nCarried unanimously\n"
        "The chair thanked the clerk for her work on the accounts.\n"
        "2. The playground fence is broken in two places.\nQuotes will be sought from three contractors.\n"
        "Action Clerk\nThe chair asked that the work be done before the summer.\n"
        "3. Residents have complained about parking on Mill Lane.\n"
        "The council will write to the highways department.\nAction Councillor Hart\n"
        "The matter will be raised again at the next meeting.\n"
    )
    labels = [h.label for h in load("minutes.txt", minutes).headings]
    assert not {"Carried unanimously", "Action Clerk"} & set(labels)
