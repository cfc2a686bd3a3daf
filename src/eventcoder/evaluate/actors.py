"""Actor scoring details: which coded country counts as the gold one, and the confusion table.

- Codes: PLOVER's manual has UNO (United Nations) and EUR (European Union) where the older gold
  records (PLOVER 0.5) only have IGO, so a coded UNO or EUR counts as right where the gold says
  IGO. Nothing else is mapped.
- Sectors: CAMEO-style gold sectors carry an ethnic or religious suffix ("CVLkur", "REBHUT");
  they are scored on their first three letters. A gold sector that is not a PLOVER sector code
  ("***") is not scored.
- The confusion table counts, for each gold country, what the coder gave (``-`` for none).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

_NEWER_IGO = frozenset({"UNO", "EUR"})


def same_code(gold: str | None, coded: str | None) -> bool:
    return gold == coded or (gold == "IGO" and coded in _NEWER_IGO)


def gold_sector(sector: str | None) -> str | None:
    if not sector:
        return None
    head = sector[:3]
    return head.upper() if head.isalpha() and head.isupper() else None


def tally_confusion(confusion: dict[str, Counter[str]], gold: str, coded: str | None) -> None:
    shown = gold if same_code(gold, coded) else (coded or "-")
    confusion.setdefault(gold, Counter())[shown] += 1


def confusion_rows(confusion: dict[str, dict[str, int]], top: int = 25) -> list[dict[str, Any]]:
    """Gold countries with the most mistakes first: n, right, and what was coded instead."""
    rows = []
    for gold, coded in confusion.items():
        n = sum(coded.values())
        right = coded.get(gold, 0)
        wrong = sorted(((c, k) for c, k in coded.items() if c != gold), key=lambda x: -x[1])
        rows.append({"gold": gold, "n": n, "right": right, "coded_instead": dict(wrong)})
    rows.sort(key=lambda r: (-(r["n"] - r["right"]), -r["n"], r["gold"]))
    return rows[:top]
