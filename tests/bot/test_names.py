"""Names a question uses that the documents never mention (an abstention feature)."""

from __future__ import annotations

import pytest

from bot.lexical import BM25, terms
from bot.names import NameIndex, _within

TEXT = (
    "NATO Secretary General Jens Stoltenberg went over the response in Brussels. "
    "Moscow wants guarantees; the Tomahawk missiles in Romania and Poland are discussed. "
    "The Beroid comb jelly and the Maastricht Treaty are unrelated, and the document stays open."
)


ALIASES = (("RUSSIA", ("Russia", "Russian", "Moscow", "Kremlin", "the Kremlin")),)


@pytest.fixture(scope="module")
def names() -> NameIndex:
    return NameIndex(BM25([TEXT]).vocab, ALIASES)


def test_without_an_alias_table_only_the_documents_own_names_are_known() -> None:
    bare = NameIndex(BM25([TEXT]).vocab)
    assert bare.known_share("What does Moscow want?") == 1.0
    assert bare.known_share("What does the Kremlin want?") == 0.0


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("What did Stoltenberg say?", 1.0),
        ("What does the Kremlin want?", 1.0),  # the documents say Moscow: same alias group
        ("What did Japan say?", 0.0),
        ("Finland and Sweden membership?", 0.0),  # a leading name counts too
        ("Tomahawk missiles in Belarus?", 0.5),
        ("what is said about missiles?", 1.0),  # no names at all: nothing to hold against it
        ("What did Stoltenburg say?", 1.0),  # a misspelt long name is still known
        ("What do Beriods eat?", 1.0),  # two letters swapped count as one edit
        ("When was the Maastrich Treaty signed?", 1.0),
        ("OPEC output?", 0.0),  # short names must match exactly: OPEC is not "open"
        # a code is the numbers check's to read ("U12" is what "Under-12s" writes), not a name
        ("Who is the U12 manager in Brussels?", 1.0),
        ("Who is the U12 manager in Lisbon?", 0.0),
    ],
)
def test_known_share(names: NameIndex, question: str, share: float) -> None:
    assert names.known_share(question) == share


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("What's a good recipe for banana bread?", ("good", "recipe", "banana", "bread")),
        ("tomahwak missles?", ()),  # a long word one letter off is a slip ("tomahawk")...
        ("brochure jellu?", ("brochure", "jellu")),  # ... a short one is another word ("jelly")
        ("Tomahwak recipes?", ()),  # a name's slip is forgiven too (bot.names)
        ("Stoltenburg's banana bread?", ()),  # one known name is enough
        ("What does the Kremlin bake?", ()),  # an alias the documents use
        ("What is it?", ()),  # stop words only: nothing to hold against it
        ("Are the missiles open?", ()),
        ("How much does a banana cost?", ("banana", "cost")),  # "how much" asks, names nothing
        ("How many bananas are there?", ("bananas",)),
        ("¹", ()),  # a footnote's figure alone is no word (it crashed the read)
        ("What does a banana¹ cost?", ("banana", "cost")),  # nor is one set on a word part of it
    ],
)
def test_off_topic_words_are_all_the_words_when_the_documents_use_none(
    names: NameIndex, question: str, words: tuple[str, ...]
) -> None:
    assert names.off_topic_words(question) == words


GUIDE = (
    "Pebble is a command-line tool for resizing images. Install Pebble with pip. The default quality is 85. "
    "Resized images go to the thumbnails folder."
)
TITLES = frozenset(terms("Pebble CLI: Installation Guide"))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # Only the title's word is known: the question asks about something the guide never says.
        ("What is the licence of Pebble?", ("licence",)),
        ("Is the Pebble licenze free?", ("licenze", "free")),
        # A word of the text itself, or no word of a title at all: not this rule's business.
        ("How do I install Pebble?", ()),
        ("What is the default quality of Pebble?", ()),
        ("What's a good recipe for banana bread?", ()),
        # Words any question asks with do not count against it, nor the start of a compound the
        # guide writes ("thumb" of "thumbnails"), nor a word for the text itself.
        ("How long does Pebble take?", ()),
        ("How big is Pebble?", ()),  # the word after "how" asks
        ("What does Pebble write?", ()),
        ("Is Pebble still resizing images?", ()),  # "still" frames, names nothing
        ("Does Pebble make a thumb?", ()),
        ("What does the Pebble document say?", ()),
        # A word where only a verb can stand is the asker's, which the guide may say otherwise.
        ("Who can fork Pebble?", ()),
        ("When was Pebble founded?", ()),
        ("When did Pebble launch?", ()),
        ("Can I fork Pebble?", ()),
        ("Can I fork the licence of Pebble?", ("licence",)),
        ("Can I resize the licence of Pebble?", ()),  # "resize": the guide's own word
        # ... but a topic noun at a question's end is no verb, nor a word after "is she".
        ("What does the Pebble guide say about licences?", ("licences",)),
        ("Where is the Pebble garden?", ("garden",)),
        ("When did the Pebble CLI launch?", ()),  # a subject of two words, then its verb
        # "address" of "email address" frames the detail asked for; "now" frames the time.
        ("What is Pebble's email address?", ()),
        ("Where is Pebble now?", ()),
        ("How much does Pebble weigh?", ("weigh",)),
    ],
)
def test_words_beyond_the_title_the_documents_never_use(question: str, words: tuple[str, ...]) -> None:
    assert NameIndex(BM25([GUIDE]).vocab).beyond_titles(question, TITLES) == words


POLICY = (
    "The leave year runs from 1 April to 31 March. Full-time employees get 27 days. Write to hr@example.org."
)


def test_the_askers_own_day_is_no_topic_the_documents_miss() -> None:
    """ "I can't make my shift tomorrow, who should I tell?" of an email titled "November rota,
    shift changes" was told the documents never mention tomorrow: the asker's day frames it."""
    email = NameIndex(BM25(["If you need to drop a shift, text Dev on 07911 482 630."]).vocab)
    titles = frozenset(terms("November rota, shift changes and a few reminders"))
    assert email.beyond_titles("I can't make my shift tomorrow, who should I tell?", titles) == ()
    assert email.beyond_titles("Is there a shift party tomorrow?", titles) == ("party",)


def test_a_verb_after_i_is_asked_with_whatever_else_the_question_ends_on() -> None:
    """ "how do I quit the club" of a club's rules (which say "resign") was told the documents never
    mention quit: the question's ending was read as its verb, and "I quit" went unseen. A noun the
    documents never use still counts ("When is the club barbecue?")."""
    rules = NameIndex(BM25(["Members wishing to resign must give one month's written notice."]).vocab)
    titles = frozenset(terms("Rowing club rules"))
    assert rules.beyond_titles("how do I quit the club", titles) == ()
    assert rules.beyond_titles("When is the club barbecue?", titles) == ("barbecue",)


@pytest.mark.parametrize(
    "question",
    [
        "When does the leave year start?",  # "year" is the policy's own word: not only the title's
        "How many days' leave do part-timers get?",
        "Who do I email about the leave policy?",  # an address answers "email"
    ],
)
def test_a_frame_word_the_documents_use_is_theirs(question: str) -> None:
    """A leave policy: "year" and "days" frame a question, but the policy uses them, so the question
    is about its text, not only its title; and "email" is answered by an address, not the word."""
    names = NameIndex(BM25([POLICY]).vocab)
    assert names.beyond_titles(question, frozenset(terms("Northbridge Housing: Leave Policy"))) == ()


def test_alias_groups_count_only_when_the_documents_use_one_of_their_names(names: NameIndex) -> None:
    assert "kremlin" in names.alias_terms  # Moscow is in the text
    assert not set(terms("Beijing China Chinese")) & names.alias_terms  # the text never names China
    assert names.known_share("What did Beijing say?") == 0.0


def test_edit_distance_bound() -> None:
    assert _within("bedigo", "bendigo", 1)
    assert not _within("arctic", "articl", 1)
    assert _within("abc", "abc", 0) and not _within("abc", "abd", 0)
    assert not _within("abcd", "badc", 1)


def test_a_name_only_a_hidden_document_uses_is_unknown() -> None:
    """``eval --near-misses`` and training hide a question's own paragraph: the names only it uses
    must be unknown then, as they are to a bot whose documents never had that paragraph."""
    docs = {"brussels.md": "Jens Stoltenberg spoke in Brussels.", "moscow.md": "Moscow wants guarantees."}
    table: dict[str, set[str]] = {}
    for doc, text in docs.items():
        for t in terms(text):
            table.setdefault(t, set()).add(doc)
    index = NameIndex(BM25(list(docs.values())).vocab, term_docs=lambda: table)
    assert index.known_share("What did Stoltenberg say in Moscow?") == 1.0
    assert index.known_share("What did Stoltenberg say in Moscow?", {"brussels.md"}) == 0.5
    assert index.known_share("What did Stoltenburg say?", {"moscow.md"}) == 1.0  # misspelt, still seen
    assert index.known_share("What did Stoltenburg say?", {"brussels.md"}) == 0.0
    with pytest.raises(ValueError, match="term_docs"):
        NameIndex(BM25(list(docs.values())).vocab).known_share("Stoltenberg?", {"brussels.md"})


def test_an_off_topic_code_is_named_as_the_question_writes_it(names: NameIndex) -> None:
    """ "E04" is one word in the reason, not "e, 04"; a code whose letters or digits the documents
    use is not off topic (the numbers check, bot.numbers, judges it)."""
    assert names.off_topic_words("What does error E04 mean?") == ("error", "e04", "mean")
    assert names.off_topic_words("What does the NATO2 document say?") == ()


def test_a_contact_detail_s_kind_and_a_frame_noun_are_never_off_topic() -> None:
    """A grooming salon's page writes "call us on 0113 496 0721" and never "phone": "What's the
    phone number?" was refused as about nothing the documents mention."""
    salon = NameIndex(BM25(["Book online or call us on 0113 496 0721."]).vocab)
    assert salon.off_topic_words("What's the phone number?") == ()
    assert salon.off_topic_words("What is their email address?") == ()
    assert salon.off_topic_words("What's the fax number?") == ("fax",)
    assert salon.off_topic_words("Do you groom cats?") == ("groom", "cats")


def test_a_number_with_leading_zeros_is_read_as_the_index_reads_it() -> None:
    """The index counts "0830" as "830" (``lexical.terms``): the question's "0830" must be read so,
    or "What happens at 0830?" is about nothing the documents mention."""
    briefing = NameIndex(BM25(["Briefing at 0830 in the main hall. Error E04 means low water."]).vocab)
    assert briefing.off_topic_words("What's on at 0830?") == ()
    assert briefing.off_topic_words("What does E04 mean?") == ()


def test_a_long_word_of_a_family_the_documents_use_is_on_topic() -> None:
    """ "What happens if I plagiarise?" of a syllabus that says "Plagiarism results in a zero": the
    stemmer keeps the two apart, and the question was refused as about something else. A short
    word must still be used as such ("bread" is not "break")."""
    syllabus = NameIndex(BM25(["Plagiarism results in a zero. Take a break at noon."]).vocab)
    assert syllabus.off_topic_words("What happens if I plagiarise?") == ()
    assert syllabus.off_topic_words("Any banana bread?") == ("banana", "bread")


def test_a_size_asked_with_its_verb_is_the_noun_a_data_sheet_writes() -> None:
    """ "How much does the sensor weigh?" of a data sheet's "| Weight | 48 g |" was refused, "the
    documents never mention weigh"; so would "How long…" of "Length" be, asked after "long" is read."""
    sheet = NameIndex(BM25(["| Weight | 48 g with batteries |", "| Length | 56 mm |"]).vocab)
    titles = frozenset(terms("AquaSense W200 Water Leak Sensor"))
    assert sheet.beyond_titles("How much does the sensor weigh?", titles) == ()
    assert sheet.beyond_titles("Is the sensor long?", titles) == ()
    assert sheet.beyond_titles("What colour is the sensor?", titles) == ("colour",)
    # and the other way: "What is the height of the tower?" of "it stands 90 metres high"
    tower = NameIndex(BM25(["The tower stands 90 metres high."]).vocab)
    assert tower.beyond_titles("What is the height of the tower?", frozenset(terms("Tower"))) == ()


def test_an_age_and_a_duration_asked_as_an_obituary_and_a_report_write_them() -> None:
    """ "How old was she?" of an obituary's "aged 88" was refused as off topic ("old"), and "How
    long did the outage last?" of an incident report with "the documents never mention last"."""
    obituary = NameIndex(BM25(["She died at home on 2 November 2026, aged 88."]).vocab)
    assert obituary.off_topic_words("How old was she?") == ()
    assert obituary.off_topic_words("What colour were her eyes?") == ("colour", "eyes")
    report = NameIndex(BM25(["From 14:02 to 15:19 UTC customers could not pay."]).vocab)
    titles = frozenset(terms("Incident report: checkout outage"))
    assert report.beyond_titles("How long did the outage last?", titles) == ()
    assert report.beyond_titles("Who caused the outage?", titles) == ("caused",)


def test_a_plural_in_ses_is_the_word_its_singular_writes() -> None:
    """The stemmer makes "buses" "buse" and "bus" "bus": "Which buses go to the museum?" was told
    the documents never mention buses, above "Bus routes 22 and 47 stop right outside the museum"."""
    page = NameIndex(
        BM25(["Bus routes 22 and 47 stop right outside the museum. Gas heaters are banned."]).vocab
    )
    titles = frozenset(terms("Corran Museum: Plan your visit"))
    assert page.beyond_titles("Which buses go to the museum?", titles) == ()
    assert page.off_topic_words("Which gases?") == ()
    assert page.beyond_titles("Which trams go to the museum?", titles) == ("trams",)


def test_a_man_word_and_its_men_plural_are_one_word() -> None:
    """ "If I can't make my sidesman slot, who should I let know?" was told to check the spelling of
    "sidesman" beside a rota's "| Sidesmen | Peter Gaunt |"."""
    rota = NameIndex(
        BM25(["| Sidesmen | Peter Gaunt and Yvonne Hale |", "The chairman opens the meeting."]).vocab
    )
    assert rota.off_topic_words("Who are the sidesman this week?") == ()
    assert rota.off_topic_words("Do the chairmen vote?") == ()
    assert rota.off_topic_words("Who is the postman?") == ("postman",)
    # nor is it a slip of spelling to point at
    assert rota.slips("If I can't make my sidesman slot, who should I let know?") == ()


def test_a_singular_is_not_read_as_a_plural() -> None:
    """ "use" is no plural of "us", "dose" none of "dos": each is still a word the documents never
    use. And the other way round: "bus" of a page that writes "Buses run every hour"."""
    page = NameIndex(BM25(["Please contact us. The dos and don'ts of care. Buses run every hour."]).vocab)
    assert page.off_topic_words("Can I use a blender for soup?") == ("use", "blender", "soup")
    assert page.off_topic_words("What dose for a child?") == ("dose", "child")
    assert page.off_topic_words("Is there a night bus?") == ()
