"""Word documents (.docx): read with the standard library into the text a reader sees, headed by
their styles, their lists and tables written as Markdown writes them, every offset exact."""

from __future__ import annotations

import io
import zipfile

import pytest
from writepath_helpers import REPO, W_NS, make_docx, para, style, words

from index.analysis import analyse
from index.docx_text import docx_text
from index.errors import LoadError
from index.types import Document

FIXTURE = REPO / "tests" / "data" / "word" / "garden-handbook.docx"


def sections_of(doc: Document) -> dict[str, str]:
    """Each sentence of a loaded document, analysed as the indexer does, with its section's label."""
    return {s.text: s.section for s in analyse(doc, words).sentences}


HEADING_STYLES = style("Title", "Title") + style("Heading1", "heading 1") + style("Heading2", "heading 2")


def test_a_word_file_reads_as_its_reader_sees_it(load) -> None:
    """A file written by python-docx (Word's own template): the title, headings with their levels,
    bullets as "- …", numbered steps with Word's numbers, a table a row a line, a manual line
    break and a tab kept, and an FAQ's bold questions heading their answers."""
    doc = load("garden-handbook.docx", FIXTURE.read_bytes())
    assert doc.title == "Greenway Community Garden"
    assert [(h.label, h.level) for h in doc.headings if not h.under] == [
        ("Greenway Community Garden", 1),
        ("Opening times", 2),
        ("What to bring", 2),
        ("Your first visit", 2),
        ("Questions volunteers ask", 2),
        ("Contacts", 2),
    ]
    text = doc.text
    assert "Volunteer Handbook, spring 2026\nWritten by the garden committee" in text
    # its header row is in bold: the rule a Markdown table has under its header marks it
    assert (
        "| Session | Day | Time |\n| --- | --- | --- |\n| Weeding and watering | Tuesday | 6:00 pm to 8:00 pm |\n"
        in text
    )
    assert "- Gardening gloves and sturdy boots\n- A refillable water bottle\n" in text
    assert "1. Sign in at the noticeboard by the gate.\n2. Ask the session lead" in text
    assert "Volunteer coordinator:\tPriya Natarajan, 07700 900 451" in text

    a = analyse(doc, words)
    labels = {s.label for s in a.sections}
    assert "Questions volunteers ask › Can I bring my children?" in labels
    by_text = sections_of(doc)
    assert by_text["| Main work party | Saturday | 9:30 am to 12:30 pm |"] == "Opening times"
    assert by_text["Yes. Children under 14 must stay with a parent or carer at all times."] == (
        "Questions volunteers ask › Can I bring my children?"
    )
    for s in a.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_heading_styles_are_read_by_name_whatever_their_id_or_base(load) -> None:
    """A German Word names its heading style "heading 1" under the id "berschrift1"; a style of the
    user's own based on a heading heads too, and so does a paragraph given an outline level."""
    styles = (
        style("berschrift1", "heading 1")
        + style("MyHeading", "Club heading", '<w:basedOn w:val="berschrift1"/>')
        + style("Standard", "Normal")
    )
    body = (
        para("Öffnungszeiten", "berschrift1")
        + para("Montag bis Freitag von 9 bis 17 Uhr.", "Standard")
        + para("Fees", "MyHeading")
        + para("Members pay 20 euros a year.")
        + '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Juniors</w:t></w:r></w:p>'
        + para("Under-16s pay half.")
    )
    doc = load("club.docx", make_docx(body, styles))
    assert [(h.label, h.level) for h in doc.headings] == [("Öffnungszeiten", 2), ("Fees", 2), ("Juniors", 3)]
    assert sections_of(doc)["Under-16s pay half."] == "Juniors"


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
)


def test_lists_read_with_the_numbers_and_bullets_word_shows(load) -> None:
    body = (
        para("Steps", "Heading1")
        + para("Fill the tank.", num=(1, 0))
        + para("Check the filter.", num=(1, 1))
        + para("Rinse it.", num=(1, 1))
        + para("Switch on.", num=(1, 0))
        + para("Then the descaling.", num=(1, 1))
        + para("You will need", "Heading1")
        + para("A jug", num=(2, 0))
        + para("A cloth", num=(2, 0))
        + para("Not an item: numbering switched off.", num=(0, 0))
        + para("Chapters", "Heading1")
        + para("Harbour walls", num=(3, 0))
        + para("The lighthouse", num=(3, 0))
    )
    doc = load("steps.docx", make_docx(body, HEADING_STYLES, NUMBERING))
    assert (
        "1) Fill the tank.\na. Check the filter.\nb. Rinse it.\n2) Switch on.\na. Then the descaling."
        in doc.text
    )
    assert "- A jug\n- A cloth\n\nNot an item: numbering switched off." in doc.text
    assert "IV. Harbour walls\nV. The lighthouse" in doc.text


def test_deleted_revisions_field_codes_and_a_text_box_s_copy_are_not_text(load) -> None:
    """Tracked deletions are gone and insertions kept; a field's code ("PAGE") is no text, its
    shown result is; a text box's words come once, though Word writes a fallback copy."""
    body = (
        "<w:p><w:r><w:t>The fee is </w:t></w:r>"
        "<w:del><w:r><w:delText>£10</w:delText></w:r></w:del>"
        '<w:ins><w:r><w:t xml:space="preserve">£12 a year</w:t></w:r></w:ins>'
        "<w:r><w:t>.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>See page </w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'
        "<w:p><w:r><mc:AlternateContent><mc:Choice>"
        "<w:drawing><w:txbxContent><w:p><w:r><w:t>Box: doors open at 7 pm.</w:t></w:r></w:p></w:txbxContent></w:drawing>"
        "</mc:Choice><mc:Fallback>"
        "<w:pict><w:txbxContent><w:p><w:r><w:t>Box: doors open at 7 pm.</w:t></w:r></w:p></w:txbxContent></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Anchor text.</w:t></w:r></w:p>"
    )
    text, _ = docx_text(make_docx(body))
    assert text == "The fee is £12 a year.\n\nSee page 3.\n\nAnchor text.\n\nBox: doors open at 7 pm."


def test_one_bold_question_is_emphasis_two_make_an_faq(load) -> None:
    one = para("Opening hours", "Heading1") + para("Can I park here?", bold=True) + para("Yes, free.")
    assert [h.label for h in load("one.docx", make_docx(one, HEADING_STYLES)).headings] == ["Opening hours"]
    two = one + para("Is there a lift?", bold=True) + para("Yes, by the stairs.")
    doc = load("two.docx", make_docx(two, HEADING_STYLES))
    assert [(h.label, h.under) for h in doc.headings][1:] == [
        ("Can I park here?", True),
        ("Is there a lift?", True),
    ]


def test_without_heading_styles_headings_are_guessed_from_the_lines(load) -> None:
    """Many Word files head their parts with a short line in bold or capitals, no style: they are
    read like a plain-text file's lines."""
    body = para("PARKING") + para("Residents park free in Zone B after 6 pm.") + para("Deliveries")
    body += para("Parcels are left at the porters' lodge on weekdays.")
    sections = sections_of(load("notice.docx", make_docx(body)))
    assert sections["Parcels are left at the porters' lodge on weekdays."] == "Deliveries"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just some text, not a Word file", "not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "password-protected or old-format"),
        (_zip({"hello.txt": b"hi"}), "no word/document.xml"),
        (_zip({"word/document.xml": b"<w:document><unclosed"}), "damaged Word document"),
        (FIXTURE.read_bytes()[:3000], "not a Word document"),
    ],
    ids=["text", "ole", "no-body", "bad-xml", "truncated"],
)
def test_a_bad_word_file_is_a_one_line_load_error(load, data: bytes, reason: str) -> None:
    with pytest.raises(LoadError) as err:
        load("bad.docx", data)
    message = str(err.value)
    assert reason in message and "\n" not in message


def test_a_part_that_inflates_past_the_limit_is_refused_before_it_is_read() -> None:
    """A zip of a few kilobytes can inflate to gigabytes: the size is checked first."""
    data = make_docx(para("x" * 50_000))
    with pytest.raises(LoadError, match="too large once unpacked"):
        docx_text(data, max_part_bytes=20_000)


def test_an_empty_word_document_is_no_text(load) -> None:
    with pytest.raises(LoadError, match="no text"):
        load("empty.docx", make_docx(para("   ")))


def test_tables_nested_thousands_deep_are_a_load_error_not_a_crash(load) -> None:
    depth = 3000
    body = "<w:tbl><w:tr><w:tc>" * depth + para("deep") + "</w:tc></w:tr></w:tbl>" * depth
    with pytest.raises(LoadError, match="nested too deeply"):
        load("deep.docx", make_docx(body))


def test_a_member_whose_compressed_bytes_are_damaged_is_a_load_error(load) -> None:
    data = bytearray(make_docx(para("Opening times are 9 to 5. " * 200)))
    body_at = data.find(b"word/document.xml") + len(b"word/document.xml")
    data[body_at + 10 : body_at + 40] = b"\xff" * 30  # inside the deflated body
    with pytest.raises(LoadError):
        load("broken.docx", bytes(data))


# -- what a review found: each a small file that broke a promise ------------------------------------


def test_a_carriage_return_in_the_text_moves_no_offset(load) -> None:
    """Mail merges write "Ship to:&#13;\\n1 High Street": the headings after it were read one
    character off per line ("De" of "Delivery charges" filed under the part before)."""
    lines = "".join(f"<w:r><w:t xml:space='preserve'>Line {i}&#13;\n</w:t></w:r>" for i in range(30))
    body = f"<w:p>{lines}</w:p>" + para("Delivery charges", "Heading1") + para("Members pay twenty euros.")
    doc = load("merge.docx", make_docx(body, HEADING_STYLES))
    heading = next(h for h in doc.headings if h.label == "Delivery charges")
    assert doc.text[heading.start : heading.end] == "Delivery charges"
    assert sections_of(doc)["Members pay twenty euros."] == "Delivery charges"


LEVELS = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    '<w:lvl w:ilvl="-1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
    '<w:lvl w:ilvl="5000000"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def test_numbered_headings_keep_their_numbers_and_odd_levels_are_ignored(load) -> None:
    """Word shows "2.1 Annual leave" for a multilevel heading list; a level outside 0–8 (-1, or
    five million, which took a minute to count up to) numbers nothing."""
    body = (
        para("Scope", "Heading1", num=(1, 0))
        + para("This policy covers all staff.")
        + para("Leave", "Heading1", num=(1, 0))
        + para("Annual leave", "Heading2", num=(1, 1))
        + para("Staff get 25 days a year.")
        + para("A negative level.", num=(1, -1))
        + para("A level far too deep.", num=(1, 5_000_000))
    )
    doc = load("policy.docx", make_docx(body, HEADING_STYLES, LEVELS))
    assert [h.label for h in doc.headings] == ["1 Scope", "2 Leave", "2.1 Annual leave"]
    assert "A negative level." in doc.text and "A level far too deep." in doc.text


def test_hidden_text_placeholders_and_unnumbered_list_paragraphs_are_as_word_shows_them(load) -> None:
    hidden = (
        "<w:p><w:r><w:t xml:space='preserve'>Doors open at 7. </w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Internal note: code is 4471.</w:t></w:r></w:p>"
    )
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + para("Click or tap here to enter text.")
        + "</w:sdtContent></w:sdt>"
    )
    # Word's own "Subtitle" style carries a list level and no list: no bullet either
    styles = style("ListParagraph", "List Paragraph") + style(
        "Subtitle", "Subtitle", '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>'
    )
    body = (
        para("School of Geography", "Subtitle")
        + hidden
        + placeholder
        + para("An indented note.", "ListParagraph")
    )
    text, _ = docx_text(make_docx(body, styles))
    assert text == "School of Geography\n\nDoors open at 7. \n\nAn indented note."


def test_merged_cells_keep_the_columns_and_a_nested_table_is_its_cell_s_words(load) -> None:
    def cell(text: str, span: int = 1) -> str:
        props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
        return f"<w:tc>{props}{para(text)}</w:tc>"

    inner = f"<w:tbl><w:tr>{cell('in1')}{cell('in2')}</w:tr></w:tbl>"
    body = (
        "<w:tbl>"
        f"<w:tr>{cell('Item')}{cell('Price')}{cell('Note')}</w:tr>"
        f"<w:tr>{cell('Merged across', 2)}{cell('n1')}</w:tr>"
        f"<w:tr>{cell('Boots')}<w:tc>{inner}</w:tc>{cell('n2')}</w:tr>"
        "</w:tbl>"
    )
    text, _ = docx_text(make_docx(body))
    assert text == "| Item | Price | Note |\n| Merged across |  | n1 |\n| Boots | in1 in2 | n2 |"


def test_a_cell_merged_down_rows_stands_in_each_of_them(load) -> None:
    """A wedding venue's packages table merged "Venue hire and catering" down over its Friday and
    its Saturday prices; Word writes the words in the first row only, so the Saturday row had no
    label. Each row it spans is read with it (a long cell's words only in its first row), as a
    web table's cell spanning rows is; a cell merged down and then a plain one ends the span."""

    def cell(text: str, merge: str | None = None) -> str:
        props = "" if merge is None else f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>'
        if merge == "":
            props = "<w:tcPr><w:vMerge/></w:tcPr>"  # Word's own way to write "continue"
        return f"<w:tc>{props}{para(text)}</w:tc>"

    long = "Civil ceremony in the Old Mill Room, licensed for up to 120 guests, with a string quartet " * 2
    body = (
        "<w:tbl>"
        f"<w:tr>{cell('Venue hire', 'restart')}{cell('Friday: £6,950')}{cell(long.strip(), 'restart')}</w:tr>"
        f"<w:tr>{cell('', '')}{cell('Saturday: £8,200')}{cell('', 'continue')}</w:tr>"
        f"<w:tr>{cell('Day guests')}{cell('50')}{cell('')}</w:tr>"
        f"<w:tr>{cell('', '')}{cell('60')}{cell('')}</w:tr>"
        "</w:tbl>"
    )
    text, _ = docx_text(make_docx(body))
    assert text.split("\n")[1:] == [
        "| Venue hire | Saturday: £8,200 |  |",
        "| Day guests | 50 |  |",
        "|  | 60 |  |",  # merged under a cell no merge began: nothing to stand in
    ]
    # a row that leaves out its first grid column (gridBefore) keeps its cells in their columns
    skip = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    body = (
        "<w:tbl>"
        f"<w:tr>{cell('Zone A', 'restart')}{cell('Band 1', 'restart')}{cell('£5')}</w:tr>"
        f"<w:tr>{skip}{cell('', '')}{cell('£6')}</w:tr>"
        "</w:tbl>"
    )
    assert docx_text(make_docx(body))[0] == "| Zone A | Band 1 | £5 |\n|  | Band 1 | £6 |"


def test_a_page_s_header_and_footer_are_parts_of_their_own_after_the_body(load) -> None:
    """A brochure's address and "Prices valid for 2026" were only in its Word footer, which was
    not read: unquotable. The header's and footer's words follow the body, each under a label of
    its own; a page number, and words the body already has (the title again), are left out."""
    page = '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>'
    data = make_docx(
        para("Weddings at the Mill", style="Title") + para("Book a visit."),
        HEADING_STYLES,
        header=para("Weddings at the Mill") + para("All prices include VAT."),
        footer=para("Mill Lane, Ashby AF4 9RL. Prices valid for 2026.") + page,
    )
    doc = load("brochure.docx", data)
    assert doc.text == (
        "Weddings at the Mill\n\nBook a visit.\n\nAll prices include VAT.\n\nMill Lane, Ashby AF4 9RL. Prices valid for 2026."
    )
    assert sections_of(doc)["Mill Lane, Ashby AF4 9RL."] == "Page footer"
    assert sections_of(doc)["All prices include VAT."] == "Page header"
    assert sections_of(doc)["Book a visit."] == "Weddings at the Mill"
    # a document with no header or footer part reads as before
    assert load("plain.docx", make_docx(para("Book a visit."))).text == "Book a visit."


def _with_members(data: bytes, members: dict[str, str]) -> bytes:
    """A .docx with some members added or written anew."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(buf, "w") as new:
        for info in old.infolist():
            if info.filename not in members:
                new.writestr(info, old.read(info))
        for name, text in members.items():
            new.writestr(name, text)
    return buf.getvalue()


def test_page_parts_read_once_without_page_numbers_and_a_damaged_one_is_left_out(load) -> None:
    """A first page's header and the others' often say the same: read once. Word's "1 | Page" and
    "Page 3 of 5" only number the page. A footer's table is rows. A footer line the body holds
    inside a longer word ("Confidential" beside "Confidentiality applies.") is kept: only a whole
    paragraph or line already read is left out. A damaged header part loses that part only."""
    ns = f'xmlns:w="{W_NS}"'
    row = "".join(f"<w:tc>{para(t)}</w:tc>" for t in ("Tel", "01632 960733"))
    data = make_docx(
        para("Confidentiality applies."),
        header=para("Mill brochure 2026, all prices include VAT."),
        footer=f"<w:tbl><w:tr>{row}</w:tr></w:tbl>"
        + para("1 | Page")
        + para("Page 2 of 5")
        + para("Confidential"),
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="header1.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"/>'
        '<Relationship Id="rId3" Target="/word/header2.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"/>'
        '<Relationship Id="rId2" Target="footer1.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"/>'
        "</Relationships>"
    )
    again = f"<w:hdr {ns}>{para('Mill brochure 2026, all prices include VAT.')}</w:hdr>"
    data = _with_members(data, {"word/_rels/document.xml.rels": rels, "word/header2.xml": again})
    assert load("b.docx", data).text == (
        "Confidentiality applies.\n\nMill brochure 2026, all prices include VAT.\n\n"
        "| Tel | 01632 960733 |\n\nConfidential"
    )
    broken = _with_members(data, {"word/header1.xml": "<w:hdr><unclosed"})
    assert load("b.docx", broken).text == load("b.docx", data).text  # the second header says the same
    both_broken = _with_members(broken, {"word/header2.xml": "<w:hdr><unclosed"})
    assert (
        load("b.docx", both_broken).text
        == "Confidentiality applies.\n\n| Tel | 01632 960733 |\n\nConfidential"
    )


def test_a_table_s_header_row_is_marked_where_word_marks_it() -> None:
    """A rent table's header "| Plot size | 2024/25 | 2025/26 |" has years in it, so its cells do
    not say they name the columns: Word's "Repeat as header row", or a first row all in bold over
    rows that are not, does. A table whose rows are all bold, or whose plain first row is no row of
    three labels over data, gets no rule."""

    def row(*cells: str, bold: bool = False, header: bool = False) -> str:
        props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        return f"<w:tr>{props}" + "".join(f"<w:tc>{para(c, bold=bold)}</w:tc>" for c in cells) + "</w:tr>"

    years = row("Plot size", "2024/25", "2025/26", header=True) + row("Half plot", "£36", "£38")
    text, _ = docx_text(make_docx(f"<w:tbl>{years}</w:tbl>"))
    assert text == "| Plot size | 2024/25 | 2025/26 |\n| --- | --- | --- |\n| Half plot | £36 | £38 |"
    bold = row("Plan", "Fee", bold=True) + row("Basic", "£4")
    assert (
        docx_text(make_docx(f"<w:tbl>{bold}</w:tbl>"))[0] == "| Plan | Fee |\n| --- | --- |\n| Basic | £4 |"
    )
    all_bold = row("Plan", "Fee", bold=True) + row("Basic", "£4", bold=True)
    plain = row("Plan", "Fee") + row("Basic", "£4")
    for body in (all_bold, plain):
        assert "---" not in docx_text(make_docx(f"<w:tbl>{body}</w:tbl>"))[0]
    # a featured row of data in bold names nothing
    featured = row("Adult swim", "£5.40", bold=True) + row("Junior swim", "£3.20")
    assert "---" not in docx_text(make_docx(f"<w:tbl>{featured}</w:tbl>"))[0]
    # a table in parts heads each part with a bold row
    parts = (
        row("Weekday hire", "Morning", bold=True)
        + row("Studio", "£20")
        + row("Weekend hire", "Sunday", bold=True)
        + row("Studio", "£35")
    )
    assert docx_text(make_docx(f"<w:tbl>{parts}</w:tbl>"))[0] == (
        "| Weekday hire | Morning |\n| --- | --- |\n| Studio | £20 |\n"
        "| Weekend hire | Sunday |\n| --- | --- |\n| Studio | £35 |"
    )
    # unmarked, as most typed tables are: a first row of three labels or more over a row of data
    shifts = row("Day", "Morning shift", "Afternoon shift") + row("Monday", "9am - 1pm", "1pm - 5pm")
    assert docx_text(make_docx(f"<w:tbl>{shifts}</w:tbl>"))[0] == (
        "| Day | Morning shift | Afternoon shift |\n| --- | --- | --- |\n| Monday | 9am - 1pm | 1pm - 5pm |"
    )
    # a fee table whose last rows give no number ("10% off", "Free") is still one of data
    fees = (
        row("Membership", "Annual", "Monthly")
        + row("Under-9s", "£165", "£19")
        + row("Under-13s", "£185", "£21")
        + row("Third sibling", "Free", "Free")
    )
    assert docx_text(make_docx(f"<w:tbl>{fees}</w:tbl>"))[0].split("\n")[1] == "| --- | --- | --- |"
    # a bold totals row, years or ages in the header, or two rows of which one has a number keep it
    totals = row("Item", "Cost", "Notes") + row("Tea", "£1", "Hot") + row("Cake", "£2", "Sweet")
    totals += row("Total", "£3", "Paid", bold=True)
    years = (
        row("Plot size", "2024/25", "2025/26") + row("Half plot", "£36", "£38") + row("Full", "£60", "£64")
    )
    tickets = row("Ticket", "Price", "Notes") + row("Adult", "£5", "Online") + row("Child", "Free", "Online")
    for body in (totals, years, tickets):
        assert docx_text(make_docx(f"<w:tbl>{body}</w:tbl>"))[0].split("\n")[1].startswith("| --- |"), body
    # but not a form of names and values, nor labels over labels (no cell says which row names
    # the others), nor a first row of data, nor a list of contacts whose first row is Ann's, nor a
    # row of labels further down
    form = row("Venue", "Village hall") + row("Date", "3 May 2025")
    labels = row("Name", "Role", "Team") + row("Ann Lee", "Chair", "Board")
    data = row("Monday", "9am", "Yoga") + row("Tuesday", "10am", "Pilates")
    contacts = (
        row("Ann Lee", "Chair", "ann@club.example")
        + row("Bob Ray", "Treasurer", "07700 900123")
        + row("Cy Doe", "Secretary", "cy@club.example")
    )
    lower = row("Monday", "9am", "Yoga") + shifts
    for body in (form, labels, data, contacts, lower):
        assert "---" not in docx_text(make_docx(f"<w:tbl>{body}</w:tbl>"))[0]
    # a table of shifts inside a cell is that cell's words, with no rule in them
    nested = f"<w:tbl>{row('Rota', 'Notes')}<w:tr><w:tc>{para('Week 1')}</w:tc><w:tc><w:tbl>{shifts}</w:tbl></w:tc></w:tr></w:tbl>"
    assert docx_text(make_docx(nested))[0] == (
        "| Rota | Notes |\n| Week 1 | Day Morning shift Afternoon shift Monday 9am - 1pm 1pm - 5pm |"
    )


def test_a_strict_open_xml_file_reads_as_the_usual_kind(load) -> None:
    data = make_docx(para("Opening times", "Heading1") + para("Open daily."), HEADING_STYLES)
    strict = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(strict, "w") as dst:
        for name in src.namelist():
            dst.writestr(
                name,
                src.read(name).replace(
                    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
                ),
            )
    doc = load("strict.docx", strict.getvalue())
    assert [h.label for h in doc.headings] == ["Opening times"] and "Open daily." in doc.text


def test_a_title_or_bold_questions_alone_leave_the_parts_to_their_lines(load) -> None:
    """An FAQ's bold questions (or a lone "Title") stopped the plain lines from heading their
    parts: "Parcels are left…" was filed under the last question."""
    body = (
        para("Building notes", "Title")
        + para("PARKING")
        + para("Residents park free in Zone B.")
        + para("Can visitors park?", bold=True)
        + para("Yes, in bays 1 to 4.")
        + para("Is it free?", bold=True)
        + para("No, it costs £2 an hour.")
        + para("DELIVERIES")
        + para("Parcels are left at the lodge.")
    )
    sections = sections_of(load("notes.docx", make_docx(body, HEADING_STYLES)))
    assert sections["Parcels are left at the lodge."] == "DELIVERIES"
    assert sections["No, it costs £2 an hour."].endswith("Is it free?")


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0" encoding="x-nonsense"?><w:document/>',  # no such encoding
        b'<?xml version="1.0" encoding="rot13"?><w:document/>',
    ],
    ids=["unknown-encoding", "rot13"],
)
def test_an_odd_xml_declaration_is_a_load_error(load, xml: bytes) -> None:
    with pytest.raises(LoadError):
        load("odd.docx", _zip({"word/document.xml": xml}))


def test_a_numbering_part_built_to_exhaust_memory_is_read_in_bounded_time(load) -> None:
    """15,000 levels under 15,000 lists took 8.7 GB: only Word's nine levels are kept."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        for i in range(3000)
    )
    nums = "".join(f'<w:num w:numId="{i}"><w:abstractNumId w:val="0"/></w:num>' for i in range(1, 3000))
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{nums}'
    doc = load(
        "bomb.docx", make_docx(para("First.", num=(1, 0)) + para("Second.", num=(2, 0)), "", numbering)
    )
    assert doc.text == "1. First.\n2. Second."


def test_short_bold_paragraphs_title_their_parts_a_list_set_in_bold_does_not(load) -> None:
    """A church hall's hire agreement set its clause titles in a bold, numbered style of its own
    ("Clause1"), no heading style: all its clauses fell under the agreement's title. A short
    bold paragraph (by its runs or by its style) titles what follows it, its number kept and its
    list's lines as they were; lines in bold one after another with nothing between ("Towels",
    "Soap") are a list set in bold, and a bold lead-in ("Bring:") ends a sentence's clause."""
    styles = (
        HEADING_STYLES
        + style(
            "Clause1",
            "Clause1",
            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr>',
        )
        + style(
            "Clause2",
            "Clause2",
            '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b w:val="0"/></w:rPr>',
        )
    )
    body = (
        para("Hire agreement", "Heading1")
        + para("Booking", "Clause1")
        + para("The deposit is £75.", "Clause2")
        + para("Cancellation", "Clause1")
        + para("Give 14 days' notice.", "Clause2")
        + para("Bring:", bold=True)
        + para("Towels", bold=True)
        + para("Soap", bold=True)
        + para("Keys are collected from the vicarage.")
        + para("Notes", bold=True)
        + para("Prices include VAT.")
    )
    doc = load("hire.docx", make_docx(body, styles, NUMBERING))
    assert [(h.label, h.under) for h in doc.headings] == [
        ("Hire agreement", False),
        ("1) Booking", True),
        ("2) Cancellation", True),
        ("Notes", True),
    ]
    assert "1) Booking\na. The deposit is £75.\n2) Cancellation\na. Give 14 days' notice." in doc.text
    sections = sections_of(doc)
    assert sections["a. Give 14 days' notice."].endswith("2) Cancellation")
    assert sections["Prices include VAT."].endswith("Notes")
    assert sections["Keys are collected from the vicarage."].endswith("2) Cancellation")


def test_a_table_s_header_row_bold_by_its_paragraph_style_is_marked(load) -> None:
    """A table's header row set in bold by its paragraph style ("Table heading"), not by its runs,
    is a header as one in bold runs is: a rule goes under it."""
    styles = style("TableHeading", "Table heading", "<w:rPr><w:b/></w:rPr>")

    def row(cells: list[str], st: str = "") -> str:
        return "<w:tr>" + "".join(f"<w:tc>{para(c, st)}</w:tc>" for c in cells) + "</w:tr>"

    table = "<w:tbl>" + row(["Plot size", "Rent"], "TableHeading") + row(["Half plot", "£45"]) + "</w:tbl>"
    text = load("rents.docx", make_docx(table, styles)).text
    assert text == "| Plot size | Rent |\n| --- | --- |\n| Half plot | £45 |"


def test_review_bold_facts_and_bold_bullets_are_no_titles(load) -> None:
    """Review findings: a flyer's bold "Entry £2, children under 12 free" and "Saturday 14 June
    from 12pm" became titles, so "How much is entry?" had no sentence to quote; and bold items of
    a bulleted list lost their "- ". A line with a figure or an amount is a fact set in bold, and
    a bulleted item stays its list's."""
    body = (
        para("Summer Fair", "Heading1")
        + para("Saturday 14 June from 12pm", bold=True)
        + para("Held on the green.")
        + para("Entry £2, children under 12 free", bold=True)
        + para("Pay on the gate.")
        + para("Towels", bold=True, num=(2, 0))
        + para("Soap", bold=True, num=(2, 0))
        + para("Slippers", num=(2, 0))
        + para("Bring these too.")
        + para("Part 2 Payment terms", bold=True)
        + para("Pay by card.")
        + para("3. Getting there", bold=True)
        + para("Park at the school.")
        + para("4. Dogs", bold=True)
        + para("Dogs on leads are welcome.")
    )
    doc = load("flyer.docx", make_docx(body, HEADING_STYLES, NUMBERING))
    # (a title's own number typed before it is no figure)
    assert [h.label for h in doc.headings] == [
        "Summer Fair",
        "Part 2 Payment terms",
        "3. Getting there",
        "4. Dogs",
    ]
    assert "- Towels\n- Soap\n- Slippers" in doc.text
    sentences = [s.text for s in analyse(doc, words).sentences]
    assert "Entry £2, children under 12 free" in sentences


def test_the_properties_title_that_adds_printed_words_to_the_masthead_titles_the_document(load) -> None:
    """A supper club's menu opens with its masthead, "THE LONG TABLE", in Word's Title style; its
    properties' title, "The Long Table – Spring Tasting Menu", says what the file is, in words the
    page prints. A properties' title of words the page never prints (a stale one), or a file's
    name, is not taken."""
    body = para("THE LONG TABLE", "Title") + para("a supper club at 41 Tannery Row")
    body += para("Spring Tasting Menu · Fridays and Saturdays · £68 per guest") + para("Doors open at 7pm.")
    menu = make_docx(body, HEADING_STYLES, core_title="The Long Table – Spring Tasting Menu")
    assert load("menu.docx", menu).title == "The Long Table – Spring Tasting Menu"
    stale = make_docx(body, HEADING_STYLES, core_title="The Long Table – Winter Feast Menu")
    assert load("stale.docx", stale).title == "THE LONG TABLE"
    named = make_docx(body, HEADING_STYLES, core_title="The Long Table – Spring_Menu_v3.docx")
    assert load("named.docx", named).title == "THE LONG TABLE"
    # and where no paragraph is in the Title style, over its first line
    plain = para("THE LONG TABLE", bold=True) + body.split("</w:p>", 1)[1]
    unstyled = make_docx(plain, HEADING_STYLES, core_title="The Long Table – Spring Tasting Menu")
    assert load("plain.docx", unstyled).title == "The Long Table – Spring Tasting Menu"


def test_a_paragraph_in_word_s_title_style_titles_the_document_under_a_bold_letterhead(load) -> None:
    """A childminder's contract opens with her business name in bold and its address, then
    "Childminding Contract" in Word's Title style: the writer said which line is the title."""
    body = para("Little Acorns Childminding", bold=True) + para("14 Orchard Close, Cheltenham GL52 8TW")
    body += para("Childminding Contract", "Title") + para("This contract is between the childminder and you.")
    body += para("Fees", "Heading1") + para("The hourly rate is £7.50.")
    assert load("contract.docx", make_docx(body, HEADING_STYLES)).title == "Childminding Contract"
    # a "Title" paragraph after the first part's heading is a part's name, not the document's
    late = para("Little Acorns Childminding", bold=True) + para("Fees", "Heading1") + para("£7.50 an hour.")
    late += para("Appendix", "Title") + para("Holiday dates.")
    assert load("late.docx", make_docx(late, HEADING_STYLES)).title == "Little Acorns Childminding"


def test_a_first_row_that_several_tables_open_with_is_their_header() -> None:
    """A room-by-room inventory opens each room's table with "| Item | Condition | Notes |" over
    rows of letters ("G", "F"), no number to show the first row names the columns: written again
    over each table, it does. A first row that one table alone has stays a row."""

    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in cells) + "</w:tr>"

    head = row("Item", "Condition", "Notes")
    hall = f"<w:tbl>{head}{row('Front door', 'G', 'Small chip')}</w:tbl>"
    kitchen = f"<w:tbl>{head}{row('Oven', 'F', 'Light grease')}</w:tbl>"
    text, _ = docx_text(make_docx(para("Hall") + hall + para("Kitchen") + kitchen))
    assert text.count("| Item | Condition | Notes |\n| --- | --- | --- |") == 2
    alone, _ = docx_text(make_docx(para("Hall") + hall))
    assert "---" not in alone


def test_a_form_s_first_names_and_values_are_no_header_row() -> None:
    """A quotation's details table sets names and values in pairs ("| Client | Ms Eleanor Marsh &
    Mr Rhys Pritchard | Event | Wedding breakfast and evening reception |"): its first row is the
    form's first pairs, not the names of its columns, however many figures the rows under it hold."""

    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in cells) + "</w:tr>"

    form = (
        row(
            "Client",
            "Ms Eleanor Marsh and Mr Rhys Pritchard",
            "Event",
            "Wedding breakfast and evening reception",
        )
        + row("Address", "14 Kestrel Close, HM2 9LT", "Date", "Saturday 13 September 2025")
        + row("Telephone", "07700 900 812", "Guests", "86 day guests; 120 evening guests")
    )
    assert "---" not in docx_text(make_docx(f"<w:tbl>{form}</w:tbl>"))[0]
    # a header with a long column's name still heads its rows
    work = (
        row("Date", "Description of work carried out", "Cost")
        + row("3 March 2025", "Replaced the boiler pump", "£180.00")
        + row("9 March 2025", "Bled the radiators", "£45.00")
    )
    assert "| --- | --- | --- |" in docx_text(make_docx(f"<w:tbl>{work}</w:tbl>"))[0]


def test_a_table_of_one_cell_is_a_box_of_paragraphs(load) -> None:
    """A village hall newsletter draws a border round its small print with a table of one cell: it
    read as one table row, "| Small print: … |", and its four sentences as one. A box's paragraphs
    read as paragraphs, each sentence its own; a table of two cells stays a table."""
    box = (
        "<w:tbl><w:tr><w:tc>"
        + para("Small print: Residents' rates apply to the parish. A deposit of £100 is required.")
        + para("Hirers must leave by 11.30pm.")
        + "</w:tc></w:tr></w:tbl>"
    )
    body = para("Hiring the hall", bold=True) + para("The hall is available for parties.") + box
    text, _ = docx_text(make_docx(body))
    assert "|" not in text
    assert text.endswith("A deposit of £100 is required.\n\nHirers must leave by 11.30pm.")
    sentences = [s.text for s in analyse(load("hall.docx", make_docx(body)), words).sentences]
    assert "A deposit of £100 is required." in sentences
    two = "<w:tbl><w:tr><w:tc>" + para("Room") + "</w:tc><w:tc>" + para("£22") + "</w:tc></w:tr></w:tbl>"
    assert docx_text(make_docx(two))[0] == "| Room | £22 |"


def test_a_box_of_a_label_and_a_figure_stays_one_row(load) -> None:
    """A one-cell box holding "Total due" over "£45.00" is no prose: read as paragraphs, "£45.00"
    stood alone as a sentence, away from what it is. It stays one row, as before."""
    box = "<w:tbl><w:tr><w:tc>" + para("Total due") + para("£45.00") + "</w:tc></w:tr></w:tbl>"
    assert docx_text(make_docx(para("Invoice 1042") + box))[0].endswith("| Total due £45.00 |")
