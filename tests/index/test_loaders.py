"""Loaders: every supported format becomes a canonical text with exact heading spans; anything else is
refused with a one-line ``LoadError`` that the indexer can show next to the file name."""

from __future__ import annotations

import hashlib
import os
import random
import warnings
from pathlib import Path

import pytest
from writepath_helpers import assert_spans_exact, make_pdf, words

from index.analysis import analyse
from index.errors import LoadError
from index.loaders import _kept_footer, load_document


def one_line(exc: BaseException) -> str:
    msg = str(exc)
    assert msg, "a LoadError must carry a reason"
    assert "\n" not in msg and "\r" not in msg, f"reason is not one line: {msg!r}"
    assert msg == msg.strip()
    return msg


# -- plain text ------------------------------------------------------------------------------------


def test_txt_utf8_is_verbatim(load):
    text = "Title line\n\nHe said “yes”.\u00a0It’s done — café.\n"
    doc = load("a.txt", text)
    assert doc.text == text
    assert doc.note == ""
    assert doc.title == "Title line"
    assert doc.sha256 == hashlib.sha256(text.encode()).hexdigest()


def test_a_markdown_note_s_front_matter_is_its_title_not_its_text(load):
    """An Obsidian or static-site note opens with YAML front matter: its title names the note, and
    none of it ("tags: …", "date: …", the "---" rules) is a sentence or a section."""
    note = "---\ntitle: Garden plan 2026\ntags: [garden]\ndate: 2026-02-14\n---\n\n## Beds\n\nBed A has potatoes.\n"
    doc = load("note.md", note)
    assert doc.title == "Garden plan 2026"
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert [s.text for s in a.sentences] == ["Bed A has potatoes."]
    plain = load("plain.md", "---\nauthor: Sam\n---\n# Garden plan\n\nSow in March.\n")
    assert plain.title == "Garden plan"
    # A rule and prose are no front matter: the prose stays.
    ruled = analyse(load("ruled.md", "---\nSow the beans in May.\n---\n\nWater weekly.\n"), words)
    assert [s.text for s in ruled.sentences] == ["Sow the beans in May.", "Water weekly."]


def test_an_email_is_titled_by_its_subject(load):
    """A saved email opens with "From:" and "To:": its subject line, not "From: Priya Shah", names it."""
    doc = load("thread.txt", "From: Priya Shah\nTo: Facilities\nSubject: Re: Kitchen works\n\nThanks.\n")
    assert doc.title == "Re: Kitchen works"
    assert load("note.txt", "From the chair\n\nSubject: none.\n").title == "From the chair"


def test_a_plain_text_manual_under_a_banner_is_titled_by_its_name_not_the_rule(load):
    """A quick start guide opens with a rule of "=" over the product's name: quotes before its first
    part are labelled with the name, not with a row of equals signs."""
    banner = "=" * 40
    doc = load(
        "guide.txt",
        f"{banner}\n  NOVA A5 PHONE\n  Quick Start Guide\n{banner}\n\nThank you for choosing the Nova.\n",
    )
    assert doc.title == "NOVA A5 PHONE"
    assert load("rules.txt", "-----\n\n----\n").title == "rules"  # no words at all: the file's name


def test_txt_utf8_bom_is_dropped(load):
    doc = load("bom.txt", b"\xef\xbb\xbfFirst line.\nSecond line.")
    assert doc.text == "First line.\nSecond line."
    assert not doc.text.startswith("\ufeff")
    assert doc.title == "First line."


def test_txt_crlf_and_cr_are_normalised(load):
    doc = load("crlf.txt", b"One.\r\nTwo.\r\n\r\nThree.\rFour.\r\n")
    assert doc.text == "One.\nTwo.\n\nThree.\nFour.\n"
    assert "\r" not in doc.text


def test_txt_windows_1252_fallback_has_a_note(load):
    raw = "Caf\u00e9 society \u201cquoted\u201d \u2013 na\u00efve.".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = load("legacy.txt", raw)
    assert doc.text == "Café society “quoted” – naïve."
    assert "Windows-1252" in doc.note


def test_txt_utf8_with_one_stray_byte_is_not_mojibake(load):
    # One invalid byte in an otherwise UTF-8 file must not turn every curly quote into "â€œ".
    raw = "He said “hello” and “goodbye” to the café.".encode() + b" \x92 end."
    doc = load("stray.txt", raw)
    assert "“hello”" in doc.text and "café" in doc.text
    assert "â€" not in doc.text
    assert "replaced" in doc.note


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_txt_utf16_with_bom(load, codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    text = "Heading\r\n\r\nA “quoted” sentence.\u00a0Another one.\r\n"
    doc = load("wide.txt", bom + text.encode(codec))
    assert doc.text == "Heading\n\nA “quoted” sentence.\u00a0Another one.\n"
    assert "UTF-16" in doc.note


def test_utf16_bom_on_binary_data_is_refused(load):
    with pytest.raises(LoadError) as err:
        load("fake16.txt", b"\xff\xfe" + b"\x01\x00\x02\x00" * 200)
    assert "binary" in one_line(err.value)


# -- markdown --------------------------------------------------------------------------------------

MD = """# Quarterly Report

Intro paragraph. It has two sentences.

## Results ##

Revenue grew.

### C#

Code matters.

```python
# not a heading
print("hi")
```

####### seven hashes is not a heading
#hashtag is not a heading
"""


def test_markdown_headings_have_exact_spans(load):
    doc = load("report.md", MD)
    labels = [h.label for h in doc.headings]
    assert labels == ["Quarterly Report", "Results", "C#"]
    lines = {h.label: doc.text[h.start : h.end] for h in doc.headings}
    assert lines == {"Quarterly Report": "# Quarterly Report", "Results": "## Results ##", "C#": "### C#"}
    for h in doc.headings:  # a heading span is a whole line
        assert h.start == 0 or doc.text[h.start - 1] == "\n"
        assert doc.text[h.end : h.end + 1] in ("\n", "")


def test_markdown_title_is_the_first_heading_label_without_markup(load):
    assert load("report.md", MD).title == "Quarterly Report"


def test_a_markdown_heading_s_label_is_its_words_without_markup(load):
    """A label is read, never quoted: "Handover Guide – *Wren* and *Kingfisher* narrowboats" named
    its part with the asterisks; a link's text and inline code read as words. The line itself keeps
    its markup, so every offset still holds."""
    doc = load(
        "guide.md",
        "# Handover Guide – *Wren* and *Kingfisher* boats\n\n## The `gas` locker and [map](https://x.example)\n\nText.\n",
    )
    assert [h.label for h in doc.headings] == [
        "Handover Guide – Wren and Kingfisher boats",
        "The gas locker and map",
    ]
    assert doc.title == "Handover Guide – Wren and Kingfisher boats"
    assert "*Wren*" in doc.text


def test_markdown_alternative_suffix(load):
    doc = load("notes.markdown", "# Notes\n\nSome text here.\n")
    assert [h.label for h in doc.headings] == ["Notes"]


# -- html ------------------------------------------------------------------------------------------

HTML = b"""<!DOCTYPE html>
<html><head><title>The   Page Title</title>
<style>p { color: red; } .secret { display: none }</style>
<script>var secret = "do not index me";</script>
</head>
<body>
<nav><a href="/">Home</a></nav>
<h1>Main <b>Story</b></h1>
<p>The first paragraph says something. It has two sentences.</p>
<script type="text/javascript">document.write("script text");</script>
<h2>
   Second
   Part
</h2>
<div>Text in a <i>div</i> with <span>inline</span> markup.</div>
<noscript>Enable JavaScript</noscript>
<h3>Third&nbsp;part</h3><p>Last words.<br>After a break.</p>
<!-- a comment that is not text -->
<h4>  </h4>
</body></html>
"""


def test_html_headings_are_spans_of_their_label(load):
    doc = load("page.html", HTML)
    assert [h.label for h in doc.headings] == ["Main Story", "Second Part", "Third part"]
    for h in doc.headings:
        assert " ".join(doc.text[h.start : h.end].split()) == h.label
    assert doc.title == "The Page Title"


def test_html_script_style_and_comments_are_not_text(load):
    doc = load("page.html", HTML)
    for hidden in (
        "do not index me",
        "color: red",
        "script text",
        "a comment",
        "Enable JavaScript",
        "<",
        "Home",
    ):
        assert hidden not in doc.text
    assert "Text in a div with inline markup." in doc.text
    assert "The first paragraph says something. It has two sentences." in doc.text


def test_html_tables_and_lists_read_as_rows_and_items(load):
    """A table's cells were paragraphs of their own ("£22" apart from "Student"), so no row could be
    quoted; now each row is one line, as in Markdown, and each list item starts with "- "."""
    page = (
        b"<h2>Plans</h2><table><tr><th>Plan</th><th>Fee</th></tr>"
        b"<tr><td>Student</td><td> \xc2\xa322 </td></tr></table>"
        b"<ul><li>One guest per visit.</li><li>Guests pay <b>\xc2\xa38</b>.</li></ul>"
    )
    doc = load("plans.html", page)
    assert "| Plan | Fee |\n| --- | --- |\n| Student | £22 |" in doc.text  # <th>: the header, marked
    assert "- One guest per visit.\n- Guests pay £8." in doc.text
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert "| Student | £22 |" in [doc.text[s.start : s.end] for s in a.sentences]


def test_a_table_cell_s_paragraphs_and_line_breaks_stay_on_its_row(load):
    """An estate agent's room table wrote "5.80m x 3.10m<br>(19'0\" x 10'2\")" in a cell: the line
    break cut the row over four lines, none a row; a cell of paragraphs lost its row's end. A
    cell's lines and paragraphs go on its row's line, a blank between them, as a Word cell's do."""
    page = (
        b"<table><tr><th>Room</th><th>Notes</th></tr>"
        b"<tr><td>Kitchen</td><td>5.80m x 3.10m<br>(19'0\" x 10'2\")</td></tr>"
        b"<tr><td>Hall</td><td><p>Stairs to first floor</p><p>Understairs cupboard</p></td></tr></table>"
        b"<p>Viewing by appointment.<br>Call us.</p>"
    )
    assert load("listing.html", page).text.strip() == (
        "| Room | Notes |\n| --- | --- |\n| Kitchen | 5.80m x 3.10m (19'0\" x 10'2\") |\n"
        "| Hall | Stairs to first floor Understairs cupboard |\n\nViewing by appointment.\nCall us."
    )
    # a cell spanning columns keeps one blank before its empty columns
    spanned = b"<table><tr><td colspan=2><p>Kitchen</p></td><td>n</td></tr></table>"
    assert load("span.html", spanned).text.strip() == "| Kitchen | | n |"
    # a cell that lays out a page (its list, its heading) keeps its lines: items stay items
    layout = (
        b"<table><tr><td><p>Menu</p></td><td><h2>Village Hall</h2><p>The hall is open daily.</p>"
        b"<ul><li>Kitchen extra</li><li>Stage extra</li></ul></td></tr></table>"
    )
    text = load("layout.html", layout).text
    assert "- Kitchen extra\n- Stage extra" in text and "Village Hall\n" in text


def test_a_table_s_footnote_row_reads_as_a_paragraph_under_it(load):
    """A hospital's visiting times table ended with a <tfoot> note spanning its columns; it read
    as one more ward's row, with three empty cells. It is a paragraph under the table; a totals
    row in the foot stays a row."""
    page = (
        b"<table><thead><tr><th>Ward</th><th>Times</th></tr></thead>"
        b"<tbody><tr><td>Ash</td><td>2pm to 8pm</td></tr></tbody>"
        b"<tfoot><tr><td colspan='2'>Protected mealtimes apply from 12 noon to 1pm.</td></tr>"
        b"<tr><td>Total wards</td><td>1</td></tr></tfoot></table><p>Parking is free.</p>"
    )
    # a foot written before the body (as HTML 4 allowed) stays where it is, a row
    early = (
        b"<table><thead><tr><th>Ward</th><th>Times</th></tr></thead>"
        b"<tfoot><tr><td colspan='2'>Protected mealtimes apply.</td></tr></tfoot>"
        b"<tbody><tr><td>Ash</td><td>2pm to 8pm</td></tr></tbody></table>"
    )
    assert "| Protected mealtimes apply. | |\n| Ash | 2pm to 8pm |" in load("early.html", early).text
    assert load("wards.html", page).text.strip() == (
        "| Ward | Times |\n| --- | --- |\n| Ash | 2pm to 8pm |\n\n"
        "Protected mealtimes apply from 12 noon to 1pm.\n\n| Total wards | 1 |\n\nParking is free."
    )


def test_a_card_s_fields_read_as_lines_of_one_paragraph(load):
    """An open day's programme set each talk as a card of four <div>s (time, title, room, note):
    each read as a paragraph, so a talk's time was as far from its title as from the talk before,
    and its title quoted alone said nothing of when. A card's short fields are the lines of one
    paragraph; <div>s of paragraphs, or of long text, stay paragraphs."""
    page = (
        b"<h2>Computing</h2><div class='grid'>"
        b"<div class='session'><div>11:30am</div><div>Robotics lab demonstration</div>"
        b"<div>Lovell Building, Robotics Lab</div></div>"
        b"<div class='session'><div>2:30pm</div><div>Subject talk: Midwifery</div><div>Room S0.12</div></div>"
        b"</div><div><div><p>Parking is free.</p></div><div><p>Lunch is served from noon.</p></div></div>"
        b"<div class='session'><!-- a talk --><div><img src='i.png'></div><div>4pm</div><div>Closing talk</div></div>"
    )
    doc = load("open-day.html", page)
    assert doc.text.strip().split("\n\n") == [
        "Computing",
        "11:30am\nRobotics lab demonstration\nLovell Building, Robotics Lab",
        "2:30pm\nSubject talk: Midwifery\nRoom S0.12",
        "Parking is free.",
        "Lunch is served from noon.",
        "4pm\nClosing talk",  # a comment, an icon's field: still a card
    ]
    sentences = [s.text for s in analyse(doc, words).sentences]
    assert "11:30am\nRobotics lab demonstration\nLovell Building, Robotics Lab" in sentences


def test_a_list_inside_a_list_item_goes_on_its_lines(load):
    """A hospital's visiting rules nested two rules under "Children under 12 may visit…": a blank
    line cut them off from their item, and another from the items after, so the rule on the
    children's own ward read as a paragraph of its own. The nested items follow their item's line
    in one block; a list after the list, or a paragraph, still starts a new one."""
    page = (
        b"<ul><li>Adults may visit.</li><li>Children under 12 may visit with an adult. "
        b"<ul><li>Not in intensive care.</li><li>Not after 6pm.</li></ul></li>"
        b"<li>Carers may visit any time.</li></ul><p>Thank you.</p><ul><li>Parking is free.</li></ul>"
    )
    doc = load("visit.html", page)
    assert doc.text.strip().split("\n\n") == [
        "- Adults may visit.\n- Children under 12 may visit with an adult. \n- Not in intensive care.\n"
        "- Not after 6pm.\n- Carers may visit any time.",
        "Thank you.",
        "- Parking is free.",
    ]


def test_an_html_table_s_head_and_body_are_one_block_of_rows(load):
    """A theatre's age guidance in <thead> and <tbody>: a blank line parted the header row from the
    rows it names, so a row was read without its header ("12+" of what?)."""
    page = (
        b"<p>Age guidance:</p><table><thead><tr><th>Show</th><th>Age</th></tr></thead>"
        b"<tbody><tr><td>Hamlet</td><td>12+</td></tr><tr><td>Annie</td><td>5+</td></tr></tbody>"
        b"<tfoot><tr><td>Tours</td><td>All ages</td></tr></tfoot></table><p>After the table.</p>"
    )
    doc = load("ages.html", page)
    assert (
        "| Show | Age |\n| --- | --- |\n| Hamlet | 12+ |\n| Annie | 5+ |\n| Tours | All ages |\n\nAfter"
        in doc.text
    )


def test_a_web_page_s_header_row_is_marked_with_a_rule_only_where_the_page_marks_it(load):
    """A fee table's header "| Band | 2023/24 |" holds a number, so nothing in its cells says it
    names the columns of "| A | £1,204 |": the page's <th> cells say so, and the loader writes the
    rule a Markdown table has under it. A row that opens with a <th> (a row's name), a table of
    <th> rows only, and a table without <th> get no rule; a header of two rows is ruled under the
    lower one."""
    page = (
        b"<table><thead><tr><th>Band</th><th>2023/24</th></tr></thead>"
        b"<tbody><tr><td>A</td><td>\xc2\xa31,204</td></tr></tbody></table>"
        b"<p>Hours.</p><table><tr><th>Monday</th><td>9-5</td></tr><tr><th>Tuesday</th><td>9-1</td></tr></table>"
        b"<p>Heads.</p><table><tr><th>Only</th><th>Heads</th></tr></table>"
        b"<p>Plain.</p><table><tr><td>Plan</td><td>Fee</td></tr><tr><td>Basic</td><td>4</td></tr></table>"
        b"<p>Two.</p><table><tr><th colspan='2'>Fees</th></tr><tr><th>Plan</th><th>Fee</th></tr>"
        b"<tr><td>Basic</td><td>4</td></tr></table>"
    )
    text = load("fees.html", page).text
    assert "| Band | 2023/24 |\n| --- | --- |\n| A | £1,204 |" in text
    assert "| Monday | 9-5 |\n| Tuesday | 9-1 |" in text
    assert "| Only | Heads |\n\nPlain." in text
    assert "| Plan | Fee |\n| Basic | 4 |" in text
    assert "| Fees | |\n| Plan | Fee |\n| --- | --- |\n| Basic | 4 |" in text  # a cell over two columns
    assert text.count("---") == 4
    # round 38's plan comparison: a price row set in the <thead>, headed by its own <th>, is data
    plans = (
        b"<table><thead><tr><th>Included</th><th>Essential</th><th>Complete</th></tr>"
        b"<tr><th>Monthly price</th><td>\xc2\xa314.50/month</td><td>\xc2\xa319.95/month</td></tr></thead>"
        b"<tbody><tr><th>Flea treatment</th><td>Yes</td><td>Yes</td></tr></tbody></table>"
    )
    assert load("plans.html", plans).text.splitlines()[:3] == [
        "| Included | Essential | Complete |",
        "| --- | --- | --- |",
        "| Monthly price | £14.50/month | £19.95/month |",
    ]
    # a header row of <th> and <td> labels that hold an amount is the header still
    vat = (
        b"<table><thead><tr><th>Item</th><td>Price ex VAT</td><td>Price inc 20% VAT</td></tr></thead>"
        b"<tbody><tr><td>Tea</td><td>1.25</td><td>1.50</td></tr></tbody></table>"
    )
    assert load("vat.html", vat).text.splitlines()[1] == "| --- | --- | --- |"
    # a comparison's empty top-left corner, and stray words between rows on a line of their own
    corner = load(
        "plans.html",
        b"<table><tr><td></td><th>Basic</th><th>Premium</th></tr><a href='/edit'>Edit table</a>"
        b"<tr><th>Static IP</th><td>no</td><td>yes</td></tr></table>",
    ).text
    assert "| --- | --- | --- |\n" in corner and "| --- | --- | --- | Edit" not in corner
    # a header cell over two columns names both: the rule and the rows have a cell for each
    merged = load(
        "bus.html",
        b"<table><tr><th>Route</th><th colspan='2'>Weekdays</th></tr><tr><td>7</td><td>06:10</td><td>07:40</td></tr></table>",
    )
    assert "| Route | Weekdays | |\n| --- | --- | --- |\n| 7 | 06:10 | 07:40 |" in merged.text
    # an empty spacer row under the header is no row of data, and hides nothing
    spaced = load(
        "spaced.html",
        b"<table><tr><th>Plan</th><th>Fee</th></tr><tr></tr><tr><td>Basic</td><td>4</td></tr></table>",
    )
    assert "| Plan | Fee |\n| --- | --- |\n| Basic | 4 |" in spaced.text


def test_a_cell_spanning_rows_stands_in_each_row_it_spans(load):
    """A zoo's opening times set "Winter" once beside two rows of dates: the second row lost it,
    so its dates read under "Season" and its hours under "Dates", and nothing said it was winter.
    The cell's words stand in each row it spans, in its column, as the page shows them; a cell
    spanning the last column keeps its place after a shorter row; a nested table keeps its own."""
    page = (
        b"<table><tr><th>Season</th><th>Dates</th><th>Hours</th></tr>"
        b"<tr><td rowspan='2'>Winter</td><td>27 Oct to 20 Dec</td><td>10am to 4pm</td></tr>"
        b"<tr><td>27 Dec to 27 Mar</td><td>10am to 4pm</td></tr>"
        b"<tr><td>Summer</td><td>28 Mar to 26 Oct</td><td>9am to 6pm</td></tr>"
        b"<tr><td>Gate</td><td>North</td><td rowspan='3'>Staffed</td></tr><tr><td>Gate</td><td>South</td></tr>"
        b"<tr><td>Gate</td></tr></table>"
    )
    doc = load("zoo.html", page)
    assert doc.text.split("\n")[2:8] == [
        "| Winter | 27 Oct to 20 Dec | 10am to 4pm |",
        "| Winter | 27 Dec to 27 Mar | 10am to 4pm |",
        "| Summer | 28 Mar to 26 Oct | 9am to 6pm |",
        "| Gate | North | Staffed |",
        "| Gate | South | Staffed |",
        "| Gate | | Staffed |",
    ]
    assert_spans_exact(analyse(doc, words))
    nested = load(
        "nested.html",
        b"<table><tr><td rowspan='2'>Mon</td><td><table><tr><td>a</td></tr></table></td></tr>"
        b"<tr><td>Late</td></tr></table>",
    )
    assert "| Mon | Late |" in nested.text
    # a cell spanning rows and columns keeps the columns after it in place; two spanning the last
    # columns right of a short row stand each in its own
    wide = load(
        "wide.html",
        b"<table><tr><th>Day</th><th>AM</th><th>PM</th></tr><tr><td>Mon</td><td rowspan=2 colspan=2>Closed</td>"
        b"</tr><tr><td>Tue</td></tr><tr><td>Wed</td><td>z</td><td>w</td></tr></table>",
    )
    assert wide.text.split("\n")[2:5] == ["| Mon | Closed | |", "| Tue | Closed | |", "| Wed | z | w |"]
    right = load(
        "right.html",
        b"<table><tr><td>a</td><td>b</td><td>c</td><td rowspan=3>D1</td><td rowspan=3>E1</td></tr>"
        b"<tr><td>f</td><td>g</td></tr><tr><td>h</td><td>i</td></tr></table>",
    )
    assert right.text.split("\n")[1:3] == ["| f | g | | D1 | E1 |", "| h | i | | D1 | E1 |"]
    # a long cell is not written again in each row: its first row holds it, the others are empty
    long = "A very long note. " * 10
    noted = load(
        "noted.html",
        f"<table><tr><td rowspan=3>{long}</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>".encode(),
    )
    assert noted.text.count("A very long note.") == 10 and "| | 3 |" in noted.text
    # a header cell spanning the header's two rows counts in the rule under them
    two_headers = load(
        "two.html",
        "<table><thead><tr><th rowspan=2>Season</th><th colspan=2>Price</th></tr><tr><th>Adult</th>"
        "<th>Child</th></tr></thead><tbody><tr><td>Summer</td><td>£12</td><td>£6</td></tr></tbody></table>".encode(),
    )
    assert "| Season | Adult | Child |\n| --- | --- | --- |\n| Summer | £12 | £6 |" in two_headers.text
    # a span of 0 or nonsense is one row, as a browser reads it
    odd = load(
        "odd.html", b"<table><tr><td rowspan='0'>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>"
    )
    assert "| C | D |" in odd.text


def test_html_numbered_list_items_keep_the_numbers_the_page_shows(load):
    """A returns page's four steps in an <ol> came out as "- " bullets, so "What is step 3?" had no
    "3" to find; the numbers a browser shows are kept, ``start``, ``reversed`` and ``value`` obeyed,
    and each step is still a sentence of its own."""
    page = (
        b"<h2>How to return an item</h2><ol><li>Log in to your account.</li><li>Choose the item.</li>"
        b"<li>Print the label and attach it to the parcel.</li></ol>"
        b"<ol start='5' reversed><li>Five.</li><li value='9'>Nine.</li><li>Eight.</li></ol>"
        b"<ol type='a'><li>A lettered item.</li></ol><ol><li>Outer.<ul><li>Inner.</li></ul></li></ol>"
    )
    doc = load("returns.html", page)
    assert "1. Log in to your account.\n2. Choose the item.\n3. Print the label" in doc.text
    assert "5. Five.\n9. Nine.\n8. Eight." in doc.text
    assert "- A lettered item." in doc.text  # "a. " would read as no list item
    assert "1. Outer." in doc.text and "- Inner." in doc.text  # a nested bullet list keeps its bullets
    # a step written as a paragraph in its item keeps its number on its line ("1." alone would be
    # a sentence); a numbered list inside a step keeps bullets, which cannot pass for the outer
    # list's steps; an odd or huge number is read as a browser reads it, or the item keeps "- "
    odd = load(
        "odd.html",
        b"<ol><li><p>Log in.</p></li><li><h3>Choose</h3><p>the item.</p></li></ol>"
        b"<ol><li>Send:<ol><li>Open the file.</li><li>Choose the printer.</li></ol></li><li>Tap.</li></ol>"
        b"<ol start='--3'><li>Dashes.</li></ol><ol start='+3'><li>Plus.</li></ol>"
        b"<ol><li value='\xc2\xb2'>Super.</li><li value='2.5'>Decimal.</li></ol>"
        b"<ol start='5000'><li>Big.</li></ol><ol start='" + b"9" * 5000 + b"'><li>Huge.</li></ol>",
    )
    assert "1. Log in.\n\n2. Choose" in odd.text
    assert "1. Send:" in odd.text and "- Open the file.\n- Choose the printer." in odd.text
    assert "2. Tap." in odd.text
    # inside a bulleted list's item, a numbered list's numbers are the only ones: they stay
    steps = load("steps.html", b"<ul><li>To print:<ol><li>Open it.</li><li>Print it.</li></ol></li></ul>")
    assert "1. Open it.\n2. Print it." in steps.text
    for marked in ("1. Dashes.", "3. Plus.", "1. Super.", "2. Decimal.", "- Big.", "- Huge."):
        assert marked in odd.text
    assert_spans_exact(analyse(odd, words))
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert "3. Print the label and attach it to the parcel." in [s.text for s in a.sentences]


def test_an_indented_description_list_reads_term_and_description_on_one_line(load):
    """A page written by hand indents its <dl>: the blank between "</dt>" and "<dd>" left a line of
    one space between a lesson's name and what it is, and the next term ran on from the last
    description ("…09:30 to 11:30.\nJunior Groups" under nothing)."""
    page = (
        b"<h2>Lesson types</h2>\n<dl>\n  <dt>Snow Cubs (ages 4-6)</dt>\n  <dd>Play-based lessons. Mornings"
        b" only, 09:30 to 11:30.</dd>\n  <dt>Junior Groups</dt>\n  <dd>Groups of up to 8.</dd>\n</dl>"
    )
    doc = load("ski.html", page)
    assert (
        "Snow Cubs (ages 4-6): Play-based lessons. Mornings only, 09:30 to 11:30.\nJunior Groups: "
        in doc.text
    )
    assert "\n \n" not in doc.text
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert "Snow Cubs (ages 4-6): Play-based lessons." in [s.text for s in a.sentences]


def test_html_description_lists_read_term_then_description_on_one_line(load):
    """A pool's opening times in a <dl>: "Monday to Friday" and "6:30 a.m. to 9:30 p.m." were two
    sentences, so "What are the opening times on weekdays?" got the days without the hours."""
    page = (
        b"<h2>Opening times</h2><dl><dt>Monday to Friday</dt><dd>6:30 a.m. to 9:30 p.m.</dd>"
        b"<dt>Sunday:</dt><dd><p>Closed</p></dd><dt>Lone term</dt></dl><p>After the list.</p>"
    )
    doc = load("pool.html", page)
    assert "Monday to Friday: 6:30 a.m. to 9:30 p.m.\nSunday: Closed" in doc.text
    a = analyse(doc, words)
    assert_spans_exact(a)
    sentences = [s.text for s in a.sentences]
    assert "Monday to Friday: 6:30 a.m. to 9:30 p.m." in sentences
    assert "Lone term" in sentences and "After the list." in sentences
    # a question's term, an empty description and a list under a term stay as they are
    odd = load(
        "odd.html",
        b"<dl><dt>Do I need to book?</dt><dd>Yes, online.</dd><dt>Fax</dt><dd></dd><dt>Phone</dt>"
        b"<dd>01632 960 000</dd><dt>Bring</dt><dd><ul><li>a towel</li><li>a lock</li></ul></dd>"
        b"<dt>Tel.</dt><dd>01234 567890</dd></dl>",
    )
    assert (
        "Do I need to book?\nYes, online.\nFax: \nPhone: 01632 960 000\nBring\n\n- a towel\n- a lock"
        in odd.text
    )
    assert "Tel. 01234 567890" in odd.text


def test_html_description_list_questions_head_their_answers(load):
    """A hotel's "Other questions" as a <dl> of questions and answers: each question labels its
    answer, as an FAQ's bold questions do, instead of standing as a sentence of its own."""
    page = (
        b"<h2>Other questions</h2><dl><dt>Is there Wi-Fi?</dt><dd>Free Wi-Fi is available throughout.</dd>"
        b"<dt>Can I smoke?</dt><dd>A \xc2\xa3150 cleaning fee is charged if anyone smokes.</dd>"
        b"<dt>Do you sell vouchers?</dt><dd></dd></dl><p>After the list.</p>"
    )
    doc = load("hotel.html", page)
    assert [(h.label, h.level) for h in doc.headings] == [
        ("Other questions", 2),
        ("Is there Wi-Fi?", 3),
        ("Can I smoke?", 3),
    ]  # a question without an answer heads nothing
    a = analyse(doc, words)
    assert_spans_exact(a)
    sections = dict((s.text, s.section) for s in a.sentences)
    assert sections["A £150 cleaning fee is charged if anyone smokes."].endswith("Can I smoke?")
    assert sections["Free Wi-Fi is available throughout."].endswith("Is there Wi-Fi?")
    assert "Can I smoke?" not in sections and "Is there Wi-Fi?" not in sections


def test_a_glossary_term_that_asks_heads_nothing_and_two_questions_share_an_answer(load):
    """A glossary of shops with one named "Why Not?" is no FAQ: its terms stay terms. Two questions
    over one answer both head it; a question in quotes does not run into its answer."""
    shops = load(
        "shops.html",
        b"<h2>Shops</h2><dl><dt>Why Not?</dt><dd>Gifts and cards.</dd><dt>Bloom</dt><dd>Flowers.</dd></dl>",
    )
    assert [h.label for h in shops.headings] == ["Shops"]
    faq = load(
        "faq.html",
        b"<h2>FAQ</h2><dl><dt>Can I park?</dt><dt>Is parking free?</dt><dd>Parking is free for two hours.</dd>"
        b'<dt>"Can I smoke?"</dt><dd>No, never.</dd></dl>',
    )
    assert [h.label for h in faq.headings] == ["FAQ", "Can I park?", "Is parking free?", '"Can I smoke?"']
    assert "\nNo, never." in faq.text and ": No, never." not in faq.text


def test_a_web_page_s_part_goes_on_after_a_collapsible_block_its_summary_headed(load):
    """A station's "Accessibility" part held a <details> block ("Step-free access: how to reach
    each platform") and went on after it with "To book assistance, call …", which fell under the
    summary. Past the block, the part it sits in resumes, under its own label as it was named;
    an FAQ of blocks one after another, or a block that ends its part, resumes nothing."""
    page = (
        "<h1>Ashcombe Parkway</h1><h2>Tickets</h2><p>The office opens at 6am.</p>"
        "<h2>Accessibility</h2><p>Both platforms have lifts.</p>"
        "<details><summary>Step-free access: how to reach each platform</summary>"
        "<p>Use the lift by the ticket hall.</p></details>"
        "<p>To book assistance, call 0808 157 0488.</p><h2>Car parking</h2><p>It costs £6 a day.</p>"
    )
    a = analyse(load("station.html", page), words)
    assert_spans_exact(a)
    by_text = {s.text: s.section for s in a.sentences}
    assert by_text["Use the lift by the ticket hall."] == "Step-free access: how to reach each platform"
    assert by_text["To book assistance, call 0808 157 0488."] == by_text["Both platforms have lifts."]
    # the resumed part is named as it was, and names no other part differently
    step_free = "Step-free access: how to reach each platform"
    assert [s.label for s in a.sections] == [
        "Tickets",
        "Accessibility",
        step_free,
        "Accessibility",
        "Car parking",
    ]
    plain = page.replace("<p>To book assistance, call 0808 157 0488.</p>", "")
    assert [s.label for s in analyse(load("station.html", plain), words).sections] == [
        "Tickets",
        "Accessibility",
        step_free,
        "Car parking",
    ]
    # nested blocks resume the part each opened in; a lone bold line after a block is no heading
    nested = (
        "<h2>Accessibility</h2><p>Both platforms have lifts.</p><details><summary>Step-free access</summary>"
        "<p>Use the lift.</p><details><summary>Platform 2</summary><p>Ramp at the back.</p></details>"
        "<p>Staff can help you.</p></details><p><strong>Need help on the day?</strong></p>"
        "<p>To book assistance, call 0808 157 0488.</p>"
    )
    sections = {s.text: s.section for s in analyse(load("nested.html", nested), words).sentences}
    assert sections["Staff can help you."] == "Step-free access"
    assert sections["To book assistance, call 0808 157 0488."] == "Accessibility"
    faq = load(
        "faq.html",
        "<h1>FAQ</h1><details><summary>Do I need to book?</summary><p>Yes.</p></details>\n"
        "<details><summary>Can I park?</summary><p>No.</p></details>\n<h2>Contact</h2><p>Call us.</p>",
    )
    assert [h.label for h in faq.headings] == ["FAQ", "Do I need to book?", "Can I park?", "Contact"]


def test_html_collapsible_summaries_head_their_answers(load):
    """An FAQ page's <details><summary>Question?</summary>…: each question labels its answer, one
    level under the page's heading, as a heading line would."""
    page = (
        b"<h1>FAQ</h1><details><summary>Do I need to book?</summary><p>Yes, online.</p></details>"
        b"<details><summary>How much is a swim?</summary><p>An adult swim costs \xc2\xa35.20.</p></details>"
        b"<h2>Opening times</h2><p>Daily.</p>"
    )
    doc = load("faq.html", page)
    assert [(h.label, h.level) for h in doc.headings] == [
        ("FAQ", 1),
        ("Do I need to book?", 2),
        ("How much is a swim?", 2),
        ("Opening times", 2),
    ]
    # a summary's own heading element makes one heading, not two
    inner = load(
        "inner.html", b"<h2>FAQ</h2><details><summary><h3>Can I swim?</h3></summary><p>Yes.</p></details>"
    )
    assert [h.label for h in inner.headings] == ["FAQ", "Can I swim?"]
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert [(s.text, s.section) for s in a.sentences][:2] == [
        ("Yes, online.", "Do I need to book?"),
        ("An adult swim costs £5.20.", "How much is a swim?"),
    ]


def test_a_card_s_label_in_its_own_header_is_its_title_s(load):
    """A museum's gallery cards each hold a <header> with the floor over the gallery's <h3>: the
    floor was the card before's ("First floor" under "The Rope Works"). A page's own <header>
    with a line over its <h1> is no card."""
    page = (
        "<header><span>Harrowby Museum</span><h1>Plan your visit</h1></header><p>Welcome.</p>"
        '<h2>Our galleries</h2><article class="card"><header><span>Ground floor</span>'
        "<h3>The Rope Works</h3></header><p>Two centuries of ropemaking.</p></article>"
        '<article class="card"><header><span>First floor</span><h3>Before the Town</h3></header>'
        "<p>Flint tools and Roman coins.</p></article>"
    )
    doc = load("museum.html", page)
    a = analyse(doc, words)
    assert_spans_exact(a)
    where = {s.text: s.section for s in a.sentences}
    assert where["Ground floor"] == "The Rope Works"
    assert where["First floor"] == "Before the Town"
    assert where["Flint tools and Roman coins."] == "Before the Town"
    assert not any(h.opens is not None for h in doc.headings if h.label == "Plan your visit")
    # and inside a <header> the title and its line may be grouped (<hgroup>)
    grouped = load(
        "grouped.html",
        page.replace("<header>", "<header><hgroup>").replace("</header>", "</hgroup></header>"),
    )
    b = analyse(grouped, words)
    assert {s.text: s.section for s in b.sentences}["First floor"] == "Before the Town"


def test_an_html_cards_short_line_over_its_title_is_the_titles(load):
    """An events page's cards set each date above the event's title: the date is that event's,
    not the card before's, so it falls under the event's heading (a part of its own before the
    heading line, which never becomes a quote). A long paragraph over a card's heading and a line
    under the cards are the part's the cards sit in ("Upcoming events"), not the card before's."""
    page = (
        "<h2>Upcoming events</h2>"
        '<div class="card"><div>Saturday 8 March 2025</div><h3>Seed Sowing</h3><p>Sow seeds indoors.</p></div>'
        '<div class="card"><div>Sunday 23 March 2025</div><h3>Rose Pruning</h3><p>Prune your roses.</p>'
        "<h4>What to bring</h4><p>Gloves.</p></div>"
        '<div class="card"><p>This long introduction runs on for more words than any date or label '
        "over a title would ever hold.</p><h3>Pond Talk</h3><p>Ponds.</p></div>"
        "<p>Updated May</p><h2>Booking</h2><p>Book online.</p>"
    )
    doc = load("events.html", page)
    a = analyse(doc, words)
    assert_spans_exact(a)
    where = {s.text: s.section for s in a.sentences}
    assert where["Saturday 8 March 2025"] == "Seed Sowing"
    assert where["Sunday 23 March 2025"] == "Rose Pruning"
    assert where["Sow seeds indoors."] == "Seed Sowing" and where["Gloves."] == "What to bring"
    long_intro = next(t for t in where if t.startswith("This long introduction"))
    # past a card's end the part the cards sit in resumes: a card's long introduction and a line
    # under the cards are no earlier card's
    assert where[long_intro] == "Upcoming events"
    assert where["Updated May"] == "Upcoming events"
    assert not any(s.text in ("Seed Sowing", "Rose Pruning") for s in a.sentences)
    # the date and the event's text are parts of their own, so no passage runs across two events
    dates = [p for p in a.passages if "2025" in p.text]
    assert [p.text for p in dates] == ["Saturday 8 March 2025", "Sunday 23 March 2025"]


def test_a_list_of_talks_keeps_each_date_and_its_bullet_with_its_talk(load):
    """A library's talks as list items, each a date over an <h2> title: the date, with the item's
    bullet, is that talk's; no bullet is left behind alone in the talk before."""
    page = (
        "<h1>Autumn talks</h1><ul>"
        "<li><span>Tuesday 7 October, 7pm</span><h2>The canal</h2><p>How it was built.</p></li>"
        "<li><span>Tuesday 4 November, 7pm</span><h2>Birds of the marsh</h2><p>A slideshow.</p></li>"
        "</ul>"
    )
    a = analyse(load("talks.html", page), words)
    assert_spans_exact(a)
    assert [(s.text, s.section) for s in a.sentences] == [
        ("- Tuesday 7 October, 7pm", "The canal"),
        ("How it was built.", "The canal"),
        ("- Tuesday 4 November, 7pm", "Birds of the marsh"),
        ("A slideshow.", "Birds of the marsh"),
    ]


def test_a_wrappers_intro_or_an_items_number_over_a_heading_stays_where_it_was(load):
    """Not every short line over a heading is a card's date: a single wrapper round a page's text
    keeps its intro in the page's first part, a list item's number is no line of its own, and a
    line that ends a sentence or is a table's row is text, not a label."""
    wrapper = load(
        "rules.html",
        "<h1>Pool rules</h1><div class='entry'><p>Please read these rules</p><h2>Water</h2><p>No diving.</p></div>",
    )
    a = analyse(wrapper, words)
    assert {s.text: s.section for s in a.sentences}["Please read these rules"] == "Pool rules"
    steps = load(
        "steps.html",
        "<h2>Steps</h2><ol><li><h3>Dig</h3><p>Dig a hole.</p></li><li><h3>Plant</h3><p>Plant it.</p></li></ol>",
    )
    b = analyse(steps, words)
    assert [s.label for s in b.sections] == ["Steps", "Dig", "Plant"]  # no part of "1." alone under "Dig"
    said = load(
        "news.html",
        "<div class='n'><p>We are open.</p><h3>Monday</h3><p>9 to 5.</p></div>"
        "<div class='n'><p>We are shut.</p><h3>Sunday</h3><p>All day.</p></div>",
    )
    c = analyse(said, words)
    assert {s.text: s.section for s in c.sentences}["We are shut."] == "Monday"


def test_html_bold_questions_head_their_answers(load):
    """An FAQ page's "<p><strong>Question?</strong></p>" heads its answer, named with its section,
    whether the answer follows in the next paragraph or on the same one; bold that is no question,
    or a question in the middle of a paragraph or with no answer under it, stays text."""
    page = (
        b"<h1>Parking</h1><h2>Permits</h2>"
        b"<p><strong>How do I get a permit?</strong></p><p>Apply online.</p>"
        b"<p><b>Can visitors park?</b><br>Yes, with a voucher.</p>"
        b"<p><strong>Note:</strong> permits are not refundable.</p>"
        b"<p>Ask us <strong>why not?</strong> any time.</p>"
        b"<p><strong>What about bikes?</strong></p><h2>Fines</h2><p>Fines are \xc2\xa370.</p>"
    )
    doc = load("faq.html", page)
    assert [(h.label, h.level, h.under) for h in doc.headings] == [
        ("Parking", 1, False),
        ("Permits", 2, False),
        ("How do I get a permit?", 3, True),
        ("Can visitors park?", 3, True),
        ("Fines", 2, False),
    ]
    a = analyse(doc, words)
    assert_spans_exact(a)
    got = [(s.text, s.section) for s in a.sentences]
    assert got[:3] == [
        ("Apply online.", "Permits › How do I get a permit?"),
        ("Yes, with a voucher.", "Permits › Can visitors park?"),
        ("Note: permits are not refundable.", "Permits › Can visitors park?"),
    ]
    assert ("What about bikes?", "Permits › Can visitors park?") in got
    # one bold question is a request, not an FAQ; a table cell's bold heads nothing
    mail = load(
        "mail.html",
        b"<p>Hi all,</p><div><b>Can you send your slides by Wednesday?</b></div><div>Thanks</div>",
    )
    assert mail.headings == []
    table = load(
        "table.html",
        b"<h2>Prices</h2><p><b>Is delivery free?</b></p><p>Over \xc2\xa350.</p><p><b>Can I return it?</b></p><p>Yes.</p>"
        b"<table><tr><td><p><b>Is assembly free?</b></p><p>No</p></td></tr><tr><td>Chair</td><td>\xc2\xa340</td></tr></table>",
    )
    assert [h.label for h in table.headings] == ["Prices", "Is delivery free?", "Can I return it?"]


def test_xhtml_is_read_as_html_without_a_warning(load):
    """A saved XHTML page starts with "<?xml": read as HTML on purpose, so BeautifulSoup's
    "looks like XML" warning must not reach the indexing console."""
    xhtml = b'<?xml version="1.0" encoding="utf-8"?>\n' + HTML
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = load("page.xhtml.html", xhtml)
    assert [h.label for h in doc.headings] == ["Main Story", "Second Part", "Third part"]
    assert "The first paragraph says something. It has two sentences." in doc.text


def test_html_sections_follow_headings(load):
    """The page's <nav> menu ("Home") is left out, so nothing comes before the first heading."""
    a = analyse(load("page.htm", HTML), words)
    assert_spans_exact(a)
    assert [s.label for s in a.sections] == [
        "Main Story",
        "Second Part",
        "Third part",
    ]
    by_section = {s.label: [x.text for x in a.sentences if x.section == s.label] for s in a.sections}
    assert by_section["Main Story"] == ["The first paragraph says something.", "It has two sentences."]
    assert by_section["Third part"] == ["Last words.", "After a break."]


def test_html_without_title_is_titled_by_first_heading(load):
    doc = load("t.html", b"<html><body><h2>Only Heading</h2><p>Body text here.</p></body></html>")
    assert doc.title == "Only Heading"


def test_html_intro_before_first_heading_is_not_labelled_like_that_heading(load):
    doc = load("i.html", b"<body><p>Intro words here.</p><h1>Main Part</h1><p>Main body text.</p></body>")
    a = analyse(doc, words)
    labels = [s.label for s in a.sections]
    assert labels == ["Intro words here.", "Main Part"]
    assert len(set(labels)) == len(labels)


def test_deeply_nested_html_does_not_crash(load):
    depth = 5000
    data = (
        b"<html><body>"
        + b"<div>" * depth
        + b"<h2>Deep Title</h2><p>Deep text. More deep text.</p>"
        + b"</div>" * depth
        + b"</body></html>"
    )
    doc = load("deep.html", data)
    assert [h.label for h in doc.headings] == ["Deep Title"]
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert [s.text for s in a.sentences] == ["Deep text.", "More deep text."]


def test_html_heading_inside_a_heading_is_one_heading(load):
    # lxml keeps an <h1> inside an unclosed <h1>; the spans must still be ordered and not overlap
    doc = load("n.html", b"<body><h1>Outer words<h1>Inner words</h1></h1><p>Body text.</p></body>")
    assert [h.label for h in doc.headings] == ["Outer words Inner words"]
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert [s.label for s in a.sections] == ["Outer words Inner words"]
    assert [s.text for s in a.sentences] == ["Body text."]


def test_html_site_furniture_is_left_out_and_an_article_header_kept(load):
    """A council page: the site's header, its footer and the cookie banner are no part of the page
    (they were quoted: "Accept all cookies"); an article's own <header> holds its headline, and a
    recipe's "cookie-recipe" is content."""
    page = (
        b'<body><div class="cookie-banner">We use cookies. <a href="/c">Accept all cookies</a></div>'
        b'<header><a href="/">Millbrook Council</a></header>'
        b"<main><article><header><h1>Bulky waste</h1></header><p>We collect sofas.</p>"
        b'<div class="cookie-recipe"><p>Bake the cookies for ten minutes.</p></div>'
        b'<div role="navigation"><a href="/x">Bins</a></div></article></main>'
        b'<footer><a href="/privacy">Privacy</a> <a href="/a">Accessibility</a></footer></body>'
    )
    doc = load("bulky.html", page)
    assert [h.label for h in doc.headings] == ["Bulky waste"]
    assert " ".join(doc.text.split()) == "Bulky waste We collect sofas. Bake the cookies for ten minutes."
    # a skip link ("Skip to main content", eight pages of the rounds opened with it) is no text;
    # a link within the page that says "skip" otherwise is
    page = (
        b'<body><a class="skip" href="#main">Skip to main content</a><main id="main"><h1>Bins</h1>'
        b'<p>Skipping a week? <a href="#late">Skip collections are on Fridays</a>.</p></main></body>'
    )
    assert (
        " ".join(load("bins.html", page).text.split())
        == "Bins Skipping a week? Skip collections are on Fridays."
    )
    # a link in the page's text that skips ahead in it is the text's own
    page = b'<body><h1>Sign up</h1><ol><li>If you have an account, <a href="#s3">skip to step 3</a>.</li></ol></body>'
    assert (
        " ".join(load("steps.html", page).text.split())
        == "Sign up 1. If you have an account, skip to step 3."
    )


def test_a_form_s_labels_buttons_and_choices_are_not_the_page_s_text(load):
    """A recipe page's comment form read as "Leave a commentPost comment", its label run into its
    button. A form's controls are the form's, not the page's; its own paragraphs stay, and so does
    a button outside a form (an FAQ's question that opens its answer)."""
    page = (
        b"<body><main><h1>Pasties</h1><p>Bake for 30 minutes.</p>"
        b"<form><p>Comments are checked before they appear.</p><label>Leave a comment</label>"
        b"<textarea>Type here</textarea><select><option>Newest first</option></select>"
        b"<button>Post comment</button></form>"
        b"<button>Can I freeze them?</button><div><p>Yes, for three months.</p></div></main></body>"
    )
    text = " ".join(load("pasties.html", page).text.split())
    assert text == (
        "Pasties Bake for 30 minutes. Comments are checked before they appear. "
        "Can I freeze them? Yes, for three months."
    )
    # a form that wraps the page (as ASP.NET sites do) holds its content: its controls are kept
    page = (
        b"<body><form id='aspnetForm'><main><h1>Parking FAQ</h1><button>Can I park overnight?</button>"
        b"<div><p>Yes, for \xc2\xa35.</p></div><table><tr><td><label>Adult</label></td><td>\xc2\xa32</td></tr>"
        b"</table></main></form></body>"
    )
    text = " ".join(load("parking.html", page).text.split())
    assert text == "Parking FAQ Can I park overnight? Yes, for £5. | Adult | £2 |"


def test_the_page_s_own_header_and_footer_keep_their_words_not_their_links(load):
    """A dental practice's FAQ page gives its address and phone number only in its footer, a
    restaurant's menu its name and address only in its header: "What's the practice's phone
    number?" must find them. Their words are kept, the footer as a part labelled "Page footer" (not
    under the FAQ's last question); their links, a logo and a copyright line stay out."""
    page = (
        b'<body><header><a class="logo" href="/">Home</a><p>Elm Road Dental, 3 Elm Road, Leeds</p>'
        b'<nav><a href="/faq">FAQ</a></nav></header>'
        b"<main><h1>FAQs</h1><h3>Do you see children?</h3><p>Yes, from age 1.</p></main>"
        b"<footer><p>Telephone: 0113 496 0732</p><p>Prices include VAT.</p>"
        b'<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p>'
        b"<p>&copy; 2025 Elm Road Dental</p></footer></body>"
    )
    doc = load("faq.html", page)
    assert doc.text.startswith("Elm Road Dental, 3 Elm Road, Leeds\n\nFAQs")
    assert [h.label for h in doc.headings] == ["FAQs", "Do you see children?", "Page footer"]
    footer = doc.headings[-1]
    assert " ".join(doc.text[footer.start :].split()) == "Telephone: 0113 496 0732 Prices include VAT."
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert [s.text for s in a.sentences if s.section == "Page footer"] == [
        "Telephone: 0113 496 0732",
        "Prices include VAT.",
    ]


def test_a_footer_line_of_links_and_a_copyright_leaves_no_stray_bars(load):
    """A cookery school's footer: "Privacy | Terms & Conditions | © 2025 Saltmarsh Kitchen Ltd".
    Its links went and its bars stayed, "| | © 2025 Saltmarsh Kitchen Ltd", a line that read as a
    broken table row. Without its links it is a copyright line, which goes; a phone number's and
    an email's links stay."""
    page = (
        b"<body><main><h1>Classes</h1><p>Bread making is on Saturdays.</p></main><footer>"
        b'<p>Tel: <a href="tel:01328738214">01328 738 214</a> | Email: '
        b'<a href="mailto:cook@example.com">cook@example.com</a></p>'
        b'<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms &amp; Conditions</a> | '
        b"&copy; 2025 Saltmarsh Kitchen Ltd</p></footer></body>"
    )
    doc = load("classes.html", page)
    footer = doc.headings[-1]
    assert footer.label == "Page footer"
    assert doc.text[footer.start :].strip() == "Tel: 01328 738 214 | Email: cook@example.com"
    # a copyright line with a number that is not a year says more than who owns the page
    charity = page.replace(b"&copy; 2025 Saltmarsh", b"&copy; Saltmarsh Trust, charity no. 1098765,")
    assert "\n© Saltmarsh Trust, charity no. 1098765, Kitchen Ltd\n" in load("trust.html", charity).text


def test_a_footer_s_information_stays_beside_links_that_go(load):
    """What a footer says stays, however its links sit beside it: a copyright line with an email
    or a charity number, a wrapper that opens with © over other sentences, a phone number and an
    email with a dropped link between them (no blank in the markup), bars before a dropped link.
    A copyright line with nothing else, a span of years included, goes."""

    def footer(inner: bytes) -> str:
        doc = load(
            "page.html",
            b"<body><main><h1>Classes</h1><p>Bread.</p></main><footer>" + inner + b"</footer></body>",
        )
        heads = [h for h in doc.headings if h.label == "Page footer"]
        return " ".join(doc.text[heads[0].start :].split()) if heads else ""

    mail = b'<a href="mailto:hello@acme.com">hello@acme.com</a>'
    assert footer(b"<p>&copy; 2025 Acme Ltd &middot; " + mail + b"</p>") == "© 2025 Acme Ltd · hello@acme.com"
    assert (
        footer(
            b"<div><p>&copy; 2025 Acme Ltd</p><ul><li><a href='/'>Home</a></li><li><a href='/p'>Privacy</a></li>"
            b"</ul><p>Free parking on site.</p></div>"
        )
        == "Free parking on site."  # the copyright line alone goes, not the wrapper
    )
    assert footer(
        b'<p>Tel <a href="tel:01234567890">01234 567890</a><a href="/p">Privacy</a> | ' + mail + b"</p>"
    ) == ("Tel 01234 567890 hello@acme.com")
    # a contact's link that shows no address or number ("Email us") is a link like the others
    assert footer(b'<p>Prices include VAT.</p><p><a href="mailto:x@acme.com">Email us</a></p>') == (
        "Prices include VAT."
    )
    assert footer(b'<p>Tel: 0123 456 789 | <a href="/p">Privacy</a> | <a href="/t">Terms</a></p>') == (
        "Tel: 0123 456 789"
    )
    assert footer(b"<p>Open daily.</p><p>&copy; 2024&ndash;25 Acme Ltd</p>") == "Open daily."
    # a link wrapped in a span goes with its bars too
    assert (
        footer(b'<p>Tel: 0113 496 0721 | <span><a href="/p">Privacy</a></span></p>') == "Tel: 0113 496 0721"
    )
    # a footer of many nested blocks is judged block by block in one walk each, not cubic time
    deep = b"<div>word " * 300 + b"</div>" * 300
    assert footer(deep).split() == ["word"] * 300


def test_a_bar_of_links_and_a_lead_in_to_links_are_no_text_to_quote(load):
    """A news page's "Subscribe | Sign in | Newsletters" bar (a <div> of links its markup does not
    name) opened the page's text, and its footer's "Follow us: LinkedIn | YouTube" came out as
    "Follow us: |". A list of links under a heading stays, and so do a footer's own words."""
    page = (
        b'<body><div class="top-bar"><a href="/s">Subscribe</a> | <a href="/l">Sign in</a></div>'
        b"<main><h1>Parking bill explained</h1><p>The bill caps fines at 50 pounds.</p>"
        b'<h2>More from Explainers</h2><ul><li><a href="/a">How tax works</a></li>'
        b'<li><a href="/b">What the budget means</a></li></ul></main>'
        b'<footer><p>Follow us: <a href="#">LinkedIn</a> | <a href="#">YouTube</a></p>'
        b"<p>Call us on 0161 496 0000.</p></footer></body>"
    )
    doc = load("explainer.html", page)
    assert "Subscribe" not in doc.text and "Follow us" not in doc.text
    assert doc.text.startswith("Parking bill explained")
    assert "- How tax works" in doc.text and "Call us on 0161 496 0000." in doc.text
    # a <div> with words of its own around its links is text
    kept = load(
        "k.html", b'<body><div>Book via <a href="/b">our site</a> or <a href="/p">phone</a>.</div></body>'
    )
    assert "Book via" in kept.text
    # a page that marks no content keeps a <div> of links: it may be all the contact details it gives
    contact = load(
        "allotments.html",
        b"<body><h1>Millbrook Allotments</h1><p>Plots are 10 pounds a year.</p><h2>Contact us</h2>"
        b'<div><a href="mailto:plots@millbrook.org">plots@millbrook.org</a> | '
        b'<a href="/form">Application form</a></div></body>',
    )
    assert "plots@millbrook.org" in contact.text and "Application form" in contact.text
    # and where the page marks its content, a contact's link outside it is kept too
    marked = load(
        "m.html",
        b'<body><div><a href="tel:01614960000">0161 496 0000</a> | <a href="/map">Map</a></div>'
        b"<main><h1>Visit</h1><p>We open at nine.</p></main></body>",
    )
    assert "0161 496 0000" in marked.text


def test_a_saved_wiki_page_reads_without_its_menus_edit_links_and_footnote_marks(load):
    """A saved Wikipedia-like page: the navigation and footer named so by id or class, the
    headings' "[edit]" links and the footnote marks ("Scotland.[1]") are no part of what it says;
    an exponent is ("28 m<sup>2</sup>"), and so is a page's "menu" (a restaurant's)."""
    page = (
        b'<body><div id="mw-navigation"><a href="/">Main page</a></div><div id="content">'
        b'<h2><span class="mw-headline">History</span><span class="mw-editsection">[<a>edit</a>]</span></h2>'
        b'<p>It is in Fife, Scotland.<sup class="reference"><a href="#c1">[1]</a></sup> Its lamp room is 28 m'
        b"<sup>2</sup>.</p>"
        b'<div class="menu"><p>Soup of the day: leek.</p></div></div>'
        b'<div id="footer">This page was last edited on 2 March 2024.</div></body>'
    )
    doc = load("wiki.html", page)
    assert [h.label for h in doc.headings] == ["History"]
    assert " ".join(doc.text.split()) == (
        "History It is in Fife, Scotland. Its lamp room is 28 m². Soup of the day: leek."
    )


def test_html_links_side_by_side_keep_the_blank_between_them(load):
    doc = load(
        "links.html", b'<body><p>See <a href="/p">Privacy</a> <a href="/a">Accessibility</a>.</p></body>'
    )
    assert "Privacy Accessibility" in doc.text


def test_html_with_nul_bytes_is_refused(load):
    with pytest.raises(LoadError) as err:
        load("bin.html", b"<html>\x00\x01\x02</html>")
    assert "binary" in one_line(err.value)


# -- pdf -------------------------------------------------------------------------------------------


def test_pdf_text_is_extracted(load):
    data = make_pdf(
        [
            ["Quarterly Report", "The board met on Monday. It approved the budget."],
            ["Second page text. It ends here."],
        ]
    )
    doc = load("report.pdf", data)
    assert "The board met on Monday. It approved the budget." in doc.text
    assert "Second page text. It ends here." in doc.text
    # pages are separated by a blank line, so no sentence runs across a page break
    assert "\n\n" in doc.text
    assert doc.title == "Quarterly Report"
    a = analyse(doc, words)
    assert_spans_exact(a)
    texts = [s.text for s in a.sentences]
    assert "It approved the budget." in texts and "Second page text." in texts


def test_a_pdf_is_titled_by_its_largest_heading_under_a_small_brand_line(load):
    """A letting agent's guide prints its name small over the guide's title: "Harbourside Lettings"
    titled the guide. A short line or two in smaller type than the text, over the first heading in
    the largest type, are a brand. Lines in the text's own size over it ("Minutes" and its date
    over "1. Apologies"), three lines, a long one or a sentence, are the document's own opening,
    and the first line titles it as before."""
    body = "We protect it. It is safe and we keep it for you."
    guide = make_pdf([[("Harbourside Lettings", 9), ("Your Deposit: A Guide", 18), body, body]])
    doc = load("guide.pdf", guide)
    assert doc.title == "Your Deposit: A Guide"
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert a.sections[0].label == "Your Deposit: A Guide"  # the brand line is under the title
    two = make_pdf([[("Harbourside", 9), ("Lettings Ltd", 9), ("Your Deposit: A Guide", 18), body, body]])
    assert load("two.pdf", two).title == "Your Deposit: A Guide"
    others = {
        "minutes": ["Minutes", "14 May 2025", ("1. Apologies", 16), body, ("2. Finance", 16), body],
        "three": [("Harbourside", 9), ("Lettings", 9), ("Ltd", 9), ("Your Deposit: A Guide", 18), body],
        "long": [("Harbourside Lettings, agents for the whole of the county and the coast", 9)],
        "sentence": [("We are Harbourside.", 9), ("Your Deposit: A Guide", 18), body, body],
    }
    others["long"] += [("Your Deposit: A Guide", 18), body, body]
    for name, lines in others.items():
        title = load(f"{name}.pdf", make_pdf([lines])).title
        assert title != "Your Deposit: A Guide" and title != "1. Apologies", name
    # one line in the text's size over a title set alone in its size, far larger: a brand too
    alone = make_pdf([["Brightside Pet Cover", ("Pet Insurance", 20), body, ("Excesses", 14), body]])
    assert load("alone.pdf", alone).title == "Pet Insurance"
    # but not over a title only a little larger than the text, nor over the first of two headings
    # of that size, nor two lines over it
    little = make_pdf([["Brightside Pet Cover", ("Pet Insurance", 15), body, body]])
    assert load("little.pdf", little).title == "Brightside Pet Cover"
    twice = make_pdf([["Minutes", ("Apologies", 20), body, ("Finance", 20), body]])
    assert load("twice.pdf", twice).title == "Minutes"
    dated = make_pdf([["Minutes", "14 May 2025", ("Apologies", 20), body, ("Finance", 14), body]])
    assert load("dated.pdf", dated).title == "Minutes"


def test_a_one_page_pdf_s_footer_kept_at_its_end_is_a_part_of_its_own():
    """A one-page summary's footer, drawn first and read last, fell under the last heading
    ("Excesses"), where "What isn't covered?" quoted it under that label. It is a part of its own,
    labelled as a web page's footer is; its page number, dropped from the text, is looked past."""
    text = "Excesses\n\n| Age | Excess |\n\nBrightside Pet Cover - PS-7 - March 2025\n"
    start = text.index("Brightside")
    assert _kept_footer(text, ["Brightside Pet Cover - PS-7 - March 2025", "Page 1"]) == start
    assert _kept_footer(text, ["Brightside Pet Cover - PS-7 - March 2025"]) == start
    # dropped as a running line (not at the end), or nothing moved: no part
    assert _kept_footer("Excesses\n\n| Age | Excess |", ["Brightside Pet Cover - PS-7", "Page 1"]) is None
    assert _kept_footer(text, []) is None
    # a footer that is the whole text makes no part
    assert _kept_footer("Brightside Pet Cover", ["Brightside Pet Cover"]) is None


def test_pdf_malformed_is_a_one_line_load_error(load):
    with pytest.raises(LoadError) as err:
        load("bad.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage (((\n%%EOF")
    assert "PDF" in one_line(err.value)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_pdf_truncated_is_a_one_line_load_error(load, keep):
    data = make_pdf([["Some text on a page. More text."]])
    with pytest.raises(LoadError) as err:
        load("cut.pdf", data[: int(len(data) * keep)])
    assert "PDF" in one_line(err.value)


def test_pdf_without_text_is_refused(load):
    with pytest.raises(LoadError) as err:
        load("blank.pdf", make_pdf([[]]))
    assert "no extractable text" in one_line(err.value)


def test_non_pdf_bytes_with_pdf_suffix(load):
    with pytest.raises(LoadError) as err:
        load("notes.pdf", b"just some text, not a PDF at all")
    one_line(err.value)


# -- refusals --------------------------------------------------------------------------------------


def test_empty_file(load):
    with pytest.raises(LoadError) as err:
        load("empty.txt", b"")
    assert "empty" in one_line(err.value)


@pytest.mark.parametrize("name", ["blank.txt", "blank.md", "blank.html"])
def test_whitespace_only_file(load, name):
    with pytest.raises(LoadError) as err:
        load(name, b"  \n\t\r\n   \n")
    assert one_line(err.value) in ("empty file", "no text in file")


def test_html_without_visible_text(load):
    with pytest.raises(LoadError) as err:
        load("scripts.html", b"<html><head><script>x=1</script></head><body><style>a{}</style></body></html>")
    assert "no text" in one_line(err.value)


def test_binary_file_is_refused(load):
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00\x00"
    with pytest.raises(LoadError) as err:
        load("random.txt", data)
    assert "binary" in one_line(err.value)


def test_binary_without_nul_bytes_is_refused(load):
    data = bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 50
    with pytest.raises(LoadError) as err:
        load("controls.txt", data)
    assert "binary" in one_line(err.value)


@pytest.mark.parametrize("name", ["slides.pptx", "image.png", "README", "archive.tar.gz"])
def test_unsupported_extension(load, name):
    with pytest.raises(LoadError) as err:
        load(name, b"whatever text")
    msg = one_line(err.value)
    assert "unsupported file type" in msg and ".txt" in msg


def test_file_larger_than_max_bytes_names_the_setting(load):
    with pytest.raises(LoadError) as err:
        load("big.txt", "A sentence of text. " * 100, max_bytes=1000)
    msg = one_line(err.value)
    assert "QUOTEBOT_MAX_FILE_MB" in msg and "too large" in msg
    # the numbers must say why: the file is bigger than the limit as printed
    assert "0.002 MB > 0.001 MB" in msg


def test_size_limit_is_printed_as_configured(load):
    with pytest.raises(LoadError) as err:
        load("big.txt", b"x" * 600_000, max_bytes=500_000)
    assert "0.6 MB > 0.5 MB limit" in one_line(err.value)


def test_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError) as err:
        load_document(tmp_path / "gone.txt", "gone.txt", 10_000)
    assert "cannot read" in one_line(err.value)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_load_error(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("secret text.")
    p.chmod(0)
    try:
        with pytest.raises(LoadError) as err:
            load_document(p, "locked.txt", 10_000)
        assert "permission" in one_line(err.value)
    finally:
        p.chmod(0o644)


BAD_FILES = {
    "empty.txt": b"",
    "ws.md": b"\n\n   \n",
    "nul.txt": b"abc\x00def" * 10,
    "bad.pdf": b"%PDF-1.7\n\x00garbage\n",
    "trunc.pdf": make_pdf([["Text."]])[:200],
    "odd.xyz": b"text",
    "bad.docx": b"PK\x03\x04 not really a zip",
    "bad16.txt": b"\xff\xfe\x00\xd8",  # a lone surrogate
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_every_load_error_is_one_line(load, name):
    with pytest.raises(LoadError) as err:
        load(name, BAD_FILES[name])
    one_line(err.value)


def test_loader_never_raises_anything_but_load_error(tmp_path: Path):
    rng = random.Random(1234)
    for i in range(30):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 600)))
        for suffix in (".txt", ".md", ".html", ".pdf", ".docx", ".csv"):
            p = tmp_path / f"fuzz{i}{suffix}"
            p.write_bytes(data)
            try:
                doc = load_document(p, p.name, 100_000)
            except LoadError as exc:
                one_line(exc)
            else:
                assert doc.text.strip()


# -- spreadsheets (.csv, .tsv) ----------------------------------------------------------------------


def test_a_csv_export_is_a_table_a_row_a_line_titled_by_its_file_name(load):
    """A quoted cell keeps its comma, and a line break inside it reads as a blank; a blank row goes."""
    data = 'Item,Size,Price\nAdult swim,,5.20\n"Child swim, under 16",,"3.10\n(free on Sundays)"\n,,\n'
    doc = load("leisure-centre_prices.csv", data)
    assert doc.title == "leisure centre prices" and doc.note == ""
    assert doc.text == (
        "| Item | Size | Price |\n| --- | --- | --- |\n| Adult swim |  | 5.20 |\n"
        "| Child swim, under 16 |  | 3.10 (free on Sundays) |"
    )


def test_notes_under_a_spreadsheet_s_table_are_paragraphs(load):
    """A school's dinner menu ended with notes in its first column, five empty cells after each:
    they read as more of the menu's rows. Notes under the table are paragraphs under it; an item
    with no values ("Chips") stays a row."""
    data = (
        b"Day,Main,Dessert\nMonday,Pasta bake,Fruit\nTuesday,Chips,\n"
        b'"Note: Bread and fruit are available every day.",,\n"Note: Meals cost \xc2\xa32.60 a day.",,\n'
    )
    assert load("menu.csv", data).text == (
        "| Day | Main | Dessert |\n| Monday | Pasta bake | Fruit |\n| Tuesday | Chips |  |\n\n"
        "Note: Bread and fruit are available every day.\n\nNote: Meals cost £2.60 a day."
    )
    items = load("stock.csv", b"Item,Price,Stock\nScones,2.50,12\nThe Old Rectory village hall,,\n").text
    assert items.endswith("| The Old Rectory village hall |  |  |")


def test_notes_under_a_blank_line_below_a_spreadsheet_s_table_are_paragraphs_even_without_a_full_stop(load):
    """A squash club's fees ended, under an empty line, with three notes in the first column; the
    last ("… membership@fernleighsquash.example") ends in no full stop, so none was taken for a
    note and all three read as rows padded with five empty cells. Under an empty line, a run of
    such lines of four words or more is notes; with no empty line above, an item with no values
    stays a row."""
    data = (
        "Category,Monthly,Annual\nAdult,48.00,528.00\nJunior,16.00,176.00\n,,\n"
        '"Peak: Monday to Friday 5pm to 10pm.",,\n"Membership secretary: Tom Brereton, tom@club.example",,\n'
    )
    assert load("fees.csv", data).text.split("\n\n")[1:] == [
        "Peak: Monday to Friday 5pm to 10pm.",
        "Membership secretary: Tom Brereton, tom@club.example",
    ]
    rows = load("fees.csv", data.replace(',,\n"Peak', '"Peak', 1)).text
    assert rows.endswith("| Membership secretary: Tom Brereton, tom@club.example |  |  |")
    # a double-spaced export's blank lines are no empty rows: an item with no values stays a row
    spaced = "Item,Price,Stock\n\nTea,1.50,40\n\nScones,2.50,12\n\nHomemade soup of the day,,\n"
    assert load("menu.csv", spaced).text.endswith("| Homemade soup of the day |  |  |")
    # nor is a list of tasks under an empty row below its header a table's notes
    tasks = "Task,Owner,Due\n,,\nClean the community hall kitchen,,\nRepaint the back fence panels,,\n"
    assert load("tasks.csv", tasks).text.endswith("| Repaint the back fence panels |  |  |")


def test_a_spreadsheet_s_header_of_two_rows_is_marked_under_its_lower_row(load):
    """A squash club's fees had a header of two rows: "Peak,Peak,Off-peak,Off-peak" over
    "Monthly (£),Annual (£),…". The rule went under the upper row, so the lower read as a row of
    data and no row's amounts were named by it. A row of labels under a header naming groups of
    columns (a name over two cells, or one beside an empty cell) is the header's lower row."""
    data = (
        "Membership,Peak,Peak,Off-peak,Off-peak\nCategory,Monthly (£),Annual (£),Monthly (£),Annual (£)\n"
        "Adult,48.00,528.00,34.00,374.00\nJunior,16.00,176.00,16.00,176.00\n"
    )
    lines = load("fees.csv", data).text.splitlines()
    assert lines[2] == "| --- | --- | --- | --- | --- |"
    assert lines[1].startswith("| Category |")
    merged = data.replace("Peak,Peak,Off-peak,Off-peak", "Peak,,Off-peak,")
    assert load("fees.csv", merged).text.splitlines()[2] == "| --- | --- | --- | --- | --- |"
    # a header over a first row of data (no group named over two cells): the rule stays under it
    plain = "Item,Price,Stock\nScones,2.50,12\nTea,1.50,40\n"
    assert load("stock.csv", plain).text.splitlines()[1] == "| --- | --- | --- |"
    grouped_over_data = "Item,Size,Size\nScones,2.50,3.00\nTea,2.50,3.00\n"  # amounts: a row
    assert load("stock.csv", grouped_over_data).text.splitlines()[1] == "| --- | --- | --- |"
    # a name over two columns of names: the row under it is the first row of data
    leaders = (
        "Session,Leader,Leader,Room\nYoga,Anna Smith,Ben Jones,Room 3\nPilates,Cara Lee,Dan Fox,Room 4\n"
    )
    assert load("classes.csv", leaders).text.splitlines()[1] == "| --- | --- | --- | --- |"
    times = "Class,Time,Time,Room\nYoga,Mon 6pm,Wed 6pm,Studio 1\nPilates,Tue 7pm,Thu 7pm,Studio 2\n"
    assert load("classes.csv", times).text.splitlines()[1] == "| --- | --- | --- | --- |"
    # a lower row naming times over amounts is the header's ("Before 5pm (£)" over "5.40")
    pool = "Ticket,Weekday,Weekday\nType,Before 5pm (£),After 5pm (£)\nAdult,5.40,6.10\nJunior,3.20,3.60\n"
    assert load("pool.csv", pool).text.splitlines()[2] == "| --- | --- | --- |"


def test_a_group_s_name_left_blank_under_its_first_row_is_read_into_each_row(load):
    """Round 38's regatta: a class is named on its first row only, as a merged cell exports, so the
    Sunday row read alone ("|  | Sunday | 10:05 |") said nothing of which class starts then. Each
    row gets its group's name, as a web page's cell spanning rows stands in each row; not a row of
    totals, nor a table that leaves one first cell blank."""
    data = (
        "Class,Race day,Start,Fee\n"
        "Laser,Saturday,10:25,£18.00\n,Sunday,10:05,\n"
        "Topper,Saturday,11:05,£12.00\n,Sunday,10:45,\n"
    )
    lines = load("regatta.csv", data).text.splitlines()
    assert "| Laser | Sunday | 10:05 |  |" in lines and "| Topper | Sunday | 10:45 |  |" in lines
    totals = "Item,Qty,Price\nTea,2,£3.00\n,Milk,£0.50\nCake,1,£2.50\n,Total,£6.00\n"
    assert "|  | Total | £6.00 |" in load("bill.csv", totals).text.splitlines()
    once = "Class,Race day,Start,Fee\nLaser,Saturday,10:25,£18.00\n,Sunday,10:05,\nTopper,Saturday,11:05,£12.00\n"
    assert "|  | Sunday | 10:05 |  |" in load("regatta.csv", once).text.splitlines()
    # a column of marks or titles, where a blank says no, not "as above" (review): nothing is made up
    paid = "Paid,Name,Amount\nYes,Ann,£10.00\n,Bob,£10.00\n,Cal,£12.00\nYes,Dan,£10.00\n"
    assert "|  | Bob | £10.00 |" in load("paid.csv", paid).text.splitlines()
    titles = "Title,First name,Fee\nDr,Ann,£5.00\n,Bob,£5.00\nMrs,Cal,£6.00\n,Dan,£6.00\n"
    assert "|  | Bob | £5.00 |" in load("members.csv", titles).text.splitlines()
    done = "Done,Task,Due\nx,Buy milk,Monday\n,Fix roof,Tuesday\n,Paint shed,Friday\n"
    assert "|  | Fix roof | Tuesday |" in load("tasks.csv", done).text.splitlines()


def test_a_spreadsheet_s_header_is_its_first_line_or_the_line_under_its_title(load):
    """The first line of a CSV names its columns, so the rule a Markdown table has under its header
    marks it; a first line of one cell is a title ("Service menu,,"), and the header is the next.
    Lines of one cell over the header are paragraphs above the table, not rows of empty cells, and
    the first titles the document where it reads as a title (round 38: a regatta's entries titled
    "regatta entries" by their file, over rows "| Wrensham Water Sailing Club … |  |  |  |  |")."""
    doc = load("menu.csv", "Service menu,,\nService,Price,Time\nFlat repair,$15,1 day\n")
    assert (
        doc.text
        == "Service menu\n\n| Service | Price | Time |\n| --- | --- | --- |\n| Flat repair | $15 | 1 day |"
    )
    assert doc.title == "Service menu"
    regatta = load(
        "regatta-entries.csv",
        "Wrensham Water SC - Summer Regatta 2025,,\n"
        "Start times and fees. Entries close 6 August.,,\n"
        "Class,Day,Fee\nSolo,Saturday,£18.00\nTopper,Sunday,£12.00\n",
    )
    assert regatta.title == "Wrensham Water SC - Summer Regatta 2025"
    assert regatta.text.splitlines()[:4] == [
        "Wrensham Water SC - Summer Regatta 2025",
        "",
        "Start times and fees. Entries close 6 August.",
        "",
    ]
    # a field over a statement's rows is a paragraph, not its title; a sentence titles nothing
    statement = load("statement.csv", "Member: A. Patel,,\nDate,Description,Amount (£)\n1 May,Fee,5.00\n")
    assert statement.title == "statement" and statement.text.startswith("Member: A. Patel\n\n| Date |")
    said = load("fees.csv", "These are our fees.,,\nItem,Size,Price\nScone,Large,2.50\n")
    assert said.title == "fees" and said.text.startswith("These are our fees.\n\n| Item |")
    # an export's stamp names when the file was written, not what it holds
    stamped = load("sales.csv", "Report generated 12/05/2025 10:32,,\nItem,Qty,Price\nTea,2,1.50\n")
    assert stamped.title == "sales" and stamped.text.startswith("Report generated 12/05/2025 10:32\n\n")
    assert load("head.csv", "Service,Price\n").text == "| Service | Price |"  # no rows: no rule
    # a title with a note beside it still fills fewer cells than the header
    noted = load(
        "fees.csv", "Pitch fees,,Updated 1 May 2024\nPitch type,Weekday,Saturday\nCorner,£30,£48\n"
    ).text
    assert noted.splitlines()[2] == "| --- | --- | --- |"
    # an export without a header opens with a row of data: nothing is marked
    contacts = "Reception,Open 8am to 6pm,01632 960001\nBookings desk,Open 9am to 5pm,01632 960002\n"
    assert "---" not in load("contacts.csv", contacts).text
    assert "---" not in load("cafe.csv", "Tea,1.50\nCoffee,2.20\n").text
    # a line of dashes in the sheet only separates rows: it is no rule over the row above it
    assert load("menu2.csv", "Tea,1.50\n---,---\nCoffee,2.20\n").text == "| Tea | 1.50 |\n| Coffee | 2.20 |"
    assert "---" not in load("names.csv", "Name\nAda Lovelace\n").text  # one column: a list of names


def test_a_semicolon_export_whose_notes_hold_commas_is_split_at_its_semicolons(load):
    """A B&B's rates, exported with semicolons, had notes with commas ("Ground floor, step-free,
    own patio") and one semicolon left unquoted: the sniffer took commas, and each line read as
    one cell of text with its semicolons in it. The delimiter that splits the first line in two
    or more, and the lines most often alike, is taken."""
    rates = (
        "Room;1 night (£);3 nights (£);Notes\n"
        "Garden Room;95;270;Ground floor, step-free, own patio\n"
        "Attic Suite;120;340;Sofa bed for a child; steep stairs\n"
        "Blue Room;85;240;Not in August, sorry\n"
    )
    got = load("rates.csv", rates).text.splitlines()
    assert got[0] == "| Room | 1 night (£) | 3 nights (£) | Notes |"
    assert "| Garden Room | 95 | 270 | Ground floor, step-free, own patio |" in got
    # the note its unquoted semicolon split is one cell again, so the row is as wide as its header
    assert "| Attic Suite | 120 | 340 | Sofa bed for a child; steep stairs |" in got
    padded = load("padded.csv", "Room;Price\nGarden;95;;\nAttic;120;;\n").text.splitlines()
    assert padded[2] == "| Garden | 95 |  |  |"  # padding past the header stays as it is
    # a comma export keeps its commas, its quoted semicolons in their cells
    plain = 'Item,Price,Notes\nTea,1.50,"Hot; with milk"\nCake,2.20,Lemon; or chocolate\n'
    assert load("cafe.csv", plain).text.splitlines()[2] == "| Tea | 1.50 | Hot; with milk |"


def test_a_spreadsheet_s_header_cell_with_a_number_over_amounts_names_its_column(load):
    """A tool hire shop's price list opened "Tool;Category;4 hours (£);Per day (£)": "4 hours (£)"
    opens with a number, so its header went unmarked and each row was shown without the names of
    its prices. Words over a column of bare amounts ("12.00", "POA") name it; a first row of data
    whose cells hold a number ("1 hour" over "1 hour") is still no header."""
    prices = "Tool;Category;4 hours (£);Per day (£)\nDrill;Drilling;12.00;18.00\nBreaker;Breaking;POA;40.00\n"
    got = load("tool-hire.csv", prices).text.splitlines()
    assert got[:2] == ["| Tool | Category | 4 hours (£) | Per day (£) |", "| --- | --- | --- | --- |"]
    classes = "Yoga,1 hour,Mon\nPilates,1 hour,Tue\nSpin,45 minutes,Wed\n"
    assert "---" not in load("classes.csv", classes).text
    # a fund's growth over a year, with its losses and shares, is a column of amounts too
    growth = "Fund,12 months (%)\nGrowth,-3.2\nIncome,4.5%\n"
    assert load("funds.csv", growth).text.splitlines()[1] == "| --- | --- |"
    # words are no amounts: "2 nights" over "Yes" and "No" names nothing
    rooms = "Room,2 nights\nGarden,Yes\nAttic,No\nBlue,Yes\n"
    assert "---" not in load("rooms.csv", rooms).text


@pytest.mark.parametrize(
    ("name", "data", "row"),
    [
        (
            "hours.csv",
            "Day;Opens;Closes\nMonday;06:30;21:30\n",
            "| Monday | 06:30 | 21:30 |",
        ),  # European Excel
        ("hours.tsv", "Day\tOpens\tCloses\nMonday\t06:30\t21,30\n", "| Monday | 06:30 | 21,30 |"),
        ("names.csv", "Name\nAda Lovelace\nAlan Turing\n", "| Alan Turing |"),  # one column
    ],
)
def test_a_spreadsheet_s_delimiter_is_found(load, name, data, row):
    assert row in load(name, data).text.split("\n")


def test_a_csv_cell_s_lines_are_set_apart_where_each_opens_anew(load):
    """A stallholder's note held two notes a line ("Needs power for chiller cabinet" over "Sharing
    socket with stall 11"): read as one phrase, they ran together. A phrase wrapped in its cell
    ("…bring their own\ngazebo") or a line that ends with a mark goes on after a blank."""
    csv_text = (
        "Stall,Business,Notes\n"
        '10,Gilly\'s Fudge,"Needs power for chiller cabinet\nSharing socket with stall 11"\n'
        '11,Oak & Ash,"Will bring their own\ngazebo"\n'
        '12,Wren Prints,"Paid in cash.\nReceipt sent"\n'
    )
    text = load("stalls.csv", csv_text).text
    assert "| 10 | Gilly's Fudge | Needs power for chiller cabinet; Sharing socket with stall 11 |" in text
    assert "| 11 | Oak & Ash | Will bring their own gazebo |" in text
    assert "| 12 | Wren Prints | Paid in cash. Receipt sent |" in text
    # a header's names wrapped in narrow columns, and a phrase broken after "by", read as one
    header = 'Name,"Amount\nPaid","Sent"\nAnn,£5,"Delivered by\nDPD"\nBo,£6,"Collected"\n'
    table = load("paid.csv", header).text
    assert "| Name | Amount Paid | Sent |" in table and "| Ann | £5 | Delivered by DPD |" in table


def test_a_csv_in_windows_1252_keeps_its_note_beside_its_title(load):
    doc = load("menu.csv", "Dish,Price\nCafé crème,£2.50\n".encode("cp1252"))
    assert doc.title == "menu" and doc.note == "not UTF-8; decoded as Windows-1252"
    assert "| Café crème | £2.50 |" in doc.text


def test_a_csv_field_past_the_csv_limit_is_a_one_line_load_error(load):
    with pytest.raises(LoadError) as err:
        load("huge.csv", 'a,b\n"' + "x" * 200_000 + '",1\n')
    assert "unreadable CSV" in one_line(err.value)


def test_a_tab_list_whose_tabs_name_the_panels_headings_is_not_read(load):
    """A price list's tabs ("Trousers & jeans", "Dresses & skirts") read as one run-on line of
    text; each panel heads itself with the tab's name, so the tabs say nothing more. Tabs that name
    no heading are the only names their panels have, and stay."""
    page = (
        '<main><div role="tablist">\n<button role="tab">Trousers &amp; jeans</button>\n'
        '<button role="tab">Curtains</button>\n</div>'
        "<section><h2>Trousers &amp; jeans</h2><p>Shorten a hem for £14.</p></section>"
        "<section><h2>Curtains</h2><p>Shorten curtains for £30.</p></section></main>"
    )
    assert "Trousers & jeans Curtains" not in load("prices.html", page).text
    unnamed = page.replace("<h2>Curtains</h2>", "")
    assert "Trousers & jeans Curtains" in " ".join(load("prices.html", unnamed).text.split())
    # a site's menu marked as a tab list is still the site's navigation
    nav = '<div><ul class="nav nav-tabs" role="tablist"><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li></ul></div>'
    assert "Shop" not in load("pool.html", nav + "<main><h1>Swim times</h1><p>Open at 7am.</p></main>").text


def test_a_page_s_feedback_widget_is_not_read(load):
    """ "Was this page useful? Yes No" and "Report a problem with this page" sat in the page's
    <main>, after its last FAQ answer, and read as that answer's part."""
    page = (
        "<main><h1>Bins</h1><p>Blue bin: paper and card.</p>"
        '<div class="feedback"><p>Was this page useful? <a href="/y">Yes</a> <a href="/n">No</a></p>'
        '<p><a href="/report">Report a problem with this page</a></p></div></main>'
    )
    text = load("bins.html", page).text
    assert "Blue bin: paper and card." in text and "useful" not in text and "Report a problem" not in text
    # a class named so around the page's own words, asking nothing of the reader, stays
    kept = page.replace("Was this page useful?", "Send us your views by post.")
    assert "Send us your views by post." in load("bins.html", kept).text


def test_a_text_that_opens_with_a_table_s_row_is_titled_by_its_first_cell(load):
    """A payslip's letterhead set as a layout table opened its text with "| Fernleigh Foods Ltd |
    PAYSLIP |", which titled it, bars and all."""
    doc = load("payslip.md", "| Fernleigh Foods Ltd | PAYSLIP |\n\nNet pay: £2,054.51\n")
    assert doc.title == "Fernleigh Foods Ltd"


def test_html_table_caption_is_a_line_of_its_own(load):
    """A table's <caption> ran into its header row as one line ("Tideline opening hours | Day |
    Hours |"): it is a line of its own, above the table, and labels nothing (the rows stay under
    the section's heading, as every other section keeps its label)."""
    page = (
        b"<h1>Hotel FAQ</h1><h2>Is breakfast included?</h2><p>Yes, in all rates.</p>"
        b"<table><caption>Tideline opening hours </caption><thead><tr><th>Day</th><th>Hours</th></tr></thead>"
        b"<tbody><tr><td>Sunday</td><td>8am - 11am</td></tr></tbody></table><p>Book at reception.</p>"
        b"<h2>Parking</h2><p>Free.</p>"
    )
    doc = load("faq.html", page)
    assert [h.label for h in doc.headings] == ["Hotel FAQ", "Is breakfast included?", "Parking"]
    assert "Tideline opening hours \n\n| Day | Hours |" in doc.text
    a = analyse(doc, words)
    assert_spans_exact(a)
    sections = {s.text: s.section for s in a.sentences}
    assert sections["| Sunday | 8am - 11am |"] == sections["Book at reception."] == "Is breakfast included?"
    assert sections["Free."] == "Parking"


def test_a_spreadsheet_s_header_under_several_title_lines_is_found(load):
    """A pension statement's export opened with title lines ("Member:,Ms A Rowntree,No. 48812")
    over its header: the rule went under the second title line, and "| Date | Description | …"
    read as a row of data. The header is the first line as full as the table's rows."""
    data = (
        "Scheme:,Fernhill Plan,,\nMember:,Ms A Rowntree,No. 48812,\nStatement date:,5 April 2025,,\n"
        "Date,Description,Contribution (£),Fund value (£)\n"
        "06/04/2024,Opening value,,28416.73\n30/04/2024,April,142.50,28902.11\n"
    )
    text = load("pension.csv", data).text
    header = "| Date | Description | Contribution (£) | Fund value (£) |\n| --- | --- | --- | --- |\n"
    assert header + "| 06/04/2024 | Opening value |  | 28416.73 |" in text
    assert text.count("| --- | --- | --- | --- |") == 1
    assert text.startswith("| Scheme: | Fernhill Plan |  |  |\n| Member: |")
    # a table without a header under its title lines gets no rule
    plain = load("list.csv", "Branch list,,\nUpdated May,,\nReception,Open 8am,01632 960001\n").text
    assert "---" not in plain


def test_a_sidebar_of_the_site_s_own_words_is_read_one_of_links_is_not(load):
    """A swimming club's "Latest news" sidebar ("New club hats are in stock at £8 each") was
    dropped with the site's furniture: "How much are club hats?" found nothing. A sidebar with
    words of its own is the page's; a sidebar of links ("Related pages") stays out."""
    page = (
        b"<body><main><h1>Galas</h1><p>Warm-up is at 8 am.</p></main>"
        b'<aside class="sidebar"><h2>Latest news</h2><ul><li><strong>15 January:</strong> New club hats'
        b" are in stock at &pound;8 each.</li></ul></aside>"
        b'<div class="sidebar-links"><h2>Related pages</h2><p>See also:</p><ul><li><a href="/a">Training</a>'
        b'</li><li><a href="/b">Fees</a></li></ul></div></body>'
    )
    doc = load("galas.html", page)
    assert "- 15 January: New club hats are in stock at £8 each." in doc.text
    assert [h.label for h in doc.headings][:2] == ["Galas", "Latest news"]
    assert "Training" not in doc.text and "Related pages" not in doc.text


def test_a_pdf_s_running_header_and_footer_are_read_once_after_its_body(load):
    """A boiler service report printed its number only in its running footer ("Report
    BHP-25-11873 · Page 1"), dropped from every page. The running lines are read once, as first
    printed, after the body and each under a part of its own, as a Word document's are; a page
    number alone is not, and no page of the body keeps them."""
    pages = [
        ["Acme Heating - Report BHP-11873", "", "Checks", "", "The flue was tested.", "", "Page 1"],
        ["Acme Heating - Report BHP-11873", "", "Readings", "", "Pressure was 1.2 bar.", "", "Page 2"],
        ["Acme Heating - Report BHP-11873", "", "Next service", "", "Due in May.", "", "Page 3"],
    ]
    doc = load("report.pdf", make_pdf(pages))
    assert doc.text.count("Acme Heating - Report BHP-11873") == 1
    assert doc.text.endswith("Due in May.\n\nAcme Heating - Report BHP-11873")
    assert "Page 1" not in doc.text
    a = analyse(doc, words)
    assert_spans_exact(a)
    assert [s.text for s in a.sentences if s.section == "Page header"] == ["Acme Heating - Report BHP-11873"]


def _titled_pdf(pages: list[list[str | tuple[str, int]]], title: str) -> bytes:
    """A PDF of ``pages`` (``make_pdf``) whose properties name it ``title``."""
    return make_pdf(pages).replace(b"/Root 1 0 R >>", f"/Root 1 0 R /Info << /Title ({title}) >> >>".encode())


def test_a_pdf_is_titled_by_its_properties_title_when_it_prints_it_as_a_heading():
    """A report printed its firm's name over its title ("Gas Boiler Service and Safety Report"),
    which its properties named: the title is that heading. A title the properties alone give (a
    stale file name) names nothing."""
    from types import SimpleNamespace

    from index.loaders import _pdf_title
    from index.types import Heading

    headings = [Heading("Gas Boiler Service  and Safety Report", 40, 78, 1), Heading("Readings", 90, 98, 2)]
    text = "Acme Heating\n\nGas Boiler Service  and Safety Report\n\nReadings\n\nAll fine."

    def reader(title: str | None) -> SimpleNamespace:
        return SimpleNamespace(metadata=SimpleNamespace(title=title))

    assert _pdf_title(reader("gas boiler service and safety report"), text, headings, [], text, []) == (
        "title:Gas Boiler Service  and Safety Report\n"
    )
    assert _pdf_title(reader("Microsoft Word - draft3.docx"), text, headings, [], text, []) == ""
    assert _pdf_title(reader(None), text, headings, [], text, []) == ""
    assert _pdf_title(SimpleNamespace(metadata=None), text, headings, [], text, []) == ""


def test_a_pdf_whose_type_sets_no_title_apart_is_titled_by_its_properties_when_it_prints_their_words(
    load,
):
    """A tent's guide opened, in its first column, with "Before you go", and named the tent only
    in its running header: it was titled "Before you go". Its properties' title, every word of
    which it prints, titles it. A tool's default ("untitled"), a file's name, or a title whose
    words the page never prints (another document's) do not, nor where the page opens with its
    own title."""
    body = [
        ("Before you go", 14),
        "Check that all the parts of the Fernhill 6 family tent are in the bag.",
        ("Pitching", 14),
        "Pitching takes two adults about 25 minutes. Keep this care guide with the tent.",
    ]

    def titled(title: str) -> bytes:
        return _titled_pdf([body], title)

    assert load("guide.pdf", titled("Fernhill 6 Family Tent - Pitching and Care Guide")).title == (
        "Fernhill 6 Family Tent - Pitching and Care Guide"
    )
    assert load("guide.pdf", make_pdf([body])).title == "Before you go"
    for other in ("untitled", "fernhill_guide_v2.pdf", "Trekker 4 Tent - Pitching Guide"):
        assert load("guide.pdf", titled(other)).title == "Before you go", other
    # last month's minutes' title, whose date this month's print only in their text, names nothing
    minutes = [
        ("1. Apologies", 14),
        "Apologies were received from Cllr Green and Cllr Shah.",
        "Cllr Patel arrived at 7.40pm.",
        ("2. Minutes", 14),
        "The minutes of the Parish Council meeting held on 12 March 2024 were approved.",
    ]
    stale = _titled_pdf([minutes], "Minutes of the Parish Council Meeting 12 March 2024")
    assert load("minutes.pdf", stale).title == "1. Apologies"
    # a title the type sets apart (alone in its size) is the page's own: the properties' stays out
    titled_page = [("Your Fernhill tent", 20), *body]
    data = _titled_pdf([titled_page], "Fernhill 6 Family Tent - Pitching and Care Guide")
    assert load("guide.pdf", data).title == "Your Fernhill tent"


def test_a_pdf_is_titled_by_its_properties_where_they_add_the_maker_s_name_it_prints(load):
    """A climbing centre's induction sheet sets "New Climber Induction" large and prints the
    centre's name in its running header; its properties' title is "Gritstone Edge Climbing Centre –
    New Climber Induction". That fuller title names the document; a name the page never prints, or
    the printed title with one word more, does not."""
    page = [
        ("New Climber Induction", 22),
        "GRITSTONE EDGE CLIMBING CENTRE",
        ("Age rules", 14),
        "Children under 14 must be supervised by an adult at all times.",
        ("Safety rules", 14),
        "Always check your knot with a partner before you climb.",
    ]

    def titled(title: str) -> bytes:
        return _titled_pdf([page], title)

    full = "Gritstone Edge Climbing Centre - New Climber Induction"
    assert load("induction.pdf", titled(full)).title == full
    assert load("induction.pdf", titled("New Climber Induction - Gritstone Edge Climbing Centre")).title == (
        "New Climber Induction - Gritstone Edge Climbing Centre"
    )
    for other in ("Peak Rock Climbing Club - New Climber Induction", "Draft New Climber Induction"):
        assert load("induction.pdf", titled(other)).title == "New Climber Induction", other
    # last month's title, whose date the page prints only in passing, low in its text, names nothing
    minutes = [
        ("Minutes of the Committee Meeting", 22),
        ("Apologies", 14),
        "Apologies were received from Cllr Green.",
        ("Minutes", 14),
        "Cllr Shah arrived late.",
        "The minutes of the meeting of 12 March 2024 were approved.",
    ]
    stale = _titled_pdf([minutes], "Minutes of the Committee Meeting 12 March 2024")
    assert load("minutes.pdf", stale).title == "Minutes of the Committee Meeting"


def test_a_markdown_table_cell_s_line_break_reads_as_a_blank(load):
    """A garden's wiki wrote two lines in a table's cell ("Quieter, good for beginners<br>Tea break
    at 11:30"), the one way a pipe table's cell takes two: a quote showed the tag. A cell's
    ``<br>`` reads as a blank, as a web table's does; outside a table row, or in code, it stays."""
    page = (
        "# Sessions\n\n| Day | Notes |\n|---|---|\n| Tuesday | Quieter<br>Tea at 11:30 |\n"
        "| Saturday | Busy<br/>Family-friendly |\n\nA line<br>of text.\n\n```\n| a | b<br>c |\n```\n"
    )
    text = load("wiki.md", page).text
    assert "| Tuesday | Quieter Tea at 11:30 |" in text
    assert "| Saturday | Busy Family-friendly |" in text
    assert "A line<br>of text." in text and "| a | b<br>c |" in text
    # a cell's code span shows the tag itself
    tags = load("tags.md", "| Tag | Meaning |\n|---|---|\n| `<br>` | a line<br>break |\n").text
    assert "| `<br>` | a line break |" in tags


def test_a_web_page_s_noscript_words_are_read_where_they_say_something(load):
    """A station's live departures widget showed "Loading…" and, to a reader without scripts (as
    this one is), "Live departures need JavaScript. You can also call our travel line on 01632
    960880 …", printed nowhere else: it was dropped with the scripts. A ``<noscript>`` of twelve
    words or more is read; a bare "Please enable JavaScript." or a tracking pixel is not."""
    page = (
        "<html><body><h1>Station</h1><div><p>Loading…</p><noscript><p>Live departures need JavaScript. "
        "You can also call our travel line on 01632 960880 or check the screens.</p></noscript></div>"
        "<noscript>Please enable JavaScript to use this site.</noscript>"
        '<noscript><img src="pixel.gif"></noscript><p>Toilets are on platform 1.</p></body></html>'
    )
    text = load("station.html", page).text
    assert "call our travel line on 01632 960880" in text
    assert "enable JavaScript" not in text
    assert text.rstrip().endswith("Toilets are on platform 1.")
    # a long plea to turn JavaScript on says nothing else: it neither opens nor titles the page
    app = (
        "<html><body><noscript><strong>We're sorry but app doesn't work properly without JavaScript "
        "enabled. Please enable it to continue.</strong></noscript><h1>Harbour ferry</h1><p>Boats leave hourly.</p>"
        "</body></html>"
    )
    doc = load("ferry.html", app)
    assert doc.title == "Harbour ferry" and "sorry" not in doc.text


def test_a_pdf_letter_opening_with_an_address_is_titled_by_its_properties_when_a_line_prints_them(load):
    """A council's letter opened with the resident's address: it was titled "Mrs P. Okonkwo",
    a name no question asks about. Its properties' title ("Garden waste subscription 2025/26"),
    whose every word one line prints (the subject: "Renew your garden waste subscription for
    2025/26"), titles it; a title whose words no one line prints (another letter's) does not."""
    letter = [
        "Mrs P. Okonkwo",
        "14 Larch Close",
        "Dear Mrs Okonkwo,",
        "Renew your garden waste subscription for 2025/26",
        "Your current subscription ends on 31 March 2025.",
    ]

    def titled(title: str) -> bytes:
        return _titled_pdf([letter], title)

    assert load("letter.pdf", titled("Garden waste subscription 2025/26")).title == (
        "Garden waste subscription 2025/26"
    )
    assert load("letter.pdf", make_pdf([letter])).title == "Mrs P. Okonkwo"
    for other in ("Garden waste subscription 2024/25", "Council tax reminder 2025/26", "untitled"):
        assert load("letter.pdf", titled(other)).title == "Mrs P. Okonkwo", other
    # last month's minutes' title, printed only in a sentence of this month's, names nothing
    minutes = [
        "Present: Cllr A. Shah (chair), Cllr B. Green",
        "1. The minutes of the meeting of 12 March 2024 were approved as a true record.",
    ]
    stale = _titled_pdf([minutes], "Minutes of the meeting 12 March 2024")
    assert load("minutes.pdf", stale).title.startswith("Present:")


def test_a_markdown_page_s_closing_words_under_its_last_rule_are_its_footer(load):
    """A bird survey's page closed with "---" over its contact line (the Trust's phone number and
    charity number): it fell under the last FAQ question ("Will my details be shared?"). A short
    paragraph or three under the page's last rule are its footer; a rule with a part under it
    that has a heading, or long text, is no footer."""
    page = (
        "# Survey\n\n## Will my details be shared?\n\nNever.\n\n---\n\n"
        "*Questions? Call 01632 960915. Registered charity no. 1086734.*\n"
    )
    doc = load("survey.md", page)
    assert [h.label for h in doc.headings] == ["Survey", "Will my details be shared?", "Page footer"]
    assert doc.text[doc.headings[-1].start :].startswith("*Questions?")
    a = analyse(doc, words)
    assert [s.section for s in a.sentences if "01632" in s.text] == ["Page footer"]
    # a rule between parts, a long closing part, a setext heading's underline: no footer
    for text in (
        "# A\n\nOne.\n\n---\n\n## B\n\nTwo.\n",
        "# A\n\nOne.\n\n---\n\n" + "Words go on. " * 60 + "\n",
        "# A\n\nOne.\n\nClosing words\n---\n\nMore.\n",
    ):
        assert "Page footer" not in [h.label for h in load("page.md", text).headings]


def test_a_menu_item_s_description_is_a_line_of_its_name_s_paragraph(load):
    """A café's menu wrote each item as a name and a price in <span>s over a <p> of description
    ("(VG) Dark and fudgy."): the "(VG)" read as a paragraph apart from the brownie it marks. The
    description is the next line of the item's paragraph; an item with more blocks keeps them as
    paragraphs."""
    page = (
        b'<body><h1>Menu</h1><div class="item"><span class="name">Chocolate brownie</span> '
        b'<span class="price">&pound;3.20</span><p>(VG) Dark and fudgy.</p></div>'
        b'<div class="item"><span>Scone</span><p>With jam.</p><p>Cream 50p extra.</p></div></body>'
    )
    text = load("menu.html", page).text
    assert "Chocolate brownie £3.20\n(VG) Dark and fudgy." in text
    assert "Scone\n\nWith jam.\n\nCream 50p extra." in text


def test_an_e_mail_s_layout_tables_read_as_blocks_its_summary_as_a_table(load):
    """An airport parking confirmation was built, as e-mails are, of tables marked as layout
    (role="presentation"): it read as rows of "| " and its two routes as one row of prose. A
    layout table's rows and cells are blocks; one marked so that holds a summary of labels and
    values (no blocks, no prose) stays a table; a table of data in a layout cell stays a table."""
    page = (
        b'<body><table role="presentation"><tr><td><h1>Your parking is booked</h1>'
        b"<p>Thanks for booking.</p></td></tr>"
        b'<tr><td><table role="presentation"><tr><td>Booking reference</td><td>SP-48213</td></tr>'
        b"<tr><td>Total paid</td><td>&pound;114.00</td></tr></table></td></tr>"
        b'<tr><td><table role="presentation"><tr><td><strong>From the M11</strong><br>Leave at Junction 9 and'
        b" follow the A140 towards the airport for four miles, then take the second exit at the roundabout"
        b" and follow the purple signs.</td><td><strong>From the town</strong><br>Take the B1082 past the"
        b" fire station, stay in the left-hand lane at the forecourt and follow the purple signs to the"
        b" car park.</td></tr></table></td></tr>"
        b'<tr><td><table role="presentation"><tr><td><b>By bus</b><br>The number 12 stops outside the library,'
        b" two minutes' walk away.</td><td><b>By car</b><br>Park behind the practice, where the first hour is"
        b" free with your card.</td></tr></table></td></tr>"
        b'<tr><td><table role="presentation"><tr><td>Price paid</td><td>&pound;48.60</td></tr><tr><td>Cancellation'
        b"</td><td>Free up to 48 hours before drop-off, after which no refund is given at all.</td></tr>"
        b"</table></td></tr>"
        b"<tr><td><table><tr><th>Band</th><th>Price</th></tr><tr><td>A</td><td>&pound;5</td></tr></table>"
        b"</td></tr></table></body>"
    )
    text = load("booking.html", page).text
    assert text.startswith(
        "Your parking is booked\n\nThanks for booking.\n\n| Booking reference | SP-48213 |\n"
    )
    assert "| Total paid | £114.00 |" in text
    assert "From the M11\nLeave at Junction 9" in text and "\n\nFrom the town\nTake the B1082" in text
    assert "| Band | Price |\n| --- | --- |\n| A | £5 |" in text
    # two short cells of prose side by side (sentences of twelve words) are laid out too; a
    # summary with one long rule in a value's cell stays a table
    assert "By bus\nThe number 12 stops outside the library, two minutes' walk away." in text
    assert "| Price paid | £48.60 |\n| Cancellation | Free up to 48 hours" in text
    assert "\n| \n" not in text and not text.startswith("|")


def test_an_e_mail_s_hidden_preview_text_is_left_out_other_hidden_text_stays(load):
    """An e-mail's preview text, hidden by its style and padded with zero-width characters so an
    inbox shows nothing after it, read as the confirmation's first paragraph, padding and all.
    It is left out; an answer a page hid in a closed accordion stays."""
    page = (
        '<body><div style="display:none;max-height:0">Booking confirmed: 18–25 July.'
        "&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;</div>"
        '<span class="preheader" style="color:#fff; display: none">Your receipt inside</span>'
        "<h1>Your booking</h1><p>Drop-off is at 05:30.</p>"
        '<div class="answer" style="display:none"><p>Yes, dogs may travel in the car.</p></div></body>'
    )
    text = load("mail.html", page.encode()).text
    assert text.startswith("Your booking\n\nDrop-off is at 05:30.")
    assert "Booking confirmed" not in text and "receipt" not in text and "\u200c" not in text
    assert "Yes, dogs may travel in the car." in text


def test_review_hidden_text_nested_in_a_preview_a_blog_sidebar_an_event_after_a_rule(load):
    """Review findings: a preview text holding a hidden element of its own crashed the loader
    (the inner one was judged after the outer one was removed); a hidden accordion answer with
    soft hyphens in its words was taken for padded preview text; a blog's sidebar of links,
    a search box and commenters' names was read as the page's words; and an event after a rule
    in a Markdown page's last part was labelled its footer."""
    nested = (
        '<body><div class="preheader" style="display:none">Your booking is confirmed'
        '<span style="display:none">&#8203;&#8203;&#8203;&#8203;</span></div>'
        "<h1>Booking</h1><p>Reference SP-1.</p></body>"
    )
    assert load("pre.html", nested.encode()).text.strip() == "Booking\n\nReference SP-1."
    answer = (
        '<body><h1>Fragen</h1><div style="display:none"><p>Die Geschäfts&shy;stelle ist offen. '
        "Mitglieds&shy;beiträge werden per Last&shy;schrift eingezogen.</p></div></body>"
    )
    assert "Mitglieds\u00adbeiträge" in load("faq.html", answer.encode()).text
    # a hidden note padded with no-break spaces only is no preview text
    note = '<body><h1>Hours</h1><div style="display:none">Closed on Mondays.' + "&nbsp;" * 8 + "</div></body>"
    assert "Closed on Mondays." in load("note.html", note.encode()).text
    blog = (
        "<body><main><h1>Choir practice moves</h1><p>Practice is on Thursdays at 7.30pm.</p></main>"
        '<aside class="sidebar widget-area"><form><label>Search for:</label><input name="s">'
        "<button>Search</button></form><h2>Recent Comments</h2><ul>"
        '<li><span>Mary</span> on <a href="/1">Harvest supper tickets on sale</a></li>'
        '<li><span>John Smith</span> on <a href="/2">New organ fund appeal launched</a></li></ul>'
        '<h2>Archives</h2><ul><li><a href="/a">February 2025</a></li><li><a href="/b">January 2025</a></li>'
        "</ul></aside></body>"
    )
    text = load("blog.html", blog.encode()).text
    assert "Recent Comments" not in text and "Mary" not in text and "Search" not in text
    signup = (
        '<body><main><h1>News</h1><p>The fete is on Saturday.</p></main><div class="sidebar">'
        "<h2>Stay in touch</h2><form><label>Your email address please</label><input>"
        '<button>Sign me up now</button></form><a href="/p">Privacy</a></div></body>'
    )
    assert load("signup.html", signup.encode()).text.strip() == "News\n\nThe fete is on Saturday."
    events = (
        "# Club news\n\n## Coming up\n\n**Quiz night** is on Friday 7 March at 7.30pm.\n\n---\n\n"
        "**Bingo** is on Saturday 15 March at 2pm. Cards cost £1.\n"
    )
    assert [h.label for h in load("news.md", events).headings] == ["Club news", "Coming up"]
    # a closing line set in emphasis whole is a footer, with no contact in it
    menu = "# Menu\n\n## Puddings\n\nSticky toffee pudding, £6.\n\n---\n\n*Prices include VAT. Menu valid from April.*\n"
    assert [h.label for h in load("menu.md", menu).headings][-1] == "Page footer"


def test_review_hidden_elements_are_judged_once_each_outermost(load, monkeypatch):
    """Hidden elements nested in one another were each judged, each walk going to the bottom of
    the nest: thousands deep took seconds. Only the outermost is judged, as a whole."""
    from index import loaders

    calls: list[str] = []
    judge = loaders._padded_preview

    def counted(node):
        calls.append(node.name)
        return judge(node)

    monkeypatch.setattr(loaders, "_padded_preview", counted)
    page = "<body><h1>T</h1>" + '<div style="display:none">x ' * 5 + "deep" + "</div>" * 5 + "</body>"
    assert "deep" in load("nest.html", page.encode()).text
    assert calls == ["div"]


def test_review_a_damaged_pdf_info_leaves_the_title_by_type():
    """A PDF whose /Info is damaged raised as its properties' title was read, and its title by
    type was skipped with it: the properties give no title then, and nothing else is lost."""
    from types import SimpleNamespace

    from index.loaders import _pdf_title
    from index.types import Heading

    class Damaged:
        @property
        def metadata(self) -> SimpleNamespace:
            raise ValueError("bad /Info")

    assert (
        _pdf_title(Damaged(), "Gas Safety Report", [Heading("Gas Safety Report", 0, 17, 1)], [], "", []) == ""
    )


def test_review_a_contact_sidebar_a_pretty_printed_layout_table_a_long_padded_preview(load):
    """Second review: a sidebar with a contact block beside a longer list of useful links was
    dropped whole; a layout table's cell, pretty-printed, counted its indentation as words and
    never reached its heading, so the table stayed a table; an unnamed preview text padded with a
    long run of invisible characters counted them as words and stayed."""
    side = (
        '<body><main><h1>Parking</h1><p>Permits cost £30.</p></main><div class="sidebar"><h2>Contact us</h2>'
        "<p>Call the parking team on 01632 960111, Monday to Friday 9am to 5pm, or visit the civic centre"
        " reception desk.</p><h2>Useful links</h2><ul>"
        + "".join(f'<li><a href="/{n}">Useful page number {n} about parking</a></li>' for n in range(6))
        + "</ul></div></body>"
    )
    assert "Call the parking team on 01632 960111" in load("side.html", side.encode()).text
    pretty = (
        '<body><table role="presentation">\n  <tr>\n    <td>Hello'
        + " " * 200
        + "there\n      <h1>Welcome</h1>\n"
        "      <p>Thanks for joining.</p>\n    </td>\n    <td>News"
        + " "
        * 200
        + "today<p>See you soon.</p></td>\n  </tr>\n"
        "</table></body>"
    )
    text = load("pretty.html", pretty.encode()).text
    assert "|" not in text and "Thanks for joining." in text
    padded = (
        '<body><div style="display:none">Your order has shipped.'
        + "&#847; &zwnj; &nbsp; &#8199; &shy; " * 150
        + "</div><h1>Order 1182</h1><p>It arrives on Friday.</p></body>"
    )
    assert load("padded.html", padded.encode()).text.startswith("Order 1182")


def test_a_markdown_bold_line_of_its_own_titles_its_part(analysed):
    """A piano teacher's terms set "**Cancellations**" alone over its list: the list was counted
    under "Practice", the part above it. A bold line of its own at a paragraph's start titles its
    part, one level under the heading above; a bold fact ("**Entry £2, children free**"), a bold
    sentence, a bold run inside a paragraph and a run of bold lines (an address) do not."""
    md = (
        "# Terms\n\n## Practice\n\nPractise for ten minutes a day.\n\n"
        "**Cancellations**\n\n- Cancel by text at least 24 hours before the lesson.\n\n"
        "**Entry £2, children free**\n\nThe gate opens at noon.\n\n"
        "**Please bring your own music.**\n\nLessons are upstairs.\n\n"
        "A paragraph with\n**a bold line inside it**\nthat runs on.\n\n"
        "**Orchard Studio**\n**6 Orchard Rise**\n\n**Bramcote Hill**\n\n**HF4 2RT**\n\nCall before you come.\n"
    )
    a = analysed("terms.md", md)
    labels = [s.label for s in a.sections]
    assert labels == ["Practice", "Practice › Cancellations"]
    got = {s.label: [x.text for x in a.sentences if x.section_index == s.index] for s in a.sections}
    assert got["Practice › Cancellations"][0] == "- Cancel by text at least 24 hours before the lesson."
    assert "**Entry £2, children free**" in got["Practice › Cancellations"]


def test_a_table_written_in_html_inside_markdown_reads_as_rows(load):
    """A fee table written as HTML in a Markdown page read as its tags, a fee alone on its line
    ("      <td>£31.00</td>"): it reads as the HTML loader reads a table, a row a line. One in a
    code block stays code; an unclosed one stays as written."""
    table = (
        "<table>\n  <tr><th>Lesson</th><th>Per lesson</th></tr>\n"
        "  <tr>\n    <td>45 minutes</td>\n    <td>£31.00</td>\n  </tr>\n</table>"
    )
    doc = load("fees.md", f"# Fees\n\nFees are paid per term.\n\n{table}\n\nInvoices are emailed.\n")
    assert "| 45 minutes | £31.00 |" in doc.text
    assert "<td>" not in doc.text
    assert doc.text.endswith("| 45 minutes | £31.00 |\n\nInvoices are emailed.\n")
    assert [h.label for h in doc.headings] == ["Fees"]
    fenced = f"# Fees\n\n```html\n{table}\n```\n"
    assert load("code.md", fenced).text == fenced
    unclosed = "# Fees\n\n<table>\n<tr><td>45 minutes</td><td>£31.00</td></tr>\n\nInvoices are emailed.\n"
    assert load("open.md", unclosed).text == unclosed


def test_review_markdown_bold_titles_and_html_tables(analysed, load):
    """Review of the Markdown changes: a lone bold notice ("**Closed on bank holidays**") became a
    heading and could no longer be quoted; "**Monday**" / "Swimming." / "**Tuesday**" in one
    paragraph filed Tuesday's yoga under Monday; a footer's "**Get in touch**" took the footer
    into the last part; a title after a lone bold question nested under the question; an
    indented bold line in a list item headed the list's next item. A README's table whose cells
    hold Markdown (blank lines around "### Windows") lost its headings; words after "</table>"
    ran into the last row; an indented table kept its indent on its first row only."""
    notice = analysed(
        "hall.md", "# Village hall\n\n## Opening\n\n**Closed on bank holidays**\n\nThe hall opens daily.\n"
    )
    assert [s.label for s in notice.sections] == ["Opening"]
    assert "**Closed on bank holidays**" in [s.text for s in notice.sentences]
    # two bold notices are still no titles: they say a rule
    rules = "# Site\n\n## Rules\n\n**No dogs allowed on site**\n\nSee the map.\n\n**Gates must be shut**\n\nThanks.\n"
    assert [s.label for s in analysed("site.md", rules).sections] == ["Rules"]
    # (each page below has two bold titles besides, so that none is a lone one)
    titled = "\n\n**Fees**\n\nAdults pay five pounds.\n\n**Parking**\n\nParking is free after six.\n"
    week = analysed("week.md", "# Club\n\n## Timetable\n\n**Monday**\nSwimming.\n**Tuesday**\nYoga." + titled)
    assert [s.label for s in week.sections] == ["Timetable", "Timetable › Fees", "Timetable › Parking"]
    footer = (
        "# Allotments\n\n## Plots\n\nPlots cost £30 a year."
        + titled
        + "\n---\n\nRiverside Allotments, registered charity 1100234.\n\n**Get in touch**\n\nCall 01632 960123.\n"
    )
    assert [s.label for s in analysed("plots.md", footer).sections][-1] == "Page footer"
    faq = (
        "# Hotel\n\n## Booking\n\n**Can I book online?**\n\nYes, on the website.\n\n## Parking\n\n"
        "**Is parking free?**\n\nYes, for guests.\n\n**Charging points**\n\n- Two, by the gate.\n"
    )
    labels = [s.label for s in analysed("hotel.md", faq).sections]
    assert "Parking › Charging points" in labels and not any("free? ›" in label for label in labels)
    steps = (
        "# Install\n\n- Install the tool.\n\n  **Windows users**\n\n  Use the installer.\n\n- Run it."
        + titled
    )
    assert "Windows users" not in [s.label for s in analysed("steps.md", steps).sections]
    readme = (
        "# Install\n\n<table>\n<tr>\n<td>\n\n### Windows\n\n- Download the installer.\n\n</td>\n<td>\n\n"
        "### macOS\n\n1. Open Terminal.\n\n</td>\n</tr>\n</table>\n"
    )
    doc = load("readme.md", readme)
    assert doc.text == readme and [h.label for h in doc.headings] == ["Install", "Windows", "macOS"]
    after = load("fees.md", "# Fees\n\n<table><tr><td>Adult</td><td>£5</td></tr></table> Children go free.\n")
    assert after.text == "# Fees\n\n| Adult | £5 |\n Children go free.\n"
    indented = load("plans.md", "# Plans\n\n   <table><tr><td>Basic</td><td>£5</td></tr></table>\n")
    assert indented.text == "# Plans\n\n| Basic | £5 |\n"


def test_a_forwarded_message_pasted_under_a_greeting_is_titled_by_its_subject(load):
    """A parent pasted a school's e-mail chain under "Hi Jo,": the document was titled "Hi Jo,",
    and every quote's source said so. The subject of the message it forwards names it; without
    one, or under no greeting, the first line still titles the text."""
    chain = (
        "Hi Jo,\n\nForwarding the latest from school below.\n\nSam\n\n"
        "---------- Forwarded message ----------\nFrom: Office <office@school.example>\n"
        "Subject: RE: Snow closure - school reopens Friday\nTo: Parents\n\n"
        "> The school will reopen on Friday at 10am.\n"
    )
    assert load("closure.txt", chain).title == "RE: Snow closure - school reopens Friday"
    assert load("note.txt", "Hi Jo,\n\nCan you feed the cat on Friday?\n").title == "Hi Jo,"
    memo = "Kitchen rota\n\nSubject: who cleans the fridge\n\nMonday: Sam.\n"
    assert load("rota.txt", memo).title == "Kitchen rota"


def test_a_badge_beside_a_name_or_a_price_reads_as_an_aside(load):
    """Round 38's plan comparison: "Complete <span class="badge">Most popular</span>" read as one
    column name, "Complete Most popular". A badge after words reads in brackets, and so does one
    before its line's words (round 51: "Low Long-life fruit juice" named a product); a long text
    that only looks like a badge is left as it is."""
    page = (
        b"<table><thead><tr><th>Included</th><th>Essential</th>"
        b"<th>Complete <span class='badge'>Most popular</span></th></tr></thead>"
        b"<tbody><tr><td>Flea treatment</td><td>Yes</td><td>Yes</td></tr></tbody></table>"
        b"<p>\xc2\xa342 per person <span class='badge badge-warning'>Only 4 places left</span></p>"
        b"<p><span class='badge'>New</span> Evening opening on Fridays.</p>"
    )
    text = load("plans.html", page).text
    assert "| Included | Essential | Complete (Most popular) |" in text
    assert "£42 per person (Only 4 places left)" in text
    assert "(New) Evening opening on Fridays." in text


def test_a_page_s_rating_glyphs_read_as_their_label_and_a_struck_price_reads_struck(load):
    """A shop's page showed reviews' ratings as "★★★☆☆" with aria-label "3 out of 5 stars" (an escape
    room's page its difficulty with a title, "Difficulty 4 out of 5"), and its
    old price struck through: read bare, "★★★☆☆" says nothing and "£64.99 £89.99" gives two prices
    alike. A glyph-only element reads as its label; a short struck text reads "~~£89.99~~"; a long
    struck passage (a deleted paragraph) stays as it is, and a label beside words is no glyph's."""
    page = (
        "<html><body><h1>Radiator</h1>"
        "<p><span>£64.99</span> <s>£89.99</s> <span>Save £25.00</span></p>"
        '<p class="stars" aria-label="3 out of 5 stars">★★★☆☆</p>'
        '<div class="difficulty" title="Difficulty 4 out of 5">★★★★☆</div>'
        '<p><a href="/b" aria-label="Add the radiator to your basket">Add to basket</a></p>'
        "<p><del>This offer was withdrawn on 3 March because the supplier could not deliver.</del></p>"
        "</body></html>"
    )
    text = load("radiator.html", page).text
    assert "£64.99 ~~£89.99~~ Save £25.00" in text
    assert "3 out of 5 stars" in text and "★" not in text
    assert "Difficulty 4 out of 5" in text  # a title a pointer shows, as a label
    assert "Add to basket" in text and "your basket" not in text
    assert "This offer was withdrawn on 3 March because the supplier could not deliver." in text
    assert "~~This" not in text


def test_review_csv_titles_greetings_marks(load):
    """Second review: a comma export under a title line holding a semicolon ("Club fees 2024;
    members only") was split at the semicolon, each row one cell; Excel's "sep=;" line read as a
    row; a header over European amounts ("1.250,00") went unmarked. A note opening "Hi all," took
    a form's or a list's "Subject:" line for its title. A label beside a glyph ran into the words
    round it ("9:00to17:00"), a label naming a widget ("Close" over "×") stood for it, a "<del>"
    round a paragraph left its marks as lines of their own, and nested struck text was marked at
    each level."""
    fees = "Club fees 2024; members only\nItem,Price,Notes\nAdult,£50,Per year\nJunior,£20,Under 16\nFamily,£90,2 adults; 2 kids\n"
    assert "| Adult | £50 | Per year |" in load("fees.csv", fees).text
    hinted = load("hinted.csv", "sep=;\nRoom;1 Nacht (€)\nGarten;95,00\nDach;1.250,00\n").text
    assert hinted.splitlines()[:2] == ["| Room | 1 Nacht (€) |", "| --- | --- |"]
    dates = "Hi all,\n\nHere are the mock dates.\n\nSubject: Maths\nDate: 3 June\n\nSubject: English\nDate: 4 June\n"
    assert load("mocks.txt", dates).title == "Hi all,"
    assert load("hifi.txt", "Hi-Fi setup guide\n\nSubject: no sound\nFrom: me\n").title == "Hi-Fi setup guide"
    empty = "Hi Jo,\n\nSee below.\n\nFrom: School\nSubject: \n\n> From: PTA\n> Subject: Uniform sale\n"
    assert load("empty.txt", empty).title == "Hi Jo,"
    page = (
        '<html><body><h1>Hours</h1><p>Open 9:00<span aria-label="to">–</span>17:00 daily.</p>'
        '<p>Jalfrezi <span aria-label="Spice level">🌶️🌶️🌶️</span> £12.50</p>'
        '<p>Rated <span aria-label="4 out of 5 stars">★★★★☆</span> by guests.</p>'
        '<div><button aria-label="Close 2">×</button></div>'
        "<div><del><p>Clause 4 removed.</p></del><p>Clause 5 applies.</p></div>"
        "<p>Was <s><s>£89.99</s></s> now £64.99.</p></body></html>"
    )
    text = load("marks.html", page).text
    assert "9:00–17:00" in text and "🌶️🌶️🌶️" in text and "×" in text
    assert "Rated 4 out of 5 stars by guests." in text
    assert "Clause 4 removed." in text and "~~\n" not in text and "\n~~" not in text
    assert "Was ~~£89.99~~ now £64.99." in text


def test_review_markdown_rows_apart_and_word_titles_that_ask(load, analysed):
    """Second review: a table written in HTML with blank lines only between its rows (each "<tr>"
    a new HTML block, one table all the same) was left as tags; and the rule words kept Word's
    bold "What is covered" and Markdown's "**What is included**" from titling."""
    rows = "# Plans\n\n<table>\n<tr><td>Basic</td><td>£5</td></tr>\n\n<tr><td>Pro</td><td>£9</td></tr>\n\n</table>\n"
    assert "| Pro | £9 |" in load("plans.md", rows).text
    from index.sections import bold_title

    assert bold_title("What is covered") and bold_title("What is not covered")
    md = "# Policy\n\n**What is included**\n\n- Breakdown cover\n\n**What is not included**\n\n- Tyres\n"
    assert [s.label for s in analysed("policy.md", md).sections] == [
        "What is included",
        "What is not included",
    ]


def test_a_markdown_file_s_footnotes_at_its_end_are_a_part_of_their_own(load):
    """A podcast's show notes end with their footnotes ("[^1]: Nell's fridge starter gets a feed
    every Sunday…"), under its last part, "Credits": a quote of one was labelled Credits. They are
    a part of their own, "Footnotes"; definitions with the page's text after them are not."""
    page = (
        "# Episode 87\n\n## Things we mentioned\n\n- Nell's starter schedule[^1]\n\n## Credits\n\n"
        "Hosted by Tom Rafferty.\n\n[^1]: Nell's fridge starter gets a feed every Sunday evening.\n"
        "    It is taken out the night before a bake.\n\n[^2]: Listen to episode 84.\n"
    )
    doc = load("notes.md", page)
    a = analyse(doc, lambda s: len(s.split()))
    labels = {s.text: a.sections[s.section_index].label for s in a.sentences}
    assert labels["Hosted by Tom Rafferty."] == "Credits"
    assert labels["[^2]: Listen to episode 84."] == "Footnotes"
    assert any(label == "Footnotes" and "fridge starter" in text for text, label in labels.items())
    # a definition with the page's own text under it closes nothing
    middle = page.replace(
        "[^2]: Listen to episode 84.\n", "[^2]: Listen to episode 84.\n\nThanks for listening.\n"
    )
    assert "Footnotes" not in [
        s.label for s in analyse(load("notes.md", middle), lambda s: len(s.split())).sections
    ]


def test_markdown_bold_run_in_heads_name_their_paragraphs(analysed):
    """Round 44's home-brew recipe ends with troubleshooting written as run-in heads: "**Cloudy
    beer.** Chill haze usually clears…". The head read as a "sentence" of its own that answers
    nothing, and the fix under it was not named by it. Two or more in a part head their
    paragraphs, one level under it; one alone is emphasis, and neither a bold rule ("**Do not
    overfill.**") nor a bold field ("**Deposit:** £100") heads."""
    md = (
        "# Best bitter\n\n## Troubleshooting\n\n"
        "**Original gravity too low.** Crush the grain finer next time.\n\n"
        "**Cloudy beer.** Chill haze usually clears after a week. If it persists, add finings.\n\n"
        "## Notes\n\n**Do not overfill.** Leave 5 cm at the top.\n\n"
        "**Deposit:** £100 on booking.\n\n**Keep it cool.** Store below 12 °C.\n"
    )
    a = analysed("brew.md", md)
    got = {s.label: [x.text for x in a.sentences if x.section_index == s.index] for s in a.sections}
    assert got["Troubleshooting › Cloudy beer"] == [
        "Chill haze usually clears after a week.",
        "If it persists, add finings.",
    ]
    assert got["Troubleshooting › Original gravity too low"] == ["Crush the grain finer next time."]
    assert "**Keep it cool.**" in got["Notes"] and "**Do not overfill.**" in got["Notes"]


def test_a_link_drawn_as_a_button_is_not_the_page_s_text(load):
    """An ice rink's "Learn to skate" panel ended with its "Find out more" button, read as the
    panel's last sentence. A link whose class draws it as a button and that only calls to act is
    furniture; a button that gives a price, and a plain link, stay."""
    page = (
        "<main><h1>Skating</h1><aside><h2>Learn to skate</h2><p>Skate hire is included.</p>"
        '<a href="/learn" class="btn btn-primary">Find out more</a>'
        '<a href="/book" class="btn">Book now: £12</a>'
        '<p>See <a href="/times">Find out more</a> for times.</p></aside></main>'
    )
    text = load("rink.html", page).text
    assert "Skate hire is included." in text
    assert "Book now: £12" in text and "See Find out more for times." in text
    assert "Find out more" not in text.replace("See Find out more for times.", "")


def test_hidden_icons_screen_reader_words_and_action_links_are_not_read(load):
    """Round 45's driving test booking: a warning's "!" icon (hidden from screen readers) was a
    sentence of its own and its hidden "Warning" ran into the text ("WarningYou must bring…"); a
    summary list's "Change<span hidden> name</span>" links were read into each value. Neither is
    on the page a reader sees. A longer hidden text (what a chart shows) and a visible value stay."""
    page = (
        "<main><h1>Your booking</h1><dl>"
        '<div><dt>Name</dt><dd>Tobenna Okafor</dd><dd class="summary-list__actions"><a href="/c">Change'
        '<span class="govuk-visually-hidden"> name</span></a></dd></div></dl>'
        '<div class="warning"><span class="icon" aria-hidden="true">!</span><strong>'
        '<span class="visually-hidden">Warning</span>You must bring your licence.</strong></div>'
        '<p><span aria-hidden="true">£12</span> entry. <span class="sr-only">The chart shows sales rising '
        "every month since May</span></p></main>"
    )
    text = load("booking.html", page).text
    assert "You must bring your licence." in text and "Warning" not in text and "!" not in text
    assert "Tobenna Okafor" in text and "Change" not in text
    assert "£12" in text and "The chart shows sales rising every month since May" in text


def test_review_of_round_44_s_web_and_markdown_rules(load, analysed):
    """What a review found: a link drawn as a button inside a sentence, to an email address, with
    no target ("Sold out") or drawn as a link ("btn-link") was dropped with the rest; and a bold
    fact that opens a paragraph ("**Saturday clinics run from 9am to 12pm.**") became a heading,
    lost as a quote."""
    page = (
        "<main><h1>Folk night</h1><p>Doors open at 7.30pm.</p>"
        '<p><a class="btn btn-secondary" href="#">Sold out</a></p>'
        '<p>To join the waiting list, email <a class="btn-link" href="mailto:box@crown.example">'
        "box@crown.example</a> with your name.</p>"
        '<p>Venue: <a class="button" href="/map">The Crown, Mill Lane</a></p>'
        '<p><a class="btn btn-primary" href="/more">Find out more</a></p>'
        '<p><a class="btn" href="mailto:box@crown.example">box@crown.example</a></p></main>'
    )
    text = load("gig.html", page).text
    assert "Sold out" in text and "email box@crown.example with your name." in text
    assert text.count("box@crown.example") == 2
    assert "Venue: The Crown, Mill Lane" in text and "Find out more" not in text
    md = (
        "# Surgery\n\n## Opening times\n\n**The surgery opens at 8am on weekdays.** Phones open at 8.30am.\n\n"
        "**Saturday clinics run from 9am to 12pm.** These are for booked appointments.\n"
    )
    got = [s.text for s in analysed("surgery.md", md).sentences]
    assert "**Saturday clinics run from 9am to 12pm.**" in got
