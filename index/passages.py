"""Group sentences into passages sized for the embedding model.

A passage is a run of consecutive sentences of one section whose token count stays within
``max_tokens`` (all-MiniLM-L6-v2 truncates at 256 word pieces; passages stay well below so nothing
is silently cut). A single sentence longer than the budget becomes a passage of its own. A passage
never spans a boilerplate line ("Advertisement", "Share this"): its text is shown to users as context.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from .types import Passage, Sentence

#: Bump whenever sections, sentences or passages of the same text can come out differently, so that an
#: index built by an older chunker is refused (``IndexMismatchError``) instead of silently mixed.
#: 2: abbreviation merge in sentences, boilerplate-only sections dropped, passages break at boilerplate.
#: 3: paragraphs over 10,000 characters read by sentencex in windows; Markdown "#" lines without a
#:    label are no longer headings.
#: 4: "May." and "me." before a capitalised word end a sentence (sentencex took them for abbreviations);
#:    an over-long sentence is cut after a sentence end (not an abbreviation's period), a semicolon
#:    or a comma before any blank; sentencex reads non-ASCII blanks as spaces (it panicked on some).
#: 5: Markdown emphasis that closes a sentence ("**How do I…?**") stays with it, not with the next one.
#: 6: a bare reply ("Yes.", "No.") opens the sentence after it.
#: 7: each row of a Markdown table is a sentence of its own; the rule under the header is left out.
#: 8: an HTML table's row is one line ("| Student | £22 |"), a list item "- …", a <nav> menu left out
#:    (``index.loaders``: the canonical text of an HTML page changes).
#: 9: a numbered line standing alone in plain text is a heading whatever its case ("4. Damage and
#:    insurance").
#: 10: a numbered plain-text heading may stand right over its text ("1. Rent" then "Plot rent is…"),
#:     and a list number that sentencex cut off ("1." of "1. Rent is due.") stays with its text.
#: 11: a rule line ("=====", "* * *") is furniture, so a plain-text title underlined with one is a
#:     heading; a bullet left alone at a sentence's end ("…rowing.\n  *") opens the next item.
#: 12: a numbered part heads its first clause ("6. ENDING THE TENANCY" over "6.1 The Tenant may…").
#: 13: each line of a block of fields ("Present: …", "Apologies: …") is a sentence of its own.
#: 14: an HTML page's own header, footer and cookie notice are left out, and the blank between two
#:     links kept; a PDF keeps the blank lines of its layout (so its headings stand alone) and drops
#:     its running headers, footers and page numbers (``index.pdf_text``).
#: 15: an email has no plain-text headings (its lone lines are greetings and signatures) and is
#:     titled by its "Subject:" line; a quoted blank line ("\n>\n") ends a paragraph, a quoted
#:     field line ("> From: …") starts a sentence, and a sentence leaves out its line's ">".
#: 16: an HTML element named by its id or class as the site's navigation, breadcrumbs, sidebar or
#:     footer (outside <main> and <article>), a wiki's "[edit]" link and a footnote's mark ("[1]")
#:     are left out.
#: 17: a field line needs a neighbour that is one too, or a line before that ends a sentence (one
#:     "Priya said: …" in wrapped prose is no field); a ">" is a quote mark only in a block of quoted
#:     lines; an email keeps its numbered headings and is titled by its subject alone; a PDF drops
#:     only the page numbers that count in order and running lines that repeat or number the page.
#: 18: a Markdown note's YAML front matter is furniture, and its title the note's.
#: 19: front matter opens with a key ("title:"): a rule over prose is no front matter.
#: 20: a short line right over its sentences heads them ("Children", "Day 2 - Edinburgh to
#:     Inverness"); a numbered heading standing alone may have twelve words; a loose numbered list
#:     heads nothing; a label that repeats is named with the heading it falls under ("3.1.1 -
#:     2026-07-02 › Fixed").
#: 21: a question standing alone heads the answer under it ("TOM: What was your first job?").
#: 22: a written "Q: …?" heads the answer right under it.
#: 23: a numbered part heads its first lettered clause ("1. Bookings" over "a) …").
#: 24: a lead line of more than three words must be title-cased (a sentence broken over two lines
#:     is none); the last item of a loose list heads nothing; a label is never named with the
#:     document's title.
#: 25: a line opening with a bare number ("2 weeks' rent…") is no next item of a numbered list.
#: 26: a saved thread's messages head themselves with sender and date, their greetings and
#:     sign-offs no text; a document's own style of lead line heads its sentence-case lines.
#: 27: a subtitle between a plain title and the first part is text under the title.
#: 28: a short line right over a list heads it.
#: 29: an HTML description list reads term and description on one line; a <details> summary heads.
#: 30: a thread's header needs a subject; a lead-in over a list, a clause's open end, a numbered
#:     part or a part over parts head nothing; an empty <dd>, a <dt> question, a list under a term.
#: 31: a sentence-case heading over a list heads it; a separator is only "-----Original Message-----"
#:     and its kin; an empty "Subject:" is a header line; "Tel." joins its description.
#: 32: a lead-in's first word is read as written ("IT Support" heads its list).
#: 33: an FAQ's bold question at the start of a paragraph (Markdown's "**…?**", HTML's "<p><strong>")
#:     heads its answer, named with its section ("Joining and paying › How do I sign up?").
#: 34: a transcript's question after its time code ("[00:00:21] JUNE: When…?") heads the answer.
#: 35: an FAQ's bold questions head only where a document has two or more; a bold line of its own
#:     only in a part that holds two, after the first; a table cell's bold heads nothing; a bare
#:     "10:30" before a question is a time code only before a speaker's name ("10:42 Sam: …?").
#: 36: a line with dot leaders ("Vans ........ GBP 2,000") is a row of its own, as a table's is.
#: 37: a short line heads text that ends leading into what follows ("COST AND PAYMENT" over "…can
#:     be made as follows:").
#: 38: "&" between a heading's words ("Lost & Found", "Terms & Conditions") is no lower-case word.
#: 39: each line of a plain-text table whose columns line up, two lines or more ("Monday    8:00am
#:     - 6:30pm" over "Tuesday   8:00am - 8:00pm"), is a row of its own too; a dot leader leads to
#:     a short value ("So we waited...... and waited." is prose).
#: 40: Word documents (.docx) are read; a line in capitals heads an email's part ("HOW TO SIGN UP");
#:     a heading may close with an aside in brackets ("PRICE LIST (all prices include VAT)"); a short
#:     line over price-list rows heads them ("Pay as you go" over "Unlock fee ..... GBP 1.00"); a time
#:     zone after "p.m." stays in its sentence ("7:00 p.m. Central, Monday through Friday").
#: 41: a web page's own header and footer keep their words (an address, a phone number, "Prices
#:     include VAT"), not their links, the footer as a part of its own ("Page footer"); a Word style with a list level and no list
#:     ("Subtitle") is no list item; an HTML table's head and body are one block of rows; a PDF's
#:     table rows and bullets; a letter in brackets mid-line ("…ice cream (V) £7.00") starts no
#:     sentence, and a line that opens with a bullet always starts one; a short line alone between
#:     blank lines over a paragraph heads it in sentence case too ("Paying your bill").
#: 42: "Step 2." opens its step as a list number does; a PDF's line that ends the sentence above it
#:     is no running line, and a sentence over a page break stays one paragraph; an HTML table's
#:     caption is a line of its own.
#: 43: a byline right under the title ("By Hannah Ostrowski") is text, not a part; a plain-text line
#:     that opens with a question word heads in sentence case ("How the study worked"); a PDF's
#:     number set apart from its text makes a numbered item, and a header row set too tight to
#:     split is a row over its rows; a web page's bar of links and a footer's "Follow us:" go.
#: 44: the review's mends of 43: a byline must name someone ("By Public Transport" heads), under an
#:     underlined title too; a question-word line or a numbered line that runs on as a clause heads
#:     nothing; a PDF's numbered rows are items only when numbered 1, 2, 3… away from a table, and
#:     only a line right over rows is their header; a bar of links goes only where a page marks its
#:     content, and never a contact's link.
#: 45: a PDF's title and part headings are read from the size of their type (a sentence-case
#:     heading set large heads its part; a title wrapped over two lines is one); a PDF table's
#:     header row over a column of row names keeps its empty first cell; a line of blanks is blank;
#:     a list's last item ends where its line ends a sentence before a capital (the paragraph after
#:     a list set without a blank line was read as part of the item).
#: 46: a title in capitals with a colon heads its list ("KEY FACTS: MIDDLE FURLONG"); a byline
#:     under a newspaper's name, dateline and headline is text; a PDF title's year wrapped onto a
#:     line of its own stays in the title, and a list over a page break stays one list.
#: 47: a web page's numbered list (<ol>) keeps the numbers the page shows ("3. Print the label"),
#:     as a Word document's and a Markdown file's numbered lists do.
#: 48: a numbered item's first paragraph stays on its number's line ("<li><p>"), a numbered list
#:     inside an item keeps bullets, and an odd start or value is read as a browser reads it.
#: 49: a numbered list inside a bulleted list's item keeps its numbers (only one inside a numbered
#:     list's item reads as bullets).
#: 50: a PDF table whose rows are padded apart (a blank line between them in the page's layout)
#:     is one block of rows under its header row, as other formats' tables are.
#: 51: a web page's header row (``<th>`` cells, ``<thead>``) and a spreadsheet's first line have
#:     a Markdown rule under them ("| --- | --- |"), which marks the row that names the columns.
#: 52: a Word table's header row (repeated as a header, or all in bold over plain rows) has the
#:     rule too, and a PDF table's row that leaves its last cells blank keeps them as empty cells.
#: 53: a PDF table's header that leaves its corner empty, padded apart from its rows, heads them;
#:     a spreadsheet's line of dashes only is left out; a web page's header row over an empty
#:     spacer row is marked, and a web page's cell over several columns (``colspan``) is followed
#:     by an empty cell for each, as a Word table's merged cell is.
#: 54: a PDF page whose layout stops lining up with its plain text (a table whose cells run over
#:     several lines) keeps the paragraphs of the lines above, and a bullet on a line of its own
#:     is joined to its item ("- in cash at any branch"); past such a stretch, where the lines
#:     match again with the same letters in between, the layout is read again.
#: 55: a plain-text line that holds a phone number, an email or a web address is never a heading
#:     (it read as title case: "Meet Secretary: David Okafor, 07700 900 418, meet@…").
#: 56: a plain text's title is its first line with a letter or a digit, not a banner's rule of "=".
#: 57: a web page's definition list of questions (<dt>Can I smoke?</dt><dd>…</dd>) heads each answer
#:     with its question, as an FAQ's bold questions do.
#: 58: a PDF table's row whose cells run over several printed lines reads as one row (the plain
#:     text gives it cell by cell), and a row's last cell that goes on under it joins it.
#: 59: such a row keeps its table's columns and padding (a blank cell stays a column), and a
#:     glossary whose terms do not all ask is no FAQ.
#: 60: a numbered item's words are counted with the line that goes on under it.
#: 61: a PDF row's last cell's second line in capitals stays in its row; a plain-text table's row
#:     whose narrow columns wrap onto the lines under it is one sentence with them.
#: 62: (review of 61) a lower-case line in every column is a row of its own; a note across the
#:     columns or under a closing rule is none; a wrapped word or acronym joins with a blank.
#: 63: a lone "■" (a symbol font's tick or cross) is a list item's bullet.
#: 64: a short line over the title of one of a web page's cards (a date over an event's <h3>) is
#:     that title's, in a part of its own under its label.
#: 65: (review of 64) only a card among several alike, only a label (no sentence, row or item
#:     number): a single wrapper's intro stays in the page's first part.
#: 66: a list item card's marker ("- ") goes with the line over its title, not left behind alone.
#: 67: a description list indented by hand reads each term and its description on one line; a PDF
#:     page whose footer the plain text gives first is read with its layout (paragraphs, table rows);
#:     a table row of three columns or more may hold two sentences in a cell or a line in every
#:     column; a PDF is titled by its first heading in its largest type under a short brand line.
#: 68: a card's title in the card's own <header> gets the line over it; a Word table's unmarked first
#:     row of three labels or more over a row of data heads its columns (a rule under it).
#: 69: a PDF's two lists side by side under two heads on one line ("What is insured?" beside "What
#:     is not insured?") each go under their own head, not the second list under the first's.
#: 70: a PDF table's row of three cells or more under one blank line stays in the table above (the
#:     layout rounds rows of different heights apart here and there).
#: 71: review mends (no stored document reads differently): a table in a Word cell gets no header
#:     rule; an unmarked Word header needs a column of data under it; a PDF's brand line must be set
#:     smaller than its text; a wide PDF table's line in every column goes on a row only when it
#:     goes on its phrases; a card's title in a <header><hgroup> gets its line.
#: 72: a PDF footer drawn first is read last as the plain text gives it (a lone page number is
#:     dropped; its printed line goes last for the headings by type); two columns' heads find their
#:     second list past its bullet; one line in the text's size over a title alone in its size,
#:     far larger, is a brand.
#: 73: a web table's cell spanning rows stands in each row it spans; a PDF table's header over
#:     columns the page centres keeps its rows under a blank line; a Word table's unmarked header
#:     needs a number in two of three rows under it, not all.
#: 74: review mends: a cell spanning rows and columns keeps the columns after it; a long spanning
#:     cell is not written again; an unmarked Word header keeps its rule under a bold totals row,
#:     with years or ages in it, or over two rows of which one has a number.
#: 75: a one-page PDF's footer, drawn first and kept at the text's end, is a part of its own
#:     ("Page footer"), not the last heading's.
#: 76: a header cell spanning a table's two header rows counts in the rule under them.
#: 77: a PDF timetable's rows whose first cell ends in a full stop ("Porthvane dep.") are rows
#: under its header; a table over a page break reads on under its first header (round 30).
#: 78: a Word table's cell merged down rows stands in each; a Word page's header and footer are
#:     read after the body, parts of their own (round 30).
#: 79: a web form's labels, buttons and choices are left out (round 30).
#: 80: a web list inside a list's item goes on its item's lines, no blank line about it (round 30).
#: 81: a Markdown FAQ's question after a bold "Q:" heads its answer after a bold "A:" (round 30).
#: 82: review mends (no stored document read differently); a web table's <tfoot> note spanning its
#:     columns is a paragraph under it (round 30).
#: 83: Markdown's setext headings ("Kit list" over "--------") head their parts (round 31).
#: 84: a web page's skip link ("Skip to main content") is left out (round 31).
#: 85: a web card's short <div> fields read as the lines of one paragraph (round 31).
#: 86: a PDF page in two columns of text is read one column after the other with its layout; a
#:     footer drawn right after the running header is read at the page's foot (round 31).
#: 87: a bordered plain-text table's row over two lines, its first cell empty on the second, is
#:     one sentence (round 31).
#: 88: notes under a spreadsheet's table, in its first column alone, are paragraphs (round 31).
#: 89: review mends: a column's line blank beside the other's text is a gap only where no sentence
#:     runs across it; a form-like HTML 4 foot, a skip link within the text, an item named at length
#:     in a spreadsheet, front matter over a blank line stay as they were.
#: 90: a web table cell's paragraphs and line breaks stay on its row's line; a Markdown link's
#:     reference and an HTML comment on lines of their own are boilerplate (round 32).
#: 91: review mends: a cell that lays out a page (lists, headings, tables, long text) keeps its
#:     lines; a link's reference needs an address; comments found in one pass.
#: 92: round 33's notes: a spreadsheet's header under several title lines; a sidebar of the site's
#:     own words is read; a short bold paragraph in Word titles a part ("1. Booking and payment");
#:     a PDF's running header and footer are read once, after the body ("Page header", "Page
#:     footer"), and its properties' title names it when it is one of its headings; a Markdown
#:     page's closing words under its last rule are its footer; a menu item's description is a
#:     line of its name's paragraph.
#: 93: round 34's notes: a plain-text heading underlined in any case ("Opening hours" over
#:     "-----"); a PDF's unreadable bullet glyphs are "-", its bulleted items one paragraph; a
#:     layout table (role="presentation") reads as blocks and an e-mail's hidden preview text is
#:     left out; a Word table's header row bold by its paragraph style is marked. (Titling a Word
#:     letter by its first heading under the letterhead was tried and dropped: the letterhead's
#:     name, "Oakfield Primary School", is what questions name; rounds 18, 25, 26 lost 1-2 each.)
#: 94: a PDF page in three columns is read column by column (each half split again at its own
#:     gutter); a blank the layout sets across columns is no gap where a column's sentence runs on.
#: 95: review mends: a Markdown page's closing words under its last rule are its footer only
#:     when they read as one (emphasis, a contact, "registered"); a bold line with a figure or
#:     a bulleted bold item is no title in Word, nor an underlined fact in plain text; a sidebar
#:     holds more words of its own than of links; hidden text is judged once, outermost.
#: 96: a layout table's cell holding a sentence of twelve words or more is prose (it lays out).
#: 97: second review: a blank line across a PDF's columns is a gap again, as before 94 (the run-on
#:     rule lost headings' and paragraphs' gaps); a layout table whose row holds one long value
#:     stays a table (two cells of prose side by side lay out); a sidebar with fifteen words of its
#:     own stays beside more links; only an amount, a time or a date keeps a bold or underlined line
#:     from titling ("Part 2 Payment terms" titles); a preview's padding is counted apart.
#: 98: reread: a Markdown footer's contact is found by ``sections.contact_detail`` (the project's own
#:     phone, email and web-address test), not a second pattern of its own; no stored document
#:     reads differently.
#: 99: a Markdown bold line of its own titles its part ("**Cancellations**" over its list); a table
#:     written in HTML inside Markdown reads as rows; a PDF whose text opens with a part's heading
#:     is titled by its properties' title when the page prints its every word.
#: 100: a blank line the layout sets across a PDF's columns is no gap in a column whose sentence
#:      runs on across it to a small letter ("The mobile library now stops" / "outside the post
#:      office"), as one beside another column's line was not already.
#: 101: a spreadsheet's header cell with a number of its own names its column over bare amounts
#:      ("4 hours (£)" over "12.00"), so the header is marked.
#: 102: a spreadsheet export is split at the delimiter that splits its lines most alike, not at
#:      the sniffer's comma where notes hold commas and a semicolon export's lines are one cell.
#: 103: review mends: a table in Markdown with a blank line inside (cells of Markdown, as a
#:      README's) stays as written; a lone bold line titles only over a list or a table, and one
#:      saying a clause ("No dogs allowed") none; a bold line in a paragraph of bold labels, in a
#:      list item or in the footer titles nothing; a PDF's properties' title needs its words on
#:      the first page or in its running lines, its numbers at the top; a blank across a PDF's
#:      columns stays a gap under a short line.
#: 104: round 36's notes: a forwarded message pasted under a greeting is titled by its subject; a
#:      page's rating glyphs read as their label ("3 out of 5 stars"), a short struck text as
#:      "~~£89.99~~"; a PDF's unreadable bullet is "-" in a table's cell too.
#: 105: second review mends: a CSV's delimiter judged by the width most lines share (a title line
#:      with a semicolon over a comma table no longer splits it), Excel's "sep=;" line read as the
#:      delimiter; a glyph reads as its label only where the label gives a number, blanks round it;
#:      struck words holding a block are left as they are; a forwarded subject needs its sender;
#:      the rule words keep Markdown's bold lines only from titling ("What is not included" titles).
#: 106: a spreadsheet row with words in more cells than its header names has its last column's
#:      cells joined again (a note's unquoted delimiter split it, and the row lost its header).
#: 107: round 37's notes: a PDF footer drawn first is placed at the page's foot when the plain
#:      line after it opens the printed line (a letter's two address blocks side by side); a PDF
#:      opening with no heading is titled by its properties when one line prints their words; a
#:      spreadsheet's notes under an empty line are paragraphs, and its header of two rows is marked
#:      under the lower one.
#: 108: a web page's <noscript> block of twelve words or more is read (a widget's fallback text).
#: 109: a Markdown table cell's "<br>" reads as a blank.
#: 110: review mends: a letter's title line ends no sentence; a two-row spreadsheet header's groups
#:      stand over numbers; notes stand under a row of empty cells below a table's rows; a plea to
#:      turn JavaScript on is not read; a table cell's code span keeps its "<br>".
#: 111: a two-row spreadsheet header's lower row may hold times ("Before 5pm (£)").
#: 112: a web page's part resumes after a <details> block its summary headed (round 37, note 15).
#: 113: review mends: nested <details> resume the part each opened in; a two-row spreadsheet
#:      header's groups stand over bare amounts ("Time,Time" over "Mon 6pm" is no header).
#: 114: round 38's notes: a spreadsheet's lines over its header are paragraphs, the first its title;
#:      a numbered or lettered item under a line that ends a sentence is a sentence of its own; a
#:      place's letter ("Block D.") ends a sentence; a numbered part's heading may end in a dated aside.
#: 115: a spreadsheet's group name left blank under its first row is read into each row (round 38, note 15).
#: 116: a PDF's lettered sub-steps set apart from their text ("(a)", "(b)") are items, not a table's rows.
#: 117: a <thead> row headed by its own <th> with amounts beside it is data, under the header's rule.
#: 118: a line of fields may open with a count ("8 weeks before: …"), and the line after a field line
#:      is looked at past its sentence's end: a panel's title is no longer glued to its first line.
#: 119: review mends: a group's name is read down only where the first column names groups, once
#:      each, in words (not "Yes", "x", "Dr"); an export's stamp titles nothing; a field line's next
#:      line is looked at past its sentence only under a short title; "Coach K. Bell" stays whole;
#:      a <thead> row is data only where a cell opens with an amount.
#: 120: a web page's badge after words ("Complete" with "Most popular") reads in brackets (round 38, note 1).
#: 121: an email saved with "Message-ID:" and like fields is an email (its subject its title, its
#: columns line no heading), and a reply's quoted message is its sender's part (round 39, notes 20–24);
#: a checklist's "☐" (or "✓") line is an item of its own (note 5); a footnote's mark after a full
#: stop stays with its sentence (note 19).
#: 122: a Word paragraph in the "Title" style, before the first part, titles the document over a bold
#: letterhead (round 39, note 14).
#: 123: a PDF's properties' title that is its printed title with a name the page prints ("Gritstone
#: Edge Climbing Centre – New Climber Induction") titles it (round 39, note 4).
#: 124: a PDF table's row whose cells the page centres in its height, a wrapped cell's first line
#: printed above the row's first cell, is one row (round 39, note 26).
#: 125: a PDF page's two columns under a paragraph across the page are read one after the other, a
#: column that ends a sentence set apart from the next; a short line over a table's rows heads
#: them (round 39, notes 6 and 7: the price lists read label, price, label, price).
#: 126: plain-text lines that end with an amount set flush right after a gap ("Subtotal  £1,677.00"
#: over "VAT @ 20%  £335.40") are rows of their own (round 39, note 23).
#: 127: a Markdown file's footnotes written together at its end are a part of their own,
#: "Footnotes", not its last part's (round 39, note 18).
#: 128: an email's header lines that only a mail program reads ("Message-ID:", "X-Mailer:") are no
#: sentences; a footnote's mark that sentencex cut off its sentence ("10am.[^1] We…") stays with it.
#: 129: a review's mends: a reply's "On …, … wrote:" as Gmail and Outlook write it, wrapped or over a
#: blank line; an email header's folded lines and its servers' fields; a PDF properties' title whose
#: date the page prints only in passing is not taken.
#: 130: round 40's notes: a bullet opens its item after a line that ends mid-phrase ("…; and\n  *
#: if…"); a reply slip titled in capitals under a cut line ("✂ - - -") is its own part; a PDF's
#: table row set large ("Total due") is no heading; a one-page PDF's footer that ends "Page 1 of 1"
#: is its footer part; a PDF label ending in an abbreviation ("Account no.") is a row's cell.
#: 131: more of round 40's: a glyph rating's "title" reads as its label; each line of opening hours
#: is a sentence; a PDF header row over rows padded apart keeps its empty first cell and its rows,
#: and a centred last cell wrapped onto a second line stays in its row; a PDF's strapline under its
#: title heads no part; a Word document's properties' title that adds printed words titles it.
#: 132: a spreadsheet cell's lines that each open anew are joined by "; " (round 40, note 15); an
#: invoice's "Bill to" set in heading type heads no part of a PDF (note 11).
#: 133: a short line right over opening hours written a day a line ("Opening hours" over "Mon 22
#: Dec  06:30–21:00") heads them, as it heads a price list.
#: 134: a review's mends: a line of hours must end with its hours (wrapped prose whose lines open
#: with days is no block); a sentence that ends "no." is no PDF label; a spreadsheet header's
#: wrapped names, and a cell's phrase broken after "by", are joined by a blank; a PDF's first
#: subheading under a part's heading is kept.
#: 135: round 41's notes: a line that no wrap broke ends its sentence where a list's item or a whole
#: sentence follows ("Expiry date: 13 February 2026" over "You can get…"), and a title in capitals
#: ends over a line that is not; a PDF's value set large under a part's heading ("PASS WITH
#: ADVISORIES" under "Test result") is that part's text, not its heading; a plain-text title in
#: capitals with a subtitle after a dash ("SATURDAY - Market day service") heads a part, and a
#: field's line ("Juror number: JS 4471 2096") does not; a key's note goes on over a line that
#: opens with a capital after a line broken off mid-phrase ("…Pennock or Under" / "Ashmere…").
#: 136: round 42's notes: a job sheet's block labels in capitals over indented lines head parts, a
#: ruled table's head names its part by its first cell ("PARTS"), and a total's leader row heads
#: none; a quoted message's headings in capitals head parts, its "On … wrote:" line heads it, and
#: its bullets are items; a label cut short before its colon ("Frame no.   :") is a column's;
#: tables a PDF sets side by side are read row by row, a header row over named rows gets its empty
#: first cell, a sentence wrapped at a page's foot goes on over the next page, and a sentence's
#: lower-case tail is no heading; a text that opens with a table's row is titled by its first
#: cell; a Word form's first names and values are no header row; a page's feedback widget is
#: furniture.
#: 137: a review's mends: a line never ends its sentence on a title ("…ring Mrs" / "Patel") or a
#: day's number over its month; narrow columns of PDF prose are not read across as a table; a
#: page's heading is not run onto the page above; a Word form of names and values has no header
#: row, a header with a long column's name does; a title in capitals subtitled after a dash and a
#: block's label over indented lines head parts where the document has two or more of them; a
#: field's line is told from a dated title ("Term Dates: 2025-26"); tabs that name no heading are
#: still checked as the site's navigation.
#: 138: round 43's notes: three lone lines or more in a row (a letter's address or signature
#: written a paragraph a line) are lines to quote, not headings, unless in capitals; a code alone
#: ("EL3 6TB") names no part.
#: 139: round 44's notes: a plain-text table's header row over its rule names columns, not a part
#: ("DATE   FLAT   PROBLEM   STATUS"); a message set inside another text is headed by its subject;
#: "Comm. = communal area." is one sentence; a PDF's numbered steps over a table set apart are a
#: list; a Word table of one cell is a box of paragraphs; Markdown's bold run-in heads ("**Cloudy
#: beer.** Chill haze…") head their paragraphs where a part has two; a link drawn as a button ("Find
#: out more") is furniture. And round 43's: a PDF letterhead printed in two columns no longer keeps
#: the page from being read with its layout (its footer drawn first goes to the foot), and a running
#: header of more lines than a page's edge is peeled an edge at a time; "*** TITLE ***" underlined
#: heads its part; an email's title in capitals right over its text heads it; "Enc. …" is one
#: sentence; a title in capitals right over a table's header row heads the table.
#: 140: round 45's notes: a header row over a rule drawn a column at a time names columns; a
#: table's last cell goes on alone under its row, a capital or not ("Was 1 g BD;" / "GP to
#: review"); a title in capitals underlined may end with a colon; a web page's icon glyphs hidden
#: from screen readers, its few words hidden from sight ("Warning" run into "You must…") and a
#: summary list's action links are not read; an aside in brackets goes on the sentence before it.
#: And a review of 139's rules: a running header is peeled again only on a side whose whole edge
#: was running lines; several messages inside a text are each headed by their subject; a bold fact
#: opening a paragraph is no run-in head; a button link inside a sentence, to an email address or
#: with no target stays; a one-cell Word box of a label and a figure stays a row; a ruled table's
#: capitals name stands unless a heading is right over it.
#: 141: round 46's notes: a title in capitals over field lines heads them ("BANK DETAILS"); a
#: column's word names no ruled table's part ("DESCRIPTION   QTY   UNIT"); a line's field may have
#: four words, one with a bracketed ending ("Weight at last visit:", "Job date(s):"); a table's first
#: cell hung a few blanks in under its row goes on that row.
#: 142: a review of 141: a title in capitals heads its fields only when it names what a block holds
#: ("BANK DETAILS", "OPENING HOURS"), not a name over its contact lines nor a notice; a hung line
#: goes on its row only where it goes on a phrase (lower case, a bracket, or under a first cell left
#: open), not a note under a table's last row; "ITEMS" names its ruled part again.
#: 143: round 47's notes: a PDF footer drawn first in two columns goes to the page's foot (the
#: page keeps its tables); a table cell of prose broken inside a number goes on under its row; a
#: row whose long cell ran into the next stays a row; short heads set tight between paragraphs head
#: their parts where a document sets three or more so; typed "[ ]" boxes open list items; a field's
#: value over two lines ends before the next field; a reply slip's title may hold a hyphen; a web
#: page's part resumes past a row of cards; an accordion's questions head their answers; a
#: superscript number reads in superscript digits; a form's declaration label is kept.
#: 144: round 48's notes: an icon alone in a data table's cell reads as its words ("Included");
#: a sentence set large in a PDF stays a quote; an unreadable bullet glyph between words reads
#: "•"; an email's "View this email in your browser" is furniture; a letter's marking ("PRIVATE
#: AND CONFIDENTIAL") neither titles it nor heads a part; a bold problem's name with "not"
#: ("Starter not rising") heads its fix; a bullet between a line's parts does not cut it.
#: 145: a review of 143 and 144: a heading in a wrapper of its own is no card; "view it online"
#: inside a sentence stays; only a marking over a letter's text is dropped, and "Urgent" or "By
#: hand" are none; "Smoking not permitted." stays a rule; an icon is read only as its cell's one
#: thing, not hidden, each cell and table judged once; one accordion question alone is no FAQ,
#: and its questions are named with their part; heads set tight need a wrapped sentence under
#: them; a "•" joins only short pieces.
#: 146: round 49's notes: a tear-off slip drawn first is read where it is printed, through the
#: layout; lines set large under a title (byline, dates, venue) are text; a brand line over the
#: title does not title it; a PDF line's leading blanks go; two dot-leader lists side by side are
#: a line per name; a three-dot leader beside full ones is a row; a title in capitals qualified in
#: brackets heads; a form's choices in a named group and an image alone in its block read as
#: words; a copyright line with company details is quotable; an e-mail's preview hidden twice is
#: left out; a Markdown image's "!" stays with it.
#: 147: round 51's notes: a badge before an item's words reads in brackets ("(Urgent) UHT
#: milk"); the step a progress tracker is at (``aria-current="step"``) says so.
#: 148: a review of 146: an image is read only alone in a list's item or an uncaptioned figure,
#: or between blocks in a cell (no logo, hero or gallery picture in a ``<div>``); a preview
#: hidden twice only before any shown words, its styles' values whole; a group's choices only
#: where one says something of some words or a figure; among words or in a cell, an option list
#: reads as the option shown, a datalist as nothing; a long title in the largest type stays the
#: title; a part's heading over a lone large line keeps the title, and a Word heading that names a
#: part ("Part A: …") titles nothing; slips are at most 60 lines, and icons, choices and images
#: are read in time linear in their number.
#: 149: round 50's note: a leader row's value wrapped under itself stays the row's.
#: 150: a Markdown image after a sentence on its line keeps its "!" (it had closed the sentence).
CHUNKER_VERSION = "150"


def build_passages(
    text: str,
    sentences: Sequence[Sentence],
    count_tokens: Callable[[str], int],
    max_tokens: int = 128,
    breaks: Sequence[tuple[int, int]] = (),
) -> list[Passage]:
    """Pack sentences greedily; a new section, or a ``breaks`` span between sentences, starts a new one."""
    break_starts = sorted(s for s, _ in breaks)

    def break_between(a: int, b: int) -> bool:
        i = bisect.bisect_left(break_starts, a)
        return i < len(break_starts) and break_starts[i] < b

    passages: list[Passage] = []
    group: list[Sentence] = []
    used = 0

    def flush() -> None:
        nonlocal group, used
        if group:
            start, end = group[0].start, group[-1].end
            passages.append(
                Passage(
                    doc_id=group[0].doc_id,
                    section=group[0].section,
                    section_index=group[0].section_index,
                    start=start,
                    end=end,
                    text=text[start:end],
                    sentence_starts=tuple(s.start for s in group),
                    position=len(passages),
                )
            )
        group, used = [], 0

    for sentence in sentences:
        n = count_tokens(sentence.text)
        if group and (
            sentence.section_index != group[-1].section_index
            or used + n > max_tokens
            or break_between(group[-1].end, sentence.start)
        ):
            flush()
        group.append(sentence)
        used += n
    flush()
    return passages
