"""The learned detector: one classifier answer per sentence, proposed beside the rules.

``LearnedDetector`` runs in the ``detect`` stage after the rule detector. It classifies every
sentence, and proposes the best event type as a ``Candidate`` whose trigger is the sentence's
main verb and whose arguments are that verb's subject and objects (found as the rules find
them). The ``modality`` stage resolves it like any other event (a negated or future sentence
stays negated or future), then ``combine`` applies the model's policy (``model.Policy``):
the candidate is kept or dropped, and the rules' events of that sentence kept or dropped.
A model trained on role-labelled sentences also has a role tagger (``roles.py``), applied by
``combine`` to the main event of each sentence where its policy says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..detect import dyads
from ..detect.conditions import direct_object, sense_applies
from ..detect.instruments import mend_instruments, passive_event_agent
from ..detect.salience import BACKGROUND
from ..document import Candidate, Document, Sentence, Vote
from ..records import UNREALISED_MODALITIES
from .inputs import from_spans
from .model import EventClassifier, Policy, decide
from .roles import VectorFn

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..detect.lexicon import Lexicon

#: Names of the model that ships with eventcoder (trained on the project's own sentences).
BUILTIN_NAMES = ("builtin", "default")
DETECTOR = "classifier"


def resolve_model(model: str | Path) -> Path:
    """A model directory, or ``builtin`` for the shipped one."""
    if str(model) in BUILTIN_NAMES:
        from ..resources import data_path

        return data_path("models/builtin")
    path = Path(model)
    if not path.is_dir():
        raise FileNotFoundError(f"--model {model}: no such directory")
    return path


class LearnedDetector:
    """Proposes the classifier's event type for each sentence (see the module doc)."""

    name = DETECTOR

    def __init__(
        self,
        classifier: EventClassifier,
        lexicon: Lexicon,
        embed: Callable[[list[str]], np.ndarray] | None = None,
        policy: Policy | None = None,
        vectors: VectorFn | None = None,
    ) -> None:
        from ..detect.arguments import ArgumentFinder

        self.classifier = classifier
        self.policy = policy or classifier.policy
        self.args = ArgumentFinder(lexicon)
        self.speech_verbs = set(lexicon.speech_verbs)
        self.assault_cues = dict(lexicon.assault_mode_cues)
        self.lexicon = lexicon
        self.tagger = getattr(classifier, "roles", None)
        if embed is None:
            from .embed import load_embedder

            embedder = load_embedder(classifier.backend, tuned=classifier.encoder)
            embed = embedder.encode
            if vectors is None and self.tagger is not None and self.tagger.vectors:
                from .roles import TokenVectors

                vectors = TokenVectors(embedder)
        self.embed = embed
        self.vectors = vectors

    @classmethod
    def load(cls, model: str | Path, lexicon: Lexicon) -> LearnedDetector:
        return cls(EventClassifier.load(resolve_model(model)), lexicon)

    def with_lexicon(self, lexicon: Lexicon) -> LearnedDetector:
        """This detector (its classifier, embedder and policy) with another trigger lexicon."""
        return LearnedDetector(self.classifier, lexicon, embed=self.embed, policy=self.policy,
                               vectors=self.vectors)  # fmt: skip

    def __call__(self, doc: Document) -> list[Candidate]:
        if self.policy.kind == "rules" or not doc.sentences:
            return []
        texts = from_spans([s.span for s in doc.sentences], self.classifier.input)
        probs = self.classifier.predict_proba(self.embed(texts))
        out = []
        for sent, row in zip(doc.sentences, probs, strict=True):
            cand = self.candidate(sent, row)
            if cand is not None:
                out.append(cand)
        return out

    def candidate(self, sent: Sentence, row: np.ndarray) -> Candidate | None:
        label, prob, p_none = self.classifier.top(row)
        root = self.main_verb(sent)
        if root.lemma_.lower() in self.lexicon.stative_verbs:
            return None  # "the gathering included ...": a state, not an act
        cand = Candidate(
            sentence=sent,
            event=label,
            mode=None,
            cameo=None,
            triggers=[root],
            detector=self.name,
            confidence=prob,
            vote=Vote(
                label, prob, p_none, dict(zip(self.classifier.labels, map(float, row), strict=True))
            ),
        )
        if label == "ASSAULT":  # the weapon words the rules use give the mode
            cue = next((t for t in sent.span if t.lower_ in self.assault_cues), None)
            if cue is not None:
                cand.mode = self.assault_cues[cue.lower_]
                cand.reasons["mode"] = f"'{cue.text}' in the sentence"
        if cand.mode is None:
            self.lexicon_mode(cand, root, label)
        cand.actor_args = self.args.actors(root) or passive_event_agent(root, self.lexicon)
        cand.recipient_args = self.args.recipients(root, label, set())
        if not dyads.has_party(cand.recipient_args, self.lexicon):
            cand.recipient_args = (
                dyads.complement_recipients(root, self.lexicon, self.args.target)
                + cand.recipient_args
            )
        for mend in (dyads.reciprocal, mend_instruments, dyads.prefer_parties):
            mend(cand, self.lexicon)  # the same role patterns as the rules (detect/dyads.py)
        cand.reasons["event"] = f"classifier: {label} p={prob:.2f} on the sentence"
        cand.reasons["trigger"] = "the classifier reads the whole sentence; trigger = its main verb"
        return cand

    def lexicon_mode(self, cand: Candidate, root: Token, label: str) -> None:
        """The mode the trigger lexicon gives the main verb (or its object noun) for the
        classifier's type: "released the hostages" -> RETREAT ``release``."""
        words = [(root, self.lexicon.verbs.get(root.lemma_.lower(), []))]
        obj = direct_object(root)
        if obj is not None:
            words.append((obj, self.lexicon.nouns.get(obj.lemma_.lower(), [])))
        for tok, senses in words:
            for sense in senses:
                applies = sense_applies(sense, tok, self.lexicon.words)
                if sense.event == label and sense.mode and applies:
                    cand.mode = sense.mode
                    cand.reasons["mode"] = f"'{tok.text}' as a {label} in the trigger lexicon"
                    return

    def main_verb(self, sent: Sentence) -> Token:
        """The sentence's root, or what a reporting verb reports ("X exploded, police said")."""
        verb = sent.span.root
        for _ in range(3):
            if verb.lemma_.lower() not in self.speech_verbs:
                break
            content = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None)
            if content is None:
                break
            verb = content
        return verb

    def combine(self, candidates: list[Candidate]) -> list[Candidate]:
        """Apply the policy per sentence to resolved candidates (after ``modality``), then
        the role tagger's policies to each sentence's main event."""
        kept = combine(candidates, self.policy)
        if self.tagger is not None:
            from .roles import tag

            tag(self.tagger, kept, self.lexicon.words, self.vectors)
        return kept


def combine(candidates: list[Candidate], policy: Policy) -> list[Candidate]:
    """Per sentence, the policy weighs the classifier's answer against the rule events the
    sentence reports (``salience == "main"``); rule events told as background in a subordinate
    clause are not what the sentence-level classifier reads and are kept as they are. Where
    the policy keeps one type per sentence, the other types are kept too but marked
    background (``code --main-events-only`` and ``evaluate`` leave them out)."""
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_sentence.setdefault(id(cand.sentence), []).append(cand)
    keep: set[int] = set()
    for cands in by_sentence.values():
        learned = [c for c in cands if c.detector == DETECTOR]
        rules = [c for c in cands if c.detector != DETECTOR]
        if not learned:
            keep.update(id(c) for c in rules)
            continue
        keep.update(id(c) for c in rules if c.salience == BACKGROUND)
        main = [c for c in rules if c.salience != BACKGROUND]
        cand = learned[0]
        assert cand.vote is not None  # every candidate of the learned detector has its vote
        prob, p_none, probs = cand.vote.prob, cand.vote.p_none, cand.vote.probs
        rule_types = {c.event for c in main if c.modality not in UNREALISED_MODALITIES}
        decision = decide(policy, rule_types, cand.event, prob, p_none, probs)
        if decision.keep_only is not None:
            keep.update(id(c) for c in main)
            for c in main:  # the other types stay, told as background of the one reported
                if c.event != decision.keep_only and c.modality not in UNREALISED_MODALITIES:
                    c.salience = BACKGROUND
                    c.reasons["salience"] = (
                        f"one type per sentence: the classifier ranks {decision.keep_only} "
                        f"above {c.event} (p={(probs or {}).get(c.event, 0.0):.2f})"
                    )
        elif not decision.drop_rules:
            keep.update(id(c) for c in main)
        if decision.add:
            cand.reasons["event"] = decision.why
            keep.add(id(cand))
    return [c for c in candidates if id(c) in keep]
