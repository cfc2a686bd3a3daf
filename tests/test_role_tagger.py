"""The learned role tagger (``learn/roles.py``): learning heads from role-labelled sentences,
the ``fill`` / ``override`` policies with their reasons, files, and ``train`` with and without
role spans. Fast tests read parse features only (no encoder); the slow one runs MiniLM."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventcoder.evaluate import GoldItem
from eventcoder.learn import roles, roles_train
from eventcoder.learn.model import EventClassifier, Policy
from eventcoder.learn.train import train
from eventcoder.ontology import PLOVER_TYPES

from .test_learn import hash_embed, needs_ml

#: Our own sentences: who fired at whom, the target the object of "at".
FIRED = [
    ("Rebels fired rockets at an army base near the border.", "Rebels", "an army base"),
    ("Police fired tear gas at students outside the university.", "Police", "students"),
    ("Militants fired mortars at a police post in the north.", "Militants", "a police post"),
    ("Troops fired shells at villages across the river.", "Troops", "villages"),
    ("Gunmen fired shots at a convoy on the highway.", "Gunmen", "a convoy"),
    ("Police fired live rounds at protesters near the square.", "Police", "protesters"),
    (
        "Rebels fired mortars at a government outpost in the hills.",
        "Rebels",
        "a government outpost",
    ),
    ("Guards fired rubber bullets at migrants at the fence.", "Guards", "migrants"),
]
OTHER = [
    ("Workers went on strike at the port.", "PROTEST"),
    ("Teachers went on strike over pay.", "PROTEST"),
    ("Nurses went on strike in the north.", "PROTEST"),
    ("Rainfall was above average in May.", "NONE"),
    ("Rainfall was below average in June.", "NONE"),
    ("Rainfall was heavy on the coast.", "NONE"),
]


def fired_items() -> list[GoldItem]:
    return [
        GoldItem(f"f{n}", text, "ASSAULT", source_span=src, target_span=tgt)
        for n, (text, src, tgt) in enumerate(FIRED)
    ]


@pytest.fixture(scope="module")
def rules_coder(coder):
    return coder.variant(stages=("clean", "annotate", "detect", "modality"))


@pytest.fixture(scope="module")
def tiny_tagger(rules_coder) -> roles.RoleTagger:
    from eventcoder.records import Article

    items = fired_items()
    docs = [rules_coder.process(Article(id=i.id, text=i.text)) for i in items]
    exs = roles_train.examples(items, docs, Policy("rules"), None)
    assert len(exs) == len(items)  # every one of them has a rule event to attach roles to
    return roles_train.fit_examples(exs, "", c=1.0)


def main_event(rules_coder, text: str):
    from eventcoder.records import Article

    doc = rules_coder.process(Article(id="t", text=text))
    return roles.main_candidates(doc.candidates)[0]


def test_a_tiny_tagger_finds_the_target_of_a_new_sentence_of_the_same_shape(
    rules_coder, tiny_tagger
):
    cand = main_event(rules_coder, "Insurgents fired rockets at a military airfield overnight.")
    span = cand.sentence.span
    probs = tiny_tagger.proba(
        roles.features(span, cand.trigger, cand.event, None, tiny_tagger.preps)
    )
    target, p_target = tiny_tagger.best(span, probs, "target", cand.trigger.i)
    source, p_source = tiny_tagger.best(span, probs, "source", cand.trigger.i)
    assert (target.text, source.text) == ("airfield", "Insurgents")
    assert p_target > 0.5 and p_source > 0.5


def test_fill_adds_a_recipient_only_where_none_was_coded_and_says_why(
    rules_coder, tiny_tagger, coder
):
    tagger = roles.RoleTagger(tiny_tagger.coef, tiny_tagger.intercept, tiny_tagger.mean,
                              tiny_tagger.scale, "", {"target": roles.RolePolicy("fill", 0.3)})  # fmt: skip
    words = coder.knowledge.detect_words
    empty = main_event(rules_coder, "Insurgents fired rockets at a military airfield overnight.")
    empty.recipient_args = []  # as if the rules had found no one
    coded = main_event(rules_coder, "Gunmen fired shots at a bus near the checkpoint.")
    before = [[t.text for t in a.tokens] for a in coded.recipient_args]
    assert before  # the rules found this one
    roles.tag(tagger, [empty, coded], words, None)
    assert [[t.text for t in a.tokens] for a in empty.recipient_args] == [
        ["airfield", "a", "military"]
    ]
    assert empty.reasons["recipient"].startswith("recipient from the learned role tagger, p=")
    assert empty.reasons["recipient"].endswith("the rules found none")
    assert [[t.text for t in a.tokens] for a in coded.recipient_args] == before
    assert "recipient" not in coded.reasons
    # the source policy is "rules": the actor is left as the rules found it
    assert "actor" not in empty.reasons


def test_coding_with_a_model_fills_the_recipient_the_rules_missed(coder, tiny_tagger):
    """The whole pipeline: ``combine`` applies the model's tagger to the main event; the actors
    stage codes its span like any other, and the reason comes out with the event."""
    from .test_learn import answering

    det = answering("ASSAULT", 0.9, Policy("rules"))  # the classifier itself adds nothing
    det.tagger = roles.RoleTagger(tiny_tagger.coef, tiny_tagger.intercept, tiny_tagger.mean,
                                  tiny_tagger.scale, "", {"target": roles.RolePolicy("fill", 0.3)})  # fmt: skip
    with_tagger = coder.variant(config={"detect": {"learned": det}})
    text = "Insurgents fired rockets toward a military airfield overnight."
    assert [e.recipient for e in coder.code(text)] == [[]]  # the rules find no recipient
    [event] = with_tagger.code(text)
    assert [r.entity_text for r in event.recipient] == ["a military airfield"]
    assert event.reasons["recipient"].startswith("recipient from the learned role tagger, p=")
    assert [a.entity_text for a in event.actor] == ["Insurgents"]  # the rules' actor stays


def test_override_replaces_a_span_the_tagger_disagrees_with(rules_coder, tiny_tagger, coder):
    tagger = roles.RoleTagger(tiny_tagger.coef, tiny_tagger.intercept, tiny_tagger.mean,
                              tiny_tagger.scale, "", {"target": roles.RolePolicy("override", 0.3)})  # fmt: skip
    cand = main_event(rules_coder, "Insurgents fired rockets at a military airfield overnight.")
    wrong = main_event(rules_coder, "Workers went on strike at the port.").actor_args
    cand.recipient_args = list(wrong)  # a recipient that is not the tagger's
    roles.tag(tagger, [cand], coder.knowledge.detect_words, None)
    assert cand.recipient_args[0].head.text == "airfield"
    assert "it replaces the rules' 'Workers'" in cand.reasons["recipient"]


def test_policy_choice_weighs_what_is_added_against_the_gold():
    stop = frozenset({"the", "a"})
    # the tagger right where the rules have nothing; wrong where they are right
    rows = [roles_train.RoleRow("the army", None, set(), "the army", 1, 0.9),
            roles_train.RoleRow("the port", "the port", {5}, "the town", 7, 0.9),
            roles_train.RoleRow(None, None, set(), "the town", 7, 0.4)]  # fmt: skip
    policy, scores = roles_train.choose(rows, stop)
    assert policy == roles.RolePolicy("fill", 0.8)  # not 0.4: that adds a wrong recipient
    assert scores["rules_alone"]["overlap"] == 0.5 and scores["chosen"]["overlap"] == 1.0
    override = roles_train.policy_scores(rows, roles.RolePolicy("override", 0.5), stop)
    assert override["overlap"] == 0.5


def test_gold_heads_are_the_roots_of_the_gold_spans(rules_coder):
    cand = main_event(rules_coder, "Police fired tear gas at students and workers downtown.")
    span = cand.sentence.span
    assert [span[i].text for i in roles_train.gold_heads(span, "Police")] == ["Police"]
    assert [span[i].text for i in roles_train.gold_heads(span, "students and workers")] == [
        "students"
    ]
    assert roles_train.gold_heads(span, "the mayor") == []


def test_train_with_role_spans_saves_a_tagger_that_round_trips(tmp_path):
    items = fired_items() + [GoldItem(f"o{n}", t, lab) for n, (t, lab) in enumerate(OTHER)]
    model = train(items, embed=hash_embed, backend="hash", folds=3)
    assert model.roles is not None and model.roles.vectors == ""  # parse features only
    info = model.info["roles"]
    assert info["sentences"] == len(FIRED) and set(info["cv"]) == {"source", "target"}
    assert info["kinds"] == ["rules", "fill"]  # --combine auto: the tagger only fills
    model.save(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert meta["roles"]["format"] == roles.FORMAT and (tmp_path / "roles.npz").is_file()
    again = EventClassifier.load(tmp_path)
    assert again.roles is not None
    assert np.allclose(again.roles.coef, model.roles.coef)
    assert again.roles.policies == model.roles.policies
    # written over without a tagger: no stale weights left behind
    model.roles = None
    model.save(tmp_path)
    assert not (tmp_path / "roles.npz").exists()
    assert EventClassifier.load(tmp_path).roles is None


def test_event_columns_are_the_types_and_a_tagger_saved_without_them_reads_the_old_ones(
    rules_coder, tiny_tagger, tmp_path
):
    assert set(roles.EVENTS) == {*PLOVER_TYPES, "NONE"}  # no name that no event carries
    cand = main_event(rules_coder, "Insurgents fired rockets at a military airfield overnight.")
    span = cand.sentence.span
    width = roles.features(span, cand.trigger, cand.event, None, tiny_tagger.preps).shape[1]
    assert tiny_tagger.coef.shape[1] == width
    meta = tiny_tagger.save(tmp_path)
    assert meta["events"] == list(roles.EVENTS)
    assert roles.RoleTagger.load(tmp_path, meta).events == roles.EVENTS
    # a tagger written before the list was saved had three more (always empty) columns
    del meta["events"]
    legacy = roles.RoleTagger.load(tmp_path, meta)
    assert legacy.events == roles.LEGACY_EVENTS
    X = roles.features(span, cand.trigger, cand.event, None, legacy.preps, legacy.events)
    assert X.shape[1] == width + 3


def test_train_without_role_columns_saves_no_tagger(tmp_path):
    items = [GoldItem(f"o{n}", t, lab) for n, (t, lab) in enumerate(OTHER)]
    items += [GoldItem(f"f{n}", t, "ASSAULT") for n, (t, _, _) in enumerate(FIRED)]
    model = train(items, embed=hash_embed, backend="hash", folds=3)
    assert model.roles is None and "roles" not in model.info
    model.save(tmp_path)
    assert "roles" not in json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert not (tmp_path / "roles.npz").exists()


@pytest.mark.slow
@needs_ml
def test_train_command_on_role_labelled_csv_and_code_with_it(tmp_path, run_cli):
    rows = ["text,label,source,target"]
    rows += [f'"{t}",ASSAULT,{s},{g}' for t, s, g in FIRED]
    rows += [f'"{t}",{lab},,' for t, lab in OTHER]
    data = tmp_path / "mine.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("train", data, "-o", tmp_path / "m", "--folds", "3")
    assert result.exit_code == 0, result.output
    assert "role tagger, target:" in result.output
    meta = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert meta["roles"]["vectors"] == meta["backend"]
    assert set(meta["roles"]["policies"]) == {"source", "target"}
    result = run_cli("code", "-", "--model", tmp_path / "m", "-f", "jsonl",
                     input="Insurgents fired rockets at a military airfield overnight.")  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events and events[0]["event"] == "ASSAULT"


def test_the_shipped_tagger_learnt_from_the_projects_sentences_and_only_fills():
    from eventcoder.learn.detector import resolve_model
    from eventcoder.learn.train import load_training, project_data_files

    model = EventClassifier.load(resolve_model("builtin"))
    assert model.roles is not None and model.roles.vectors == model.backend
    own = [i for i in load_training(project_data_files()) if i.source_span or i.target_span]
    assert 0 < model.roles.info["sentences"] <= len(own)
    assert {p.kind for p in model.roles.policies.values()} <= set(roles.CAUTIOUS)
    assert model.roles.coef.shape == (3, model.roles.mean.shape[0])


@pytest.mark.slow
@needs_ml
def test_the_shipped_tagger_is_reproducible_from_the_shipped_data(tmp_path):
    """``scripts/builtin_role_tagger.py`` retrains the shipped tagger from the project's own
    role-labelled sentences: the same weights and policies (the classifier left as it is)."""
    import subprocess
    import sys
    from pathlib import Path

    from eventcoder.learn.detector import resolve_model

    script = Path(__file__).resolve().parents[1] / "scripts" / "builtin_role_tagger.py"
    out = tmp_path / "builtin"
    done = subprocess.run(
        [sys.executable, str(script), "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    shipped = EventClassifier.load(resolve_model("builtin")).roles
    again = EventClassifier.load(out).roles
    assert shipped is not None and again is not None
    assert again.policies == shipped.policies
    assert np.allclose(again.coef, shipped.coef, atol=1e-6)
    assert np.allclose(again.mean, shipped.mean, atol=1e-6)
