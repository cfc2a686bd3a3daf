"""The actor tables live in ``eventcoder.knowledge``; these names stay for callers."""

from ..knowledge.actor_kb import (
    KINDS,
    PLOVER_SECTORS,
    KBEntry,
    KnowledgeBase,
    Role,
    check_record,
    parse_roles,
    read_kb_file,
)
from ..knowledge.countries import Countries, CountryName
from ..knowledge.names import NameIndex, norm
from ..knowledge.roles import Roles

__all__ = [
    "KINDS",
    "PLOVER_SECTORS",
    "Countries",
    "CountryName",
    "KBEntry",
    "KnowledgeBase",
    "NameIndex",
    "Role",
    "Roles",
    "check_record",
    "norm",
    "parse_roles",
    "read_kb_file",
]
