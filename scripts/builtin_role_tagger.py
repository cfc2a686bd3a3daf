"""Train the role tagger of a model on the project's own role-labelled sentences and write it
into the model, its classifier left as it is (by default the shipped model).

``eventcoder train --with-project-data`` trains the same tagger beside a new classifier; this
script adds it to a classifier already trained (the shipped one takes minutes to fine-tune)
so that the event types it codes stay exactly what they were. The main event of each sentence
comes from the pipeline with the model's own answer for it (``learn/train.py``'s probe).

    python scripts/builtin_role_tagger.py [MODEL_DIR] [-o OUT_DIR] [--remove]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from eventcoder.learn.detector import resolve_model
from eventcoder.learn.embed import load_embedder
from eventcoder.learn.inputs import from_texts
from eventcoder.learn.model import EventClassifier
from eventcoder.learn.roles import RoleTagger
from eventcoder.learn.roles_train import train_roles
from eventcoder.learn.train import load_training, probe, project_data_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default="builtin")
    parser.add_argument("-o", "--out", type=Path, help="write here (default: in place)")
    parser.add_argument("--remove", action="store_true", help="take the tagger out instead")
    args = parser.parse_args()
    source = resolve_model(args.model)
    out = args.out or source
    if out != source:
        shutil.copytree(source, out, dirs_exist_ok=True)
    model = EventClassifier.load(out)
    meta_path = out / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.pop("roles", None)
    meta["info"].pop("roles", None)
    if args.remove:
        RoleTagger.remove(out)
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return
    items = [i for i in load_training(project_data_files()) if i.source_span or i.target_span]
    embedder = load_embedder(model.backend, tuned=model.encoder)
    probs = model.predict_proba(embedder.encode(from_texts([i.text for i in items], model.input)))
    docs: list = []
    probe(items, probs, model, docs=docs)
    # the cautious kinds (fill only), as for the shipped classifier's policy
    tagger = train_roles(items, docs, model, embedder, folds=5, progress=True, coder=None)
    meta["info"]["roles"] = tagger.info
    meta["roles"] = tagger.save(out)  # the classifier's files are left untouched
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for role, cv in tagger.info["cv"].items():
        print(f"{role}: {cv}", file=sys.stderr)


if __name__ == "__main__":
    main()
