"""A PDF's pages as quotable text: paragraphs from the page's layout, running headers and footers gone."""

from __future__ import annotations

from writepath_helpers import make_pdf, words

from index.analysis import analyse
from index.pdf_text import (
    PrintedLine,
    _furniture_last,
    columns_read_down,
    joined_pages,
    readable_list,
    running_lines,
    type_headings,
    with_paragraphs,
)


def test_a_blank_line_of_the_layout_separates_paragraphs_of_the_plain_text() -> None:
    plain = "School Trips\nYear 4 will visit the museum.\nThe coach leaves at 8:45."
    layout = "School   Trips\n\nYear 4 will visit the   museum.\nThe coach leaves at 8:45.\n"
    assert (
        with_paragraphs(plain, layout)
        == "School Trips\n\nYear 4 will visit the museum.\nThe coach leaves at 8:45."
    )


def test_a_table_s_row_that_the_plain_text_gives_a_line_per_cell_is_one_row() -> None:
    """A council tax leaflet's bands: the plain text had "D", "£68,001 to £88,000" and "£2,247.93" on
    lines of their own, so the layout (one line a row) never lined up, and the page lost its
    paragraphs too. A row is written as the other loaders write one; a printed line cut in two
    without a column's gap is one line."""
    plain = "Bands\nBand\nAnnual charge\nD\n£2,247.93\nAfter the table.\nBold\nword here."
    layout = (
        "Bands\n\n  Band      Annual charge\n  D         £2,247.93\n\nAfter the table.\nBold word here.\n"
    )
    assert with_paragraphs(plain, layout) == (
        "Bands\n\n| Band | Annual charge |\n| D | £2,247.93 |\n\nAfter the table.\nBold word here."
    )


def test_a_label_that_ends_in_an_abbreviation_is_a_cell_of_its_row() -> None:
    """An invoice's bank details: "Account no." ends in an abbreviation's full stop, not a
    sentence's, so its row is a row like the others; two sentences a typist set apart stay prose."""
    plain = "How to pay\nSort code\n40-27-16\nAccount no.\n61839204\nIt ended.\nThen it rained."
    layout = (
        "How to pay\n Sort code       40-27-16\n Account no.     61839204\n It ended.   Then it rained.\n"
    )
    assert with_paragraphs(plain, layout) == (
        "How to pay\n| Sort code | 40-27-16 |\n| Account no. | 61839204 |\nIt ended. Then it rained."
    )
    # a sentence that ends in such a word is no label (a review's finding)
    for prose in (
        "Rain? No.   Then we left.",
        "He said no.   Then he left.",
        "Did it rain? No.   Then we left.",
        "We asked for the min.   It was fine.",
    ):
        plain_prose = prose.replace("   ", "\n")
        assert with_paragraphs(plain_prose, prose + "\n") == " ".join(prose.split())


def test_a_table_whose_rows_are_padded_apart_stays_one_block_under_its_header() -> None:
    """A clinic leaflet's table had its cells padded, so the layout left a blank line between its
    rows; each row became a paragraph of its own, cut off from the header row that says which
    column is the days and which the times. A row in the same columns as the row above is the
    same table, and so is a row of three cells or more under one blank line where the rows above
    touch; a row after a paragraph, or in other columns, still starts a new block."""
    plain = (
        "Clinics are shown below.\nLocation\nDays\nTimes\nMain Unit\nMonday to Friday\n7.30am to 5pm\n"
        "Harbourside\nTuesday\n8.30am to 12.30pm\nBooking\nBook online.\nCode\nMeaning\nA1\nFasting"
    )
    layout = (
        "Clinics are shown below.\n\n"
        "Location        Days                Times\n\n"
        "Main Unit       Monday to Friday    7.30am to 5pm\n\n"
        "Harbourside     Tuesday             8.30am to 12.30pm\n\n"
        "Booking\n\nBook online.\n\n"
        "   Code     Meaning\n\n"
        "                        A1      Fasting\n"
    )
    assert with_paragraphs(plain, layout) == (
        "Clinics are shown below.\n\n"
        "| Location | Days | Times |\n| Main Unit | Monday to Friday | 7.30am to 5pm |\n"
        "| Harbourside | Tuesday | 8.30am to 12.30pm |\n\n"
        "Booking\n\nBook online.\n\n| Code | Meaning |\n\n| A1 | Fasting |"
    )
    # a row that leaves its first cell empty (the location above holds for it) stays in the table
    plain = "Location\nDays\nTimes\nMain Unit\nMonday\n9am\nFriday\n1pm\nHarbourside\nTuesday\n8am"
    layout = (
        "Location       Days        Times\n\nMain Unit      Monday      9am\n\n"
        "               Friday      1pm\n\nHarbourside    Tuesday     8am\n"
    )
    assert with_paragraphs(plain, layout) == (
        "| Location | Days | Times |\n| Main Unit | Monday | 9am |\n|  | Friday | 1pm |\n"
        "| Harbourside | Tuesday | 8am |"
    )
    # a header that leaves its corner empty, padded apart from the rows it names, heads them
    plain = "Electricity\nGas\nDay rate\n20p\n7p\nNight rate\n10p\n5p"
    layout = "             Electricity    Gas\n\nDay rate     20p            7p\n\nNight rate   10p            5p\n"
    assert (
        with_paragraphs(plain, layout)
        == "|  | Electricity | Gas |\n| Day rate | 20p | 7p |\n| Night rate | 10p | 5p |"
    )
    # two tables one under the other are two blocks, their rows as they are: a narrower table set
    # further apart than the wider one's rows, and a wider one under a table whose rows touch
    plain = "Activity\nAdult\nJunior\nSwim\n£5.40\n£3.20\nSauna\n9am to 9pm"
    layout = "Activity    Adult     Junior\n\nSwim        £5.40     £3.20\n\n\n\nSauna       9am to 9pm\n"
    assert with_paragraphs(plain, layout) == (
        "| Activity | Adult | Junior |\n| Swim | £5.40 | £3.20 |\n\n| Sauna | 9am to 9pm |"
    )
    plain = "Drink\nPrice\nTea\n£1.50\nCake\nSlice\nWhole\nBrownie\n£2.60\n£15.00"
    layout = "Drink      Price\nTea        £1.50\n\nCake       Slice     Whole\nBrownie    £2.60     £15.00\n"
    assert with_paragraphs(plain, layout) == (
        "| Drink | Price |\n| Tea | £1.50 |\n\n| Cake | Slice | Whole |\n| Brownie | £2.60 | £15.00 |"
    )
    # an insurance summary's table whose rows differ in height: the layout leaves a blank line
    # under some rows and not others; a row of three cells under one blank line is the same table
    plain = "Cover\nEssentials\nPlus\nSum insured\n£40,000\n£75,000\nStandard excess\n£100\n£100"
    layout = (
        "Cover              Essentials     Plus\nSum insured        £40,000        £75,000\n\n"
        "Standard excess    £100           £100\n"
    )
    assert with_paragraphs(plain, layout) == (
        "| Cover | Essentials | Plus |\n| Sum insured | £40,000 | £75,000 |\n| Standard excess | £100 | £100 |"
    )
    # a header over columns the page centres ("Medium" over "£48"), a blank line between: its table
    centred = "Service\nSmall\nMedium\nFull groom\n£38\n£48\nBath and brush\n£28\n£34"
    centred_layout = (
        "   Service                Small          Medium\n\n"
        "   Full groom                £38             £48\n\n"
        "   Bath and brush            £28             £34\n"
    )
    assert with_paragraphs(centred, centred_layout) == (
        "| Service | Small | Medium |\n| Full groom | £38 | £48 |\n| Bath and brush | £28 | £34 |"
    )
    # but two blank lines part two tables, and one still parts rows of two cells set closer above
    assert "\n\n| Standard excess" in with_paragraphs(plain, layout.replace("\n\n", "\n\n\n"))
    two = "Drink\nPrice\nTea\n£1.50\nCake\n£2.60"
    assert with_paragraphs(two, "Drink    Price\nTea      £1.50\n\nCake     £2.60") == (
        "| Drink | Price |\n| Tea | £1.50 |\n\n| Cake | £2.60 |"
    )
    # a row that leaves its last cells empty keeps them, so it names its columns as the others do
    plain = "Activity\nAdult\nJunior\nSwim\n£5.40\n£3.20\nFamily swim\n£14.00"
    layout = "Activity       Adult      Junior\n\nSwim           £5.40      £3.20\n\nFamily swim    £14.00\n"
    assert with_paragraphs(plain, layout) == (
        "| Activity | Adult | Junior |\n| Swim | £5.40 | £3.20 |\n| Family swim | £14.00 |  |"
    )


def test_a_bullet_set_apart_from_its_text_makes_a_list_item() -> None:
    """A warranty card's exclusions: the bullet (a glyph that came out as a control character) and
    its text were two cells of a row, "| \x7f | Attachments… |"."""
    plain = (
        "What is not covered\n\x7f\nNormal wear and tear\n•\nAttachments, which carry a 12\nmonth warranty"
    )
    layout = "What is not covered\n   \x7f    Normal wear and tear\n   •    Attachments, which carry a 12\nmonth warranty"
    assert with_paragraphs(plain, layout) == (
        "What is not covered\n- Normal wear and tear\n- Attachments, which carry a 12\nmonth warranty"
    )


def test_a_number_set_apart_from_its_text_makes_a_numbered_item() -> None:
    """A report's recommendations, numbered with a hanging indent, came out as a table's rows whose
    wrapped line fell outside the row: "| 1 | … review them |" over "against real rents."."""
    plain = "Recommendations\n1\nThe government should raise loans every year and review them\nagainst real rents.\n2\nPublish the hardship funds on one page."
    layout = (
        "Recommendations\n1  The government should raise loans every year and review them\n"
        "   against real rents.\n2  Publish the hardship funds on one page."
    )
    # its wrapped line goes on under the item's text: the item is whole, on one line
    assert with_paragraphs(plain, layout) == (
        "Recommendations\n1. The government should raise loans every year and review them "
        "against real rents.\n2. Publish the hardship funds on one page."
    )
    # an item whose first line is short counts its words with the line that goes on under it
    short = with_paragraphs(
        "1\nThe council should:\nreview rents every year.\n2\nPublish the hardship funds on one page.",
        "1  The council should:\n   review rents every year.\n2  Publish the hardship funds on one page.",
    )
    assert short.splitlines()[0] == "1. The council should: review rents every year."
    # a number and a short name are a table's row still
    assert with_paragraphs("1\nApples\n2\nPears", "1   Apples\n2   Pears") == "| 1 | Apples |\n| 2 | Pears |"
    # and so are rows whose first column counts (hours), under a header row: no items 24 and 48
    hours = with_paragraphs(
        "Hours\nWhat is included\n24\nEmergency repairs to heating and water\n48\nUrgent repairs to doors and windows",
        "Hours    What is included\n24       Emergency repairs to heating and water\n48       Urgent repairs to doors and windows",
    )
    assert hours.splitlines()[1] == "| 24 | Emergency repairs to heating and water |"
    # a row numbered 2 among a table's rows of three cells stays a row
    mixed = with_paragraphs(
        "1\nRepaint the hall and the kitchen\n£4,000\n2\nRepaint the hall and the stairs",
        "1   Repaint the hall and the kitchen   £4,000\n2   Repaint the hall and the stairs",
    )
    assert mixed.splitlines()[1] == "| 2 | Repaint the hall and the stairs |  |"  # its price left blank


def test_numbered_steps_over_a_table_set_apart_are_still_steps() -> None:
    """Round 44's hearing aid leaflet: five numbered cleaning steps, then, a blank line apart, a
    "How often | Task" table. The table right after them made the steps read as its rows ("| 1 |
    Wash and dry…|"); a table set apart by a blank line is no neighbour. Right under the steps, with
    no blank line, it is one table still."""
    plain = (
        "Cleaning\n1\nWash and dry your hands before handling the aids.\n2\nWipe each aid with the dry "
        "cloth supplied.\nHow often\nTask\nDaily\nWipe the aids\nWeekly\nChange the filters"
    )
    layout = (
        "Cleaning\n1  Wash and dry your hands before handling the aids.\n2  Wipe each aid with the dry "
        "cloth supplied.\n\nHow often    Task\nDaily        Wipe the aids\nWeekly       Change the filters"
    )
    assert with_paragraphs(plain, layout).splitlines()[1:5] == [
        "1. Wash and dry your hands before handling the aids.",
        "2. Wipe each aid with the dry cloth supplied.",
        "",
        "| How often | Task |",
    ]
    joined = with_paragraphs(plain, layout.replace("\n\nHow", "\nHow"))
    assert joined.splitlines()[1] == "| 1 | Wash and dry your hands before handling the aids. |"
    # and so a table set apart over the steps
    above = with_paragraphs(
        "Cleaning\nHow often\nTask\nDaily\nWipe the aids\n1\nWash and dry your hands before handling "
        "the aids.\n2\nWipe each aid with the dry cloth supplied.",
        "Cleaning\nHow often    Task\nDaily        Wipe the aids\n\n1  Wash and dry your hands before "
        "handling the aids.\n2  Wipe each aid with the dry cloth supplied.",
    )
    assert above.splitlines()[-2:] == [
        "1. Wash and dry your hands before handling the aids.",
        "2. Wipe each aid with the dry cloth supplied.",
    ]


def test_a_letter_set_apart_from_its_text_makes_a_lettered_item() -> None:
    """Round 38's street party guidance: a step's lettered sub-steps, set with a hanging indent,
    came out as a table's rows ("| (a) | Agree a date, a start time and a finish time. |"). Run
    (a), (b), (c) with no table about them, they are items, each marked as the page marks it."""
    plain = (
        "1. Talk to your neighbours first.\n(a)\nAgree a date, a start time and a finish time.\n"
        "(b)\nDecide which section of the road you want to close.\n2. Complete the form."
    )
    layout = (
        "1. Talk to your neighbours first.\n   (a)   Agree a date, a start time and a finish time.\n"
        "   (b)   Decide which section of the road you want to close.\n2. Complete the form."
    )
    assert with_paragraphs(plain, layout).splitlines()[1:3] == [
        "(a) Agree a date, a start time and a finish time.",
        "(b) Decide which section of the road you want to close.",
    ]
    # letters out of order are a table's column still
    grades = with_paragraphs(
        "b)\nRooms on the first floor with a view\na)\nRooms on the ground floor with a view",
        "b)   Rooms on the first floor with a view\na)   Rooms on the ground floor with a view",
    )
    assert grades.splitlines()[0] == "| b) | Rooms on the first floor with a view |"


def test_a_header_row_set_too_tight_to_split_is_a_row_over_its_rows() -> None:
    """A table's header whose last two columns the layout set without a gap ("Skipped meals (past
    month)Used food bank") came out as one line of words over the table's rows."""
    plain = "Group\nSkipped meals\nUsed a food bank\nAll students\n25%\n10%\nCarers\n39%\n21%"
    layout = (
        "Group          Skipped mealsUsed a food bank\nAll students   25%            10%\n"
        "Carers         39%            21%"
    )
    assert with_paragraphs(plain, layout) == (
        "| Group | Skipped meals | Used a food bank |\n| All students | 25% | 10% |\n| Carers | 39% | 21% |"
    )
    # lines of words with no table near them stay lines
    assert with_paragraphs("Bold\nword here.", "Bold word here.") == "Bold word here."
    # a caption over a table (no column gap) and a note under it are no rows
    captioned = with_paragraphs(
        "Table 2\nStudents who skipped meals\nGroup\nShare\nAll\n25%\nSource:\nNUS survey, 2024.",
        "Table 2 Students who skipped meals\nGroup      Share\nAll        25%\nSource: NUS survey, 2024.",
    )
    assert captioned.splitlines()[0] == "Table 2 Students who skipped meals"
    assert "| Source:" not in captioned


def test_layout_that_never_lines_up_leaves_the_plain_text_as_it_is() -> None:
    """Two columns come out side by side in the layout text: their lines are not the plain text's."""
    plain = "Left column one.\nLeft column two.\nRight column one."
    layout = "Left column one.     Right column one.\n\nLeft column two."
    assert with_paragraphs(plain, layout) == plain
    # a line missing: the lines that line up keep their paragraphs, the rest stands as it is
    assert with_paragraphs(plain, "Left column one.\n\nLeft column two.") == (
        "Left column one.\n\nLeft column two.\nRight column one."
    )


def test_a_table_whose_cells_run_over_lines_leaves_the_rest_of_the_page_laid_out() -> None:
    """A savings account's summary box: a cell of two lines beside a cell of three puts the first
    line of each on one printed line, which no run of plain lines matches. The whole page used to
    be read without its layout: no paragraphs, and each bullet a lone control character over its
    item. Now the paragraphs above the box keep their blank lines, the box stands as the plain
    text gives it, and past it, where the lines match again (the same letters in between), the
    layout is read again: bullets are list items, a heading is set apart."""
    plain = (
        "Key facts\nThis document gives you the key facts.\nSummary box\n"
        "Can the Society change the interest\nrate?\nYes. The rate is variable and we can\nchange it.\n"
        "You can withdraw money in any of these ways:\n\x7f\nin cash at any branch\n\x7f\nby cheque\n"
        "Closing your account\nYou can close it at any time."
    )
    layout = (
        "Key facts\n\nThis document gives you the key facts.\n\nSummary box\n"
        "Can the Society change the interest     Yes. The rate is variable and we can\n"
        "rate?                                   change it.\n"
        "You can withdraw money in any of these ways:\n   \x7f   in cash at any branch\n   \x7f   by cheque\n"
        "\nClosing your account\n\nYou can close it at any time."
    )
    assert with_paragraphs(plain, layout) == (
        "Key facts\n\nThis document gives you the key facts.\n\nSummary box\n"
        "Can the Society change the interest\nrate?\nYes. The rate is variable and we can\nchange it.\n"
        "You can withdraw money in any of these ways:\n- in cash at any branch\n- by cheque\n"
        "\nClosing your account\n\nYou can close it at any time."
    )
    # where the lines never match again, the rest stands as the plain text gives it, bullets joined
    # (a middle dot alone is no bullet without a layout to say so: it may part two links)
    cut = layout.replace("You can withdraw money", "You can take money")
    assert with_paragraphs(plain, cut) == (
        "Key facts\n\nThis document gives you the key facts.\n\nSummary box\n"
        "Can the Society change the interest\nrate?\nYes. The rate is variable and we can\nchange it.\n"
        "You can withdraw money in any of these ways:\n- in cash at any branch\n- by cheque\n"
        "Closing your account\nYou can close it at any time."
    )
    assert with_paragraphs("A lone bullet ends it:\n\x7f", "") == "A lone bullet ends it:\n\x7f"
    assert with_paragraphs("Page 3\n·\nwww.example.com", "") == "Page 3\n·\nwww.example.com"
    # a blank line before the stretch that never lines up again still parts it from the lines above
    boxed = "Summary box\nCan the Society change the interest\nrate?\nYes, at any time."
    boxed_layout = "Summary box\n\nCan the Society change the interest     Yes, at any\nrate?   time."
    assert with_paragraphs(boxed, boxed_layout) == boxed.replace("box\n", "box\n\n")


def test_a_table_row_whose_cells_run_over_lines_is_one_row() -> None:
    """An insurance summary's cover table: narrow columns wrap "Fixed excess (per condition, per
    year)" and "20% of each claim once your pet is 8 or older" over two and three printed lines.
    The plain text gives such a row cell by cell; each row now reads whole, in its columns, as
    the table's other rows do, instead of a line per cell with nothing to say which column a
    price is in."""
    plain = (
        "Cover levels\nCover\nBronze\nGold\nVet fees\n£2,000\n£8,000\n"
        "Fixed excess (per condition, per\nyear)\n£120\n£75\n"
        "Co-payment\n20% of each claim\nonce your pet is 8 or\nolder\nNone\n"
        "Theft or straying\nNot covered\n£1,500\n"
        "Death\nNot covered\nPurchase price\nup to £1,500\n"
        "Overseas travel\nNot covered\nUp to 60 days\nPrices are monthly."
    )
    layout = (
        "Cover levels\n\n"
        "   Cover                              Bronze                  Gold\n\n"
        "   Vet fees                           £2,000                  £8,000\n"
        "   Fixed excess (per condition, per   £120                    £75\n"
        "   year)\n"
        "   Co-payment                         20% of each claim       None\n"
        "                                      once your pet is 8 or\n"
        "                                      older\n"
        "   Theft or straying                  Not covered             £1,500\n"
        "   Death                              Not covered             Purchase price\n"
        "                                                              up to £1,500\n"
        "   Overseas travel                    Not covered             Up to 60 days\n\nPrices are monthly."
    )
    assert with_paragraphs(plain, layout).splitlines()[2:] == [
        "| Cover | Bronze | Gold |",  # the blank line under it is the header's padding
        "| Vet fees | £2,000 | £8,000 |",
        "| Fixed excess (per condition, per year) | £120 | £75 |",
        "| Co-payment | 20% of each claim once your pet is 8 or older | None |",
        "| Theft or straying | Not covered | £1,500 |",  # the next row, in the same columns, its own
        "| Death | Not covered | Purchase price up to £1,500 |",
        "| Overseas travel | Not covered | Up to 60 days |",  # a line in every column: a row of its own
        "",
        "Prices are monthly.",
    ]


def test_rows_under_a_row_with_its_first_cells_blank_stay_rows() -> None:
    """A timetable's second class at another time on the same day: the plain text gives it row by
    row, not cell by cell, so it is a row of its own."""
    plain = "Day\nTime\nClass\nMonday\n9:00\nAqua fit\n10:00\nLane swim\nTuesday\n9:00\nYoga"
    layout = (
        "Day        Time     Class\nMonday     9:00     Aqua fit\n           10:00    Lane swim\n"
        "Tuesday    9:00     Yoga"
    )
    assert with_paragraphs(plain, layout).splitlines() == [
        "| Day | Time | Class |",
        "| Monday | 9:00 | Aqua fit |",
        "|  | 10:00 | Lane swim |",
        "| Tuesday | 9:00 | Yoga |",
    ]


def test_a_row_whose_cells_hold_two_sentences_or_fill_every_column_is_one_row() -> None:
    """A fees table under its header row: the last cell holds two sentences ("…14 days overdue."
    over "Charged from…"), and a row's second line has text in every column. Read cell by cell by
    the plain text, each is one row; it was one cell per line before."""
    plain = (
        "Fee\nAmount\nWhen it applies\nLate payment\nInterest at 3%\nWhen rent is 14 days overdue.\n"
        "Charged from the due date.\nEarly termination at\nrequest\nOur costs and lost\nrent\n"
        "Only if the landlord agrees to end\nearly.\nCapped at the rent due."
    )
    layout = (
        "Fee                     Amount                When it applies\n"
        "Late payment            Interest at 3%        When rent is 14 days overdue.\n"
        "                                              Charged from the due date.\n"
        "Early termination at    Our costs and lost    Only if the landlord agrees to end\n"
        "request                 rent                  early.\n"
        "                                              Capped at the rent due."
    )
    assert with_paragraphs(plain, layout).splitlines() == [
        "| Fee | Amount | When it applies |",
        "| Late payment | Interest at 3% | When rent is 14 days overdue. Charged from the due date. |",
        "| Early termination at request | Our costs and lost rent "
        "| Only if the landlord agrees to end early. Capped at the rent due. |",
    ]


def test_two_lists_side_by_side_each_go_under_their_own_head() -> None:
    """An insurance summary prints "What is insured?" beside "What is not insured?", a list under
    each. The plain text gives the heads on one line and the lists one after the other, so the
    exclusions read as more cover. Each head now stands alone over its own list; heads over
    columns whose first line the plain text does not give are left joined."""
    plain = (
        "What is insured?\nWhat is not insured?\n■\nFire, smoke and lightning\n■\nStorm and flood\n■\n"
        "Theft or attempted theft\n■\nThe first amount of each claim\n■\nWear and tear or damp\nFull terms are in your policy booklet."
    )
    layout = (
        " What is insured?                        What is not insured?\n\n"
        " ■Fire, smoke and lightning              ■The first amount of each claim\n\n"
        " ■Storm and flood                        ■Wear and tear or damp\n\n"
        " ■Theft or attempted theft\n\nFull terms are in your policy booklet."
    )
    assert with_paragraphs(plain, layout).split("\n") == [
        "What is insured?",
        "",
        "- Fire, smoke and lightning",
        "- Storm and flood",
        "- Theft or attempted theft",
        "",
        "What is not insured?",
        "",
        "- The first amount of each claim",
        "- Wear and tear or damp",
        "",
        "Full terms are in your policy booklet.",
    ]
    # a list whose bullets the layout sets apart from the items, its second column starting a line
    # higher than the first
    apart = (
        "What is insured?\nWhat is not insured?\n\x7f\nVet fees up to £7,000 a year\n\x7f\n"
        "Conditions your pet had before\nFull terms are in your policy booklet."
    )
    apart_layout = (
        "   What is insured?                         What is not insured?\n"
        "                                            \x7f    Conditions your pet had before\n"
        "   \x7f    Vet fees up to £7,000 a year\n\nFull terms are in your policy booklet."
    )
    assert with_paragraphs(apart, apart_layout).split("\n")[:7] == [
        "What is insured?",
        "",
        "- Vet fees up to £7,000 a year",
        "",
        "What is not insured?",
        "",
        "- Conditions your pet had before",
    ]
    unplaced = layout.replace("■The first amount of each claim", "■Something the plain text lacks")
    assert with_paragraphs(plain, unplaced).startswith("What is insured? What is not insured?\n")


def test_a_footer_read_last_is_printed_last_for_the_headings_by_type() -> None:
    """A one-page summary keeps its footer, which the plain text gives first and the text now has
    last: its printed line, first in the printing order, was found at the text's end and moved the
    headings' reading place past every heading (none was found)."""
    footer = PrintedLine("Brightside Pet Cover - Policy summary PS-7, March 2025", 8.0)
    body = [
        PrintedLine("Pet Insurance", 18.0),
        PrintedLine("Vet fees are paid each year, up to the limit shown on your schedule.", 10.0),
    ]
    moved = ["Brightside Pet Cover - Policy summary PS-7, March 2025"]
    assert _furniture_last([footer, *body], moved) == [*body, footer]
    assert _furniture_last([footer, *body], []) == [footer, *body]
    assert _furniture_last([footer, *body], ["Something else"]) == [footer, *body]
    text = (
        "Pet Insurance\nVet fees are paid each year, up to the limit shown on your schedule.\n\n"
        "Brightside Pet Cover - Policy summary PS-7, March 2025"
    )
    assert [h.label for h in type_headings(text, _furniture_last([footer, *body], moved))] == [
        "Pet Insurance"
    ]
    assert type_headings(text, [footer, *body]) == []  # as it was


def test_rows_given_column_by_column_or_boxes_under_a_table_are_no_wrapped_row() -> None:
    """The freer reading of a wide table's row stops where the lines are rows or prose of their
    own: two one-line rows the plain text gives column by column, three boxes of prose set in a
    table's columns right under it, and a table of two columns."""
    rows = "Fee\nAmount\nWhen\nLate payment\nLost key\n£30\n£20\nAfter 14 days.\nOn loss."
    rows_layout = "Fee              Amount   When\nLate payment     £30      After 14 days.\nLost key         £20      On loss."
    assert "Late payment Lost key" not in with_paragraphs(rows, rows_layout)

    def laid(*cols: str) -> str:
        return "".join(c.ljust(24) for c in cols).rstrip()

    boxes_layout = "\n".join(
        [
            laid("Service", "Price", "Notes"),
            laid("Lost key", "£20", "Replaced same day"),
            laid("Opening times", "Parking", "Contact us"),
            laid("Mon to Fri 9-5.", "Free for two hours.", "Call 01234 567890."),
            laid("Sat by appointment.", "Permits at the desk.", "Or email us."),
        ]
    )
    boxes = (
        "Service\nPrice\nNotes\nLost key\n£20\nReplaced same day\nOpening times\nMon to Fri 9-5.\n"
        "Sat by appointment.\nParking\nFree for two hours.\nPermits at the desk.\nContact us\n"
        "Call 01234 567890.\nOr email us."
    )
    assert "Opening times Mon to Fri" not in with_paragraphs(boxes, boxes_layout)
    # two columns: a cell that ends a sentence where its column goes on is prose, as before
    two = "Fee\nWhen\nLate payment of\nrent\nWhen rent is 14 days overdue.\nCharged from the due date."
    two_layout = (
        "Fee                When\nLate payment of    When rent is 14 days overdue.\n"
        "rent               Charged from the due date."
    )
    assert "overdue. Charged" not in with_paragraphs(two, two_layout)
    three = two.replace("Fee\nWhen", "Fee\nAmount\nWhen").replace("rent\nWhen", "rent\n£30\nWhen")
    three_layout = (
        "Fee                Amount   When\nLate payment of    £30      When rent is 14 days overdue.\n"
        "rent                        Charged from the due date."
    )
    assert "| Late payment of rent | £30 | When rent is 14 days overdue. Charged from the due date. |" in (
        with_paragraphs(three, three_layout)
    )


def test_a_footer_the_plain_text_gives_first_is_read_at_the_page_s_foot() -> None:
    """A page whose footer is drawn before its text: the plain text opens with it, the layout
    prints it last, so no line lined up and the whole page lost its paragraphs and its table's
    rows. It is moved to the foot, where running lines are dropped; other pages are as they were."""
    plain = "Acme Lettings · Guide TG-04\nPage 1\nOur fees\nFee\nAmount\nLost key\n£20\nWe never charge more."
    layout = (
        "Our fees\n\nFee          Amount\nLost key     £20\n\nWe never charge more.\n\n\n"
        "Acme Lettings · Guide TG-04                 Page 1"
    )
    assert with_paragraphs(plain, layout).splitlines() == [
        "Our fees",
        "",
        "| Fee | Amount |",
        "| Lost key | £20 |",
        "",
        "We never charge more.",
        "",
        "Acme Lettings · Guide TG-04",  # as the plain text gives it: a lone page number is dropped
        "Page 1",
    ]
    # a first line the layout prints elsewhere but not last is not moved
    assert with_paragraphs("Side note\nOur fees\nWe charge.", "Our fees\nSide note\nWe charge.").startswith(
        "Side note"
    )
    # a footer drawn right after the running header (a mower manual's "Page 2") is moved too
    plain = "Mower Manual\nPage 2\nOur fees\nFee\nAmount\nLost key\n£20\nWe never charge more."
    layout = "Mower Manual\n\nOur fees\n\nFee          Amount\nLost key     £20\n\nWe never charge more.\n\n\n   Page 2"
    assert with_paragraphs(plain, layout).splitlines() == [
        "Mower Manual",
        "",
        "Our fees",
        "",
        "| Fee | Amount |",
        "| Lost key | £20 |",
        "",
        "We never charge more.",
        "",
        "Page 2",
    ]


def test_a_footer_drawn_first_under_a_letterhead_of_two_columns_is_read_at_the_page_s_foot() -> None:
    """Round 43's dental treatment plan: a letterhead printed in two columns (the practice's name
    and address beside "NHS & Private Dentistry"), which the plain text gives a column at a time,
    then the footer the template drew first. No line lined up, and the whole page, its tables
    too, was read a cell a line. The letterhead's letters, in any order, are its first printed
    lines; the footer after them goes to the foot, and the page is read with its layout."""
    plain = (
        "Harebell Dental\n14 Harebell Lane\nNHS & Private\nCQC 1-447\nHarebell Dental Ltd, no. 0881.\n"
        "Plan TP-20931 | Page 1\nTreatment Plan\nTooth\nFee\nUR6\n£75.30\nPlease read it carefully."
    )
    layout = (
        "Harebell Dental                       NHS & Private\n14 Harebell Lane                      CQC 1-447\n\n"
        "Treatment Plan\n\nTooth       Fee\nUR6         £75.30\n\nPlease read it carefully.\n\n"
        "Harebell Dental Ltd, no. 0881.          Plan TP-20931 | Page 1"
    )
    got = with_paragraphs(plain, layout).splitlines()
    assert got[got.index("Treatment Plan") :] == [
        "Treatment Plan",
        "",
        "| Tooth | Fee |",
        "| UR6 | £75.30 |",
        "",
        "Please read it carefully.",
        "",
        "Harebell Dental Ltd, no. 0881.",
        "Plan TP-20931 | Page 1",
    ]


def test_a_running_header_of_more_lines_than_a_page_s_edge_is_peeled_off() -> None:
    """The same letterhead, five lines on each page: only its first two were dropped as running
    lines, and the other three opened each page's text. Each page's new edge is looked at again
    while it repeats too; a line that differs from page to page stays."""
    head = "Harebell Dental\n14 Harebell Lane\nTel 01632 960 418\nNHS & Private\nCQC 1-447\n"
    pages = [head + "Treatment Plan\nUR6 root canal.", head + "Payment terms\nPay at the first visit."]
    out, top, _ = running_lines(pages)
    assert out == ["Treatment Plan\nUR6 root canal.", "Payment terms\nPay at the first visit."]
    assert top == ["Harebell Dental", "14 Harebell Lane", "Tel 01632 960 418", "NHS & Private", "CQC 1-447"]


def test_a_footer_drawn_first_over_a_letter_s_two_address_blocks_is_read_at_the_page_s_foot() -> None:
    """A council's letter drew its footer first, then the resident's address beside its own: the
    layout prints both addresses on each line, so the plain line after the footer ("Mrs P.
    Okonkwo") lined up with no layout line, the footer stayed at the text's top and titled the
    letter, and the page lost its layout (the price table one cell a line). A plain line that
    opens the printed line (its left column) places the footer as well."""
    plain = (
        "Vale Council · Registered office: Civic Centre\nPage 1 of 2\nMrs P. Okonkwo\n14 Larch Close\n"
        "Vale Council\nCivic Centre\nPrices\nBin\nRenew by May\nFirst bin\n£52.00\nPay online."
    )
    layout = (
        "Mrs P. Okonkwo                 Vale Council\n14 Larch Close                 Civic Centre\n\n"
        "Prices\n\nBin           Renew by May\nFirst bin     £52.00\n\nPay online.\n\n\n"
        "Vale Council · Registered office: Civic Centre          Page 1 of 2"
    )
    lines = with_paragraphs(plain, layout).splitlines()
    assert lines[0] == "Mrs P. Okonkwo"
    assert "| First bin | £52.00 |" in lines
    assert lines[-2:] == ["Vale Council · Registered office: Civic Centre", "Page 1 of 2"]
    # a short plain line ("Mrs Ng") that merely opens the printed line places nothing
    short = plain.replace("Mrs P. Okonkwo", "Mrs Ng")
    assert with_paragraphs(short, layout.replace("Mrs P. Okonkwo", "Mrs Ng        ")).startswith(
        "Vale Council ·"
    )


def test_a_page_in_two_columns_is_read_one_column_after_the_other() -> None:
    """A mower manual set in two columns: the layout lays them side by side, so none of its lines
    lined up with the plain text (which gives the left column, then the right one) and the page
    was read without it: its table one cell per line, each step's number on a line of its own.
    Its columns are read down, each with its own lines; its running header and footer stay."""
    plain = (
        "Mower Manual\nEnglish\n2. Assembly\nThe mower comes folded. Fit\nthe handle first.\n1\nRaise the lower handle fully.\n"
        "2\nFit the grass box behind.\n3\nTighten both handle\nknobs by hand.\n6. Specifications\nItem\nGP46S\nEngine\n139 cc\n"
        "Width\n46 cm\nWeight\n29 kg\nThe blade is sharp and\nmust be handled with care.\nPage 1"
    )
    rows = [
        (" 2. Assembly", "6. Specifications"),
        (" The mower comes folded. Fit", ""),
        (" the handle first.", " Item          GP46S"),
        ("", " Engine        139 cc"),
        (" 1   Raise the lower handle fully.", " Width         46 cm"),
        (" 2   Fit the grass box behind.", " Weight        29 kg"),
        (" 3   Tighten both handle", " The blade is sharp and"),
        ("", " must be handled with care."),
        ("     knobs by hand.", ""),
    ]
    layout = (
        f"{'Mower Manual':<50}English\n\n"
        + "\n".join(f"{a:<44}{b}".rstrip() for a, b in rows)
        + "\n\n              Page 1"
    )
    # a column's line blank where the other column has text is a gap in it after a sentence's
    # end ("the handle first."), and none in the middle of one ("Tighten both handle" / "knobs")
    assert columns_read_down(plain, layout).split("\n") == [
        f"{'Mower Manual':<50}English",
        "",
        " 2. Assembly",
        " The mower comes folded. Fit",
        " the handle first.",
        "",
        " 1   Raise the lower handle fully.",
        " 2   Fit the grass box behind.",
        " 3   Tighten both handle",
        "     knobs by hand.",
        "",  # a column that ends a sentence ends its paragraph: the next column's heading is apart
        "6. Specifications",
        "",
        " Item          GP46S",
        " Engine        139 cc",
        " Width         46 cm",
        " Weight        29 kg",
        " The blade is sharp and",
        " must be handled with care.",
        "",
        "",
        "              Page 1",
    ]
    assert with_paragraphs(plain, columns_read_down(plain, layout)).splitlines() == [
        "| Mower Manual | English |",
        "",
        "2. Assembly",
        "The mower comes folded. Fit",
        "the handle first.",
        "",
        "1. Raise the lower handle fully.",
        "2. Fit the grass box behind.",
        "3. Tighten both handle knobs by hand.",
        "",
        "6. Specifications",
        "",
        "| Item | GP46S |",
        "| Engine | 139 cc |",
        "| Width | 46 cm |",
        "| Weight | 29 kg |",
        "The blade is sharp and",
        "must be handled with care.",
        "",
        "Page 1",
    ]
    # the columns' own headings over a blank line they share are no running header
    heads = "\n".join(
        f"{a:<44}{b}".rstrip() for a, b in [rows[0], ("", ""), *rows[1:], ("Keep it dry.", "Oil it.")]
    )
    two = plain.replace("Mower Manual\nEnglish\n", "").replace(
        "knobs by hand.", "knobs by hand.\nKeep it dry."
    )
    down = columns_read_down(two.replace("Page 1", "Oil it."), heads).split("\n")
    assert down[:3] == [" 2. Assembly", "", " The mower comes folded. Fit"]
    assert "6. Specifications" in down[8:]
    # a table of two columns, which the plain text gives row by row, stays as laid out
    people = [(f"Person {n} Smith-Jones", f"01632 96{n:04d}") for n in range(12)]
    plain = "Name\nPhone\n" + "".join(f"{a}\n{b}\n" for a, b in people)
    layout = f"{'Name':<30}Phone\n" + "".join(f"{a:<30}{b}\n" for a, b in people)
    assert columns_read_down(plain, layout) == layout


def test_three_columns_of_prose_or_a_form_are_no_wrapped_row() -> None:
    """A leaflet's three columns given column by column by the plain text: lines with text in every
    column are the next line of each, not one row's cells; and a last column's line that opens with
    a number under a whole value is a row of its own, where one under a cell broken off mid-phrase
    goes on."""
    plain = "Opening times\nMon to Fri\nParking\nFree for two\nContact us\nby phone"
    layout = "Opening times    Parking         Contact us\nMon to Fri       Free for two    by phone"
    assert with_paragraphs(plain, layout) == plain
    times = with_paragraphs(
        "Class\nTime\nSpin\n9:00\n10:30\nSpeed\nAt peak times (8pm to\n10pm) it is 500Mbps.",
        "Class    Time\nSpin     9:00\n         10:30\nSpeed    At peak times (8pm to\n         10pm) it is 500Mbps.",
    )
    assert "| Spin | 9:00 |" in times.splitlines() and "10:30" in times.splitlines()
    assert "| Speed | At peak times (8pm to 10pm) it is 500Mbps. |" in times.splitlines()


def test_the_layout_is_read_again_only_where_the_letters_in_between_are_the_same() -> None:
    """Two columns side by side: past them, the page's last paragraph lines up again, and the
    letters in between are the same in both texts (in another order), so its blank line is read.
    A layout that lacks some of the letters in between (text it does not show) is not read again:
    a later line that matches would match by chance."""
    plain = "Left column one is here.\nLeft column two is here.\nRight column one.\nThe end of the page."
    layout = (
        "Left column one is here.     Right column one.\nLeft column two is here.\n\nThe end of the page."
    )
    assert with_paragraphs(plain, layout) == plain.replace("\nThe end", "\n\nThe end")
    missing = layout.replace("     Right column one.", "")
    # (the blank line the layout shows before the line that no longer matches still parts them)
    assert with_paragraphs(plain, missing) == plain.replace("\nRight", "\n\nRight")
    # as many letters in between, but other ones: the later line matches by chance, and is not taken
    other = "Alpha line one here.\nBravo line two here.\nThe same closing line."
    other_layout = "Alpha line one here.   Charl line two here.\n\nThe same closing line."
    assert with_paragraphs(other, other_layout) == other


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    pages = [
        "Evergreen Newsletter - Page 1\n\nSchool Trips\nYear 4 visits the museum.\n- 1 -",
        "Evergreen Newsletter - Page 2\n\nUniform\nSweatshirts turn navy.\n- 2 -",
        "Evergreen Newsletter - Page 3\n\nClubs\nFootball runs on Mondays.\n3",
    ]
    assert running_lines(pages)[0] == [
        "School Trips\nYear 4 visits the museum.",
        "Uniform\nSweatshirts turn navy.",
        "Clubs\nFootball runs on Mondays.",
    ]


def test_a_one_page_footer_that_numbers_its_page_is_the_footer() -> None:
    """An invoice's footer ends "· Page 1 of 1": nothing repeats it, but its page number names it a
    footer, read as one part (without the number), not the last payment term's tail. A line that
    only mentions a page stays."""
    page = (
        "Payment terms\n- Payment is due within 14 days.\n"
        "Clearview Window Cleaning · 7 Millstone Close · Fully insured · Page 1 of 1"
    )
    pages, top, bottom = running_lines([page])
    assert pages == ["Payment terms\n- Payment is due within 14 days."]
    assert (top, bottom) == ([], ["Clearview Window Cleaning · 7 Millstone Close · Fully insured"])
    prose = "Notes\nThe form is on the back - page 1 of the booklet."
    assert running_lines([prose]) == ([prose], [], [])
    numbers = "Notes\nThe total is below.\n£12.00 · Page 1 of 1"  # no words: a figure stays
    assert running_lines([numbers]) == ([numbers], [], [])


def test_prose_that_repeats_at_a_page_s_edge_is_no_running_line() -> None:
    """Minutes whose items end alike: "month." closed the last item of one page and the first of the
    next, and both were dropped as a running line. A line that carries on the sentence above it is
    prose, and a line at one page's bottom and another's top is no header or footer."""
    pages = [
        "Apologies were received from Ann.\nWe thanked the clerk for the work done this\nmonth.",
        "The report was noted by all this\nmonth.\nThe hall was booked for the fete.",
    ]
    assert running_lines(pages)[0] == pages
    footer = [
        "Notes\nWe met.\nWe agreed to\nwww.hebdenparish.gov.uk",
        "More\nWe ate.\nThe clerk said that\nwww.hebdenparish.gov.uk",
    ]
    assert running_lines(footer)[0] == [
        "Notes\nWe met.\nWe agreed to",
        "More\nWe ate.\nThe clerk said that",
    ]
    two = [
        "Minutes\nWe met.\nWe ate.\nWe left.\nWe slept.",
        "We woke.\nWe ran.\nWe sat.\nOur thanks.\nMinutes",
    ]
    assert running_lines(two)[0] == two


def test_a_sentence_over_a_page_break_stays_one_paragraph() -> None:
    assert joined_pages(["Costs rose.\nThe council agreed to", "move £10,000 into savings.", ""]) == (
        "Costs rose.\nThe council agreed to\nmove £10,000 into savings."
    )
    assert joined_pages(["Costs rose.", "Next, the hall."]) == "Costs rose.\n\nNext, the hall."
    assert joined_pages(["Minutes", "Present: Ann"]) == "Minutes\n\nPresent: Ann"


def test_a_table_over_a_page_break_reads_on_under_its_first_header() -> None:
    """A ferry leaflet's fares table ran over the page break with its header printed again (a
    long table's header on every page): its last row read as a table of its own under that
    second header. The rows go on under the first; a table on the next page with its own cells
    stays apart, and so does a header printed alone."""
    fares = "Fares\nAll fares are each way.\n| Ticket | Single |\n| Adult | £14.50 |\n| Child | £7.25 |"
    assert joined_pages([fares, "| Ticket | Single |\n| Dog | Free |\n\nVehicles over 5m pay more."]) == (
        fares + "\n| Dog | Free |\n\nVehicles over 5m pay more."
    )
    # rows of as many cells with no header over them go on too
    assert joined_pages([fares, "| Dog | Free |"]) == fares + "\n| Dog | Free |"
    # another table (three cells) is a table of its own; a header alone is left as printed
    assert joined_pages([fares, "| Day | From | To |\n| Mon | 9 | 5 |"]).count("\n\n") == 1
    assert joined_pages([fares, "| Ticket | Single |"]) == fares + "\n\n| Ticket | Single |"
    # a page that opens with a table after a paragraph is a new block
    assert joined_pages(["We met.", "| Dog | Free |"]) == "We met.\n\n| Dog | Free |"
    # another table of as many columns, its own header over its data, is a table of its own
    contacts = "| Name | Phone |\n| Ann | 01632 960111 |"
    assert joined_pages([fares, contacts]) == fares + "\n\n" + contacts
    # a header alone at a page's foot, printed again over its rows, is read once
    assert joined_pages(["Fares\n| Ticket | Single |", "| Ticket | Single |\n| Dog | Free |"]) == (
        "Fares\n| Ticket | Single |\n| Dog | Free |"
    )
    # rows of labels with no data under them go on the table; so does a first row of a table
    # with no header, printed at the next page's top (no header again: a row of its own)
    assert (
        joined_pages([fares, "| Dog | Free |\n| Cat | Free |"]) == fares + "\n| Dog | Free |\n| Cat | Free |"
    )
    rota = "Rota\n| Mon | 9 |\n| Tue | 10 |"
    assert joined_pages([rota, "| Mon | 9 |\n| Wed | 11 |"]) == rota + "\n| Mon | 9 |\n| Wed | 11 |"
    # over three pages, the rows of the third go on under the first page's header too
    assert joined_pages(
        [fares, "| Ticket | Single |\n| Dog | Free |", "| Ticket | Single |\n| Cat | Free |"]
    ) == (fares + "\n| Dog | Free |\n| Cat | Free |")


def test_a_timetable_s_stop_names_ending_in_full_stops_are_cells_of_its_rows() -> None:
    """A ferry timetable's rows ("Porthvane dep.", "Skerrin arr.", then a time a day) read as
    plain lines of words and times: a cell ending in a full stop marks a typist's two sentences,
    not columns. Under a header in the same columns, with a cell in each, it is the table's row;
    a cell set centred ("—" under "08:55 a") is in its column. Two sentences under no table stay
    one line."""
    plain = (
        "Route\nMon\nTue\nSaturday\nPorthvane dep.\n07:15\n07:15\n08:30\n"
        "Lessa arr.\n08:55 a\n—\n10:10\nSkerrin arr.\n18:35\n—\n—\nIt ended.\nThen it rained."
    )
    layout = (
        "   Route            Mon       Tue       Saturday\n\n"
        "   Porthvane dep.   07:15     07:15     08:30\n\n"
        "   Lessa arr.      08:55 a      —       10:10\n\n"
        "   Skerrin arr.     18:35      —           —\n\n"
        "It ended.  Then it rained.\n"
    )
    assert with_paragraphs(plain, layout) == (
        "| Route | Mon | Tue | Saturday |\n| Porthvane dep. | 07:15 | 07:15 | 08:30 |\n"
        "| Lessa arr. | 08:55 a | — | 10:10 |\n| Skerrin arr. | 18:35 | — | — |\n\n"
        "It ended. Then it rained."
    )


def test_a_timetable_s_row_with_a_blank_cell_stays_in_the_table() -> None:
    """A stop the boat skips on one day leaves that day's cell blank: the row has a cell fewer,
    in the header's columns, and is still the table's (its blank cell kept as a column)."""
    plain = "Route\nMon\nTue\nSat\nLessa arr.\n08:55\n10:10\nSkerrin arr.\n18:35\n19:00\n19:20"
    layout = (
        "   Route            Mon       Tue       Sat\n\n"
        "   Lessa arr.       08:55               10:10\n\n"
        "   Skerrin arr.     18:35     19:00     19:20\n"
    )
    assert with_paragraphs(plain, layout) == (
        "| Route | Mon | Tue | Sat |\n| Lessa arr. | 08:55 |  | 10:10 |\n| Skerrin arr. | 18:35 | 19:00 | 19:20 |"
    )


def test_a_table_one_blank_line_under_a_table_set_tight_is_a_table_of_its_own() -> None:
    """Rows set tight, then one blank line, then a second table a little to the right: cells that
    merely overlap the first table's columns do not make it that table's rows."""
    plain = (
        "Weekday\nOpening\nClosing\nMonday\n9am\n5pm\nTuesday\n9am\n5pm\n"
        "Room\nFloor\nSize\nHall\nGround\nLarge"
    )
    layout = (
        "Weekday   Opening   Closing\nMonday    9am       5pm\nTuesday   9am       5pm\n\n"
        "   Room     Floor    Size\n   Hall     Ground   Large\n"
    )
    assert with_paragraphs(plain, layout).split("\n\n") == [
        "| Weekday | Opening | Closing |\n| Monday | 9am | 5pm |\n| Tuesday | 9am | 5pm |",
        "| Room | Floor | Size |\n| Hall | Ground | Large |",
    ]
    # three sentences set apart two blank lines under a table, in its columns, are no row of it
    plain = "Day\nOpen\nClose\nMon\n9am\n5pm\nIt rained.\nWe left.\nAll done."
    layout = "Day          Open         Close\nMon          9am          5pm\n\n\nIt rained.   We left.     All done.\n"
    assert (
        with_paragraphs(plain, layout)
        == "| Day | Open | Close |\n| Mon | 9am | 5pm |\n\nIt rained. We left. All done."
    )
    # nor are two sentences right under a table of two columns
    plain = "Day\nOpen\nMon\n9am\nIt ended.\nThen it rained."
    layout = "Day          Open\nMon          9am\nIt ended.    Then it rained.\n"
    assert with_paragraphs(plain, layout) == "| Day | Open |\n| Mon | 9am |\nIt ended. Then it rained."


def test_a_list_over_a_page_break_stays_one_list() -> None:
    """A charity report's list of five achievements, its fourth wrapped and its fifth on the next
    page, was read as a list of four and a list of one (a blank line between)."""
    before = "What we achieved\n- Opened a food hub.\n- Helped 1,150 people through our partnership with\nCitizens Advice."
    assert joined_pages([before, "- Replaced our delivery van.\n\nLooking ahead"]) == (
        before + "\n- Replaced our delivery van.\n\nLooking ahead"
    )
    # numbered steps too; not a list after a paragraph, nor a list of another kind
    assert joined_pages(["Steps\n1. Mix.", "2. Bake."]) == "Steps\n1. Mix.\n2. Bake."
    assert joined_pages(["- Opened a hub.\n\nWe thank our volunteers.", "- Next year"]).count("\n\n") == 2
    assert joined_pages(["1. Mix.", "- Flour"]) == "1. Mix.\n\n- Flour"
    # an item that ended long before the page's last lines is no item running on
    far = "- Opened a hub.\nWe went on to open three more, in Eastfield,\nMarsh End and\nthe town centre."
    assert joined_pages([far, "- Replaced our van."]) == far + "\n\n- Replaced our van."
    # a part numbered "1." at the top of the next page is no fourth item; a page number is no bullet
    items = "This year we:\n1. Opened a hub.\n2. Trained drivers.\n3. Ran the fun run."
    assert joined_pages([items, "1. Finances\n\nIncome rose."]) == items + "\n\n1. Finances\n\nIncome rose."
    assert joined_pages([items, "4. Bought a van."]) == items + "\n4. Bought a van."
    assert (
        joined_pages(["- Pay the invoice.", "- 2 -\nNext part"]) == "- Pay the invoice.\n\n- 2 -\nNext part"
    )


def test_a_line_at_the_top_of_one_page_only_stays() -> None:
    pages = ["Annual Report\nIncome rose.", "Spending\nCosts fell."]
    assert running_lines(pages)[0] == pages


def test_numbers_that_do_not_number_the_page_stay() -> None:
    """Two price lists end with their totals and a year: neither is a running footer nor a page
    number, though both sit at the bottom and share a shape once digits are set aside."""
    pages = ["Prices\nTea £2\nTotal £12\n2024", "More prices\nCake £3\nTotal £30\n2025"]
    assert running_lines(pages)[0] == pages


def test_a_newsletter_pdf_reads_in_sections_without_its_running_header(load) -> None:
    """Hard-wrapped lines, a blank line between paragraphs and a header on every page, as a PDF
    prints them: the headings are sections, and no sentence of the body holds the page's header,
    which is read once, after the body, under "Page header" (as a Word document's is)."""
    page = [
        [
            "Evergreen Primary - Newsletter - Page 1",
            "",
            "School Trips",
            "",
            "Year 4 will visit the museum on",
            "Tuesday 10 March. The coach leaves at 8:45 am.",
            "",
            "Uniform",
            "",
        ],
        [
            "Evergreen Primary - Newsletter - Page 2",
            "",
            "From September, sweatshirts will be navy.",
            "",
            "Clubs",
            "",
            "Football club runs on Mondays.",
        ],
    ]
    a = analyse(load("newsletter.pdf", make_pdf(page)), words)
    assert [s.label for s in a.sections] == ["School Trips", "Uniform", "Clubs", "Page header"]
    texts = [s.text for s in a.sentences]
    assert "From September, sweatshirts will be navy." in texts
    assert [t for t in texts if "Newsletter - Page" in t] == ["Evergreen Primary - Newsletter - Page 1"]
    assert a.sentences[-1].text == "Evergreen Primary - Newsletter - Page 1"


def test_a_typist_s_two_blanks_and_a_dash_for_an_empty_cell_are_no_table_or_list() -> None:
    assert (
        with_paragraphs("It ended.\nThen it rained.", "It ended.  Then it rained.")
        == "It ended. Then it rained."
    )
    assert with_paragraphs("Fee\n-\n£0", "Fee   -    £0") == "| Fee | - | £0 |"


def test_headings_are_the_lines_set_larger_than_the_body() -> None:
    """The body's size is the one most text is set in; a title and the parts' headings are larger,
    the largest first. A title wrapped over two lines in one size is one heading; a large line the
    text no longer holds (a running header taken out) is left out, and the next is still found."""
    text = (
        "Empty Cupboards: Food Insecurity Among University\nStudents\n\nSummary report | April 2025\n\n"
        "Key findings\n\nOne in four students skipped meals.\n\nWhat students told us\n\nRent comes first."
    )
    printed = [
        PrintedLine("Empty Cupboards: Food Insecurity Among University", 18),
        PrintedLine("Students", 18),
        PrintedLine("Summary report | April 2025", 10),
        PrintedLine("FairTable Annual Report", 14),  # a running header, gone from the text
        PrintedLine("Key findings", 14),
        PrintedLine("One in four students skipped meals.", 10),
        PrintedLine("What students told us", 14),
        PrintedLine("Rent comes first.", 10),
    ]
    headings = type_headings(text, printed)
    assert [(h.label, h.level) for h in headings] == [
        ("Empty Cupboards: Food Insecurity Among University Students", 1),
        ("Key findings", 2),
        ("What students told us", 2),
    ]
    assert all(text[h.start : h.end].split() == h.label.split() for h in headings)


def test_a_table_row_set_large_is_no_heading() -> None:
    """An invoice prints its "Total due" row bold and larger: it stays its table's row, a sentence to
    quote, not a heading that hid the figure a reader asks for."""
    text = (
        "INVOICE\n\n| Subtotal | £199.00 |\n| VAT | Not VAT registered |\n| Total due | £199.00 |\n\n"
        "Notes from this visit\n\nThe downpipe was blocked."
    )
    printed = [
        PrintedLine("INVOICE", 18),
        PrintedLine("Subtotal £199.00", 10),
        PrintedLine("VAT Not VAT registered", 10),
        PrintedLine("Total due £199.00", 13),
        PrintedLine("Notes from this visit", 12),
        PrintedLine("The downpipe was blocked.", 10),
    ]
    assert [h.label for h in type_headings(text, printed)] == ["INVOICE", "Notes from this visit"]


def test_an_invoice_s_bill_to_label_heads_no_part() -> None:
    """ "Bill to" set in heading type over the customer's address had labelled the line items under
    it: it labels the address, which it stays with as text."""
    text = "INVOICE\n\nBill to\nMrs Helen Okafor\n22 Church Lane\n\n| Gutter clear-out | £65.00 |\n\nHow to pay\n\nBy bank transfer."
    printed = [
        PrintedLine("INVOICE", 18),
        PrintedLine("Bill to", 12),
        PrintedLine("Mrs Helen Okafor", 10),
        PrintedLine("22 Church Lane", 10),
        PrintedLine("Gutter clear-out £65.00 and a long line of body text to set the body's size", 10),
        PrintedLine("How to pay", 12),
        PrintedLine("By bank transfer.", 10),
    ]
    assert [h.label for h in type_headings(text, printed)] == ["INVOICE", "How to pay"]


def test_a_strapline_under_the_title_heads_no_part() -> None:
    """A leaflet's strapline, set between the body and the parts' headings right under its title,
    had labelled the whole first part (the packages' table) with "Birthday parties for ages 1 to
    11…". A short line, or one the paragraph under it runs on from, still heads."""
    text = (
        "Jungle Jumpers Party Packages 2025\nBirthday parties for ages 1 to 11 at the biggest play centre\n\n"
        "All parties include a host for the whole booking and an hour of play.\n\nParty times\n\n"
        "Weekend parties start at 10:00, 12:30 and 15:00, and weekday parties at 15:45."
    )
    printed = [
        PrintedLine("Jungle Jumpers Party Packages 2025", 20),
        PrintedLine("Birthday parties for ages 1 to 11 at the biggest play centre", 12),
        PrintedLine("All parties include a host for the whole booking and an hour of play.", 10),
        PrintedLine("Party times", 14),
        PrintedLine("Weekend parties start at 10:00, 12:30 and 15:00, and weekday parties at 15:45.", 10),
    ]
    labels = [h.label for h in type_headings(text, printed)]
    assert labels == ["Jungle Jumpers Party Packages 2025", "Party times"]
    run_on = text.replace("centre\n\nAll", "centre\nAll")
    assert len(type_headings(run_on, printed)) == 3
    # under a part's heading ("1 Introduction", set as "2 Methods" is), a first subheading stays
    report = text.replace("Jungle Jumpers Party Packages 2025", "1 Introduction").replace(
        "Party times", "2 Methods"
    )
    numbered = [
        PrintedLine("1 Introduction", 20)
        if p.text.startswith("Jungle")
        else PrintedLine("2 Methods", 20)
        if p.text == "Party times"
        else p
        for p in printed
    ]
    assert len(type_headings(report, numbered)) == 3
    as_parts = [PrintedLine(p.text, 14) if "Birthday" in p.text else p for p in printed]
    assert len(type_headings(text, as_parts)) == 3  # set as the parts are: a part
    short = [PrintedLine("Welcome", 12) if "Birthday" in p.text else p for p in printed]
    assert (
        len(
            type_headings(
                text.replace("Birthday parties for ages 1 to 11 at the biggest play centre", "Welcome"), short
            )
        )
        == 3
    )


def test_a_title_s_year_wrapped_onto_its_own_line_stays_in_the_title() -> None:
    """A title "Brightwater Food Network – Annual Report Summary" / "2023" in the title's size: one label
    with its year. A year in heading type after a body line heads nothing."""
    body = "We helped 12,460 people, more than ever, in every one of our four hubs."
    text = f"Brightwater Annual Report Summary\n 2023\n\n{body}\n\nOur year\n\n2024\n\nIt grew."
    printed = [
        PrintedLine("Brightwater Annual Report Summary", 20),
        PrintedLine("2023", 20),
        PrintedLine(body, 10),
        PrintedLine("Our year", 14),
        PrintedLine("2024", 20),
        PrintedLine("It grew.", 10),
    ]
    labels = [h.label for h in type_headings(text, printed)]
    assert labels == ["Brightwater Annual Report Summary 2023", "Our year"]
    # a fact box's "Founded" over "1987" keeps its year as text
    box = f"Founded\n1987\n\n{body}"
    printed_box = [PrintedLine("Founded", 14), PrintedLine("1987", 14), PrintedLine(body, 10)]
    assert [h.label for h in type_headings(box, printed_box)] == ["Founded"]


def test_a_pdf_without_larger_type_has_no_type_headings() -> None:
    printed = [PrintedLine("Opening hours", 12), PrintedLine("We open at 9.", 12)]
    assert type_headings("Opening hours\n\nWe open at 9.", printed) == []
    # a long line set large is a pull quote, not a heading
    quote = "We were told the rent would go up every single year and that nobody could stop it."
    assert type_headings(f"{quote}\n\nBody.", [PrintedLine(quote, 16), PrintedLine("Body.", 10)]) == []


def test_a_pdf_s_sentence_case_headings_head_its_parts_by_their_size(load) -> None:
    """ "Page 1: Your bill at a glance" reads as a sentence to the plain-text guess (it is not
    title-cased); set in larger type, it heads its part, and so does the title."""
    pages = [
        [
            ("Understanding Your Energy Bill", 18),
            "",
            ("Page 1: Your bill at a glance", 14),
            "",
            "Your account number is in the top right corner.",
            "",
            ("Page 2: Your energy use", 14),
            "",
            "Readings marked with an E are estimated.",
        ]
    ]
    doc = load("guide.pdf", make_pdf(pages))
    assert [(h.label, h.level) for h in doc.headings] == [
        ("Understanding Your Energy Bill", 1),
        ("Page 1: Your bill at a glance", 2),
        ("Page 2: Your energy use", 2),
    ]
    a = analyse(doc, words)
    labels = {s.text: s.section for s in a.sentences}
    assert labels["Readings marked with an E are estimated."] == "Page 2: Your energy use"
    assert labels["Your account number is in the top right corner."] == "Page 1: Your bill at a glance"


def test_a_header_row_over_a_column_of_row_names_keeps_its_empty_first_cell() -> None:
    """A price table's header names only the value columns; in the layout its words start over
    them. It was written "| Electricity | Gas |", as if "Electricity" headed the row names."""
    plain = "Electricity\nGas\nUnit rate\n24.86p per kWh\n6.12p per kWh\nExit fee\n£75 per fuel\n£75 per fuel"
    layout = (
        "                       Electricity         Gas\n"
        "    Unit rate          24.86p per kWh      6.12p per kWh\n"
        "    Exit fee           £75 per fuel        £75 per fuel\n"
    )
    assert with_paragraphs(plain, layout) == (
        "|  | Electricity | Gas |\n| Unit rate | 24.86p per kWh | 6.12p per kWh |\n| Exit fee | £75 per fuel | £75 per fuel |"
    )
    # a row of fewer cells whose words line up with no column stays as it is
    odd = "Note\nsee below\nUnit rate\n24.86p\n6.12p"
    odd_layout = "  Note         see below\nUnit rate   24.86p   6.12p\n"
    assert with_paragraphs(odd, odd_layout).split("\n")[0] == "| Note | see below |"


def test_a_header_row_over_rows_padded_apart_keeps_its_empty_first_cell_and_its_rows() -> None:
    """A party centre's packages side by side: rows padded apart by blank lines, cells centred, so
    "£24.50" starts three places after "Jungle King". The header was written "| Monkey | Tiger |
    Jungle King |" over a blank line, cut off from the rows it names."""
    plain = "Monkey\nTiger\nJungle King\nPrice per child\n£14.95\n£18.95\n£24.50\nLength\n1 hr 45\n2 hours\n2 hrs 30"
    layout = (
        "                    Monkey       Tiger      Jungle King\n\n"
        " Price per child     £14.95      £18.95        £24.50\n\n"
        " Length             1 hr 45     2 hours     2 hrs 30\n"
    )
    assert with_paragraphs(plain, layout) == (
        "|  | Monkey | Tiger | Jungle King |\n| Price per child | £14.95 | £18.95 | £24.50 |\n"
        "| Length | 1 hr 45 | 2 hours | 2 hrs 30 |"
    )


def test_a_centred_last_cell_wrapped_onto_a_second_line_stays_in_its_row() -> None:
    """ "T-shirt + free play" over "pass", centred in the last column: the second line starts inside
    the cell, not under its first letter, and was read as a sentence of its own ("pass") that cut
    the table in two. A line past the cell's words is a line of its own."""
    plain = "Gift\nBadge\nT-shirt\nT-shirt + free play\npass\nMax. children\n20\n25\n30"
    layout = (
        " Gift          Badge     T-shirt     T-shirt + free play\n"
        "                                            pass\n"
        " Max. children   20        25            30\n"
    )
    assert with_paragraphs(plain, layout) == (
        "| Gift | Badge | T-shirt | T-shirt + free play pass |\n| Max. children | 20 | 25 | 30 |"
    )
    beyond = layout.replace(
        "                                            pass",
        "                                                        pass",
    )
    assert "free play pass" not in with_paragraphs(plain, beyond)


def test_a_line_of_blanks_between_paragraphs_is_a_blank_line() -> None:
    assert with_paragraphs("Prices are below.\n \nTea £2", "Prices are below.\n\nTea £2") == (
        "Prices are below.\n\n\nTea £2"
    )


def test_a_contents_list_that_names_the_headings_first_is_read_past() -> None:
    """A leaflet lists its parts ("What is in this leaflet") in body type before they come: each
    heading is placed where the printed lines say it is, not at its first mention."""
    text = (
        "Clarimel 10 mg tablets\n\nWhat is in this leaflet\n1. What Clarimel is\n2. How to take Clarimel\n\n"
        "1. What Clarimel is\n\nClarimel is an antihistamine.\n\n2. How to take Clarimel\n\nTake one tablet a day."
    )
    printed = [
        PrintedLine("Clarimel 10 mg tablets", 18),
        PrintedLine("What is in this leaflet", 10),
        PrintedLine("1. What Clarimel is", 10),
        PrintedLine("2. How to take Clarimel", 10),
        PrintedLine("1. What Clarimel is", 14),
        PrintedLine("Clarimel is an antihistamine.", 10),
        PrintedLine("2. How to take Clarimel", 14),
        PrintedLine("Take one tablet a day.", 10),
    ]
    headings = type_headings(text, printed)
    assert [h.label for h in headings] == [
        "Clarimel 10 mg tablets",
        "1. What Clarimel is",
        "2. How to take Clarimel",
    ]
    assert text[headings[1].end :].lstrip().startswith("Clarimel is an antihistamine.")


def test_headings_after_a_long_part_are_still_found() -> None:
    body = [f"Clause {n} of the terms applies to every booking made." for n in range(3000)]
    text = "Part 1: Terms\n" + "\n".join(body) + "\nPart 2: Fees\nFees are due monthly."
    printed = [
        PrintedLine("Part 1: Terms", 14),
        *(PrintedLine(line, 10) for line in body),
        PrintedLine("Part 2: Fees", 14),
        PrintedLine("Fees are due monthly.", 10),
    ]
    assert [h.label for h in type_headings(text, printed)] == ["Part 1: Terms", "Part 2: Fees"]


def test_a_table_cell_with_a_no_break_space_keeps_the_pdf_readable() -> None:
    """The layout's cells and their starts are read by one rule: a no-break space inside a cell is
    no column gap (it made the header restore fail and the whole PDF unreadable)."""
    plain = "Electricity\nGas\nUnit rate\n24.86p\xa0per kWh\n6.12p per kWh"
    layout = "                 Electricity      Gas\n  Unit rate      24.86p\xa0per kWh   6.12p per kWh\n"
    assert with_paragraphs(plain, layout) == (
        "|  | Electricity | Gas |\n| Unit rate | 24.86p\xa0per kWh | 6.12p per kWh |"
    )


def test_parts_headed_at_the_text_s_size_are_still_found_beside_type_headings(load) -> None:
    """A title and a callout set large are type headings; the parts headed in capitals at the
    body's size are found by their layout, as before."""
    pages = [
        [
            ("Riverside Leisure Centre", 18),
            "",
            ("Need help? Call 01632 960123", 14),
            "",
            "OPENING HOURS",
            "",
            "The centre opens at 6am on weekdays.",
            "",
            "PARKING",
            "",
            "Parking is free for two hours.",
        ]
    ]
    a = analyse(load("centre.pdf", make_pdf(pages)), words)
    labels = {s.text: s.section for s in a.sentences}
    assert labels["Parking is free for two hours."] == "PARKING"
    assert labels["The centre opens at 6am on weekdays."] == "OPENING HOURS"


def test_a_stamp_under_an_overflowing_matrix_costs_no_heading_and_loses_no_text(load) -> None:
    """Chained scalings make a piece's size infinite: it is left out of the sizes, and the file
    still loads with its heading (a size that fails the reading of headings never fails the file)."""
    huge = " ".join(["1" + "0" * 30 + " 0 0 1" + "0" * 30 + " 0 0 cm"] * 12)
    data = make_pdf(
        [[("Opening hours", 18), "", "We open at 9.", "We close at 5."]],
        extra=f"q {huge} BT /F1 12 Tf 0 0 Td (Hidden stamp) Tj ET Q",
    )
    doc = load("stamp.pdf", data)
    assert "We close at 5." in doc.text
    assert [h.label for h in doc.headings] == ["Opening hours"]


def test_a_last_cells_second_line_in_capitals_stays_in_its_row() -> None:
    """A price table's last cell printed on two lines ("None (rolling monthly)" over "Access
    10am–4pm only"): the second line is the row's, set apart as the page sets it, not a stray line
    between rows; a line that goes on a phrase left open ("Collection from" over "London Bridge")
    runs on; a number under a whole value is still a row of its own."""
    plain = (
        "Plan\nFee\nTerm\nFlex\n£32\nNone (rolling monthly)\nAccess 10am–4pm only\n"
        "Student\n£19\n3 months\nValid student ID required\nCoach\n£5\nCollection from\nLondon Bridge"
    )
    layout = (
        "Plan       Fee     Term\n"
        "Flex       £32     None (rolling monthly)\n"
        "                   Access 10am–4pm only\n"
        "Student    £19     3 months\n"
        "                   Valid student ID required\n"
        "Coach      £5      Collection from\n"
        "                   London Bridge"
    )
    assert with_paragraphs(plain, layout).splitlines() == [
        "| Plan | Fee | Term |",
        "| Flex | £32 | None (rolling monthly); Access 10am–4pm only |",
        "| Student | £19 | 3 months; Valid student ID required |",
        "| Coach | £5 | Collection from London Bridge |",
    ]


def test_a_filled_box_alone_on_its_line_is_a_list_items_bullet() -> None:
    """An insurance summary's ticks and crosses, set in a symbol font, come out of the PDF as "■" on
    a line of their own over each item's text: read without layout, each is a list item ("- …"),
    as a lone "•" is; an empty box ("□", a form's tick box) is left as it is."""
    plain = "What is insured?\n■\nFire and flood\n■\nTheft\n□\nI agree to the terms"
    out = with_paragraphs(plain, "")
    assert out.splitlines() == [
        "What is insured?",
        "- Fire and flood",
        "- Theft",
        "□",
        "I agree to the terms",
    ]


def test_a_pdf_s_unreadable_bullets_are_dashes_and_its_items_one_paragraph() -> None:
    """A race guide's water stations came out as "\x7f 3 km – Millbrook Road" (reportlab's "•"
    in a font without it), with a blank line after every other item. An unreadable bullet glyph
    at an item's start is "-", one character for one, and the items are lines of one paragraph;
    a paragraph after the list stays as it was, and a "\x7f" inside a line reads "•", as the page
    shows it."""
    text = (
        "Water stations:\n \x7f 3 km – Millbrook Road\n\n\x7f 7 km – Ashcombe Park\n\uf0b7 10 km – Old Canal\n\n"
        "\x7f Finish – Castle Green\n\nBottle drop zones are marked. Key\x7f here."
    )
    assert readable_list(text) == (
        "Water stations:\n - 3 km – Millbrook Road\n- 7 km – Ashcombe Park\n- 10 km – Old Canal\n"
        "- Finish – Castle Green\n\nBottle drop zones are marked. Key• here."
    )
    # a recipe's ingredients in a table of two columns, each cell an item
    cells = "| \x7f 1 tbsp vegetable oil | \x7f 1 medium sweet potato |\n| 5\x7f | x |"
    assert readable_list(cells) == "| - 1 tbsp vegetable oil | - 1 medium sweet potato |\n| 5• | x |"


def test_a_page_in_three_columns_is_read_column_by_column() -> None:
    """A tent's guide set its first page in three columns: the gutter nearest the middle split it
    in two, and one half still held two columns side by side, a line of one beside a line of the
    other. Each half is split again where a gutter runs down it, so the page reads one column
    after the other; a half with no gutter of its own stays as it is."""
    written = [
        "1. Choose a pitch|Pick flat ground clear|of stones and roots. Keep|away from trees.|"
        "|2. Lay out the tent|Spread the inner tent|with the door facing|away from the wind.",
        "3. Insert the poles|Push the blue poles|through the sleeves|until they stop.|"
        "|4. Raise the tent|Lift the centre and|clip the hooks onto|each pole.",
        "Parts list|Steel pegs x 24|Blue poles x 3|Guy lines x 8|"
        "|5. Peg it out|Peg each corner at|45 degrees into firm|ground.",
    ]
    cols = [col.split("|") for col in written]
    plain = "\n".join(line for col in cols for line in col if line)
    layout = "\n".join(f"{a:<28}{b:<28}{c}".rstrip() for a, b, c in zip(*cols, strict=True))
    layout += "\n" + "\n".join(f"{'':<56}{extra}" for extra in ["Keep this guide.", "Made in Wales."])
    down = columns_read_down(plain + "\nKeep this guide.\nMade in Wales.", layout).split("\n")
    assert [line for line in down if line.strip()] == [
        *[line for line in cols[0] if line],
        *[line for line in cols[1] if line],
        *[line for line in cols[2] if line],
        "Keep this guide.",
        "Made in Wales.",
    ]


def test_a_blank_line_across_columns_is_no_gap_where_a_sentence_runs_on_to_a_small_letter() -> None:
    """A parish newsletter in three columns: the layout set a blank line across the page where
    another column's paragraph ended, and one column's sentences broke there ("The mobile library
    now stops" / "outside the post office…"), read as two paragraphs. A blank across the page is no
    gap in a column whose full line ends no sentence over a line that opens with a small letter;
    one before a capital or an item, or under a heading (a short line), stays a gap."""
    left = [
        "Mobile library", "The mobile library now stops", "", "outside the post office on",
        "Tuesdays.", "", "Church roof appeal", "The appeal has now raised", "",
        "£18,400 of the £25,000 needed.", "Scaffolding goes up on 3 March.", "Footpaths",
        "Footpath 14 is closed.",
    ]  # fmt: skip
    right = [
        "Bin collections", "Green bins move to", "", "Saturday over Easter.", "Please bring",
        "", "- a torch", "Lunch club", "", "meets on Thursdays at noon.", "Small adverts cost",
        "£5 each.", "Send them to Jo.",
    ]  # fmt: skip
    layout = "\n".join(f"{a:<36}{b}".rstrip() for a, b in zip(left, right, strict=True))
    plain = "\n".join(line for line in [*left, *right] if line)
    down = columns_read_down(plain, layout).split("\n")
    assert down[: down.index("Bin collections")] == [
        "Mobile library",
        "The mobile library now stops",
        "outside the post office on",
        "Tuesdays.",
        "",
        "Church roof appeal",
        "The appeal has now raised",
        "",
        "£18,400 of the £25,000 needed.",
        "Scaffolding goes up on 3 March.",
        "Footpaths",
        "Footpath 14 is closed.",
        "",
    ]
    right_down = down[down.index("Bin collections") :]
    at = right_down.index("Green bins move to")
    assert right_down[at + 1 : at + 3] == ["", "Saturday over Easter."]  # a capital: kept
    at = right_down.index("Please bring")
    assert right_down[at + 1 : at + 3] == ["", "- a torch"]  # an item: kept
    at = right_down.index("Lunch club")
    assert right_down[at + 1 : at + 3] == ["", "meets on Thursdays at noon."]  # a heading: kept


def test_a_row_whose_cells_the_page_centres_in_its_height_is_one_row() -> None:
    """A fines table centres each row's cells in the row's height: a cell that wraps prints its
    first line above the row's one-line first cell ("£35 plus £5 per mile to" over "Ride ended
    outside the trial area … recover"). Its lines fell out of the table, one per line, amounts
    broken mid-phrase; the row is read whole, cell by cell, as the plain text gives it."""
    plain = (
        "Problem\nFirst time\nRepeat\nParked outside a bay\n£10\n£25\n"
        "Ride ended outside the trial area\n£35 plus £5 per mile to\nrecover\n£50 plus £5 per\nmile\n"
        "Scooter left lying on its side\n£15\n£30\nTwo people on one scooter\n£50\nAccount\nsuspended\n\n"
        "Three parking fines in any 30 days will lead to your account being suspended."
    )
    layout = (
        "   Problem                               First time                 Repeat\n"
        "   Parked outside a bay                  £10                        £25\n"
        "                                         £35 plus £5 per mile to    £50 plus £5 per\n"
        "   Ride ended outside the trial area     recover                    mile\n"
        "   Scooter left lying on its side        £15                        £30\n"
        "                                                                    Account\n"
        "   Two people on one scooter             £50                        suspended\n\n"
        "   Three parking fines in any 30 days will lead to your account being suspended."
    )
    lines = with_paragraphs(plain, layout).split("\n")
    assert lines[2:5] == [
        "| Ride ended outside the trial area | £35 plus £5 per mile to recover | £50 plus £5 per mile |",
        "| Scooter left lying on its side | £15 | £30 |",
        "| Two people on one scooter | £50 | Account suspended |",
    ]
    # lines the plain text gives in another order (rows of their own) are left as it gives them
    apart = plain.replace(
        "Ride ended outside the trial area\n£35 plus £5 per mile to",
        "£35 plus £5 per mile to\nRide ended outside the trial area",
    )
    assert "| Ride ended outside the trial area | £35" not in with_paragraphs(apart, layout)


def test_two_columns_under_a_paragraph_across_the_page_are_read_one_after_the_other() -> None:
    """A climbing centre's price page sets a paragraph across the page over two columns of price
    lists: no gutter runs down the whole page, so the page was read without its layout, each label
    and price on a line of its own. The columns under the paragraph are read down, and their lists
    read as rows."""
    pairs = [
        ("Single entry", "Monthly membership"),
        ("", ""),
        (" Adult peak        £12.50", " Adult             £46.00"),
        (" Adult off-peak    £10.00", " Concession        £38.00"),
        (" Concession        £9.50", " Junior            £30.00"),
        (" Junior (8-17)     £8.50", " Family            £115.00"),
        ("", ""),
        (" Shoe hire         £4.00", "Paid by direct debit."),
        (" Chalk ball        £3.50", ""),
        ("", "Courses"),
        ("Ten-visit passes", " Learn to belay    £55.00"),
        ("", " Kids club         £90.00"),
        (" Adult             £105.00", ""),
        (" Junior            £72.00", "Opening hours"),
        ("", ""),
        ("Passes are valid for 12 months.", "Monday to Friday 10am - 10pm."),
    ]
    layout = (
        "Prices\n\nAll prices include VAT. Your first visit includes the induction at no extra charge. Off-peak\n"
        "is Monday to Friday before 4pm.\n\n"
        + "\n".join(f"{a:<40}{b}".rstrip() for a, b in pairs)
        + "\n\nGritstone Edge Climbing Centre, Hebden Bridge"
    )

    def cells(side: int) -> list[str]:
        return [c for pair in pairs for c in pair[side].split("  ") if c.strip() for c in [c.strip()]]

    plain = (
        "Prices\nAll prices include VAT. Your first visit includes the induction at no extra charge. Off-peak\n"
        "is Monday to Friday before 4pm.\n"
        + "\n".join([*cells(0), *cells(1)])
        + "\nGritstone Edge Climbing Centre, Hebden Bridge"
    )
    lines = with_paragraphs(plain, columns_read_down(plain, layout)).splitlines()
    for row in (
        "| Adult peak | £12.50 |",
        "| Junior | £72.00 |",
        "| Junior | £30.00 |",
        "| Kids club | £90.00 |",
    ):
        assert row in lines
    assert (
        lines.index("| Junior | £72.00 |")
        < lines.index("Monthly membership")
        < lines.index("| Junior | £30.00 |")
    )
    assert lines[lines.index("Monthly membership") - 1] == ""  # the left column's last sentence ended
    # the plain text given row by row (a table across the page, not columns): laid out as it is
    by_rows = plain.replace(
        "\n".join([*cells(0), *cells(1)]), "\n".join(c for a, b in pairs for c in (a.strip(), b.strip()) if c)
    )
    assert columns_read_down(by_rows, layout) == layout


def test_a_value_set_large_under_a_part_s_heading_is_its_text() -> None:
    """An MOT certificate sets "PASS WITH ADVISORIES" larger than its "Test result" heading: as a
    heading it took the part's label and could not be quoted. A line set larger than the heading
    over it, in a size no other line shares, right under a heading whose size others share, is
    that part's text."""
    text = (
        "MOT test result\n\nVehicle details\n\nMake: Vauxhall\n\nTest result\nPASS WITH ADVISORIES\n\n"
        "This vehicle met the minimum standards.\n\nMileage history\n\n68,412 miles."
    )
    printed = [
        PrintedLine("MOT test result", 16),
        PrintedLine("Vehicle details", 12),
        PrintedLine("Make: Vauxhall and a long line of body text to set the body's size", 9.5),
        PrintedLine("Test result", 12),
        PrintedLine("PASS WITH ADVISORIES", 14),
        PrintedLine("This vehicle met the minimum standards.", 9.5),
        PrintedLine("Mileage history", 12),
        PrintedLine("68,412 miles.", 9.5),
    ]
    labels = [h.label for h in type_headings(text, printed)]
    assert labels == ["MOT test result", "Vehicle details", "Test result", "Mileage history"]
    # under a heading of a size no other shares (a kicker over its headline), the larger line heads
    kicker = [PrintedLine(p.text, 11) if p.text == "Test result" else p for p in printed]
    assert "PASS WITH ADVISORIES" in [h.label for h in type_headings(text, kicker)]


def test_tables_set_side_by_side_are_read_row_by_row() -> None:
    """A payslip sets its payments beside its deductions; the plain text gives their cells a line
    each, a table at a time, so "Overtime @ 1.5", "6.50", "21.27", "138.26" lost their row. Read
    by the layout's lines, each row is whole, a row's empty cells kept in the widest row's columns.
    Blocks whose first cells wrap onto a second line (each block with rows of its own) are not
    read across."""
    layout = (
        " Payments         Units   Rate   Amount      Deductions        Units  Rate   Amount\n"
        " Basic salary                    2,458.33    PAYE income tax                 343.80\n"
        " Overtime @ 1.5   6.50    21.27  138.26      Staff canteen     14.00  2.85    39.90\n"
        "\n"
        "The end of the payslip is here."
    )
    plain = (
        "Payments\nUnits\nRate\nAmount\nBasic salary\n2,458.33\nOvertime @ 1.5\n6.50\n21.27\n138.26\n"
        "Deductions\nUnits\nRate\nAmount\nPAYE income tax\n343.80\nStaff canteen\n14.00\n2.85\n39.90\n"
        "The end of the payslip is here."
    )
    got = with_paragraphs(plain, layout).split("\n")
    assert got[:3] == [
        "| Payments | Units | Rate | Amount | Deductions | Units | Rate | Amount |",
        "| Basic salary |  |  | 2,458.33 | PAYE income tax |  |  | 343.80 |",
        "| Overtime @ 1.5 | 6.50 | 21.27 | 138.26 | Staff canteen | 14.00 | 2.85 | 39.90 |",
    ]
    blocks = (
        " Company     Hartwell Heating     Name      Mrs Whitlow        Tenant     Mr Nowak\n"
        "             Services Ltd         Address   22 Market St       Address    Flat 3\n"
        "The end of the record is here."
    )
    plain = (
        "Company\nHartwell Heating\nServices Ltd\nName\nMrs Whitlow\nAddress\n22 Market St\n"
        "Tenant\nMr Nowak\nAddress\nFlat 3\nThe end of the record is here."
    )
    assert "| Company |" not in with_paragraphs(plain, blocks)
    # narrow columns of prose (a leaflet's) are no tables: read across, every sentence is cut
    prose = (
        " Opening times        Borrowing              Computers\n"
        " The library is open  You can borrow up to   Free computers can be\n"
        " from 9am to 5pm on   12 books at a time     booked for an hour\n"
        "The end of the leaflet is here."
    )
    plain = (
        "Opening times\nThe library is open\nfrom 9am to 5pm on\nBorrowing\nYou can borrow up to\n"
        "12 books at a time\nComputers\nFree computers can be\nbooked for an hour\nThe end of the leaflet is here."
    )
    assert "| Opening times |" not in with_paragraphs(plain, prose)


def test_a_header_row_set_left_over_named_rows_names_the_columns_after_the_names() -> None:
    """A pension table's header "This period  Year to date  Rate" starts where the rows' names
    have ended, its cells set left over figures set right: it names the columns after the names,
    so it gets an empty first cell and does not read "This period" over the names."""
    layout = (
        "                                              This period   Year to date   Rate\n"
        "\n"
        "Employee contribution (salary sacrifice)            122.92         983.36     5%\n"
        "\n"
        "Employer contribution                               196.67       1,573.36     8%\n"
        "\n"
        "Employer NI saving passed to pension                 16.96         135.68     –"
    )
    plain = (
        "This period\nYear to date\nRate\nEmployee contribution (salary sacrifice)\n122.92\n983.36\n5%\n"
        "Employer contribution\n196.67\n1,573.36\n8%\nEmployer NI saving passed to pension\n16.96\n135.68\n–"
    )
    assert with_paragraphs(plain, layout).split("\n")[0] == "|  | This period | Year to date | Rate |"


def test_a_sentence_wrapped_at_a_page_s_foot_goes_on_over_the_next_page() -> None:
    """ "…please contact" ends page 1 at the page's full measure and "Payroll on extension 2214…"
    opens page 2: one sentence, not two paragraphs. A short last line, a form's blank or a list's
    item ends its paragraph there."""
    first = "Thank you all for your hard work during the launch of the new product line.\nIf you believe any item on this payslip is wrong, please contact"
    assert joined_pages([first, "Payroll on extension 2214."]) == first + "\nPayroll on extension 2214."
    short = "Thank you all for your hard work during the launch of the new product line.\nThe staff"
    assert joined_pages([short, "Payroll is on extension 2214."]).count("\n\n") == 1
    # nor a part's heading alone over a blank line on the next page
    facts = "Bring photo ID, the tenancy agreement, your meter readings and the keys for the shed.\nBring photo ID, the tenancy agreement, your meter readings and the keys for the garage"
    joined = joined_pages([facts, "Contents insurance\n\nYou are responsible for insuring your belongings."])
    assert "garage\n\nContents insurance" in joined
    form = "Thank you all for your hard work during the launch of the new product line.\nSigned: ____________________________________________________________________"
    assert joined_pages([form, "Prices"]).count("\n\n") == 1


def test_a_sentence_s_tail_set_large_is_no_heading() -> None:
    """A page's first line, set in a box's larger type ("as you may need them as proof of income."),
    is the tail of a sentence, not a part's heading."""
    text = "Message\n\nPlease keep your payslips safe,\nas you may need them as proof of income.\n\nRegistered office above."
    printed = [
        PrintedLine("Message", 14),
        PrintedLine("Please keep your payslips safe,", 9),
        PrintedLine("as you may need them as proof of income.", 12),
        PrintedLine("Registered office above and a long line of the body's size to set it", 9),
        PrintedLine("Registered office above and a long line of the body's size to set it", 9),
    ]
    assert "as you may need them as proof of income." not in [h.label for h in type_headings(text, printed)]


def test_peeling_stops_where_a_page_s_edge_was_not_all_running_lines() -> None:
    """A cookbook's pages: a running header over each recipe's title, "Ingredients" and "Method"
    second from each edge, a page number at the foot. Peeling went on after the header and the
    page number went, and took "Ingredients" and "Method" off both pages as running lines. A side
    is peeled again only where its whole edge was running lines on every page."""
    pages = [
        "Hill Street WI Cookbook\nLemon drizzle cake\nIngredients\n225g flour.\nMethod\nBake at 180C.\nPage 1",
        "Hill Street WI Cookbook\nCheese scones\nIngredients\n250g flour.\nMethod\nBake at 220C.\nPage 2",
    ]
    out, top, bottom = running_lines(pages)
    assert out[0] == "Lemon drizzle cake\nIngredients\n225g flour.\nMethod\nBake at 180C."
    assert top == ["Hill Street WI Cookbook"] and bottom == []
