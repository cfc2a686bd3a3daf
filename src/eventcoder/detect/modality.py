"""Modality: did the event happen, or was it denied, planned, asked for, supposed or rumoured?

Read from the trigger's place in the parse, one sentence at a time:

- an event asked for inside a call ("called on protesters to hold a march") is not an event
  that happened: it is folded into the REQUEST as what was requested, and the REQUEST's
  modality is ``called-for``;
- a negated cooperative act that someone states or plans ("said it does not plan to leave
  Iraq": a REJECT by the speaker) or a permission denied ("did not allow the march") refuses;
- otherwise the first cue (``cues``) wins in this order: negated, reported-unconfirmed,
  hypothetical, future (future cooperation becomes AGREE and a future retreat CONCEDE, as PLOVER
  asks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import ArgumentSpan, Candidate
from .arguments import ArgumentFinder, is_pronoun
from .cues import HOST_TYPES, Cues, find_cues
from .directives import ordered_act, permission_denied, recode_future
from .doers import speaker_refuses
from .lexicon import Lexicon, infinitive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_THREAT_MODES = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence",
                 "MOBILIZE": "violence"}  # fmt: skip
#: Links from a protest down to the clause that states its demand (see _protest_purpose).
_TOPIC_LINKS = frozenset({"advcl", "xcomp", "acl", "ccomp", "pcomp", "prep", "pobj"})
_VERB = {"AGREE": "promised", "REJECT": "refused", "THREATEN": "threatened",
         "REQUEST": "asked for", "PROTEST": "protested for"}  # fmt: skip


def _is_complement(tok: Token) -> bool:
    """Whether ``tok`` is what its head asks for, rather than an adjunct of it."""
    if tok.dep_ in ("xcomp", "ccomp", "dobj", "conj", "relcl", "acl", "nsubjpass"):
        return True
    if tok.dep_ == "advcl" and infinitive(tok):
        return True  # "have sworn to fight", parsed as an adverbial infinitive
    if tok.dep_ == "pobj":
        return tok.head.lower_ in ("for", "to")
    if tok.dep_ == "prep":
        return tok.lower_ in ("for", "to")
    return False


class ModalityResolver:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.args = ArgumentFinder(lexicon)

    def __call__(self, cands: list[Candidate]) -> list[Candidate]:
        by_trigger: dict[tuple[int, int], Candidate] = {}
        for c in cands:  # a demand on the same word ("Kagame must agree") hosts the other event
            for t in c.triggers:
                key = (id(c.sentence), t.i)
                if c.event in HOST_TYPES and (key not in by_trigger or c.event == "REQUEST"):
                    by_trigger[key] = c
        kept: list[Candidate] = []
        protests = {
            (id(c.sentence), t.i): c for c in cands for t in c.triggers if c.event == "PROTEST"
        }
        for cand in cands:
            host = self._requesting(cand, by_trigger)
            if host is not None:
                self._absorb(host, cand)
                continue
            protest = self._protest_purpose(cand, protests)
            if protest is not None:
                self._absorb_content(protest, cand)
                continue
            kept.append(cand)
        for cand in kept:
            self._resolve(cand)
        return kept

    # ------------------------------------------------------------------ calls
    def _requesting(self, cand: Candidate, by_trigger: dict) -> Candidate | None:
        """The verbal event (call, promise, refusal, threat) whose content this event is."""
        key = id(cand.sentence)
        own = by_trigger.get((key, cand.trigger.i))
        if own is not None and own is not cand and own.event == "REQUEST" != cand.event:
            return own  # "X must agree to ...": the agreement is what is demanded
        if cand.event in HOST_TYPES and cand.requested_by is None:
            host = self._walk_up(cand, by_trigger)
            return host if host is not None and host.event != cand.event else None
        if own is not None and own is not cand:  # "China must withdraw": the demand's content
            return own
        requested_by = cand.requested_by
        if requested_by is not None and (key, requested_by) in by_trigger:
            return by_trigger[(key, requested_by)]
        return self._walk_up(cand, by_trigger)

    def _walk_up(self, cand: Candidate, by_trigger: dict) -> Candidate | None:
        key = id(cand.sentence)
        tok = cand.trigger
        for _ in range(5):
            if tok.head == tok or not _is_complement(tok):
                break
            dep, tok = tok.dep_, tok.head
            host = by_trigger.get((key, tok.i))
            if host is not None and host is not cand:
                # "called for restraint and offered to mediate": coordinated, not nested
                return None if dep == "conj" and cand.event in HOST_TYPES else host
        return None

    def _absorb(self, host: Candidate, nested: Candidate) -> None:
        if ordered_act(host, nested, self.lex):  # "ordered the paper to suspend publication"
            return
        if host.event != "REQUEST":
            self._absorb_content(host, nested)
            return
        sense = nested.sense
        mode = getattr(sense, "requested_mode", None) or self.lex.requested_modes.get(nested.event)
        if host.mode is None and mode:
            host.mode = mode
            host.reasons["mode"] = f"what is asked for: {nested.event} ('{nested.trigger.text}')"
        nested_heads = {t.i for t in nested.triggers}
        host.recipient_args = [a for a in host.recipient_args if a.head.i not in nested_heads]
        # "demanded the withdrawal of foreign forces", "called for Israel to withdraw": who is
        # to do what is asked is who is asked (not the requester itself)
        own_side = {a.head.i for a in host.actor_args}
        # an event ("a protest that condemns ...") is never who is asked
        doers = [
            a
            for a in nested.actor_args
            if a.head.i not in own_side and a.head.lemma_.lower() not in self.lex.nouns
        ]
        rallied = nested.event in ("PROTEST", "MOBILIZE")  # "urged supporters to rally"
        if doers and nested.actor_args == doers and not rallied:
            present = {a.head.i for a in host.recipient_args}
            asked = [
                ArgumentSpan(a.tokens, "recipient", f"{a.reason} (who is asked)")
                for a in doers
                if a.head.i not in present
            ]
            if asked:
                host.recipient_args = asked + host.recipient_args
                host.reasons.setdefault(
                    "recipient", f"who is to do the requested {nested.event} is who is asked"
                )
                return
        if nested.recipient_args:
            addressee = {a.head.i for a in host.addressees}
            own = [a for a in host.recipient_args if a.head.i not in addressee]
            if not own:
                # "urged the rebels to withdraw from X": who is asked stays the recipient, the
                # target of what is asked comes after
                # but "urged supporters to stage a rally against X": those called out to
                # protest are the caller's side, the protest's target is the recipient
                asked = set() if rallied else {a.head.i for a in host.recipient_args}
                host.recipient_args = ([] if rallied else list(host.recipient_args)) + [
                    a for a in nested.recipient_args if a.head.i not in asked
                ]
                host.reasons.setdefault(
                    "recipient",
                    f"who is asked, then the target of the requested {nested.event} "
                    f"('{nested.trigger.text}')"
                    if asked
                    else f"target of the requested {nested.event} ('{nested.trigger.text}')",
                )

    def _protest_purpose(self, cand: Candidate, protests: dict) -> Candidate | None:
        """ "marched on parliament to demand lower prices", "blocked roads demanding ...", "a
        rally calling for ...", "held rallies, saying he must resign": the demand is the
        protest's topic, which PLOVER does not code as an event of its own."""
        tok = cand.trigger
        if cand.event not in ("REQUEST", "ACCUSE"):
            return None
        for _ in range(4):
            if tok.head == tok or tok.dep_ not in _TOPIC_LINKS:
                return None
            below, tok = tok, tok.head
            host = protests.get((id(cand.sentence), tok.i))
            if host is not None:
                # a clause with its own subject or conjunction is another event, not the
                # protest's topic: "marched after the president called for calm"
                own = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in below.children)
                return None if own else host
        return None

    def _absorb_content(self, host: Candidate, nested: Candidate) -> None:
        """ "agreed to resign", "refused to meet X", "threatened to shell", "rejected calls by
        X": the nested event is what is promised, refused or threatened."""
        what = f"{nested.event} ('{nested.trigger.text}')"
        if host.mode is None:
            mode = {
                "REJECT": self.lex.refused_modes.get(nested.event),
                "THREATEN": _THREAT_MODES.get(nested.event),
            }.get(host.event)
            if mode:
                host.mode = mode
                host.reasons["mode"] = f"what is {_VERB[host.event]}: {what}"
        # rejecting a demand targets whoever made it; otherwise the content's target
        demand = nested.event == "REQUEST" and host.event == "REJECT"
        replacement = nested.actor_args if demand else nested.recipient_args
        nested_heads = {t.i for t in nested.triggers}
        own = [a for a in host.recipient_args if a.head.i not in nested_heads]
        if replacement and not own:
            host.recipient_args = list(replacement)
            host.reasons["recipient"] = f"from what is {_VERB[host.event]}: {what}"
        else:
            host.recipient_args = own

    # ------------------------------------------------------------------ other modalities
    def _resolve(self, cand: Candidate) -> None:
        cues = find_cues(cand, self.lex)
        sense = cand.sense
        if cues.speech is not None:
            self._speaker_for_pronoun(cand, cues.speech)
        if getattr(sense, "speech_only", False):
            if cues.speech is None:
                cand.drop_reason = "speech-only trigger outside reported speech"
                return
            doer = cand.actor_args
            cand.actor_args = self.args.speaker(cues.speech)
            cand.recipient_args = doer or cand.recipient_args
            cand.reasons["actor"] = f"the speaker of '{cues.speech.text}' makes the accusation"
        if cues.negation is not None:
            failed = cues.negation.lemma_.lower() in self.lex.negating_verbs
            kind = f"{cand.event}:{cand.cameo}"  # "SUPPORT:057", one kind of a type
            if cand.event in self.lex.refused_modes and (
                cues.speech is not None
                or cues.future is not None
                or (failed and bool({cand.event, kind} & self.lex.failure_rejects))
                or permission_denied(cand, self.lex)  # "did not allow", "gave no permission"
            ):
                self._to_refusal(cand, cues, failed)
                return
            self._set(cand, "negated", cues.negation)
            return
        unless = cues.hypothetical is not None and cues.hypothetical.lower_ == "unless"
        if cand.event in self.lex.future_threats and (cues.future is not None or unless):
            cue = cues.hypothetical if unless else cues.future
            assert cue is not None
            threatened = cand.event
            cand.reasons["event"] = (
                f"{threatened} announced for the future ('{cue.text}'): a threat"
            )
            cand.event, cand.cameo, cand.mode = "THREATEN", None, _THREAT_MODES.get(threatened)
            self._set(cand, "asserted", cue)
            return
        if cues.hedge is not None:
            self._set(cand, "reported-unconfirmed", cues.hedge)
            return
        if cues.hypothetical is not None:
            self._set(cand, "hypothetical", cues.hypothetical)
            return
        if cues.future is not None:  # future cooperation: AGREE; a decided concession: CONCEDE
            recode_future(cand, cues.future, self.lex)
            self._set(cand, "future", cues.future)
            return
        if cand.event == "REQUEST":
            self._set(cand, "called-for", cand.trigger)

    def _set(self, cand: Candidate, modality: str, cue: Token) -> None:
        cand.modality = modality
        cand.modality_cue = cue

    def _to_refusal(self, cand: Candidate, cues: Cues, failed: bool) -> None:
        """ "X said it will not withdraw": X refuses. ``failed``: "failed to reach agreement"."""
        refused, negation = cand.event, cues.negation
        assert negation is not None
        how = "failed" if failed else "stated or planned"
        cand.reasons["event"] = (
            f"negated {refused} ('{negation.text} {cand.trigger.text}') {how}: a refusal"
        )
        cand.event = "REJECT"
        modes = self.lex.refused_modes
        cand.mode = modes.get(f"{refused}:{cand.cameo}", modes[refused])
        cand.cameo = None
        cand.modality = "asserted"
        cand.modality_cue = cues.negation
        cand.triggers += [] if negation in cand.triggers else [negation]
        if cues.speech is not None and speaker_refuses(cand.actor_args, failed):
            speaker = self.args.speaker(cues.speech)  # not "says X and Y failed to agree"
            if speaker:
                cand.actor_args = speaker
                cand.reasons["actor"] = f"the speaker of '{cues.speech.text}' refuses"

    def _speaker_for_pronoun(self, cand: Candidate, speech: Token) -> None:
        """ "the United States has said it does not plan...": 'it' is the speaker."""
        speaker = None
        for arg in cand.actor_args:
            subject = arg.head.lower_ in self.lex.words.speaker_pronouns
            if is_pronoun(arg.head, self.lex.words) and subject:
                speaker = speaker if speaker is not None else self.args.speaker(speech)
                if speaker:
                    cand.actor_args = speaker
                    for s in speaker:
                        s.reason = f"pronoun '{arg.head.text}' refers to the speaker ({s.reason})"
                break
