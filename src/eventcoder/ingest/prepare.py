"""From a ``Draft`` as read to an ``Article`` ready to code, or a reason to skip it.

- HTML pages: main text and metadata (title, date, author, site, canonical URL) extracted with
  trafilatura; feed entries (HTML fragments) are turned into text as they are.
- Encodings and mojibake fixed with ftfy (curly quotes kept), line ends normalised,
  paragraphs kept apart by blank lines (the ``clean`` stage reads paragraphs).
- Language: the record's own language tag when it has one, else py3langid on the text's
  words without a capital letter (names pull a short report toward their country's language;
  a text in capitals is read whole, lower-cased);
  articles not in English are skipped (with the language in the log) until others are
  supported.

Boilerplate lines, datelines and a repeated lede are left to the coder's ``clean`` stage
(``eventcoder/clean.py``), which sets them aside without rewriting the text, so every offset
stays an offset into the stored article text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ..records import Article
from ..sanitize import looks_binary, looks_binary_bytes, scrub, scrub_article
from .readers import Draft, fragment_marker, parse_date

#: Languages coded today (ISO 639-1).
SUPPORTED_LANGUAGES = frozenset({"en"})

#: Below this many words (without a capital letter) language identification is unreliable:
#: the text is kept.
MIN_WORDS_FOR_LANGUAGE = 12

#: Longest article text coded, in characters (``--max-chars``); longer ones are skipped
#: with a message. Coding time grows linearly with length: see docs/reliability.md.
MAX_CHARS = 200_000
#: HTML pages are skipped unread when their markup is this many times ``max_chars`` long.
HTML_OVERHEAD = 10

_WORD = re.compile(r"\w+", re.UNICODE)
#: Scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer...):
#: every two characters count as one word for the language check.
_SPACELESS = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff]"
)
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
)


@dataclass
class Skip:
    """Why a record is not coded: ``reason`` is the summary category, ``detail`` the message."""

    reason: str
    detail: str


@dataclass
class Prepared:
    article: Article
    author: str | None = None
    warning: str | None = None


def content_hash(text: str) -> str:
    """Hash of the article's words (case, spacing and punctuation ignored): exact duplicates."""
    words = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def fix_text(text: str) -> str:
    """Mojibake and encoding damage repaired (ftfy), line ends normalised, quotes kept."""
    import ftfy

    fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return fixed.strip()


def _paragraphs(text: str) -> str:
    """One paragraph per line (as extractors give) -> paragraphs apart by blank lines."""
    if "\n\n" in text:
        return text
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry), block elements as paragraphs."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not HTML after all: keep it as text
        return html
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n\n" + (el.text or "")
    text = root.text_content()
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def extract_html(html: str | bytes, url: str | None = None) -> dict[str, Any] | None:
    """Main text and page metadata of an HTML page (trafilatura), None if no text found."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    return {
        "text": _paragraphs(doc.text),
        "title": doc.title,
        "date": doc.date,
        "author": doc.author,
        "source": doc.sitename or doc.hostname,
        "url": doc.url,
    }


class LanguageDetector:
    """py3langid's language model, loaded on first use by whoever prepares articles (an ingest
    session, the ``code`` command) and handed to ``prepare``: one per run, none per process."""

    def __init__(self) -> None:
        self._model: Any = None

    def classify(self, text: str) -> tuple[str, float]:
        if self._model is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        lang, prob = self._model.classify(text)
        return str(lang), float(prob)


def word_count(text: str) -> int:
    """Words in ``text``; in scripts written without spaces, two characters make a word."""
    words = _WORD.findall(text)
    spaceless = len(_SPACELESS.findall(text))
    if not spaceless:
        return len(words)
    plain = sum(1 for w in words if not _SPACELESS.search(w))
    return plain + (spaceless + 1) // 2


def without_capitalised(text: str) -> str:
    """``text`` without its words that begin with a capital letter (names, mostly): the
    language is in the common words. Names of a country's people and places pull a short
    English report toward that country's languages: "Nigerian police detained 20 protest
    leaders in Abuja" with a Nigerian name or two is taken for Nigerian Pidgin (pcm)."""
    return " ".join(w for w in text.split() if not w[:1].isupper())


def in_capitals(text: str) -> bool:
    """Written in capitals (some wires and archives): nine in ten of its cased letters."""
    upper = sum(1 for c in text if c.isupper())
    lower = sum(1 for c in text if c.islower())
    return upper >= 9 * lower and upper > 0


def detect_language(text: str, detector: LanguageDetector) -> tuple[str | None, float]:
    """ISO 639-1 code and probability (py3langid) of the words without a capital letter
    (``without_capitalised``), or of the whole text lower-cased when it is written in
    capitals; None when they are too few to tell."""
    head = text[:3000]
    common = head.lower() if in_capitals(head) else without_capitalised(head)
    if word_count(common) < MIN_WORDS_FOR_LANGUAGE:
        return None, 0.0
    return detector.classify(common)


def _language_tag(tag: str | None) -> str | None:
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def prepare(
    draft: Draft,
    default_date: str | None = None,
    max_chars: int | None = MAX_CHARS,
    languages: LanguageDetector | None = None,
) -> Prepared | Skip:
    """Clean one draft into an ``Article`` (or say why it is skipped).

    The one way in for every article (``ingest``, ``code``): binary content and articles
    over ``max_chars`` characters are skipped with a message; text that cannot be stored
    (lone surrogates, control characters) is repaired with a warning, as are bytes that were
    not UTF-8 (the reader's warning is kept). ``max_chars=None``: no size limit.
    ``languages``: the caller's language model (a new one is loaded when none is given).
    """
    meta: dict[str, Any] = {}
    notes = list(draft.warnings)
    text = draft.text
    html = draft.html if text is None else None
    if html is not None and isinstance(html, bytes) and looks_binary_bytes(html):
        return Skip("binary content", f"{draft.origin}: binary content, not text or HTML")
    if text is not None and looks_binary(text):
        return Skip("binary content", f"{draft.origin}: binary content, not text")
    if max_chars is not None:
        size = len(text) if text is not None else len(html or "") // HTML_OVERHEAD
        if size > max_chars:
            what = "characters" if text is not None else "characters of HTML / 10"
            return Skip(
                "too long",
                f"{draft.origin}: {size:,} {what}, over the article size limit of "
                f"{max_chars:,} (--max-chars)",
            )
    if html is not None:
        if isinstance(html, str) and html.startswith(fragment_marker):
            text = fragment_text(html[len(fragment_marker) :])
        else:
            extracted = extract_html(html, draft.url)
            if extracted is None:
                return Skip("no main text in HTML", f"{draft.origin}: no main text found")
            meta = extracted
            text = extracted["text"]
    text, repaired = scrub(text or "")
    if repaired:
        notes.append(
            f"text: {repaired} character(s) that cannot be stored (lone surrogates, control "
            "characters) replaced"
        )
    text = fix_text(text)
    if not text:
        return Skip("empty text", f"{draft.origin}: empty text")
    if max_chars is not None and len(text) > max_chars:
        return Skip(
            "too long",
            f"{draft.origin}: {len(text):,} characters, over the article size limit of "
            f"{max_chars:,} (--max-chars)",
        )
    declared = _language_tag(draft.language)
    language = declared
    if language is None:
        language, _ = detect_language(text, languages or LanguageDetector())
    if language is not None and language not in SUPPORTED_LANGUAGES:
        how = "declared" if declared else "detected"
        return Skip(
            "not English",
            f"{draft.origin}: language {language} ({how}); only English is coded for now",
        )
    title = draft.title or meta.get("title")
    date, warning = parse_date(draft.date or meta.get("date"))
    if date is None and warning is None and default_date:
        date = default_date
    if warning:
        notes.append(warning)
    article = Article(
        id=draft.id,
        text=text,
        title=fix_text(title) if title else None,
        date=date,
        source=draft.source or meta.get("source"),
        url=draft.url or meta.get("url"),
        language=language,
    )
    article, more = scrub_article(article)  # metadata from the page itself
    notes.extend(more)
    warning = f"{draft.origin}: " + "; ".join(notes) if notes else None
    return Prepared(article=article, author=draft.author or meta.get("author"), warning=warning)
