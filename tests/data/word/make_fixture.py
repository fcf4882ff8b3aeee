"""Write ``garden-handbook.docx``, the Word document the .docx tests read.

It is made with python-docx (not a dependency of Quotebot: Quotebot reads .docx with the standard
library only), so the file is what a real writer of Word files produces: Word's default template,
its "Title", "Heading 1", "List Bullet" and "List Number" styles, a "Table Grid" table, bold runs,
a manual line break and a tab. Run it only to change the fixture::

    python -m venv /tmp/docx && /tmp/docx/bin/pip install python-docx==1.2.0
    /tmp/docx/bin/python tests/data/word/make_fixture.py
"""

from pathlib import Path

from docx import Document  # type: ignore[import-not-found]

doc = Document()
doc.add_paragraph("Greenway Community Garden", style="Title")
intro = doc.add_paragraph("Volunteer Handbook, spring 2026")
intro.add_run().add_break()
intro.add_run("Written by the garden committee for new and returning volunteers.")

doc.add_heading("Opening times", level=1)
doc.add_paragraph("The garden gate is unlocked by the first key holder to arrive.")
table = doc.add_table(rows=1, cols=3)
table.style = "Table Grid"
for cell, text in zip(table.rows[0].cells, ["Session", "Day", "Time"], strict=True):
    cell.paragraphs[0].add_run(text).bold = True
for row in [
    ("Weeding and watering", "Tuesday", "6:00 pm to 8:00 pm"),
    ("Main work party", "Saturday", "9:30 am to 12:30 pm"),
    ("Harvest share", "Sunday", "11:00 am to 12:00 pm"),
]:
    cells = table.add_row().cells
    for cell, text in zip(cells, row, strict=True):
        cell.text = text

doc.add_heading("What to bring", level=1)
for item in ["Gardening gloves and sturdy boots", "A refillable water bottle", "Sun cream in summer"]:
    doc.add_paragraph(item, style="List Bullet")
doc.add_paragraph("Tools are kept in the green shed; the padlock code is given out at induction.")

doc.add_heading("Your first visit", level=1)
for step in [
    "Sign in at the noticeboard by the gate.",
    "Ask the session lead for a short safety talk.",
    "Pick a job from the whiteboard in the shed.",
]:
    doc.add_paragraph(step, style="List Number")

doc.add_heading("Questions volunteers ask", level=1)
q = doc.add_paragraph()
q.add_run("Can I bring my children?").bold = True
doc.add_paragraph("Yes. Children under 14 must stay with a parent or carer at all times.")
q = doc.add_paragraph()
q.add_run("Do I have to come every week?").bold = True
doc.add_paragraph("No. Come when you can; we only ask you to sign in each time.")

doc.add_heading("Contacts", level=1)
p = doc.add_paragraph()
p.add_run("Volunteer coordinator:").bold = True
p.add_run("\tPriya Natarajan, 07700 900 451")
doc.add_paragraph("Compost is collected by the council on the first Monday of each month.")

doc.save(str(Path(__file__).with_name("garden-handbook.docx")))
