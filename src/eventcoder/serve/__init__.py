"""``eventcoder serve``: a REST API and a web app over the event store.

>>> from eventcoder.serve import create_app, open_for_serving
>>> app = create_app(open_for_serving("events.duckdb"))   # then: uvicorn.run(app)

:mod:`.app` builds the app from :mod:`.routes`; :mod:`.opening` opens the store.
"""

from __future__ import annotations

from .app import create_app
from .opening import ServeError, open_for_serving

__all__ = ["ServeError", "create_app", "open_for_serving"]
