"""The direction of imports, read from the source: each package imports only itself and the
packages below it (docs/ARCHITECTURE.md draws the same picture), there is no import cycle, and
no module grows past about 400 lines."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

# lowest first; a package may import its own modules and anything in an earlier row
LAYERS = [
    {"kg", "kg.errors"},
    {"kg.vocab", "kg.model", "kg.resources", "kg.fileio", "kg.numerals"},
    {"kg.ids"},
    {"kg.render"},
    {"kg.ingest"},
    {"kg.reference"},
    {"kg.extract"},
    {"kg.rdf"},
    {"kg.store"},
    {"kg.query"},
    {"kg.compare"},
    {"kg.views"},
    {"kg.viz"},
    {"kg.ledger"},
    {"kg.site"},
    {"kg.jobs"},
    {"kg.cli"},
]
MAX_LINES = 420


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def unit_of(module: str) -> str:
    """The row a module belongs to: its package (kg.extract.units → kg.extract), or itself for the
    base modules."""
    for row in LAYERS:
        if module in row:
            return module
    parts = module.split(".")
    return ".".join(parts[:2])


def layer(module: str) -> int:
    unit = unit_of(module)
    for i, row in enumerate(LAYERS):
        if unit in row:
            return i
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS and docs/ARCHITECTURE.md")


def imports() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for path in KG.rglob("*.py"):
        me = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "kg":
                out[me].add(node.module)
                for alias in node.names:  # from kg.views import match → kg.views.match
                    candidate = f"{node.module}.{alias.name}"
                    if (KG.parent / Path(*candidate.split("."))).with_suffix(".py").exists() or \
                            (KG.parent / Path(*candidate.split(".")) / "__init__.py").exists():
                        out[me].add(candidate)
            elif isinstance(node, ast.ImportFrom) and node.level:
                raise AssertionError(f"{me}: relative import; the project writes absolute imports (from kg.…)")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "kg":
                        out[me].add(alias.name)
    return out


def test_every_package_is_in_a_layer():
    for path in KG.rglob("*.py"):
        layer(module_name(path))


def test_imports_go_down_only():
    wrong = []
    for me, targets in imports().items():
        for target in targets:
            if unit_of(target) == unit_of(me):
                continue
            if layer(target) >= layer(me):
                wrong.append(f"{me} imports {target}")
    assert not wrong, "imports that go up or sideways:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    graph = {me: {t for t in ts if t != me} for me, ts in imports().items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(stack[stack.index(nxt):] + [nxt]) if nxt in stack else f"{node} → {nxt}")
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # a package's __init__ re-exporting its modules is not a cycle of logic
    real = [c for c in cycles if not all(part.count(".") <= 1 for part in c.split(" → "))]
    assert not real, "import cycles:\n" + "\n".join(real)


def test_modules_stay_short():
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in KG.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, "split these modules:\n" + "\n".join(long)


def test_the_library_never_writes_to_the_terminal():
    """Only kg.cli prints: no print(), sys.stdout/sys.stderr writes or typer/click echo elsewhere."""
    offenders = []
    for path in KG.rglob("*.py"):
        if module_name(path).startswith("kg.cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} print()")
            if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and \
                    isinstance(node.value, ast.Name) and node.value.id == "sys":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} sys.{node.attr}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                if any(n.split(".")[0] in ("typer", "click") for n in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports typer/click")
    assert not offenders, "\n".join(offenders)
