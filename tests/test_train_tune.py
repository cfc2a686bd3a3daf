"""Training on role-labelled data with the older root YIELD, and choosing the combination
policy on a development set (``train --tune-on``, learn/tune.py). Sentences written here."""

from __future__ import annotations

import numpy as np
import pytest

from eventcoder.evaluate import GoldItem
from eventcoder.learn.model import Policy
from eventcoder.learn.train import Probe, load_training, resolve_older_roots, train
from eventcoder.learn.tune import allowed, one_type, sentence_scores, tune

from .test_learn import TINY, hash_embed


def probe(label: str, rules: list[str], learned: str, prob: float, p_none: float = 0.0) -> Probe:
    return Probe(label, set(rules), learned, True, prob, p_none, {learned: prob})


def test_yield_labels_are_split_into_concede_and_retreat():
    items = [
        GoldItem("1", "The rebels released the hostages.", "RETREAT"),
        GoldItem("2", "The militia released the prisoners.", "RETREAT"),
        GoldItem("3", "The minister apologised to the families.", "CONCEDE"),
        GoldItem("4", "The company apologised to the customers.", "CONCEDE"),
        GoldItem("5", "The army released the detainees.", "YIELD"),
        GoldItem("6", "The mayor apologised to the residents.", "YIELD"),
    ]
    X = hash_embed([i.text for i in items])
    out, counts = resolve_older_roots(items, X, "hash", 10.0)
    assert [i.label for i in out[4:]] == ["RETREAT", "CONCEDE"]
    assert counts == {"YIELD->CONCEDE": 1, "YIELD->RETREAT": 1}
    assert [i.label for i in out[:4]] == [i.label for i in items[:4]]


def test_one_type_scores_yield_and_misses_like_evaluate():
    probes = [
        probe("YIELD", ["RETREAT"], "RETREAT", 0.9),  # a RETREAT is a YIELD
        probe("AID", [], "AID", 0.4),  # below the fill threshold: no event, a miss
        probe("ACCUSE", ["ACCUSE", "REQUEST"], "ACCUSE", 0.7),  # two types: the ranked one
    ]
    pairs = one_type(Policy("fill", fill=0.5), probes)
    assert pairs == [("YIELD", "YIELD"), ("AID", "NONE"), ("ACCUSE", "ACCUSE")]
    scores = sentence_scores(pairs)
    assert scores["accuracy"] == pytest.approx(2 / 3) and scores["no_event"] == pytest.approx(1 / 3)


def test_tune_fills_where_the_rules_abstain_but_not_on_training_nones():
    dev = [probe("AID", [], "AID", 0.45)] * 6 + [probe("PROTEST", ["PROTEST"], "PROTEST", 0.9)] * 4
    # training NONE sentences the classifier is fairly sure of: a fill at 0.4 would fire on all
    train_probes = [probe("NONE", [], "AID", 0.42, 0.5)] * 10 + [probe("NONE", [], "AID", 0.2)] * 10
    grid = allowed(train_probes, [Policy("fill", fill=0.4), Policy("fill", fill=0.3)])
    assert grid == []  # both fire on half the training NONE sentences
    policy, scores = tune(dev, [probe("NONE", [], "AID", 0.2, 0.8)] * 10, folds=5)
    assert policy.kind != "rules" and policy.fill <= 0.45
    assert scores["rules_alone"]["accuracy"] == pytest.approx(0.4)
    assert scores["chosen_on_all"]["accuracy"] == 1.0
    assert "cross_validated_5_fold" in scores


def test_train_reads_role_labelled_gold_with_yield_and_tunes_on_it(tmp_path):
    rows = ["text,label,source,target,marked"]
    for text, label in TINY:
        rows.append(f'"{text}",{label},,,')
    rows += [
        '"The rebels released the hostages.",RETREAT,The rebels,the hostages,',
        '"The militia released the prisoners.",RETREAT,The militia,the prisoners,',
        '"The minister apologised to the families.",CONCEDE,The minister,the families,',
        '"The company apologised to the customers.",CONCEDE,The company,the customers,',
        ',YIELD,,,"<s>The army</s> released <t>the detainees</t>."',
        ',YIELD,,,"<s>The guards</s> released <t>the captives</t>."',
    ]
    path = tmp_path / "mine.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = load_training([path])
    assert items[-1].label == "YIELD" and items[-1].source_span == "The guards"
    dev = [GoldItem("d1", "Dockers went on strike at the port.", "PROTEST"),
           GoldItem("d2", "A bomb exploded near the bridge.", "ASSAULT")]  # fmt: skip
    model = train(items * 2, embed=hash_embed, backend="hash", folds=2, c=10.0,
                  tune_on=dev, tune_name="dev.csv")  # fmt: skip
    assert "YIELD" not in model.labels
    assert model.info["older_roots_resolved"] == {"YIELD->RETREAT": 4}
    tuned = model.info["tuned_on"]
    assert tuned["file"] == "dev.csv" and tuned["sentences"] == 2
    assert tuned["chosen_on_all"]["macro_f1"] >= tuned["rules_alone"]["macro_f1"]
    assert "dev.csv" in model.info["policy_chosen_by"]
    assert np.isfinite(model.coef).all()


def test_yield_without_concede_and_retreat_examples_is_refused():
    items = [GoldItem(str(n), t, lab) for n, (t, lab) in enumerate(TINY)]
    items += [GoldItem("y1", "The army released them.", "YIELD")] * 2
    with pytest.raises(ValueError, match="YIELD"):
        train(items, embed=hash_embed, backend="hash", folds=2)


def test_own_sentences_can_count_more_than_the_projects():
    items = [GoldItem(str(n), t, lab) for n, (t, lab) in enumerate(TINY)]
    ambiguous = GoldItem("x", "A bomb exploded at the strike.", "PROTEST")
    plain = train(items + [ambiguous] * 2, embed=hash_embed, backend="hash", folds=2, kind="rules")
    heavy = train(items + [ambiguous] * 2, embed=hash_embed, backend="hash", folds=2, kind="rules",
                  weights=[1.0] * len(items) + [20.0, 20.0])  # fmt: skip
    x = hash_embed([ambiguous.text])
    p = plain.labels.index("PROTEST")
    assert heavy.predict_proba(x)[0, p] > plain.predict_proba(x)[0, p]
