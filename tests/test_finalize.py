"""The ``finalize`` stage on its own: event ids are unique where they are made."""

from __future__ import annotations

from eventcoder.finalize import unique_ids


def test_an_id_taken_twice_becomes_id_hash_position(coder):
    text = "Police fired tear gas at protesters in Nairobi on Monday. Kenya sanctioned Uganda."
    events = coder.code(text, date="2024-03-15", doc_id="d")
    assert len(events) >= 2 and len({e.id for e in events}) == len(events)
    first, second = events[0], events[1]
    clash = [first, first.model_copy(), second, first.model_copy()]
    ids = [e.id for e in unique_ids(clash)]
    # the scheme the store always used: the later event gets '#' and its position
    assert ids == [first.id, f"{first.id}#1", second.id, f"{first.id}#3"]
    assert [e.id for e in unique_ids(events)] == [e.id for e in events]  # nothing to change
    assert clash[1].id == first.id  # the events given are not changed


def test_coded_ids_are_the_stored_ids(coder, tmp_path):
    from eventcoder.records import Article
    from eventcoder.store import open_store

    article = Article(id="a", text="Protesters marched in Baghdad on Friday.", date="2020-01-20")
    coded = coder.code_article(article)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.add_article(coded, article, "h", "a")
        stored = [r[0] for r in store.fetchall("SELECT id FROM events ORDER BY id")]
    assert stored == sorted(e.id for e in coded.events) and stored
