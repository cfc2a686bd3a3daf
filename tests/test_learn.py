"""The learned classifier: training, files, the combination policy, the pipeline with it, and
the shipped model. Fast tests use a small word-hashing embedder written here; tests marked
slow run the real MiniLM embeddings (the ``ml`` extra, installed in CI)."""

from __future__ import annotations

import hashlib
import json
import re
import sys

import numpy as np
import pytest

from eventcoder.evaluate import GoldItem, type_scores
from eventcoder.learn.model import EventClassifier, Policy, decide
from eventcoder.learn.train import (
    apply_policy,
    choose_policy,
    data_digest,
    load_training,
    project_data_files,
    train,
)

DIM = 256


def hash_embed(texts: list[str]) -> np.ndarray:
    """Bag of words hashed into DIM dimensions, L2-normalised: a stand-in for MiniLM."""
    out = np.zeros((len(texts), DIM))
    for i, text in enumerate(texts):
        for word in re.findall(r"[a-z]+", text.lower()):
            out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


TINY = [
    ("Workers went on strike at the port.", "PROTEST"),
    ("Teachers went on strike over pay.", "PROTEST"),
    ("Nurses went on strike in the north.", "PROTEST"),
    ("Miners went on strike at the mine.", "PROTEST"),
    ("A bomb exploded at the market.", "ASSAULT"),
    ("A bomb exploded near the barracks.", "ASSAULT"),
    ("A bomb exploded outside the station.", "ASSAULT"),
    ("A bomb exploded in the square.", "ASSAULT"),
    ("Rainfall was above average in May.", "NONE"),
    ("Rainfall was below average in June.", "NONE"),
    ("Rainfall was average in the valley.", "NONE"),
    ("Rainfall was heavy on the coast.", "NONE"),
]


def tiny_items() -> list[GoldItem]:
    return [GoldItem(str(n), text, label) for n, (text, label) in enumerate(TINY)]


@pytest.fixture(scope="module")
def tiny_model() -> EventClassifier:
    items = tiny_items()
    return EventClassifier.fit(
        hash_embed([i.text for i in items]), [i.label for i in items], "hash", c=10.0
    )


def test_classifier_learns_and_roundtrips(tmp_path, tiny_model):
    X = hash_embed(["Dockers went on strike.", "A bomb exploded at dawn.", "Rainfall was low."])
    labels = [tiny_model.labels[int(i)] for i in tiny_model.predict_proba(X).argmax(axis=1)]
    assert labels == ["PROTEST", "ASSAULT", "NONE"]
    tiny_model.policy = Policy("override", fill=0.4, override=0.8, veto=0.9, single=True)
    tiny_model.save(tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["model.json", "weights.npz"]
    again = EventClassifier.load(tmp_path / "m")
    assert again.labels == tiny_model.labels and again.policy == tiny_model.policy
    assert np.allclose(again.predict_proba(X), tiny_model.predict_proba(X))
    label, prob, p_none = again.top(again.predict_proba(X)[0])
    assert label == "PROTEST" and prob > 0.5 and p_none < prob


def test_load_names_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match="expected model.json and weights.npz"):
        EventClassifier.load(tmp_path)
    (tmp_path / "model.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    np.savez(tmp_path / "weights.npz", coef=np.zeros((2, 3)), intercept=np.zeros(2))
    with pytest.raises(ValueError, match="unknown format"):
        EventClassifier.load(tmp_path)


@pytest.mark.parametrize(
    ("policy", "rules", "label", "prob", "p_none", "expected"),
    [
        (Policy("rules"), set(), "AID", 0.99, 0.0, (False, False)),
        (Policy("fill", fill=0.5), set(), "AID", 0.6, 0.1, (False, True)),
        (Policy("fill", fill=0.5), set(), "AID", 0.4, 0.1, (False, False)),
        (Policy("fill", fill=0.5), {"ACCUSE"}, "AID", 0.99, 0.0, (False, False)),
        (Policy("union", fill=0.5), {"ACCUSE"}, "AID", 0.6, 0.0, (False, True)),
        (Policy("override", fill=0.5, override=0.8), {"ACCUSE"}, "AID", 0.9, 0.0, (True, True)),
        (Policy("override", fill=0.5, override=0.8), {"ACCUSE"}, "AID", 0.7, 0.0, (False, False)),
        (Policy("fill", fill=0.5, veto=0.7), {"ACCUSE"}, "AID", 0.1, 0.8, (True, False)),
        (Policy("fill", fill=0.5, veto=0.7), {"AID"}, "AID", 0.9, 0.05, (False, False)),
    ],
)
def test_decide(policy, rules, label, prob, p_none, expected):
    d = decide(policy, rules, label, prob, p_none)
    assert (d.drop_rules, d.add) == expected
    assert d.why


def test_single_keeps_the_type_the_classifier_ranks_first():
    probs = {"PROTEST": 0.6, "REQUEST": 0.3, "NONE": 0.1}
    d = decide(Policy("fill", single=True), {"PROTEST", "REQUEST"}, "PROTEST", 0.6, 0.1, probs)
    assert d.keep_only == "PROTEST"
    d = decide(Policy("fill"), {"PROTEST", "REQUEST"}, "PROTEST", 0.6, 0.1, probs)
    assert d.keep_only is None


def test_policy_search_on_probes_by_hand():
    from eventcoder.learn.train import Probe

    def probe(label, rules, learned, prob, p_none=0.0, realised=True):
        return Probe(label, set(rules), learned, realised, prob, p_none, {learned: prob})

    probes = [
        probe("AID", [], "AID", 0.9),  # rules missed it; the classifier is sure
        probe("AID", [], "AID", 0.6),
        probe("PROTEST", ["PROTEST"], "PROTEST", 0.8),
        probe("NONE", [], "AID", 0.3, p_none=0.6),  # a threshold above 0.3 keeps this empty
        probe("NONE", [], "AID", 0.55, p_none=0.4, realised=False),  # negated: never output
    ]
    assert apply_policy(Policy("rules"), probes)[0] == ("AID", set())
    pairs = apply_policy(Policy("fill", fill=0.5), probes)
    assert [p for _, p in pairs] == [{"AID"}, {"AID"}, {"PROTEST"}, set(), set()]
    policy, scores = choose_policy(probes)
    assert policy.kind != "rules" and 0.3 < policy.fill <= 0.6
    assert scores == type_scores(pairs) and scores["macro_f1"] == 1.0


def test_train_chooses_a_policy_by_cross_validation(tiny_model):
    items = tiny_items() * 2  # 8 per label for 3 folds
    model = train(items, embed=hash_embed, backend="hash", folds=3, c=10.0)
    info = model.info
    assert info["sentences"] == 24 and info["per_label"]["NONE"] == 8
    assert {"cv_rules_alone", "cv_classifier_alone", "cv_combined"} <= set(info)
    assert info["cv_combined"]["macro_f1"] >= info["cv_rules_alone"]["macro_f1"]
    assert info["cv_combined"]["false_event_rate"] <= max(
        0.10, info["cv_rules_alone"]["false_event_rate"]
    )


def test_auto_only_lets_the_classifier_fill_and_any_searches_every_kind():
    model = train(tiny_items() * 2, embed=hash_embed, backend="hash", folds=3)
    assert model.policy.kind in ("rules", "fill") and model.policy.veto == 1.0
    assert model.input == "entities-masked" == model.info["input"]
    from eventcoder.learn.train import Probe, choose_policy, policies

    # where the rules are wrong and the classifier right, 'any' may override them; auto may not
    probes = [Probe("AID", {"ACCUSE"}, "AID", True, 0.95, 0.0, {"AID": 0.95})] * 3
    probes += [Probe("NONE", set(), "AID", True, 0.1, 0.9, {"AID": 0.1})]
    best_any, _ = choose_policy(probes, policies())
    assert best_any.kind == "override"
    cautious = [p for p in policies() if p.kind in ("rules", "fill") and p.veto >= 1.0]
    assert choose_policy(probes, cautious)[0].kind in ("rules", "fill")


def test_classifier_reads_the_sentence_with_entities_masked():
    from eventcoder.annotate import load_nlp
    from eventcoder.learn.inputs import from_texts, masked

    nlp = load_nlp()
    doc = nlp("Israeli troops shelled Gaza City on Monday, the Palestinian health ministry said.")
    text = masked(doc)
    for name in ("Israeli", "Gaza", "Monday", "Palestinian"):
        assert name not in text
    assert "troops shelled" in text and "on ," not in text
    assert masked(list(doc.sents)[0]) == text  # a sentence span reads as the whole doc
    assert from_texts(["Rain fell."], "sentence") == ["Rain fell."]
    with pytest.raises(ValueError, match="unknown classifier input"):
        from_texts(["Rain fell."], "letters")


def test_a_model_saved_without_input_reads_whole_sentences(tmp_path, tiny_model):
    tiny_model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert meta["input"] == "sentence"
    del meta["input"]  # a model from before the input choice existed
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    assert EventClassifier.load(tmp_path / "m").input == "sentence"


def test_all_types_keeps_every_rule_type():
    model = train(tiny_items() * 2, embed=hash_embed, backend="hash", folds=3, all_types=True)
    assert model.policy.single is False


def test_train_refuses_data_without_none():
    items = [GoldItem(str(n), t, lab) for n, (t, lab) in enumerate(TINY) if lab != "NONE"]
    with pytest.raises(ValueError, match="no NONE sentences"):
        train(items, embed=hash_embed, backend="hash")


def test_learned_detector_in_the_pipeline(tiny_model, coder):
    from eventcoder import Coder
    from eventcoder.detect.lexicon import Lexicon
    from eventcoder.learn.detector import LearnedDetector

    # The rules find no event in the first sentence; the classifier fills it. The rules' march
    # in the second sentence is kept.
    text = "A bomb exploded at the market in Kano. Protesters marched in Baghdad on Friday."

    def with_policy(policy: Policy) -> Coder:
        det = LearnedDetector(tiny_model, Lexicon.load(None), embed=hash_embed, policy=policy)
        return coder.variant(config={"detect": {"learned": det}})

    rules_only = coder.code(text)
    assert [(e.event, e.sentence_index) for e in rules_only] == [("PROTEST", 1)]
    filled = with_policy(Policy("fill", fill=0.4)).code(text)
    assert [(e.event, e.detector, e.sentence_index) for e in filled] == [
        ("ASSAULT", "classifier", 0),
        ("PROTEST", "rules", 1),
    ]
    learned = filled[0]  # a classifier event carries its evidence like any other
    assert learned.reasons["event"].startswith("classifier: ASSAULT")
    assert learned.event_text == ["exploded"] and learned.text in text
    assert learned.mode == "explosives" and learned.cameo  # weapon word -> mode, as for rules
    assert [a.entity_text for a in learned.actor] == ["A bomb"] or learned.actor == []
    assert [(e.event, e.detector) for e in with_policy(Policy("rules")).code(text)] == [
        ("PROTEST", "rules")
    ]
    # veto: where the classifier gives NONE enough probability, the rules' event is dropped
    assert with_policy(Policy("fill", fill=0.99, veto=0.0)).code(text) == []


def test_negated_sentence_stays_negated(tiny_model, coder):
    from eventcoder.detect.lexicon import Lexicon
    from eventcoder.learn.detector import LearnedDetector

    det = LearnedDetector(tiny_model, Lexicon.load(None), embed=hash_embed,
                          policy=Policy("fill", fill=0.0))  # fmt: skip
    negated = coder.variant(config={"detect": {"learned": det}}, include_unrealised=True)
    events = negated.code("No bomb exploded at the market, the police said.")
    assert events and all(e.modality == "negated" for e in events)


def test_missing_model_directory_is_a_clear_cli_error(tmp_path, run_cli):
    result = run_cli("code", "-", "--model", tmp_path / "nope", input="Police arrested him.")
    assert result.exit_code == 2
    assert "no such directory" in re.sub(r"[\s│╭╮╰╯─]+", " ", result.output)


def test_missing_extra_is_a_clear_error(monkeypatch):
    from eventcoder.learn.embed import INSTALL_HINT, MiniLMEmbedder, MLUnavailable

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(MLUnavailable) as info:
        MiniLMEmbedder()
    assert INSTALL_HINT in str(info.value) and "eventcoder[ml]" in str(info.value)


def test_training_data_is_the_projects_own_and_well_formed():
    items = load_training(project_data_files())
    labels = {i.label for i in items}
    from eventcoder.ontology import PLOVER_TYPES

    assert labels == set(PLOVER_TYPES) | {"NONE"}
    assert len(items) >= 600
    assert len({i.text for i in items}) == len(items), "duplicate training sentences"
    counts = {lab: sum(i.label == lab for i in items) for lab in labels}
    assert min(counts.values()) >= 25 and counts["NONE"] >= 100


def test_shipped_model_was_trained_on_the_shipped_data():
    from eventcoder.learn.detector import resolve_model

    model = EventClassifier.load(resolve_model("builtin"))
    items = load_training(project_data_files())
    assert model.info["data_sha256_16"] == data_digest(items), (
        "data/training changed: retrain with 'eventcoder train --with-project-data "
        "--fine-tune-layers 2 -o src/eventcoder/data/models/builtin'"
    )
    assert model.info["cv_combined"]["macro_f1"] >= model.info["cv_rules_alone"]["macro_f1"]


# ---------------------------------------------------------------------- real embeddings
needs_ml = pytest.mark.skipif(
    not __import__("eventcoder.learn.embed", fromlist=["ml_available"]).ml_available()
    and __import__("os").environ.get("EVENTCODER_REQUIRE_SERVICES") != "1",
    reason="the ml extra is not installed (CI installs it and runs these)",
)


@pytest.mark.slow
@needs_ml
def test_minilm_embeddings_are_normalised_and_meaningful():
    from eventcoder.learn.embed import load_embedder

    emb = load_embedder()
    X = emb.encode(["Troops shelled the town.", "Artillery pounded the city.", "Rain fell."])
    assert X.shape == (3, 384)
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-4)
    assert X[0] @ X[1] > X[0] @ X[2]


@pytest.mark.slow
@needs_ml
def test_builtin_model_fills_what_the_rules_miss(coder):
    # a promise to sign is AGREE (a pact already signed is SUPPORT, PLOVER manual); no rule
    # knows "ink"
    text = "The two rival parties will ink a power-sharing pact on Saturday."
    assert coder.code(text) == []
    builtin = coder.variant(model="builtin")
    events = builtin.code(text)
    assert [(e.event, e.detector) for e in events] == [("AGREE", "classifier")]
    assert events[0].reasons["event"].startswith("classifier: AGREE")
    # a variant of it shares the loaded classifier and embedder, and codes as it does
    again = builtin.variant(main_events_only=True)
    assert again.learned is not None and builtin.learned is not None
    assert again.learned.classifier is builtin.learned.classifier
    assert again.learned.embed == builtin.learned.embed
    assert again.code(text) == events


@pytest.mark.slow
@needs_ml
def test_shipped_model_is_reproducible_from_the_shipped_data():
    """The shipped model is what 'train --with-project-data --fine-tune-layers 2' makes of the
    shipped sentences: the frozen classifier it starts from, then its top two encoder layers
    and head fine-tuned as recorded (the final fit only: a few minutes of CPU)."""
    from dataclasses import fields

    from eventcoder.learn.detector import resolve_model
    from eventcoder.learn.embed import load_embedder
    from eventcoder.learn.finetune import Settings, TopLayers, lower_states
    from eventcoder.learn.inputs import from_texts

    shipped = EventClassifier.load(resolve_model("builtin"))
    assert shipped.tuned_layers == 2 and shipped.info["fine_tuned"]["layers"] == 2
    items = load_training(project_data_files())
    y = [i.label for i in items]
    texts = from_texts([i.text for i in items], shipped.input)
    frozen = load_embedder()
    refit = EventClassifier.fit(frozen.encode(texts), y, shipped.backend, c=shipped.info["C"])
    assert refit.labels == shipped.labels
    recorded = shipped.info["fine_tuned"]
    settings = Settings(**{f.name: recorded[f.name] for f in fields(Settings)})
    split = len(frozen.transformer.encoder.layer) - settings.layers
    states = lower_states(frozen.transformer, frozen.tokenizer, texts, split, settings.max_tokens)
    tuner = TopLayers(frozen.transformer, split, refit.coef, refit.intercept)
    tuner.train(states, y, refit.labels, None, settings)
    assert sorted(tuner.state()) == sorted(shipped.encoder or {})
    again = tuner.predict_proba(states).argmax(1)
    tuned = load_embedder(shipped.backend, tuned=shipped.encoder)
    assert (again == shipped.predict_proba(tuned.encode(texts)).argmax(1)).mean() > 0.99


@pytest.mark.slow
@needs_ml
def test_train_and_code_commands(tmp_path, run_cli):
    rows = ["text,label"]
    for n in range(6):
        rows += [f'"Villagers in district {n} planted trees along the river.",PROTEST',
                 f'"Soldiers in district {n} painted the school.",AID',
                 f'"The weather in district {n} was mild.",NONE']  # fmt: skip
    data = tmp_path / "mine.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("train", data, "-o", tmp_path / "m", "--folds", "3", "--combine", "fill")
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert meta["info"]["sentences"] == 18 and meta["policy"]["kind"] == "fill"
    assert "cv_combined" in result.output
    # the user's own event definition is applied by 'code --model'
    result = run_cli("code", "-", "--model", tmp_path / "m", "-f", "jsonl",
                     input="Villagers in the next district planted trees along the river.")  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(e["event"], e["detector"]) for e in events] == [("PROTEST", "classifier")]


def answering(label: str, prob: float, policy: Policy):
    """A learned detector whose classifier always answers ``label`` with ``prob``."""
    from eventcoder.detect.lexicon import Lexicon
    from eventcoder.learn.detector import LearnedDetector
    from eventcoder.learn.train import _FixedClassifier

    labels = sorted([label, "NONE"])
    fixed = _FixedClassifier(EventClassifier(labels, np.zeros((2, 1)), np.zeros(2), "hash"))
    fixed.row = np.array([prob if lab == label else 1 - prob for lab in labels])
    return LearnedDetector(fixed, Lexicon.load(None), embed=lambda t: np.zeros((len(t), 1)),  # type: ignore[arg-type]
                           policy=policy)  # fmt: skip


def test_classifier_event_takes_its_mode_from_the_trigger_lexicon(coder):
    from eventcoder.learn.detector import DETECTOR
    from eventcoder.records import Article

    det = answering("RETREAT", 0.9, Policy("union", fill=0.0))
    det.combine = lambda cands: cands  # type: ignore[method-assign]
    mine = coder.variant(stages=("clean", "annotate", "detect", "modality"),
                         config={"detect": {"learned": det}})  # fmt: skip
    doc = mine.process(Article(id="t", text="The rebels released the hostages on Friday."))
    learned = [c for c in doc.candidates if c.detector == DETECTOR]
    assert [(c.event, c.mode) for c in learned] == [("RETREAT", "release")]
    assert learned[0].reasons["mode"] == "'released' as a RETREAT in the trigger lexicon"


def test_classifier_proposes_no_event_for_a_sentence_of_state(coder):
    from eventcoder.learn.detector import DETECTOR
    from eventcoder.records import Article

    mine = coder.variant(
        config={"detect": {"learned": answering("CONSULT", 0.9, Policy("fill", fill=0.5))}}
    )
    state = mine.code_article(
        Article(id="s", text="The gathering included senior militia leaders.")
    )
    assert state.events == []
    act = mine.code_article(Article(id="a", text="Militia leaders gathered in Qom on Monday."))
    assert [(e.event, e.detector) for e in act.events] == [("CONSULT", DETECTOR)]


def test_one_type_per_sentence_keeps_the_others_as_background(coder):
    text = "Students condemned the corruption and demanded the resignation of the minister."
    policy = Policy("fill", fill=0.5, single=True)
    accuse = coder.variant(config={"detect": {"learned": answering("ACCUSE", 0.9, policy)}})
    events = accuse.code(text)
    assert {(e.event, e.salience) for e in events} == {
        ("ACCUSE", "main"),
        ("REQUEST", "background"),
    }
    request = next(e for e in events if e.event == "REQUEST")
    assert request.reasons["salience"].startswith(
        "one type per sentence: the classifier ranks ACCUSE"
    )
    main_only = coder.variant(
        main_events_only=True, config={"detect": {"learned": answering("ACCUSE", 0.9, policy)}}
    )
    assert [e.event for e in main_only.code(text)] == ["ACCUSE"]
