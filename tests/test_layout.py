"""The layout rules of docs/extending.md, checked on the source: no import cycle at module level,
no private name imported from another package, no source file over ~400 lines, no
process-wide resource (a cached loader callable without arguments) outside a short list of memos of
immutable shipped data, and no English word list in code (they live in src/eventcoder/data/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventcoder"
MAX_LINES = 420

#: Zero-argument cached functions allowed at module level: memos of immutable shipped data,
#: not resources a user can swap (those live in ``eventcoder.knowledge``, one per Coder).
ALLOWED_MEMOS = {
    "eventcoder.ontology.event_types": "the PLOVER ontology table the project ships",
    "eventcoder.store.schema._dateline_pattern": "a compiled regular expression",
    "eventcoder.clusters.report._country_table": "country names for clustering stored events",
    "eventcoder.serve.basemap.world_geojson": "the web app's shipped world outline",
    "eventcoder.clusters.words.cluster_words": "the cluster engine's shipped word lists, read by "
    "its memoised comparisons of reports (data/cluster_words.yaml)",
}

#: A module-level collection (set, frozenset, tuple, list, dict keys or a string split into
#: words) of this many lower-case words is an English word list, which belongs in a YAML file
#: of src/eventcoder/data/ -- unless it is listed here with the reason it stays in code.
MIN_WORDS = 8
CODE_WORD_LISTS = {
    # program constants that happen to be lower-case words: names, not English to read
    "eventcoder.coder.DEFAULT_STAGES": "stage names",
    "eventcoder.clusters.similarity._KEY_WEIGHT": "kinds of party key (id, name, csw, ...)",
    "eventcoder.clusters.store.CLUSTER_COLUMNS": "column names",
    "eventcoder.clusters.store._SUMMARY_KEYS": "JSON keys",
    "eventcoder.store.aggregates.GROUPS": "names of the --by options",
    "eventcoder.store.clustering.CLUSTER_REPORT_KEYS": "JSON keys",
    "eventcoder.store.reads._SUMMARY_KEYS": "JSON keys",
    "eventcoder.store.reads.EVENT_TABLE_COLUMNS": "column names",
    "eventcoder.store.schema.ARTICLE_COLUMNS": "column names",
    "eventcoder.store.schema.EVENT_TABLES": "table names",
    "eventcoder.ingest.readers.DEFAULT_FIELDS": "input field names",
    "eventcoder.ingest.prepare._BLOCK_TAGS": "HTML tag names",
    "eventcoder.knowledge.geonames.SKIP_LANGUAGES": "GeoNames pseudo-language codes",
    "eventcoder.detect.cues._CLAUSE_UP": "spaCy dependency labels",
    "eventcoder.learn.roles.DEPS": "spaCy dependency labels: the role tagger's feature columns",
    "eventcoder.learn.roles.RELATIONS": "names of the role tagger's parse-relation features",
    # words, kept in code on purpose
    "eventcoder.dates.expressions.MONTHS": "month names and their numbers, spelled again by the "
    "date regular expressions beside them (one rule, kept in one place)",
    "eventcoder.dates.expressions.NUMBERS": "number words and their values, spelled again by "
    "the date regular expressions beside them",
    "eventcoder.knowledge.names._CAPS_ONLY": "abbreviations that read as words (US, UN, WHO): "
    "part of name normalisation, not a vocabulary",
    "eventcoder.knowledge.gazetteer_build.SHORT_COUNTRY_NAMES": "normalised country "
    "abbreviations (us, uk, uae), not words",
}
_WORD = re.compile(r"^[a-z][a-z' -]*$")


def _modules() -> dict[str, tuple[ast.Module, bool]]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        is_pkg = path.name == "__init__.py"
        name = ".".join(parts[:-1] if is_pkg else parts)
        out[name] = (ast.parse(path.read_text(encoding="utf-8")), is_pkg)
    return out


MODULES = _modules()


def _target(module: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_pkg else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _package(module: str) -> str:
    """``eventcoder.places.stage`` -> ``places``; a top-level module is its own package."""
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (SRC / parts[1]).is_dir()):
        return parts[1]
    return module


def test_no_private_name_is_imported_from_another_package():
    crossings = []
    for module, (tree, is_pkg) in MODULES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            target = _target(module, is_pkg, node)
            if not target.startswith("eventcoder"):
                continue
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and _package(module) != _package(target):
                    crossings.append(f"{module} imports {target}.{alias.name}")
    assert crossings == []


def test_no_import_cycle_at_module_level():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, (tree, is_pkg) in MODULES.items():
        for node in tree.body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.ImportFrom):
                target = _target(module, is_pkg, node)
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    graph[module].add(sub if sub in MODULES else target)
    for module in graph:  # importing a.b.c runs a.b's __init__ first
        for target in list(graph[module]):
            parts = target.split(".")
            for i in range(2, len(parts)):
                parent = ".".join(parts[:i])
                if parent in MODULES and not module.startswith(parent + "."):
                    graph[module].add(parent)
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if nxt not in MODULES or nxt == node:
                continue
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_source_file_is_over_the_limit():
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_process_wide_resource_outside_the_allowed_memos():
    found = set()
    for module, (tree, _) in MODULES.items():
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if len(node.args.defaults) < len(node.args.args):  # needs an argument: a memo
                continue
            if any("cache" in ast.unparse(d) for d in node.decorator_list):
                found.add(f"{module}.{node.name}")
    assert found <= set(ALLOWED_MEMOS), sorted(found - set(ALLOWED_MEMOS))


def _word_count(value: ast.expr) -> int:
    """The most lower-case words in one literal collection inside ``value``."""
    best = 0
    for node in ast.walk(value):
        items: list[ast.expr | None] = []
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = list(node.keys)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            best = max(best, sum(bool(_WORD.match(w)) for w in node.func.value.value.split()))
        words = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        best = max(best, sum(bool(_WORD.match(w)) for w in words))
    return best


def _word_lists(module: str, tree: ast.Module) -> dict[str, int]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if (n := _word_count(node.value)) >= MIN_WORDS:
                found[f"{module}.{ast.unparse(target)}"] = n
    return found


def test_no_english_word_list_in_code():
    """Word lists live in YAML beside triggers.yaml (docs/extending.md), not in modules."""
    found = {}
    for module, (tree, _) in MODULES.items():
        found.update(_word_lists(module, tree))
    assert sorted(set(found) - set(CODE_WORD_LISTS)) == []
    assert sorted(set(CODE_WORD_LISTS) - set(found)) == []  # an exception no longer needed


def test_the_word_list_check_sees_each_form():
    sources = {
        "A = frozenset({'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'})": 8,
        "B = ('said', 'told', 'added', 'noted', 'stated', 'wrote', 'claimed', 'argued', 'X1')": 8,
        "C = {'he': 1, 'she': 1, 'it': 2, 'we': 3, 'they': 3, 'him': 1, 'her': 1, 'us': 3}": 8,
        "D = frozenset('a an the of in on at by to'.split())": 9,
        "E = frozenset('w:' + w for w in ['aa', 'bb', 'cc', 'dd', 'ee', 'ff', 'gg', 'hh'])": 8,
        "F = ('GOV', 'COP', 'MIL', 'JUD', 'LEG', 'SPY', 'REB', 'CRM', 'INS')": 0,
        "G = frozenset({'in', 'during', 'by', 'after', 'under'})": 5,
    }
    for source, n in sources.items():
        found = _word_lists("m", ast.parse(source))
        assert found == ({f"m.{source[0]}": n} if n >= MIN_WORDS else {}), source


def test_the_checks_see_what_they_look_for(tmp_path):
    """The helpers find a private crossing and a cycle when there is one (the checks above
    cannot pass by reading nothing)."""
    tree = ast.parse("from ..places.common import _inner_name\n")
    node = tree.body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _target("eventcoder.actors.coded", False, node) == "eventcoder.places.common"
    assert _package("eventcoder.actors.coded") != _package("eventcoder.places.common")
    assert _package("eventcoder.coder") == "eventcoder.coder"
    assert len(MODULES) > 100 and "eventcoder.knowledge" in MODULES
