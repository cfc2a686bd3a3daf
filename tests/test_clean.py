from eventcoder.clean import Clean, paragraphs
from eventcoder.document import Document
from eventcoder.records import Article

ARTICLE = """Rebels seize town in the north

BAGHDAD (Agency) – Rebels seized the town of Tal Afar on Sunday after heavy fighting, officials said.

Read More: Earlier clashes in the north

Rebels seized the town of Tal Afar on Sunday after heavy fighting, officials said.

The army said it would send reinforcements.

Editing by Jane Roe"""


def clean(text: str, **kw) -> Document:
    return Clean()(Document(article=Article(id="t", text=text, **kw)))


def test_paragraph_offsets_point_into_the_text():
    text = "  One.\n\nTwo two.\n \n Three  "
    spans = paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two two.", "Three"]


def test_boilerplate_title_dateline_and_repeat_are_set_aside():
    doc = clean(ARTICLE)
    kept = [doc.text[s.start : s.end] for s in doc.segments]
    assert kept == [
        "Rebels seized the town of Tal Afar on Sunday after heavy fighting, officials said.",
        "The army said it would send reinforcements.",
    ]
    dropped = [d.text for d in doc.dropped]
    assert dropped[0] == "Rebels seize town in the north"
    assert any(d.startswith("Read More:") for d in dropped)
    assert any(d.startswith("Editing by") for d in dropped)
    assert doc.dateline is not None and doc.dateline.text == "BAGHDAD (Agency) –"
    assert doc.dateline_place == "Baghdad"
    assert doc.article.title == "Rebels seize town in the north"
    # offsets of the kept text are offsets into the original
    assert ARTICLE[doc.segments[0].start : doc.segments[0].end].startswith("Rebels seized")


def test_single_paragraph_is_never_taken_for_a_title():
    doc = clean("Police arrested three men in Lagos")
    assert len(doc.segments) == 1 and not doc.dropped


def test_different_paragraphs_are_both_kept():
    doc = clean(
        "Protesters marched in Baghdad on Friday.\n\nPolice fired tear gas at protesters in Basra."
    )
    assert len(doc.segments) == 2


def test_a_title_found_is_set_on_the_documents_copy_not_the_callers_article():
    article = Article(id="t", text=ARTICLE)
    doc = Clean()(Document(article=article))
    assert doc.article.title == "Rebels seize town in the north"
    assert article.title is None  # the caller's object is left as it was


def test_a_credit_glued_to_a_paragraph_of_reporting_sets_aside_only_its_line():
    lede = (
        "President Amina Bello visited troops at their headquarters in Maiduguri on Sunday to "
        "mark the anniversary of independence, and promised new equipment, better pay and more "
        "leave for soldiers who have served in the northeast for more than two years."
    )
    text = "Photo credit: Jane Roe. " + lede + "\n\nShe left on Monday."
    doc = Clean()(Document(article=Article(id="t", text=text)))
    assert [d.text for d in doc.dropped] == ["Photo credit: Jane Roe. "]
    assert doc.text[doc.segments[0].start : doc.segments[0].end] == lede
    # a short credit paragraph is still set aside whole
    doc = Clean()(
        Document(article=Article(id="t", text="Photo credit: Jane Roe. Reuters.\n\n" + lede))
    )
    assert doc.dropped[0].text == "Photo credit: Jane Roe. Reuters."
