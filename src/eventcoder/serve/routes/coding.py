"""Coding: ``POST /api/code`` (code a text, store nothing) and ``POST /api/articles`` (ingest
one article through ``ingest_one``, the same path as ``eventcoder ingest``; needs the key)."""

from __future__ import annotations

import functools
import hmac
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, HTTPException
from pydantic import BaseModel, Field

from ...ingest.prepare import content_hash
from ...ingest.readers import Draft
from ...pipeline import TimeBudgetExceeded
from ...records import Article
from ...store import clustering
from ..evidence import evidence_spans
from ..params import check_text, parse_date
from ..service import RETRY_AFTER, Busy, CodingError, Service

#: ``Draft.origin`` of a posted article (in the ingest log and ``articles.origin``).
POSTED = "POST /api/articles"


class CodeRequest(BaseModel):
    text: str = Field(description="The text to code (an article or a few sentences).")
    date: str | None = Field(
        None, description="Publication date YYYY-MM-DD; relative dates resolve against it."
    )
    include_unrealised: bool = Field(
        False, description="Also return negated, hypothetical and unconfirmed events."
    )


class ArticleIn(BaseModel):
    text: str
    id: str | None = Field(None, description="Article id; default: a hash of the text.")
    title: str | None = None
    date: str | None = Field(None, description="Publication date YYYY-MM-DD.")
    source: str | None = None
    url: str | None = None
    language: str | None = None


def _check_body(service: Service, text: str) -> None:
    if not text.strip():
        raise HTTPException(400, "text: empty")
    if len(text) > service.max_text:
        raise HTTPException(413, f"text: longer than {service.max_text} characters")


def _busy(exc: Busy) -> HTTPException:
    return HTTPException(503, str(exc), headers={"Retry-After": str(RETRY_AFTER)})


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.post(
        "/api/code",
        tags=["code"],
        summary="Code a posted text; returns its events and their evidence (nothing is stored)",
    )
    async def code(body: CodeRequest) -> dict:
        check_text(body.text, "text")
        _check_body(service, body.text)
        date = parse_date(body.date, "date")
        article = Article(id="posted", text=body.text, date=date)
        try:
            with service.admit():
                coded = await anyio.to_thread.run_sync(
                    functools.partial(service.code, article, body.include_unrealised),
                    limiter=service.limiter(),
                )
        except Busy as exc:
            raise _busy(exc) from None
        except TimeBudgetExceeded as exc:
            raise HTTPException(422, f"text: {exc}") from None
        except CodingError as exc:
            raise HTTPException(422, f"text: could not be coded: {exc}") from None
        events = [ev.to_json() for ev in coded.events]
        return {
            "text": body.text,
            "date": date.isoformat() if date else None,
            "events": events,
            "highlights": {ev["id"]: evidence_spans(ev, body.text) for ev in events},
            "dropped": [span.model_dump() for span in coded.dropped],
        }

    def require_key(
        x_api_key: Annotated[str | None, Header(description="The server's API key")] = None,
        authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
    ) -> None:
        if service.api_key is None:
            raise HTTPException(
                403,
                "this server is read-only: start it with --api-key (or EVENTCODER_API_KEY) to "
                "enable writes",
            )
        given = x_api_key
        if given is None and authorization and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        if not given or not hmac.compare_digest(given.encode(), service.api_key.encode()):
            raise HTTPException(
                401, "missing or wrong API key (X-API-Key header)",
                headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip

    @api.post(
        "/api/articles",
        tags=["articles"],
        status_code=201,
        summary="Ingest one article as `eventcoder ingest` would: clean it, check its language, "
        "link it to a stored exact or near duplicate or else code it, and store it (needs the "
        "API key)",
        dependencies=[Depends(require_key)],
    )
    async def ingest(body: ArticleIn) -> dict:
        for name in ("text", "id", "title", "source", "url", "language"):
            check_text(getattr(body, name), name)
        _check_body(service, body.text)
        date = parse_date(body.date, "date")
        draft = Draft(
            origin=POSTED, id=body.id or f"posted-{content_hash(body.text)[:16]}",
            text=body.text, title=body.title, url=body.url,
            date=date.isoformat() if date else None, source=body.source, language=body.language,
        )  # fmt: skip
        try:
            with service.admit():
                done = await anyio.to_thread.run_sync(
                    service.ingest, draft, limiter=service.limiter()
                )
        except Busy as exc:
            raise _busy(exc) from None
        if done.kind == "already stored":
            raise HTTPException(409, f"an article with id {draft.id!r} is already stored")
        if done.kind == "skipped":
            raise HTTPException(422, f"article: {done.detail}")
        if done.kind == "failed":  # logged in the store; the server goes on
            raise HTTPException(422, f"article: {done.detail}")
        if done.coded is None:  # a duplicate, linked to the article that tells the story
            return {
                "id": draft.id, "events": 0, "duplicate_of": done.duplicate_of,
                "duplicate_kind": done.kind, "similarity": done.similarity,
            }  # fmt: skip
        event_ids = [ev.id for ev in done.coded.events]
        out = {
            "id": draft.id,
            "events": len(event_ids),
            "duplicate_of": None,
            "event_ids": event_ids,
        }
        try:  # its events join event clusters at once, as an ingest's do
            out["clusters"] = await anyio.to_thread.run_sync(
                service.read, clustering.cluster_posted, event_ids
            )
        except Exception as exc:  # stored all the same: the next ingest clusters them
            out["clusters"], out["cluster_error"] = {}, f"{type(exc).__name__}: {exc}"
        return out

    return api
