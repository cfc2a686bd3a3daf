"""The actor network of the selected events: nodes are actors a user can name, edges the
events between them (``/api/network``; the rule is in docs/batch-and-web.md).

Fixed SQL with bound parameters only, on both backends (see :mod:`.reads`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources import load_yaml
from .filters import Filters

if TYPE_CHECKING:  # pragma: no cover
    from . import Store


def function_words(name: str = "store_words.yaml") -> tuple[str, ...]:
    """Words that never name an actor on their own (pronouns, determiners, quantifiers): the
    shipped ``data/store_words.yaml`` list, read by each ``Store`` (``Store.function_words``)."""
    words = tuple(str(w).lower() for w in load_yaml(name)["function_words"])
    if not all(w.replace(" ", "").isalpha() for w in words):  # they are written into the SQL
        raise ValueError(f"{name}: function words must be letters only")
    return words


def named_sql(t: str, words: tuple[str, ...]) -> str:
    """SQL: the entity ``t`` has a name a user can use: a canonical name (the knowledge base's,
    a person's or organisation's proper name, a country) with a capital letter, not a pronoun
    or determiner of ``words`` (``Store.function_words``), and not a lone capitalised word
    opening the sentence with no country behind it (there the capital says nothing: "Fire
    broke out ...")."""
    listed = ", ".join(f"'{w}'" for w in words)
    return (
        f"({t}.name IS NOT NULL AND lower({t}.name) <> {t}.name "
        f"AND lower({t}.name) NOT IN ({listed}) "
        f"AND NOT ({t}.code IS NULL AND strpos({t}.name, ' ') = 0 "
        f"AND {t}.start_char = e.sentence_start))"
    )


def node_sql(t: str, words: tuple[str, ...]) -> str:
    """SQL: the network node of entity ``t``: its name when it has one (``named_sql``), else its
    country and sector ("IND COP"), else none (a pronoun or common noun with no country)."""
    return (
        f"CASE WHEN {named_sql(t, words)} THEN {t}.name "
        f"WHEN {t}.code IS NOT NULL THEN {t}.code || coalesce(' ' || {t}.sector, '') END"
    )


def network(store: Store, filters: Filters, *, limit: int = 150) -> dict:
    """Actor network: nodes are actors a user can name (``node_sql``: named actors, else
    country+sector groups), edges the events between them; an actor or recipient that is
    neither (a pronoun, a common noun with no country) makes no node and no edge, and the
    events left out for that are counted in ``unnamed``."""
    where, params = filters.sql()
    words = store.function_words
    src, dst = node_sql("s", words), node_sql("r", words)
    joins = (
        "FROM events e JOIN entities s ON s.event_id = e.id AND s.role = 'actor' "
        "JOIN entities r ON r.event_id = e.id AND r.role = 'recipient'"
    )
    rows = store.fetchall(
        f"SELECT source, scode, target, tcode, skind, tkind, "
        "sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END), "
        "sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END), count(*) "
        f"FROM (SELECT DISTINCT e.id, e.quad_code AS quad, {src} AS source, s.code AS scode, "
        f"{dst} AS target, r.code AS tcode, "
        f"CASE WHEN {named_sql('s', words)} THEN 'named' ELSE 'group' END AS skind, "
        f"CASE WHEN {named_sql('r', words)} THEN 'named' ELSE 'group' END AS tkind "
        f"{joins}{where}) t "
        "WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target "
        "GROUP BY source, scode, target, tcode, skind, tkind "
        "ORDER BY count(*) DESC, source, target LIMIT ?",
        [*params, limit],
    )
    paired = store.fetchall(f"SELECT count(DISTINCT e.id) {joins}{where}", params)[0][0]
    drawn = store.fetchall(
        f"SELECT count(DISTINCT e.id) {joins}{where}"
        + (" AND " if where else " WHERE ")
        + f"({src}) IS NOT NULL AND ({dst}) IS NOT NULL",
        params,
    )[0][0]
    nodes: dict[str, dict] = {}
    edges = []
    for source, scode, target, tcode, skind, tkind, coop, conflict, n in rows:
        for name, code, kind in ((source, scode, skind), (target, tcode, tkind)):
            node = nodes.setdefault(name, {"id": name, "code": code, "kind": kind, "events": 0})
            node["events"] += int(n)
        edges.append(
            {"source": source, "source_code": scode, "target": target, "target_code": tcode,
             "cooperation": int(coop), "conflict": int(conflict), "count": int(n),
             "events": int(n)}
        )  # fmt: skip
    return {"nodes": list(nodes.values()), "edges": edges, "unnamed": int(paired) - int(drawn)}
