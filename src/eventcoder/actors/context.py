"""What the whole article tells the actor coder: its country and group-to-leader links.

- The article's country: the country named (by name, demonym or capital, not as a backer) in
  the most sentences, when it is named in at least two and more often than any other; the
  dateline's country is counted as one more sentence. Single sentences have none.
- Links read from the parse: "Saraya al-Salam, a group led by Sadr himself" (a noun in
  apposition to the group, with a passive 'led by' + leader) and "Amiri is the commander of the
  Badr Organization" / "X, the leader of Y" (a leader noun of the group, said of the person).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..knowledge.names import norm
from .coded import ArticleContext, Link

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..document import Document
    from .resolve import ActorCoder


def article_context(doc: Document, coder: ActorCoder) -> ArticleContext:
    ctx = ArticleContext()
    counts: Counter[str] = Counter()
    for sent in doc.sentences:
        seen = {code for _, code, _, backer in coder.country_cues(list(sent.span)) if not backer}
        counts.update(seen)
        for tok in sent.span:
            link = _link(tok, coder)
            if link is not None and all(
                (x.person, x.group) != (link.person, link.group) for x in ctx.links
            ):
                ctx.links.append(link)
    if doc.dateline_place:
        hit = coder.countries.get(doc.dateline_place)
        code = hit.code if hit else None
        if code is None:
            try:
                places = coder.knowledge.gazetteer.lookup(doc.dateline_place)
                code = places[0].country if places else None
            except Exception:  # the gazetteer is optional here
                code = None
        if code:
            ctx.dateline = code
            counts[code] += 1
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        ctx.dominant = ranked[0][0]
        ctx.dominant_why = f"{ranked[0][0]} named in {ranked[0][1]} sentences"
        if ctx.dateline == ctx.dominant:
            ctx.dominant_why += " and the dateline"
    return ctx


def _group_name(tok: Token, coder: ActorCoder) -> tuple[str, object] | None:
    """The group a token names: its KB entry, or its proper-noun phrase."""
    skip = {"appos", "relcl", "acl", "punct", "cc", "conj"}
    phrase = [t for t in tok.subtree if t.dep_ not in skip and t.head.dep_ not in skip | {"prep"}]
    phrase = [t for t in phrase if t.i <= tok.i or t.pos_ == "PROPN"]
    for _, entry in coder.kb_matches(phrase) if phrase else []:
        if entry.kind != "person":
            return entry.name, entry
    if tok.pos_ == "PROPN":
        left = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        first = left[0] if left else tok
        return tok.doc[first.i : tok.i + 1].text, None
    return None


def _person(tok: Token, coder: ActorCoder) -> Token | None:
    """A proper noun that names a person: not a place, nor a known group or country (the NER
    label alone is not trusted: "Amiri" may come out as ORG)."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in ("GPE", "LOC", "NORP", "FAC"):
        return None
    entry = coder.kb.index.get(tok.text)
    if entry is not None and entry.kind != "person":
        return None
    if tok.ent_type_ in ("PERSON", "") or coder.kb.surname(tok.text) is not None:
        return tok
    return None


def _evidence(a: Token, b: Token) -> str:
    """The words from the first named thing to the second: "Amiri is the commander of the Badr
    Organization", "Saraya al-Salam, a group led by Sadr himself"."""
    first, last = (a, b) if a.i < b.i else (b, a)
    start = min([t.i for t in first.lefts if t.dep_ in ("compound", "det")] + [first.i])
    end = last.i
    doc = a.doc
    if end + 1 < len(doc) and doc[end + 1].lower_ in ("himself", "herself"):
        end += 1
    return f"'{doc[start : end + 1].text}'"


def _link(tok: Token, coder: ActorCoder) -> Link | None:
    # "X, a group led by Y": led <-acl- group -appos-> X ; agent by -> Y
    if tok.lemma_ == "lead" and tok.dep_ == "acl":
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        leader = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        noun = tok.head
        group_tok = noun.head if noun.dep_ == "appos" else None
        if group_tok is not None:  # "X, Y and Z, a group led by ...": the nearest member
            members = [group_tok, *group_tok.conjuncts]
            group_tok = max((m for m in members if m.i < noun.i), key=lambda m: m.i)
        if leader is not None and _person(leader, coder) and group_tok is not None:
            group = _group_name(group_tok, coder)
            if group:
                return Link(norm(leader.text).split()[-1], leader.text, "leader", group[0],
                            group[1], _evidence(group_tok, leader))  # type: ignore[arg-type]  # fmt: skip
    # "Y is the commander of X" / "Y, the leader of X"
    if tok.lemma_.lower() in coder.words.leader_words and tok.pos_ == "NOUN":
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        person = None
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            person = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        elif tok.dep_ == "appos":
            person = tok.head
        else:
            person = next((c for c in tok.children if c.dep_ == "appos"), None)
        if obj is not None and person is not None and _person(person, coder):
            group = _group_name(obj, coder)
            if group:
                return Link(norm(person.text).split()[-1], person.text, tok.lemma_.lower(),
                            group[0], group[1], _evidence(person, obj))  # type: ignore[arg-type]  # fmt: skip
    return None
