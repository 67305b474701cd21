"""The library's layout as docs/development.md's Layout section states it: one folder a layer, each
importing only from the layers below it, no import circle but papermill's entry point and
the fork engine, and no module past about 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "lib" / "bilateral"
# Bottom to top; a room may import from its own layer's rooms and from the layers below.
LAYERS = [
    {"errors", "paths"},
    {"html", "contract"},
    {"figures"},
    {"store"},
    {"dataset", "importers"},
    {"source", "briefing", "drafting"},
    {"render"},
    {"explorer", "cli"},
]
ALLOWED_CIRCLE = {"bilateral.render.fork_engine", "bilateral.render.papermill_entry"}
MAX_LINES = 400
MAX_TOP_MODULES = 5  # besides __init__.py


def _module(path: Path) -> str:
    parts = list(path.relative_to(LIB.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the library's modules it imports, at the top or inside a function (not under
    ``if TYPE_CHECKING``: a type only)."""
    modules = {_module(p): p for p in LIB.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                and getattr(node.test, "id", None) == "TYPE_CHECKING" for n in ast.walk(node)}
        found = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
                for alias in node.names:
                    for cand in (f"{target}.{alias.name}", target):
                        if cand in modules:
                            found.add(cand)
                            break
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in modules}
        graph[name] = found - {name}
    return graph


def _room(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def _layer(room: str) -> int:
    return next(i for i, rooms in enumerate(LAYERS) if room in rooms)


def test_the_graph_is_read():
    graph = _imports()
    # A reader that found nothing would pass every test below.
    assert "bilateral.briefing.sections.glance" in graph["bilateral.briefing.claims"]
    assert sum(len(v) for v in graph.values()) > 150


def test_every_room_is_in_a_layer():
    rooms = {_room(m) for m in _imports()} - {""}
    assert rooms <= set().union(*LAYERS), rooms - set().union(*LAYERS)


def test_imports_point_down():
    graph = _imports()
    upward = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                    if _room(a) and _room(b) and _layer(_room(b)) > _layer(_room(a)))
    assert upward == []


def test_no_circle_but_papermills():
    graph = _imports()
    index, low, stack, on_stack, circles, counter = {}, {}, [], set(), [], [0]

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    assert [c for c in circles if c != ALLOWED_CIRCLE] == []


@pytest.mark.parametrize("path", sorted(LIB.rglob("*.py")), ids=lambda p: str(p.relative_to(LIB)))
def test_no_module_past_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_top_holds_folders_and_a_handful_of_modules():
    top = sorted(p.name for p in LIB.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_TOP_MODULES, top
