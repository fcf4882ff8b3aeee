"""Features are set and read by name; answer kinds are read from the question's leading wh-phrase."""

from __future__ import annotations

import numpy as np
import pytest

from bot.features import (
    CANDIDATE_FEATURES,
    FeatureTable,
    _proper_names,
    answer_text,
    answer_type,
    asked_clause,
    detail_terms,
    has_answer_type,
    priced_rows,
    vocab_share,
    z_score,
)
from bot.focus import detail_missing


def test_columns_are_set_and_read_by_name() -> None:
    table = FeatureTable.empty(3)
    table["dense"] = [0.1, 0.2, 0.3]
    table["short"] = 1.0
    assert table["dense"].tolist() == pytest.approx([0.1, 0.2, 0.3])
    assert table.row(2)["dense"] == pytest.approx(0.3) and table.row(0)["short"] == 1.0
    assert table["cov"].tolist() == [0.0, 0.0, 0.0]


def test_an_unknown_feature_name_is_an_error_not_a_silent_column() -> None:
    table = FeatureTable.empty(1)
    with pytest.raises(KeyError, match="no feature named 'densee'"):
        table["densee"] = 1.0
    with pytest.raises(ValueError, match="unknown"):
        table.weights({**dict.fromkeys(CANDIDATE_FEATURES, 0.0), "extra": 1.0})
    with pytest.raises(ValueError, match="missing"):
        table.weights({"dense": 1.0})


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When does the treaty expire?", "date"),
        ("How many missiles are deployed?", "number"),
        ("Who signed the response?", "name"),
        ("Where will the talks be held?", "place"),
        ("What does NATO say?", None),
        # a risk's height or a temperature need not be a number
        ("How high is the risk of flooding?", None),
        ("How cold should the alcohol be?", None),
        # a match report's minute is a number ("45+1' Yellow card"); an age or a score may be words
        ("In what minute was Grant booked?", "number"),
        ("What age is the toddler group for?", None),
        ("What score do I need to pass?", None),
    ],
)
def test_answer_kind(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind


def test_a_kind_already_named_in_the_question_does_not_count() -> None:
    assert has_answer_type("The talks begin on Monday.", "date", "When do the talks begin?")
    # a programme's own days: an onboarding checklist's "End of Day 3"
    assert has_answer_type("| Form I-9 | HR office | End of Day 3 |", "date", "When is the I-9 due?")
    assert has_answer_type("Swimming starts in Week 2.", "date", "When does swimming start?")
    # a weekday in the plural: "which day do they need swimming stuff?"
    assert has_answer_type("- A swimming kit and towel on Wednesdays only", "date", "Which day is swimming?")
    # ... written so: "a day 3 times" is a dose, not a day
    assert not has_answer_type("Take one tablet a day 3 times.", "date", "When do I take it?")
    assert not has_answer_type("The talks begin on Monday.", "date", "Do the talks begin on Monday?")
    # how often something that recurs does it says when it does; not when a single event is
    assert has_answer_type(
        "The 110 bus stops at the end of our lane twice a day.", "date", "When does the 110 bus run?"
    )
    assert has_answer_type(
        "The choir meets every other week in the hall.", "date", "When does the choir meet?"
    )
    assert not has_answer_type("Lessons run weekly.", "date", "When does the next term start?")
    assert not has_answer_type("Feed it twice a day.", "date", "When is the vet open?")
    # the asker's own steps, a phrasal verb of one event, a weekly ticket are no schedule
    assert not has_answer_type("Take one capsule twice a day.", "date", "When do I stop taking the capsules?")
    assert not has_answer_type("Report to the police every month.", "date", "When does the permit run out?")
    assert not has_answer_type("A weekly ticket costs £15.", "date", "When does the X5 bus run?")
    # ... nor an opening, as often a one-off; but one's own club's schedule is a schedule, said any way
    assert not has_answer_type(
        "The café is open every day.", "date", "When does the new leisure centre open?"
    )
    assert has_answer_type(
        "The book club meets every fourth Tuesday.", "date", "When does my book club meet?"
    )
    assert has_answer_type("Sailings every two hours from Oban.", "date", "When does the ferry sail to Mull?")
    assert has_answer_type(
        "The 110 stops at Mill Lane twice a day.", "date", "When does the 110 stop at Mill Lane?"
    )
    assert has_answer_type("The shuttle runs hourly.", "date", "When does the shuttle run?")
    assert not has_answer_type("The tablets work every time.", "date", "When does the medicine stop working?")
    assert has_answer_type("Two ships sailed.", "number") and not has_answer_type("Ships sailed.", "number")


@pytest.mark.parametrize(
    "text",
    [
        "Printing costs 10p per colour page.",
        "The basket holds up to 5kg.",
        "Insert a 2GB card.",
        "It is on the 3rd floor.",
    ],
)
def test_a_number_with_its_unit_glued_on_is_a_number(text: str) -> None:
    """Prices, weights and sizes are often written "10p", "5kg": "How much is colour printing?" was
    refused for want of a number beside "50p per colour page"."""
    assert has_answer_type(text, "number", "How many are there?")
    assert not has_answer_type("Printing is charged per page.", "number", "How many are there?")


def test_a_price_question_wants_an_amount_of_money() -> None:
    """ "How much is the museum trip?" of a newsletter: "Year 4 will visit the Natural History
    Museum on Tuesday 10 March" holds numbers but no price; "The cost of the trip is £12.50" does.
    "Gluten-free" is no price."""
    q = "How much is the museum trip?"
    assert not has_answer_type("Year 4 will visit the museum on Tuesday 10 March.", "number", q)
    assert has_answer_type("The cost of the trip is £12.50.", "number", q)
    assert has_answer_type("Entry is free for children.", "number", q)
    assert not has_answer_type("Gluten-free options are available.", "number", q)
    assert not has_answer_type("Feel free to ask at the desk.", "number", q)
    # A time of day is no price ("4:00 p.m." is not "00 p"); a sum in words is one.
    q = "How much does the tour cost?"
    assert not has_answer_type("Meet your tour manager at the hotel at 4:00 p.m.", "number", q)
    assert has_answer_type("Three pounds and ten shillings a week.", "number", "How much was she paid?")
    assert has_answer_type("It cost fourteen pounds.", "number", "How much was she paid?")
    # pay as a policy gives it: a share of salary, "full pay"; not any percentage
    q = "What is maternity pay in weeks 7 to 26?"
    assert has_answer_type("| Maternity | 100% of salary | 75% of salary |", "number", q)
    assert has_answer_type("Sick leave is on full pay for 4 weeks.", "number", q)
    assert not has_answer_type("75% of staff took their leave.", "number", q)
    assert not has_answer_type("Beat in a pound of butter.", "number", "How much does the cake cost?")
    # A game's or a scheme's price is counted in its own tokens; a deposit to pay names no amount.
    q = "What does it cost to swap a card?"
    assert has_answer_type("Or pay one coin to swap a card with the discard pile.", "number", q)
    assert has_answer_type("A swap costs 3 credits.", "number", q)
    assert not has_answer_type("You must pay a deposit.", "number", q)


@pytest.mark.parametrize(
    "question",
    [
        "What is the salary for the assistant librarian?",
        "What's the late fee?",
        "What is the rent?",
        # an insurer's, a subscriber's or a body's sums
        "What is the excess on a home emergency claim?",
        "What is the annual budget of the secretariat?",
        "What is the premium?",
    ],
)
def test_what_is_the_salary_or_the_fee_asks_for_a_price(question: str) -> None:
    """A job advert's "What is the salary…" was answered with its opening sentence, which repeats
    the job's title: asked as "What is the…", a price was not looked for."""
    assert answer_type(question) == "number"
    assert has_answer_type("The salary is £24,500 per year pro rata.", "number", question)
    assert not has_answer_type(
        "We are looking for an Assistant Librarian for 22.5 hours a week.", "number", question
    )


@pytest.mark.parametrize(
    "question",
    [
        "What is the pay date?",
        "What's the deposit scheme?",
        "What are the pay arrangements?",
        "What day trips are there?",
        "What are the premium features?",
        "What is the subscription plan?",
    ],
)
def test_a_price_word_that_names_something_else_asks_for_no_price(question: str) -> None:
    """ "pay date", "deposit scheme": the price word only qualifies what is asked about (so does
    "day" in "day trips")."""
    assert answer_type(question) is None


@pytest.mark.parametrize(
    "question", ["What is the rent each month?", "What are the fees this year?", "So what is the rent?"]
)
def test_a_price_asked_with_more_words_is_still_a_price(question: str) -> None:
    assert answer_type(question) == "number"


@pytest.mark.parametrize(
    "text",
    [
        "Children aged eight to twelve.",
        "Children aged five to eleven.",
        "One to one tutoring.",
        "We won two to one.",
        "We won ten to one.",
        "Read chapters 3 to 5.",
        "In groups of five to ten people.",
    ],
)
def test_a_range_or_a_score_is_no_time_of_day(text: str) -> None:
    assert not has_answer_type(text, "date", "What time does it start?")


def test_a_time_relative_to_another_answers_when() -> None:
    """ "Closes 30 minutes before the main library" says when, in any genre."""
    q = "When does the children's corner close?"
    assert has_answer_type("The corner closes 30 minutes before the main library.", "date", q)
    assert has_answer_type("Book a day ahead.", "date", "When should I book?")
    assert not has_answer_type("The corner has 30 chairs.", "date", q)
    # "What time…" wants the time itself: "7:30 p.m.", not "30 minutes before the library".
    assert not has_answer_type("It closes 30 minutes before the library.", "date", "What time does it close?")


def test_a_time_said_from_a_moment_of_the_day_answers_what_time() -> None:
    """A museum's "Last entry is 45 minutes before closing." was refused for "What time is last
    entry?": a time of day said from closing, the start or the doors is one too."""
    assert has_answer_type("Last entry is 45 minutes before closing.", "date", "What time is last entry?")
    assert has_answer_type("Please arrive 20 minutes before the start.", "date", "What time should I arrive?")
    assert has_answer_type("Doors close an hour after the doors open.", "date", "What time do doors close?")
    assert not has_answer_type("The tour lasts 45 minutes.", "date", "What time is the tour?")
    assert not has_answer_type("Lockers cost £1 for 2 hours.", "date", "What time do lockers open?")


def test_the_verb_asked_about_then_a_month_or_a_moment_answers_when() -> None:
    """A constitution's "The Annual General Meeting is held in October" and an itinerary's "The
    tour ends after breakfast" say when; a place after the verb, or a month elsewhere, does not."""
    assert has_answer_type("The Annual General Meeting is held in October.", "date", "When is the AGM held?")
    assert has_answer_type("The tour ends after breakfast.", "date", "When does the tour end?")
    assert not has_answer_type("The AGM is held at the village hall.", "date", "When is the AGM held?")
    assert not has_answer_type("Tickets go on sale in October.", "date", "When is the AGM held?")
    # a step's moment may be a period of the year: "When do I put in a request…?"
    q = "When do I put in a request if I want to buy more days off?"
    assert has_answer_type(
        "Requests to buy holiday must be made during the January enrolment window.", "date", q
    )
    assert has_answer_type("Prune in late February.", "date", "When should I prune the roses?")
    assert not has_answer_type("You may prune the roses.", "date", "When should I prune the roses?")
    assert has_answer_type("The bridge was rebuilt after the flood.", "date", "When was the bridge rebuilt?")
    assert has_answer_type("The pool is open until the swim club arrives.", "date", "When is the pool open?")
    q = "When are claims paid?"
    assert has_answer_type("Claims are paid with the next monthly salary.", "date", q)
    assert has_answer_type(
        "The club meets on the first Monday of each month.", "date", "When does the club meet?"
    )
    assert not has_answer_type("Claims are paid by bank transfer.", "date", q)
    assert not has_answer_type("It was built on the first floor.", "date", "When was it built?")
    q = "When is the market held?"
    assert not has_answer_type("The market is held at the end of the high street.", "date", q)
    assert not has_answer_type("The market is held in the next village.", "date", q)
    q = "When does the game end?"
    assert has_answer_type("The game ends when the last lighthouse is claimed.", "date", q)
    assert not has_answer_type("The game ends with a count of points.", "date", q)


def test_who_made_something_asks_for_a_name_not_a_role() -> None:
    """ "Who designed Harbour Lights?" was answered with "a card game for 2 to 5 players" (0.52):
    a maker is named; a role still answers "Who goes first?"."""
    q = "Who designed Harbour Lights?"
    assert not has_answer_type("Harbour Lights is a card game for 2 to 5 players.", "name", q)
    assert has_answer_type("Harbour Lights was designed by Ana Ruiz.", "name", q)
    assert has_answer_type("The youngest player goes first.", "name", "Who goes first?")
    assert has_answer_type("The secretary wrote the minutes.", "name", "Who wrote the minutes?")


def test_the_name_of_someone_named_by_a_role_asks_who() -> None:
    """ "What's the name of the on-call IT engineer?" was answered with "urgent problems go to the
    on-call engineer": the role asked about is no name. "The name of the ferry" asks for no person."""
    q = "What's the name of the on-call IT engineer?"
    assert answer_type(q) == answer_type("What is the landlord's name?") == "name"
    assert not has_answer_type(
        "Urgent problems go to the on-call engineer through the emergency line.", "name", q
    )
    assert has_answer_type("The on-call engineer this week is Sam Patel.", "name", q)
    assert answer_type("What was the name of the ferry?") is None


def test_a_place_without_a_proper_name_answers_where() -> None:
    """ "Where are the crates?" of an email: "delivered to the basement store room" is a place, as
    a handbook gives one; a table to play a card on is none."""
    q = "Where are the crates?"
    assert has_answer_type("The crates have been delivered to the basement store room.", "place", q)
    assert has_answer_type("Meet by the main gate.", "place", "Where do we meet?")
    assert not has_answer_type("Play a card on the table.", "place", q)
    assert not has_answer_type("Each team can collect up to ten crates.", "place", q)
    q = "Where did she keep the medal?"
    assert has_answer_type("She kept it in a tin under her bed for the rest of her life.", "place", q)
    # a field of study, a school's holidays, its governors, a web site: no place
    for text in [
        "She is a leading expert in her field.",
        "The club runs in the school holidays.",
        "Chosen by the school governors.",
        "Cookies on this site.",
    ]:
        assert not has_answer_type(text, "place", "Where is it?")
    for text in ["Meet on the top field.", "Park at the main site.", "It is heard at the county court."]:
        assert has_answer_type(text, "place", "Where is it?")


def test_where_software_keeps_or_sends_something_is_a_place() -> None:
    """ "Where do logs go?" of a configuration reference: "Logs go to standard error." was refused
    for want of a place; a path or a stream is where software puts things."""
    for text, q in [
        ("Logs go to standard error.", "Where do logs go?"),
        ("| `data_dir` | `./data` | Folder where queues are stored. |", "Where are queues stored?"),
        ("The cache lives in ~/.cache/tidepool by default.", "Where is the cache?"),
        ("Errors are printed to stderr.", "Where are errors printed?"),
        ("Settings are saved in %APPDATA% on Windows.", "Where are settings saved?"),
    ]:
        assert has_answer_type(text, "place", q), text
    # a slash between words or numbers is no path
    for text in [
        "Bring a pen and/or a pencil.",
        "It runs at 25 km/h, 24/7.",
        "See https://example.com/help",
        "<div>the hall seats 200 people.</div>",  # markup is no path
    ]:
        assert not has_answer_type(text, "place", "Where is it?"), text


def test_where_something_goes_is_answered_by_whom_to() -> None:
    """ "Where should donations go?" of an obituary: "…may be made to the swimming club" says where,
    as "Where do I send…" is answered by whom to."""
    text = "Donations in her memory may be made to the swimming club."
    assert has_answer_type(text, "place", "Where should donations go?")
    assert has_answer_type(text, "place", "Where can donations be made?")
    assert not has_answer_type(text, "place", "Where is the funeral?")
    # "made" and "given" say how a thing comes about, not whom it goes to
    returned = "Unwanted candles can be returned to the shop within 30 days."
    assert not has_answer_type(returned.replace("the shop", "us"), "place", "Where are your candles made?")
    assert not has_answer_type(
        "Kittens go to the vet at 9 weeks.", "place", "Where are the kittens given jabs?"
    )


def test_a_span_counted_from_an_event_answers_when() -> None:
    """ "When will I get my first bill?" of an FAQ: "seven days after your installation date" says
    when; so do "within 30 days of receipt" and "after the first six months" of a tenancy."""
    assert has_answer_type(
        "Your first bill is issued seven days after your installation date.",
        "date",
        "When will I get my first bill?",
    )
    assert has_answer_type("It is protected within 30 days of receipt.", "date", "When is it protected?")
    q = "When can the tenant end the tenancy?"
    assert has_answer_type("The Tenant may end the tenancy after the first six months.", "date", q)
    assert not has_answer_type("The tenancy lasts for twelve months.", "date", q)


def test_a_condition_answers_when_to_do_a_step() -> None:
    """ "When do I pour the drizzle on?" of a recipe: "while it is still warm" says when, and was
    refused for want of a date. Past and third-person questions still want a date."""
    q = "When do I pour the drizzle on?"
    assert has_answer_type("Pour the drizzle over the cake while it is still warm.", "date", q)
    assert has_answer_type("Register your drill within 30 days.", "date", "When should I register?")
    assert has_answer_type("Clean the vents every month.", "date", "When should you clean the vents?")
    assert not has_answer_type("Pour the drizzle over the cake.", "date", q)
    assert not has_answer_type("It was signed while talks went on.", "date", "When was it signed?")
    assert not has_answer_type("Crews will come after the survey.", "date", "When will the light be fixed?")


def test_a_condition_answers_when_ones_own_may_do_something() -> None:
    """A grooming salon's "When can my puppy have its first groom?" was refused for want of a date
    over "Puppies can have their first groom once they have had all their vaccinations"."""
    q = "When can my puppy have its first groom?"
    text = (
        "Puppies can have their first groom once they have had all their vaccinations, usually from 16 weeks."
    )
    assert has_answer_type(text, "date", q)
    assert has_answer_type("Children can join after they turn five.", "date", "When can our daughter join?")
    assert not has_answer_type("Puppies are groomed by Sam.", "date", q)
    # what will be done to one's own, or what one's own is, still wants a date
    assert not has_answer_type("Crews come after the survey.", "date", "When will my boiler be fixed?")
    assert not has_answer_type("Crews come after the survey.", "date", "When can my boiler be fixed?")


def test_a_run_of_months_answers_when() -> None:
    """ "When is the museum open?" of "a small museum, open from April to October": a season."""
    q = "When is the museum open?"
    assert has_answer_type("The museum is open from April to October.", "date", q)
    assert has_answer_type("Open May–September.", "date", q)
    assert not has_answer_type("You may and must book.", "date", q)


def test_a_condition_answers_when_a_rule_applies() -> None:
    """ "When is service suspended?" asks for a rule, which a condition states: "If a bill remains
    unpaid for 60 days, your service may be suspended." "When is the meeting?" still wants a date."""
    text = "If a bill remains unpaid for 60 days, your service may be suspended."
    assert has_answer_type(text, "date", "When is service suspended for non-payment?")
    assert has_answer_type("Bins go out every Monday.", "date", "When are the bins collected?")
    assert not has_answer_type("If it rains, the meeting moves indoors.", "date", "When is the meeting?")
    # "When is a battery considered defective?" asks for the condition a rule sets: any "if" gives it.
    q = "When is a battery considered defective?"
    assert has_answer_type(
        "It is considered defective only if it holds less than 60% of its capacity.", "date", q
    )
    assert not has_answer_type("The battery is considered a consumable part.", "date", q)
    assert not has_answer_type("If it rains, it moves.", "date", "When is the meeting considered?")
    # a participle before its noun is an adjective: these ask for a date
    for q in ["When are classified ads published?", "When will the treated timber be delivered?"]:
        assert not has_answer_type("If you want to place an ad, email us.", "date", q), q
    # "Need" is no participle: the concert wants its date.
    assert not has_answer_type("If it rains, it moves.", "date", "When is the Children in Need concert?")


def test_what_time_wants_a_time_of_day_not_a_date() -> None:
    """ "What time should singers arrive for the concert?": "The concert is on Saturday 13 December"
    holds a date but no time; "Call time is 5:00 p.m." does."""
    q = "What time should singers arrive for the winter concert?"
    assert not has_answer_type("The winter concert is on Saturday 13 December.", "date", q)
    assert has_answer_type("Call time is 5:00 p.m. for a 7:00 p.m. start.", "date", q)
    assert has_answer_type("The winter concert is on Saturday 13 December.", "date", "When is the concert?")


def test_a_contact_detail_covers_the_word_that_asks_for_it() -> None:
    """ "What's the instructor's email?" of "Instructor: Dr. Amara Okafor (a.okafor@univ.example).":
    the address says "email" though the word is not there."""
    assert "email" in detail_terms("Instructor: Dr. Okafor (a.okafor@univ.example).")
    assert "phone" in detail_terms("Reception: 01632 960 001.")
    assert "websit" in detail_terms("See www.example.org for the timetable.")
    assert not detail_terms("Instructor: Dr. Amara Okafor, Room 318.")
    assert "phone" not in detail_terms("The hall seats 1,200 people.")


def test_a_number_to_call_answers_who_to_call() -> None:
    """ "Who do I ring…" is answered by "call 111" or "the facilities team on 01632 960123"; other
    "who" questions still need a name."""
    assert has_answer_type("When we are closed, call 111.", "name", "Who do I ring at night?")
    assert has_answer_type("Email help@bikes.example.", "name", "Who should I contact about a refund?")
    assert not has_answer_type("It opened in 1999.", "name", "Who opened it?")
    assert not has_answer_type("when we are closed, call the out-of-hours line.", "name", "Who do I ring?")


def test_helpers() -> None:
    assert vocab_share(["a", "b", "b"], {"a"}) == 0.5 and vocab_share([], {"a"}) == 0.0
    assert np.allclose(z_score(np.array([1.0, 3.0])), [-1.0, 1.0])
    assert z_score(np.array([2.0])).tolist() == [0.0]


def test_a_role_answers_who_as_a_name_does() -> None:
    """Rules, letters and handbooks answer "Who…" with a role, not a name: "Who goes first?" was
    refused above "The youngest player goes first", for want of a capitalised name."""
    q = "Who goes first?"
    assert has_answer_type("The youngest player goes first, and play passes to the left.", "name", q)
    assert has_answer_type("The treasurer reported a balance of £2,418.", "name", "Who reported the balance?")
    assert has_answer_type("It was signed by Jens Stoltenberg.", "name", "Who signed it?")
    assert not has_answer_type("Shuffle the weather deck and deal three cards.", "name", q)
    # A role the question already names is not its answer, and a role is not a place.
    assert not has_answer_type("The player rolls again.", "name", "Which player rolls again?")
    assert not has_answer_type("Ask a member of staff.", "place", "Where do I ask?")


def test_who_is_the_role_asks_for_a_name() -> None:
    """ "Who is the club captain?" asks whose name; the duty coach's line is no answer, and the word
    after a list item's bullet is no name for being capitalised."""
    q = "Who is the club captain?"
    assert not has_answer_type("* Always tell the duty coach which way you are rowing.", "name", q)
    assert has_answer_type("The club captain this season is Jo Marsh.", "name", q)
    assert has_answer_type("- Captain: Jo Marsh (captain@club.example)", "name", q)
    # So does "Who will be the new chair?": nominations going to the secretary name no one.
    assert not has_answer_type(
        "Nominations for a new chair should be sent to the secretary.", "name", "Who will be the new chair?"
    )
    assert not has_answer_type("- Always tell the coach.", "place", "Where do I sign the form?")


def test_a_name_after_an_initial_or_a_title_is_a_name() -> None:
    """A newsletter signs off "Mr D. Okonjo / Headteacher": "D." ends no sentence, so "Okonjo" is
    a name, and "Who is the headteacher?" is answered (0.11 before, refused)."""
    assert has_answer_type("Mr D. Okonjo\nHeadteacher", "name", "Who is the headteacher?")
    assert has_answer_type("The clinic is run by Dr. Okafor.", "name", "Who is the doctor?")
    assert not has_answer_type("The term ends. Then the head retires.", "name", "Who is the head?")


def test_where_to_send_is_answered_by_whom_to() -> None:
    """ "Where do I send nominations?" of minutes: "should be sent to the secretary" answers it."""
    q = "Where do I send nominations for chair?"
    assert has_answer_type("Nominations for a new chair should be sent to the secretary.", "place", q)
    assert not has_answer_type("Nominations close soon.", "place", q)
    assert not has_answer_type("Talk to the secretary.", "place", "Where is the office?")


def test_a_section_label_s_date_dates_its_sentences() -> None:
    """Under "3.2.0 - 2026-09-14 › Added", "- Support for Python 3.13." answers "When…"; a label
    without a date adds nothing, and only a date is read from a label."""
    q = "When was Python 3.13 support added?"
    assert has_answer_type(
        answer_text("- Support for Python 3.13.", "3.2.0 - 2026-09-14 › Added", "date"), "date", q
    )
    assert not has_answer_type(answer_text("- Support for Python 3.13.", "Added", "date"), "date", q)
    assert answer_text("Six tablets a day.", "Day 2 - 12 May", "number") == "Six tablets a day."
    # a room's number is no date
    assert not has_answer_type(
        answer_text("The alarm is tested regularly.", "Room 101 › Fire safety", "date"),
        "date",
        "When is the fire alarm tested?",
    )


def test_an_faq_question_asking_how_many_frames_its_answer() -> None:
    """Under "Borrowing › How many books can I borrow?", "Adults can borrow up to 15 items" counts
    books; the FAQ's question is read with it (not its section), and only for a number."""
    from bot.focus import focus_of, satisfies

    label = "Borrowing › How many books can I borrow?"
    text = "Adults can borrow up to 15 items at a time."
    read = answer_text(text, label, "number")
    assert read == f"How many books can I borrow?\n{text}"
    assert satisfies(read, focus_of("How many books can I borrow?"))
    assert not satisfies(read, focus_of("How many DVDs can I borrow?"))
    assert answer_text(text, label, "place") == text
    assert answer_text(text, "Borrowing › Can I renew online?", "number") == text


HEADER = "| Item | Duration | Price (GBP) |"


def test_a_bare_amount_under_a_currency_s_column_is_a_price() -> None:
    """A spreadsheet's "| Sauna | 45 min | 7.50 |" gave no price to "How much is a sauna?": its
    currency is in the column's header, "Price (GBP)"."""
    text = priced_rows("| Sauna | 45 min | 7.50 |", HEADER)
    assert text == "| Sauna | 45 min | 7.50 |\nGBP 7.50"  # the row as written, then its amount
    assert has_answer_type(text, "number", "How much is a sauna?")
    assert not has_answer_type("| Sauna | 45 min | 7.50 |", "number", "How much is a sauna?")


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("| Course | Room | Day |", "| Pottery |  | Tuesday |"),  # a header's word over an empty cell
        ("| Part | CAD ref | Qty |", "| Bracket | 2041 | 4 |"),  # a code that is no currency
        (HEADER, "| Sauna | 45 min | TBC |"),  # no amount to price
        (HEADER, "| Sauna | 45 min |"),  # another shape
    ],
)
def test_nothing_but_a_bare_amount_under_a_currency_is_added(header: str, row: str) -> None:
    assert priced_rows(row, header) == row


def test_a_whole_number_under_a_column_of_things_counts_them() -> None:
    """A party venue's "| Jump Party | £12.50 | 10 |" under "| Package | Price per child | Minimum
    children |" was refused for "What's the minimum number of children for a Jump Party?" ("no
    passage gives the number asked for"): the 10 counts the children its column names."""
    header = "| Package | Price per child | Minimum children | Places |"
    row = "| Jump Party | £12.50 | 10 | 1,200 |"
    question = "What's the minimum number of children for a Jump Party?"
    text = priced_rows(row, header, question)
    assert text == f"{row}\n10 Minimum children.\n1,200 Places."
    assert detail_missing([text], question, "number") is None
    assert detail_missing([row], question, "number") == "no passage gives the number asked for"
    # a number under a column that counts nothing ("Stage", "Level"), or a price, is no count
    assert priced_rows("| Splashers | 2 | 4 |", "| Class | Stage | Level |") == "| Splashers | 2 | 4 |"
    assert priced_rows("| Sauna | 7 |", "| Item | Price (GBP) |") == "| Sauna | 7 |\nGBP 7"
    # the header's other words say which count it is, and the question must ask for that one:
    # no maximum from a minimum's column, no count of children from their ages, none from a price
    for header, row, question in [
        (
            "| Package | Minimum children |",
            "| Jump | 10 |",
            "What's the maximum number of children for a Jump?",
        ),
        ("| Class | Age of children |", "| Tadpoles | 4 |", "How many children are in the Tadpoles class?"),
        ("| Pass | Price for adults |", "| Day | 12 |", "How many adults can use a day pass?"),
    ]:
        assert priced_rows(row, header, question) == row
        assert detail_missing([priced_rows(row, header, question)], question, "number") is not None
    # two counts in a row are read apart: "2 Leaders 16 Children" would read as a name's number
    text = priced_rows(
        "| Otters | 2 | 16 |", "| Group | Leaders | Children |", "How many leaders do the Otters have?"
    )
    assert detail_missing([text], "How many leaders do the Otters have?", "number") is None


def test_a_weekday_in_the_plural_is_the_day_the_question_names() -> None:
    assert not has_answer_type(
        "The pool is closed on Saturdays.", "date", "When does the pool open on Saturday?"
    )


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("I live in Hatton - what day do the bin men come?", "what day do the bin men come?"),
        ("We've been burgled. What do we do?", "What do we do?"),
        ("Hi, what time does the bar close?", "what time does the bar close?"),
        # opens with its ask, or asks with no wh-word: read whole
        ("When does it open, and what does it cost?", "When does it open, and what does it cost?"),
        ("If I cancel two days before, do I get charged?", "If I cancel two days before, do I get charged?"),
        # no wh-word after the preamble: its last sentence asks
        ("We want to bring wine on a Saturday. Is that allowed?", "Is that allowed?"),
        # a clause of time or condition about the asker, then the ask
        ("When I pull my knee up, how long do I stay there?", "how long do I stay there?"),
        ("If we arrive late, where do we park?", "where do we park?"),
        ("When during the year, what happens?", "When during the year, what happens?"),
        # ...the asker's doing said by a gerund, an ask that opens with a preposition
        (
            "When topping up the pressure, at what point do I close the valves?",
            "at what point do I close the valves?",
        ),
        ("When does it open, and how much is it?", "When does it open, and how much is it?"),
        # a yes-or-no question's relative "when" is no ask; a title's full stop ends no sentence
        (
            "Do you open on Sundays, when most shops are closed?",
            "Do you open on Sundays, when most shops are closed?",
        ),
        ("Can I see Dr. Patel on Monday?", "Can I see Dr. Patel on Monday?"),
    ],
)
def test_the_ask_after_what_the_asker_tells_first(question: str, asked: str) -> None:
    assert asked_clause(question) == asked


def test_the_kind_asked_for_is_read_from_the_ask_after_a_preamble() -> None:
    """ "I live in Hatton - what day do the bin men come?" asks for a day, as "What day…" does;
    what the preamble names is still named by the question ("Manning" is no answer to "Prior to
    Manning, who…")."""
    assert answer_type("I live in Hatton - what day do the bin men come?") == "date"
    q = "Prior to Manning, who was the oldest quarterback?"
    assert answer_type(q) == "name"
    assert not has_answer_type("Manning was 39.", "name", q)
    assert has_answer_type("The record was held by John Elway.", "name", q)


def test_by_when_asks_when_and_a_deadline_in_weeks_answers_it() -> None:
    """ "By when do I have to tell my manager I'm expecting?" of a leave policy: "no later than the
    15th week before the expected week of childbirth" says when."""
    q = "By when do I have to tell my manager I'm expecting?"
    assert answer_type(q) == "date"
    assert has_answer_type("Tell your manager no later than the 15th week before the birth.", "date", q)
    assert not has_answer_type("Tell your line manager that you are pregnant.", "date", q)


def test_how_much_of_asks_for_a_share_that_words_can_give() -> None:
    q = "Although it is developed, how much of it has been left undeveloped?"
    assert has_answer_type("Vast areas of the state remain undeveloped.", "number", q)
    assert has_answer_type("About 40 percent is undeveloped.", "number", q)
    assert not has_answer_type("The state is heavily developed.", "number", q)


def test_what_is_the_deadline_asks_for_a_date() -> None:
    assert answer_type("What is the deadline for handing in my MATB1 certificate?") == "date"
    assert answer_type("What's the closing date for applications?") == "date"


def test_the_end_in_the_passive_then_when_answers_when_it_ends() -> None:
    """A board game's "The game end is triggered when any district has no lanterns left" says when
    the game ends; "The end of the game is exciting" does not."""
    q = "When does the game end?"
    assert has_answer_type("The game end is triggered when any district has no lanterns left.", "date", q)
    assert not has_answer_type("The end of the game is exciting.", "date", q)


def test_a_manual_s_where_on_the_thing_is_a_place() -> None:
    q = "Where do I find the serial number?"
    assert has_answer_type("The serial number is printed on the silver label under the base.", "place", q)
    assert has_answer_type("The reset button is on the back of the Hub.", "place", q)
    # (a day named beside it is no place)
    assert has_answer_type(
        "Call us (Monday to Friday) with the number on the label under the drip tray.", "place", q
    )
    assert not has_answer_type("Call us on Monday with the serial number.", "place", q)


def test_a_cell_under_a_column_naming_a_thing_names_that_thing() -> None:
    """A train timetable's "| 13:05 | 4 |" under "| Departs | Platform |" names platform 4, for
    "Which platform does the 13:05 go from?"; an empty cell names none."""
    header = "| Departs | Destination | Platform |"
    assert priced_rows("| 13:05 | Harwell Airport | 4 |", header).endswith("\nPlatform 4")
    assert priced_rows("| 13:05 | Harwell Airport |  |", header) == "| 13:05 | Harwell Airport |  |"


def test_how_much_of_is_answered_by_a_share_not_by_any_word_of_quantity() -> None:
    q = "How much of the deposit is refundable?"
    assert not has_answer_type("Thank you very much for booking.", "number", q)
    assert not has_answer_type("All bookings must be made online.", "number", q)
    assert has_answer_type("Most of the deposit is refunded.", "number", q)


def test_a_name_is_read_on_one_line_and_is_no_day_or_month() -> None:
    """ "Who is the head of IT?" is not answered by a document's title block: its organisation's
    name and the next line's "Version" are no one name, and "August" is no one's."""
    title = "IT HELPDESK GUIDE\nCalder Valley Housing Association\nVersion 4.2, updated August 2024"
    assert "Calder Valley Housing Association" in _proper_names(title)
    assert not any("\n" in name or name == "August" for name in _proper_names(title))
    assert _proper_names("We met on Monday and saw Jane Smith in May.") == ["Jane Smith"]
    q = "Who is the head of IT at Calder Valley Housing Association?"
    assert not has_answer_type("The helpdesk is open on Monday and in August.", "name", q)
    assert has_answer_type("The head of IT is Priya Shah.", "name", q)
