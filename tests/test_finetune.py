"""Fine-tuning the encoder's top layers (``train --fine-tune-layers``): the tuned layers are
saved with the model and are what ``code --model`` runs. Fast tests check the files; the tests
marked slow train the real MiniLM on a tiny set of sentences written here."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventcoder.learn.model import EventClassifier

needs_ml = pytest.mark.skipif(
    not __import__("eventcoder.learn.embed", fromlist=["ml_available"]).ml_available()
    and __import__("os").environ.get("EVENTCODER_REQUIRE_SERVICES") != "1",
    reason="the ml extra is not installed (CI installs it and runs these)",
)


def _classifier(encoder: dict[str, np.ndarray] | None) -> EventClassifier:
    return EventClassifier(["AID", "NONE"], np.ones((2, 3)), np.zeros(2), "b", encoder=encoder)


def test_tuned_layers_are_saved_and_loaded_with_the_model(tmp_path):
    layers = {
        "encoder.layer.5.output.dense.bias": np.arange(4, dtype=np.float32),
        "encoder.layer.4.output.dense.bias": np.ones(4, dtype=np.float32),
    }
    model = _classifier(layers)
    assert model.tuned_layers == 2
    model.save(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "model.json").read_text())["fine_tuned_layers"] == 2
    again = EventClassifier.load(tmp_path / "m")
    assert again.encoder is not None and sorted(again.encoder) == sorted(layers)
    assert np.array_equal(again.encoder["encoder.layer.5.output.dense.bias"], np.arange(4))
    # a frozen model written over it leaves no stale tuned layers behind
    _classifier(None).save(tmp_path / "m")
    assert not (tmp_path / "m" / "encoder.npz").exists()
    assert EventClassifier.load(tmp_path / "m").encoder is None


def test_a_model_missing_its_tuned_layers_is_refused(tmp_path):
    _classifier({"encoder.layer.5.output.dense.bias": np.zeros(4)}).save(tmp_path / "m")
    (tmp_path / "m" / "encoder.npz").unlink()
    with pytest.raises(FileNotFoundError, match="encoder.npz is missing"):
        EventClassifier.load(tmp_path / "m")


ROWS = [
    ("Volunteers in {d} handed out blankets to flood victims.", "AID"),
    ("Doctors in {d} treated the wounded for free.", "AID"),
    ("Protesters in {d} marched against the new tax.", "PROTEST"),
    ("Students in {d} staged a sit-in outside parliament.", "PROTEST"),
    ("The harvest in {d} was late this year.", "NONE"),
    ("The museum in {d} opens at nine.", "NONE"),
]
DISTRICTS = ["the north", "the south", "the east", "the west"]


@pytest.mark.slow
@needs_ml
def test_fine_tuned_layers_are_trained_saved_and_used_by_code(tmp_path, run_cli):
    from eventcoder.learn.embed import load_embedder
    from eventcoder.learn.finetune import TopLayers, lower_states

    rows = ["text,label"] + [f'"{t.format(d=d)}",{lab}' for d in DISTRICTS for t, lab in ROWS]
    data = tmp_path / "mine.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "m"
    result = run_cli("train", data, "-o", out, "--folds", "2", "--combine", "fill",
                     "--fine-tune-layers", "1", "--epochs", "2", "--input", "sentence")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "fine-tuned the top 1 encoder layers, 2 epochs" in result.output
    model = EventClassifier.load(out)
    assert model.tuned_layers == 1 and model.info["fine_tuned"]["layers"] == 1
    assert model.encoder is not None
    assert {name.split(".")[2] for name in model.encoder} == {"5"}  # the top layer only

    shipped = load_embedder()
    name = "encoder.layer.5.attention.self.query.weight"
    before = shipped.transformer.state_dict()[name].numpy()
    assert not np.allclose(model.encoder[name], before)  # training moved the layer
    tuned = load_embedder(model.backend, tuned=model.encoder)
    assert np.array_equal(tuned.transformer.state_dict()[name].numpy(), model.encoder[name])
    assert tuned.tuned_layers == 1
    # what coding computes (the whole tuned encoder) is what training computed (cached lower
    # layers + the tuned top layer), and differs from the frozen encoder's vector
    text = ["Nurses in the capital gave out food parcels to the homeless."]
    coded = tuned.encode(text)
    top = TopLayers(tuned.transformer, 5, model.coef, model.intercept)
    trained = top.embed(lower_states(tuned.transformer, tuned.tokenizer, text, 5, 96))
    assert np.allclose(coded, trained, atol=1e-5)
    assert not np.allclose(coded, shipped.encode(text), atol=1e-3)
    # and the detector 'code --model' loads embeds with the tuned layers
    from eventcoder.detect.lexicon import Lexicon
    from eventcoder.learn.detector import LearnedDetector

    assert np.allclose(LearnedDetector.load(out, Lexicon.load(None)).embed(text), coded)

    result = run_cli("code", "-", "--model", out, "-f", "jsonl",
                     input="Villagers in the hills handed out blankets to the flood victims.")  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(e["event"], e["detector"]) for e in events] == [("AID", "classifier")]
