"""eventcoder: offline political event coding (PLOVER/CAMEO) with evidence for every field."""

from .coder import DEFAULT_STAGES, Coder
from .pipeline import Pipeline, Stage, register_stage
from .records import Article, CodedArticle, Entity, Event, EventDate, Location, TextSpan

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CodedArticle",
    "Coder",
    "DEFAULT_STAGES",
    "Entity",
    "Event",
    "EventDate",
    "Location",
    "Pipeline",
    "Stage",
    "TextSpan",
    "register_stage",
    "__version__",
]
