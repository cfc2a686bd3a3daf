"""A country still missing after the phrase itself: from a locative phrase on the mention, a
place in it, the one country its clause names, the article's country, the dateline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Candidate
from ..knowledge.names import norm
from .coded import NON_STATE, ArticleContext, Coded, _clause
from .matching import Matching

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class CountryFromContext(Matching):
    def _from_context(
        self,
        coded: Coded,
        toks: list[Token],
        head: Token,
        cand: Candidate | None,
        context: ArticleContext | None,
        others: set[int],
    ) -> None:
        if coded.code is not None or not (coded.sector or coded.kind == "person"):
            return
        if coded.sector in ("IGO", "NGO"):
            return
        # 1. a locative phrase on the mention: "security forces in Guinea"
        for prep in (
            c for c in head.children if c.dep_ == "prep" and c.lower_ in self.words.locative
        ):
            where = [t for t in prep.subtree if t.i != prep.i]
            for span, code, _kind, backer in self.country_cues(where) if where else []:
                if not backer:
                    coded.code = code
                    coded.why.append(f"country from '{prep.text} {span.text}' on the mention")
                    return
            place = self._place_country(where)
            if place:
                coded.code = place[0]
                coded.why.append(f"country of the place '{prep.text} {place[1]}' on the mention")
                return
        if cand is None:
            return
        # 2. a place named in the mention itself ("deputy governor of the Tyumen region")
        place = self._place_country(
            [t for t in toks if t.dep_ != "poss" and self.countries.get(t.text) is None]
        )
        if place:
            coded.code = place[0]
            coded.why.append(f"country of the place '{place[1]}' in the mention")
            return
        # 3. the one country the event's clause names outside the other side's phrases
        clause = _clause(cand.trigger, self.words)
        own = {t.i for t in toks}
        sent = [t for t in clause if t.i not in others and t.i not in own]
        other_toks = [t for t in clause if t.i in others]
        other_codes = (
            {c for _, c, _, b in self.country_cues(other_toks) if not b} if other_toks else set()
        )
        found: dict[str, str] = {}
        for span, code, kind, backer in self.country_cues(sent) if sent else []:
            root = span.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            before = span.doc[span.start - 1] if span.start > 0 else None
            after = span.doc[span.end] if span.end < len(span.doc) else None
            if (before is not None and norm(before.text) in self.roles.ethnic_words) or (
                after is not None and after.lower_ in ("$", "dollar", "dollars")
            ):
                continue  # "ethnic Albanians", "US $50 million"
            if (
                backer
                or code in other_codes
                or (
                    kind != "demonym"
                    and root.dep_ == "pobj"
                    and root.head.lower_ in self.words.target_preps
                )
            ):
                continue
            if kind != "demonym" and root.dep_ == "dobj" and root.head.i == cand.trigger.i:
                continue
            found.setdefault(code, span.text)
        for span, entry in self.kb_matches(sent) if sent else []:
            if (
                entry.kind != "person"
                and entry.code
                and entry.code.isalpha()
                and entry.code not in NON_STATE
            ):
                found.setdefault(entry.code, span.text)
        if not found:  # "near Mosul": a city the gazetteer knows (country words judged above)
            rest = [t for t in sent if self.countries.get(t.text) is None]
            place = self._place_country(rest, min_population=100_000)
            if place:
                found[place[0]] = place[1]
        if len(found) == 1:
            code, text = next(iter(found.items()))
            coded.code = code
            coded.why.append(f"country from '{text}', the one country the sentence names")
            return
        if found:
            coded.why.append(f"the sentence names several countries ({', '.join(sorted(found))})")
            return
        if context is None:
            return
        # 4. the article's country; 5. the dateline
        if context.dominant:
            coded.code = context.dominant
            coded.why.append(f"the article's country ({context.dominant_why})")
        elif context.dateline:
            coded.code = context.dateline
            coded.why.append("country of the dateline")

    def _place_country(
        self, where: list[Token], min_population: int = 50_000
    ) -> tuple[str, str] | None:
        """The one country of the place names (GPE/LOC) among ``where``, from the gazetteer."""
        names = [t for t in where if t.ent_type_ in ("GPE", "LOC") and t.pos_ == "PROPN"]
        if not names:
            return None
        doc = names[0].doc
        runs: list[list[Token]] = []
        for tok in names:
            if runs and tok.i == runs[-1][-1].i + 1:
                runs[-1].append(tok)
            else:
                runs.append([tok])
        found: dict[str, str] = {}
        for run in runs:
            text = doc[run[0].i : run[-1].i + 1].text
            places = self.knowledge.gazetteer.lookup(text)
            if places and places[0].country and places[0].population >= min_population:
                found.setdefault(places[0].country, text)
        return next(iter(found.items())) if len(found) == 1 else None

    def participants(self, cand: Candidate) -> Coded:
        """The people a protest noun implies ("anti-government protests that began in ...").

        Country only from a country word in the event's own clause ("... in Iraqi cities")."""
        trigger = cand.trigger
        sent = cand.sentence
        phrase = [t for t in trigger.subtree if t.i <= trigger.i]
        first = phrase[0] if phrase else trigger
        coded = Coded(
            text=sent.text_span(first, trigger).text,
            start=sent.text_span(first, trigger).start,
            end=sent.text_span(first, trigger).end,
            name="protesters",
            sector="CVL",
            kind="group",
        )
        coded.why.append(f"implicit: the participants of '{trigger.text}'")
        clause = [t for t in trigger.subtree if t.i != trigger.i]
        for relcl in (c for c in trigger.children if c.dep_ == "relcl"):
            clause.extend(relcl.subtree)
        for span, code, kind, backer in self.country_cues(clause) if clause else []:
            if not backer:
                coded.code = code
                coded.why.append(f"country from {kind} '{span.text}' in the event's clause")
                break
        anti = any(norm(t.text) in self.roles.secondary or t.lower_ == "anti" for t in clause)
        if anti and any(t.lower_ in ("government", "regime") for t in clause):
            coded.other.append("OPP")
        return coded
