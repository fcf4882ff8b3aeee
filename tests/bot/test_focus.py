"""The focus checks: a quote must hold the very detail asked for, not just the topic."""

from __future__ import annotations

from typing import Any

import pytest

from bot.features import answer_type
from bot.focus import detail_missing, focus_of, missing, satisfies


@pytest.mark.parametrize(
    ("question", "text", "ok"),
    [
        # "How many X": a number next to X, not any number anywhere.
        ("How many pages long is the report?", "It cites Article 10 of the treaty.", False),
        ("How many pages long is the report?", "The report runs to 12 pages.", True),
        ("How many settlers lived there?", "Of the original 390 settlers, many had died.", True),
        ("How many square kilometers is the basin?", "It covers 7,000,000 square kilometres.", True),
        ("How many times has Polonia won the cup?", "They won the cup twice as well.", True),
        ("How many warships will be sent?", "Two officials said ships may follow.", False),
        # The plural itself: in "two missile bases" the number counts bases, not missiles.
        ("How many cruise missiles are deployed?", "It offers checks on two missile bases.", False),
        ("How many cruise missiles are deployed?", "Some 40 cruise missiles are deployed.", True),
        ("How many people died in 1466?", "In 1466, perhaps 40,000 people died.", True),
        # "How many people": too generic to look for; any sentence passes this check.
        ("How many people were lost?", "The town lost 30 to 50 thousand inhabitants.", True),
        # A numbered part of a text must be the one asked about (Roman numerals count).
        ("What does Article 5 of the treaty say?", "Article 10 of the treaty reads…", False),
        ("What does Article 5 of the treaty say?", "Under Article 5, an attack on one…", True),
        ("What did phase 2 become?", "DECnet Phase II was an open standard.", True),
        # Other numbers in a question are not required ("Super Bowl 50" is often just "the game").
        ("Who sang at Super Bowl 50?", "Lady Gaga performed the national anthem.", True),
        # "On what date": a calendar date, not "today".
        ("On what date was it published?", "The newspaper published it today.", False),
        ("On what date was it published?", "It was published on January 26.", True),
        ("When was it published?", "The newspaper published it today.", True),
        # A contact detail asked for must be in the quote, whatever the genre.
        ("What's Dr Mehta's phone number?", "Dr Mehta sees patients on Mondays.", False),
        ("What's Dr Mehta's phone number?", "Ring Dr Mehta's surgery on 01632 960 001.", True),
        ("What is the emergency phone number?", "In an emergency, call 999.", True),
        # "How many (sick) days…" counts days, weeks or months, not minutes
        (
            "How many paid sick days do staff get?",
            "Staff get one 30-minute lunch break after six hours.",
            False,
        ),
        ("How many paid sick days do staff get?", "Staff get ten days of paid sick leave a year.", True),
        ("How many weeks of maternity leave can I take?", "You can take up to 52 weeks of leave.", True),
        # "What number do I ring…" asks for a phone number, not an item's or a policy's number
        ("What number do I ring to make a claim?", "3. Have your policy number ready.", False),
        ("What number do I ring to make a claim?", "Call our claims line on 0800 046 7712.", True),
        ("Which number to call out of hours?", "Out of hours, ring 0800 046 7720.", True),
        ("What's Marcus Reid's phone extension?", "Lettings    D01-D08    East wing    Marcus Reid", False),
        ("What's Marcus Reid's phone extension?", "Marcus Reid, ext. 4321", True),
        # A room number is no phone number; an extension called one is.
        ("What is the instructor's phone number?", "- Office: Hadley Hall 311", False),
        # A list item's first word opens it: "Trained 40" is no label like "Room 318".
        ("How many colleagues did she train?", "- Trained 40 colleagues in Excel.", True),
        ("How many colleagues did she train?", "+ Trained 40 colleagues in Excel.", True),
        ("What is the instructor's phone number?", "Dr Nwosu is on ext. 4321.", True),
        ("What is the depot's phone number?", "Take bus line 311 to the depot on 2026-09-14.", False),
        ("What's the email address for refunds?", "Refunds are handled by email within a week.", False),
        ("What's the email address for refunds?", "Write to refunds@shop.example.com.", True),
        ("Which website lists the fixtures?", "Fixtures are posted on the club noticeboard.", False),
        ("Which website lists the fixtures?", "Fixtures are at www.example-fc.org/fixtures.", True),
        # A measure asked for: a time of day, a temperature, a price; a date or a name is not one.
        ("What time did the January meeting start?", "The meeting of 16 January was chaired by Ann.", False),
        ("What time did the January meeting start?", "The meeting opened at 7:30 p.m.", True),
        ("What time does the garden close?", "The garden closes at dusk every day.", True),
        ("What time period does the survey cover?", "The survey covers 1990 to 2010.", True),
        # "What time of the morning / of day" asks for a clock time too; "of year" does not
        ("What time of the morning did the group walk?", "The morning group walked in daylight.", False),
        ("What time of the morning did the group walk?", "The morning group walked at 8am.", True),
        ("What time of year is best for planting?", "Plant in spring.", True),
        # "Which days…": a count of days names none of them ("from six days a week to four")
        ("Which days will the library be open?", "Opening drops from six days a week to four.", False),
        ("Which days will the library be open?", "The library is open seven days a week.", True),
        ("What temperature should the oven be?", "Bake the loaf in a hot oven for 40 minutes.", False),
        ("What temperature should the oven be?", "Bake at 220°C for 40 minutes.", True),
        # the day asked about: a quote about other days only does not answer (one that names no
        # day may); a yes-or-no question is answered by the days there are
        ("What time is the last bus on a Saturday?", "Monday to Friday\nLast bus: 23:10", False),
        ("What time is the last bus on a Saturday?", "Monday to Saturday: last bus 23:10", True),
        ("What time is the last bus on a Saturday?", "The last bus leaves at 23:10.", True),
        ("What time does the pool open at weekends?", "Sat: 8am to 6pm", True),
        ("Is the museum open at 10 on Monday?", "Open 10am to 5pm, Tuesday to Sunday.", True),
        # an age, a power, a voltage, a distance, a way to get in touch, as any genre gives them
        ("Up to what age can kids order from the children's menu?", "Children are welcome until 8pm.", False),
        ("Up to what age can kids order from the children's menu?", "The menu is for under-12s.", True),
        ("What's the wattage of the SPM-550?", "Model: SPM-550. Keep this card.", False),
        ("What's the wattage of the SPM-550?", "The SPM-550's motor is 1000W.", True),
        ("What voltage does the charger take?", "The charger takes 230V mains.", True),
        ("How far is the station?", "The station is a 10 minute walk away.", True),
        ("How far is the station?", "Trains run every hour from the station.", False),
        # a length in words; not a gas meter, a courtyard's yards, a speed
        ("How far is the station?", "The nearest station is Matlock, four miles away.", True),
        ("How far is the beach?", "The beach is half a mile down the lane.", True),
        ("How far is the lake?", "It is a quarter-mile walk to the lake.", True),
        ("How far is the caretaker's house?", "Two meters are fitted in the caretaker's house.", False),
        ("How far is the school?", "Four yards back onto the lane.", False),
        ("How far is the shop?", "The shop is a few hundred yards from the church.", True),
        ("How far is the stop?", "The stop is two hundred metres down the lane.", True),
        ("How far is the school?", "Drive at twenty miles an hour past the school.", False),
        ("How far from the wall does the machine need to be?", "Keep it at least 10 cm from the wall.", True),
        ("How far in advance should I book?", "Book two weeks ahead.", True),  # a length of time
        (
            "How far should I walk?",
            "Walk at a comfortable pace on flat ground for 10 minutes every day.",
            True,
        ),
        ("How do I contact the Valuation Tribunal?", "You can appeal to the Valuation Tribunal.", False),
        ("How do I contact the Valuation Tribunal?", "Write to the Valuation Tribunal at 3 Park Road.", True),
        # "What dates…", "Which night…", "Which row / coach / version…"
        ("What dates are the Baby Friendly matinees?", "Babes in arms are welcome at our matinees.", False),
        ("Which night is the night walk?", "- Torch for the night walk", False),
        ("Which night is the night walk?", "The night walk is on Wednesday.", True),
        ("Which row are the Studio's wheelchair spaces in?", "The Studio has two wheelchair spaces.", False),
        ("Which version of Calibre do I need?", "Optional: Calibre's ebook-meta command.", False),
        ("Which version of Python do I need?", "Python 3.10 or later.", True),
        ("What version of Python does it need?", "Check it worked with `tidyshelf --version`.", False),
        ("How big is the steak - how many ounces?", "- Aged sirloin steak £26.00", False),
        # how often: a frequency, however it is said; how many staff: staff counted
        ("How often should I water it in summer?", "In winter, water half as much as in summer.", False),
        ("How often should I feed my plants?", "Feed them once a month from March.", True),
        ("How often does the shuttle run?", "Sunday: every 40 minutes, 09:00 to 17:00", True),
        ("How often do I have to volunteer?", "We ask for at least two shifts a month.", True),
        ("How often do buses run?", "Only one bus per hour will run.", True),
        ("How often are bins collected?", "Bins are collected on alternate Tuesdays.", True),
        ("How often does the club meet?", "It meets on the first Saturday of the month.", True),
        ("How often do trains run?", "Trains run at 15-minute intervals.", True),
        ("How many staff are there per child?", "The club is for children aged 5 to 11.", False),
        (
            "How many postal votes can I hand in?",
            "If you hand in postal votes, you can hand in your own and up to 5 others.",
            True,
        ),
        ("How many postal votes can I hand in?", "Postal votes must arrive by 10pm on 3 May.", False),
        ("How many tickets can I buy?", "Tickets are sent by post, so please allow 3 more days.", False),
        ("How many staff are there per child?", "We have 1 member of staff for every 8 children.", True),
        # (not a measure that only looks like one: a power of attorney, a journey's times, months,
        # "the sun terrace", "under 5 minutes", "Dr. Patel")
        ("What is the power of attorney?", "A power of attorney lets someone act for you.", True),
        ("What are the journey times to London?", "Journey times to London are about 2 hours.", True),
        ("What months is the outdoor pool open?", "The pool is open from May to September.", True),
        ("What time does the sun terrace open?", "Open Monday to Friday, 9am to 6pm.", True),
        ("How much is a ticket for a child?", "Tickets cost £5; allow under 5 minutes to queue.", True),
        ("Can I see Dr. Patel on Monday?", "Dr Patel works Tuesday to Friday.", True),
        # the group asked about, as a price list tells them apart
        ("How much is an annual pass for a child?", "Annual passes cost £45 per adult.", False),
        ("How much is an annual pass for a child?", "Annual passes: £45 adults, £20 under-16s.", True),
        ("How much is an annual pass for a child?", "An annual pass costs £45.", True),
        ("How much is a family ticket?", "Adults £10, children £5.", False),
        ("Can my kids come to the adult swim?", "Adults only after 7pm.", True),  # yes or no
        # the hours asked for ("What are the opening hours…"), not hours named
        ("What are the licensed hours of the bar?", "Drink only in the bar during licensed hours.", False),
        ("What are the opening hours of the sauna?", "The sauna is open 7am to 9pm.", True),
        ("What are the hours of work?", "You work 37.5 hours a week.", True),  # a number of hours
        # a price in the currency named; a connection's speed; the count of "the maximum number of…"
        ("How much does Premium cost in euros?", "Premium costs £3.99 a month.", False),
        ("How much does Premium cost in euros?", "Premium costs €4.49 a month.", True),
        (
            "What is my guaranteed minimum download speed?",
            "Your speed is shown in your welcome email.",
            False,
        ),
        ("What is my guaranteed minimum download speed?", "Your guaranteed speed is 45 Mbps.", True),
        ("What is the maximum number of savings goals I can set?", "Set a target amount and a date.", False),
        ("What is the maximum number of savings goals I can set?", "You can set up to 10 goals.", True),
        ("Which pool is the Orca class held at?", "| Orca | Stage 7 | Thursday | 17:00 |", False),
        ("Which pool is the Orca class held at?", "All classes are in the learner pool.", True),
        # ... asked with the thing measured between ("What oven temperature…"); a gas mark is a
        # setting of its own, which degrees do not give
        ("What oven temperature does the jollof go in at?", "Cook on the lowest heat for 30 minutes.", False),
        ("What's the water temperature in the pool?", "The pool is heated to 29°C.", True),
        ("What gas mark should the oven be for the cake?", "Heat the oven to 180°C (160°C fan).", False),
        ("What gas mark should the oven be for the cake?", "Heat the oven to 180°C (gas mark 4).", True),
        ("How much does a season ticket cost?", "Season tickets are sold at the ticket office.", False),
        ("How much does a season ticket cost?", "A season ticket costs £240.", True),
        ("What's the late fee?", "Late returns are charged a fee per day.", False),
        ("What's the late fee?", "The late fee is 20p a day.", True),
        ("What's the late fee?", "There is no charge for late returns.", True),
        ("How much did the state spend on roads?", "It spent over 100 billion dollars on roads.", True),
        ("How much is a replacement battery?", "The battery is covered for one year.", False),
        ("How much is colour printing?", "Colour printing is 50p per page.", True),
        ("How much does a student pay?", "Full membership costs GBP 380; students pay GBP 190.", True),
        ("How much is the entry fee?", "Entry is 20 EUR at the door.", True),
        ("How much is the final exam worth?", "Final exam | 40% | 12 May", True),
        ("How much time off do I get?", "Staff may book 25 days of annual leave.", True),
        # a rate in hundredths; a pressure; the opening hours of a place named in two words
        ("What interest rate does the savings account pay?", "The council moved £10,000 into it.", False),
        ("What interest rate does the savings account pay?", "The account pays 3.1% AER.", True),
        ("What's the student discount rate?", "Students pay half price.", True),
        ("At what pressure does the safety valve release water?", "The gauge is under the boiler.", False),
        ("At what pressure does the safety valve release water?", "The valve opens at 3 bar.", True),
        ("What should I do if the pressure drops?", "Top it up with the filling loop.", True),
        ("What is a pressure sore?", "Pressure sores are areas of damaged skin.", True),
        ("What pressure group organised the march?", "Save Our Parks organised it.", True),
        ("What pressure is the government under?", "Ministers face calls to resign.", True),
        ("What was the pressure?", "Pressure: 1013 hPa, falling slowly.", True),
        ("What affects the interest rate?", "Your credit score affects the rate you are offered.", True),
        ("What is the interest rate on the loan?", "The loan is interest-free for the first year.", True),
        ("What are my options outside office hours?", "Outside office hours, call the emergency line.", True),
        ("What time of day should I take the tablets?", "Take one tablet each morning with food.", True),
        ("What are Greenleaf Nursery's opening hours?", "*A care guide from Greenleaf Nursery*", False),
        ("What are Greenleaf Nursery's opening hours?", "We are open 9am to 5pm daily.", True),
        # A speed or a weight: a drill's warranty says nothing of how fast it turns.
        ("What is the drill's top speed?", "The drill has a two-year warranty.", False),
        ("What is the drill's top speed?", "It runs at up to 1,500 rpm.", True),
        # A word before "speed" names the thing: a moving fee is no broadband speed.
        ("What is the broadband speed?", "A moving fee of £25 applies unless you re-contract.", False),
        ("How fast were the winds in 1964?", "Winds reached 110 mph.", True),
        ("How heavy is the tent?", "The tent sleeps four and packs small.", False),
        ("How heavy is the tent?", "The tent weighs 2.4 kg.", True),
        ("What is the weight of a bushel of coal?", "A bushel of coal is 94 pounds.", True),
        # "How long": a length of time (or of a text, a road); a time of day or a date is not one.
        ("How long is Calum Gray's headline set?", "- 19:45 Main Stage: headline set by Calum Gray", False),
        ("How long is the headline set?", "The headline set runs from 19:45 to 21:15.", True),
        ("How long does a repeat prescription take?", "3. Allow three full working days.", True),
        ("How long does the essay have to be?", "| Midterm essay | 30% | 8 March |", False),
        ("How long does the essay have to be?", "Essays should be 2,000–2,500 words.", True),
        ("How long is the warranty?", "The drill is covered by a two-year warranty.", True),
        ("How long did the war last?", "The war lasted from 1914 to 1918.", True),
        ("How long does the offer run?", "The offer runs until 31 March.", True),
        ("How long ago was the bridge built?", "The bridge opened in 1850.", True),
        # "How long has… been…" is answered by where it started, as well as by a length
        ("How long has the firm been around?", "Founded in 2011, the firm is based in Austin.", True),
        ("How long has the shop been trading?", "It has traded from 14 Pendle Street since 2016.", True),
        ("How long has the firm been around?", "The firm is based in Austin, Texas.", False),
        ("How long does the course last?", "The course was founded in 2011.", False),
        # a deadline is no time so far: "have I got to…" wants a length, and "since" a date
        ("How long have I got to return a faulty item?", "Our store opened in 2012 on Park Row.", False),
        ("How long has the pool been shut?", "It is shut since the roof leaked.", False),
        # A contract writes a number twice ("five (5) years"); a reference table gives the unit a cell.
        ("How long is the frame covered?", "1.1 The frame is covered for five (5) years.", True),
        ("How long are messages kept?", "| `retention_days` | `7` | Days that messages are kept. |", True),
        (
            "How long before the first retry?",
            "| `retry_base_delay` | `2` | Seconds before the first retry. |",
            True,
        ),
        ("How long can a queue be?", "| `max_queue_size` | `10000` | Largest number of messages. |", False),
        ("How long is the Year 9 exam?", "| B12 | 30 | Year 9 |", False),
        ("How long is the offer?", "| Q3 | 12 | Terms apply |", False),
        # "How many": some number that is not an amount of money nor a list item's number.
        ("How many of the bikes are e-bikes?", "E-bikes cost an extra 15p per minute.", False),
        ("How many additional drivers can be named?", "1.3 Additional drivers cost £9 a day each.", False),
        ("How many additional drivers can be named?", "1.3 Up to two additional drivers may be named.", True),
        ("How many days of leave do staff get?", "Staff get 25 days of leave a year.", True),
        ("How many people were hurt?", "3 people were hurt.", True),
        # ... nor a number that is part of a name ("Year 6 teacher", "Room 318").
        ("How many sick days do staff get?", "- Miss Ingrid Lindqvist, Year 6 teacher", False),
        ("How many rooms are there?", "It has 40 rooms; Room 318 is the largest.", True),
        ("How many people came?", "Over 200 people came.", True),
        # ... nor a day of a month or a time of day: "9 September, customers…" counts no customers
        ("How many customers complained?", "At 14:02 on 9 September, customers could not pay.", False),
        ("How many customers complained?", "About 40 customers complained on 9 September.", True),
        ("How many people came?", "In all, 1500 people came.", True),  # a bare year may be a count
        (
            "How many people can join the call?",
            "Up to 6 may join the call on Friday.",
            True,
        ),  # "may" is no month
        ("How many hours is a support shift?", "Support shifts run 07:00-15:00.", True),  # a span counts
        # "Which days…": a day of the week (or weekdays, daily), not a person's line.
        ("Which days of the week does Dr Penhaligon work?", "- Dr Rhys Penhaligon, partner", False),
        ("Which days is the library open?", "The library is open Monday to Saturday.", True),
        ("What days are bins emptied?", "Bins are emptied on weekdays.", True),
        ("What days are bins emptied?", "Bins are emptied every day but Sunday.", True),
        # ... which a weekday answers, with no calendar date ("On what date…" still wants one).
        ("Which day of the week is the market held?", "The market is held every Saturday.", True),
        ("Which day of the week is the market held?", "The market is held in the square.", False),
        # Only what/which questions ask for the detail itself.
        ("Can I cancel by email?", "Cancellations are accepted by email until noon.", True),
        ("Is there a phone number for lost property?", "Lost property is kept at reception.", True),
        # A number that measures ("10 ml") or counts another thing ("2 minutes") counts no strawberries.
        ("How many strawberries are needed?", "- 3 strawberries", True),
        ("How many balls of yarn do I need?", "- 1 ball of DK cotton in navy (50 g)", True),
        ("How many strawberries are needed?", "Add 10 ml and squash the strawberries for 2 minutes.", False),
        ("How many strawberries are needed?", "Add 3 large strawberries.", True),
        ("How many bedrooms are there?", "It has 3 spacious bedrooms.", True),
        ("How many courts are there?", "There are 4 tennis courts.", True),
        ("How many guests can come?", "For guests, 4 is the maximum.", True),
        # A protocol says how cold in words; a time said in words is one.
        ("How cold should the alcohol be?", "The alcohol must be as cold as possible.", True),
        ("How cold should the alcohol be?", "The alcohol is flammable.", False),
        ("How hot should the water be?", "Never add boiling water.", False),
        ("What time did she light the lamp?", "She lit the lamp at half past six.", True),
        ("What time does it take?", "It takes two to three hours.", False),
        # "What day…" is answered by a weekday as well as a date; "What date…" only by a date.
        ("What day is pizza day?", "Friday will now be pizza day.", True),
        ("What day is pizza day?", "Pizza is popular.", False),
        ("What date is the fair?", "The fair is on Friday.", False),
        ("What day trips are there?", "Trips to York run in summer.", True),  # no day asked
        # "Which room…" names a room: an exam's date and weight do not say where it is.
        ("Which room is the final exam in?", "| Final exam | 40% | 12 May, 9:00 a.m. |", False),
        ("Which room is the final exam in?", "The final exam is in Room 318.", True),
        ("Which bus goes to the surgery?", "Buses 42 and 43 stop outside.", True),
        ("Which bus goes to the hospital?", "The number 42 stops outside the hospital.", True),
        ("Which room is the exam in?", "Your exam will be held in the Sports Hall.", True),
        ("Which room is the exam in?", "Your exam will be held at the leisure centre.", False),
        ("Which bus goes to the hospital?", "Press number 2 to book a hospital appointment.", False),
    ],
)
def test_a_quote_must_hold_the_detail_asked_for(question: str, text: str, ok: bool) -> None:
    assert satisfies(text, focus_of(question)) is ok


@pytest.mark.parametrize(
    ("question", "text", "gap"),
    [
        # Names and places look different in every genre: a role or a description answers too.
        ("Who goes first?", "The youngest player goes first.", None),
        ("Where do we gather when there's a fire?", "The assembly point is the bench by the gate.", None),
        # Dates and numbers look the same in any text, so their absence still refuses.
        ("When does the pool close?", "The pool closes for cleaning.", "no passage gives the date asked for"),
        (
            "How many lanes are reserved?",
            "The left lanes are reserved.",
            "no passage gives the number asked for",
        ),
        ("When does the pool close?", "The pool closes at 9 p.m. on weekdays.", None),
        (
            "What's Tom Ashby's phone number?",
            "- Volunteer coordinator: Tom Ashby, in the building on Tuesdays and Thursdays only",
            "no passage gives the phone number asked for",
        ),
    ],
)
def test_only_kinds_that_look_alike_in_any_text_are_checked(
    question: str, text: str, gap: str | None
) -> None:
    assert detail_missing([text], question, answer_type(question)) == gap


def test_someone_elses_number_is_not_theirs() -> None:
    """A contact list gives the office's number beside a person's line without one: asked for that
    person's number, the documents don't give it."""
    focus = focus_of("What is Owen Carraway's phone number?")
    own = "- Property manager: Owen Carraway, owen.carraway@lettings.example"
    office = "- Office phone: 01632 960347"
    assert missing([own, office], focus) == "no passage gives the phone number asked for"
    assert missing(["Call Owen Carraway on 01632 960111", office], focus) is None
    # A number in a quote that names nobody still answers for the organisation that wrote it.
    assert missing([office], focus_of("What is Fernhill Lettings' phone number?")) is None


def test_a_detail_filed_under_another_s_name_is_not_theirs() -> None:
    """A choir's "Who's who" lists "Membership secretary: Paul Kwan (membership@…)" and
    "Treasurer: Ruth Bellamy" with no email: "What's the treasurer's email?" was answered with the
    membership secretary's."""
    secretary = "Membership secretary: Paul Kwan (membership@hollowaychoir.org.uk)"
    gap = "no passage gives the email address asked for"
    assert missing([secretary], focus_of("What's the treasurer's email?")) == gap
    assert missing(["- " + secretary], focus_of("What is the treasurer's email address?")) == gap
    assert missing([secretary], focus_of("What is the membership secretary's email?")) is None
    assert missing([secretary], focus_of("What's Paul Kwan's email?")) is None
    # a label that says which kind of detail follows names no one; a detail that writes the
    # owner's name is theirs
    assert missing(["Office phone: 01632 960347"], focus_of("What is the landlord's phone number?")) is None
    assert missing([secretary], focus_of("What's the choir's email address?")) is None
    # a desk, a team or a firm answers for the organisation whose page it is
    assert missing(["Front desk: 01423 496 000"], focus_of("What is the hotel's phone number?")) is None
    assert (
        missing(["Fernhill Lettings: 0113 496 0721"], focus_of("What's the landlord's phone number?")) is None
    )


@pytest.mark.parametrize(
    "question", ["What's the treasurer's email?", "what is her email please", "What's Sandra's mobile?"]
)
def test_a_contact_detail_named_alone_at_the_end_is_asked_for(question: str) -> None:
    assert focus_of(question).contact is not None


@pytest.mark.parametrize(
    "question",
    [
        "What was the email about?",
        "What is the mobile app?",
        "What kind of phone do I need?",
        "What happens if a pupil loses their phone?",
        "What was wrong with last month's email?",
        "What should I include in the email?",
    ],
)
def test_a_detail_word_that_asks_about_something_else_asks_for_no_contact(question: str) -> None:
    assert focus_of(question).contact is None


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("What is the landlord's phone number?", ("landlord",)),
        ("What's the email address of the secretary?", ("secretari",)),
        ("What is the phone number for the office?", ("offic",)),
        ("What is the landlord phone number?", ("landlord",)),  # a word right before the detail
        ("What is the mobile phone number?", ()),  # which kind of number, not whose
        ("What's Owen Carraway's email address?", ("owen", "carraway")),
        # "What's" is no owner, and a question that asks for no contact detail has none.
        ("What is the support email address?", ("support",)),  # the support team's, not another's
        ("What is the landlord's name?", ()),
        # Two words after "for": "customer support" was "customer", which a tenancy's property
        # manager answered with his email address; a small word ends the owner.
        ("What's the email address for customer support?", ("custom", "support")),
        ("What is the phone number for the landlord in an emergency?", ("landlord",)),
        ("What is the website of Fernhill Lettings?", ("fernhil", "let")),
        ("What's the phone number for the landlord please?", ("landlord",)),
    ],
)
def test_whose_detail_is_named_by_a_possessive_or_of(question: str, owner: tuple[str, ...]) -> None:
    assert focus_of(question).whose == owner


def test_questions_without_a_focus_pass_everything() -> None:
    focus = focus_of("What does NATO say about arms control?")
    assert focus.empty and missing(["anything at all"], focus) is None


@pytest.mark.parametrize(
    ("text", "question", "reason"),
    [
        ("Article 10 reads…", "What does Article 5 say?", "no passage mentions 5"),
        ("It was today.", "On which date did it happen?", "no passage gives the date asked for"),
        (
            "Bake the loaf in a hot oven.",
            "What temperature should the oven be?",
            "no passage gives the temperature asked for",
        ),
        ("Serve warm.", "How long does the cake keep?", "no passage gives the length of time asked for"),
        (
            "E-bikes cost an extra 15p per minute.",
            "How many of the bikes are e-bikes?",
            "no passage gives the number asked for",
        ),
    ],
)
def test_the_reason_names_what_is_missing(text: str, question: str, reason: str) -> None:
    assert missing([text], focus_of(question)) == reason


@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        # when it starts does not say when it ends: "from 7pm", "Doors open at 7", "Starts at 2pm"
        ("What time does the get-together finish?", "The get-together is at The Wheatsheaf from 7pm.", False),
        ("What time does the get-together finish?", "…from 7pm, so come along to say hello.", False),
        ("What time does the party end?", "Doors open from 7pm; remember to bring a plate.", False),
        ("How late does the fete go on?", "Late arrivals are welcome. Starts at 2pm.", False),
        # a span of times, a time not marked as a start, or a date for "When…", does
        ("When does the pool close on Sunday?", "Sunday: 8:00 a.m. to 4:00 p.m.", True),
        ("How late is the surgery open on Tuesdays?", "Tuesday        8:00am - 8:00pm", True),
        ("What time does the car park close?", "Gates are locked at 10pm.", True),
        ("How late can I return the keys?", "Keys must be returned by 6pm.", True),
        ("When will the roadworks be over?", "The roadworks will be over by 4 July.", True),
        ("When does the offer end?", "Offer expires 31 March.", True),
        ("When does the shop close?", "The exhibition shop is open until 5:30 p.m.", True),
        ("When does the tour end?", "The tour ends after breakfast.", True),
        (
            "When does the summer term end?",
            "Summer term: Monday 12 April 2027 to Wednesday 21 July 2027",
            True,
        ),
        ("What time does the centre close on Saturday?", "| Saturday | 08:00 | 18:00 |", True),
        # ... but a date is no time of day: "What time…" needs one
        ("What time does the fair close?", "The fair runs until 12 July.", False),
        # "bus stop" asks for no end; "What time does the shop open?" for a time of day
        ("When does the bus stop at Upton?", "Buses stop at Upton every hour.", True),
        ("What time does the shop open?", "Open from 9am.", True),
    ],
)
def test_a_question_about_when_something_ends_needs_its_end(question: str, text: str, answers: bool) -> None:
    assert (missing([text], focus_of(question)) is None) is answers


def test_the_service_abstains_when_the_numbered_article_is_absent(default_service: Any) -> None:
    """The documents write "5" elsewhere, but no quote about the treaty mentions Article 5."""
    answer = default_service.ask("What does Article 5 of the Washington Treaty say?")
    assert answer.abstained and answer.reason == "no passage mentions 5"
    # The closest passage is still offered, as a closest match, not as an answer.
    assert answer.closest is not None and not answer.quotes
    # The numbered article the documents do quote is answered.
    assert not default_service.ask("What does Article 10 of the Washington Treaty say?").abstained


def test_kids_are_counted_as_the_children_a_text_counts() -> None:
    """ "What's the minimum number of kids for a Jump Party?" was refused over a row that counts
    children: an everyday word for what a text counts under another name."""
    question = "How many kids can come to the party?"
    assert detail_missing(["Up to 20 children can come to a party."], question, "number") is None
    assert detail_missing(["Up to 20 adults can come to a party."], question, "number") is not None
