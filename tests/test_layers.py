"""The layers are one-way (README, "Layout"): every rule, read from the source of every module in ``annodesk``.

Imports count wherever they stand: at the top, inside a function, or under ``TYPE_CHECKING`` (the coupling is real
even when the import is not run). A rule about a package that does not exist yet passes until its folder appears.
A broken rule names the module, the line and the chain of imports that leads to the forbidden one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parent.parent / "annodesk"

QT = ("PySide6", "shiboken6", "qasync")
WIDGETS = ("PySide6.QtWidgets",)
# The Qt-free layers: no Qt at all, not even QtCore (they run in the sandbox, in scripts and in worker threads).
QT_FREE = ("api", "session", "sandbox", "annotations")
# Widget-free layers: Qt objects and signals, no widgets (tests drive them with no window).
WIDGET_FREE = ("models", "tasks", "workspace", "accounts")
# Layers below the UI: nothing of annodesk.ui.
BELOW_UI = ("api", "session", "models", "tasks", "workspace", "annotations", "accounts")
# What the sandbox server must never import: it runs headless as ``annodesk-sandbox``.
GUI = (
    *QT,
    "annodesk.ui",
    "annodesk.models",
    "annodesk.tasks",
    "annodesk.accounts",
    "annodesk.workspace",
    "annodesk.controller",
    "annodesk.app",
)

# Circles known and being removed by work in progress, each with the reason. The test fails once one of them is gone,
# so that its entry goes too.
KNOWN_CIRCLES: dict[frozenset[str], str] = {}


@dataclass(frozen=True)
class Import:
    """One import statement's target, as written and resolved to a full dotted name."""

    target: str
    line: int


@dataclass
class Module:
    name: str
    file: str  # the path from the package's parent folder, e.g. annodesk/api/client.py
    imports: list[Import]


def module_name(path: Path, root: Path) -> str:
    parts = (root.name, *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def read_imports(path: Path, name: str) -> list[Import]:
    """Every import in ``path`` (relative ones resolved), with ``from x import y`` read as ``x.y``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.extend(
                Import(f"{base}.{alias.name}" if alias.name != "*" else base, node.lineno) for alias in node.names
            )
    return found


def load(root: Path) -> dict[str, Module]:
    """Every module of the package at ``root``, by dotted name."""
    modules: dict[str, Module] = {}
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        modules[name] = Module(name, path.relative_to(root.parent).as_posix(), read_imports(path, name))
    return modules


def internal(target: str, modules: dict[str, Module]) -> str | None:
    """The package module an import target loads: ``a.b.c`` is module ``a.b.c``, or name ``c`` of module ``a.b``."""
    if target in modules:
        return target
    parent = target.rpartition(".")[0]
    return parent if parent in modules else None


def edges(module: Module, modules: dict[str, Module]) -> dict[str, int]:
    """The package modules ``module`` imports (target → first line)."""
    out: dict[str, int] = {}
    for item in module.imports:
        target = internal(item.target, modules)
        if target is not None and target != module.name:
            out.setdefault(target, item.line)
    return out


def matches(target: str, prefixes: Iterable[str]) -> bool:
    return any(target == prefix or target.startswith(prefix + ".") for prefix in prefixes)


def in_layer(name: str, root_name: str, layers: Iterable[str]) -> bool:
    return matches(name, [f"{root_name}.{layer}" for layer in layers])


def forbidden_imports(
    modules: dict[str, Module], layers: Iterable[str], forbidden: Iterable[str], root_name: str = "annodesk"
) -> list[str]:
    """Each module of ``layers`` that reaches a ``forbidden`` import, directly or through package modules.

    One line per offending module: the chain of imports (with file and line of the first step) that leads there.
    """
    forbidden = tuple(forbidden)
    problems: list[str] = []
    for start in sorted(name for name in modules if in_layer(name, root_name, layers)):
        chain = _path_to_forbidden(start, modules, forbidden)
        if chain is not None:
            steps, line = chain
            problems.append(f"{start} imports {steps[-1]} ({modules[start].file}:{line}): {' → '.join(steps)}")
    return problems


def _path_to_forbidden(
    start: str, modules: dict[str, Module], forbidden: tuple[str, ...]
) -> tuple[list[str], int] | None:
    """Breadth-first: the shortest chain of imports from ``start`` to a forbidden target, and its first line."""
    came_from: dict[str, tuple[str, int] | None] = {start: None}
    queue = [start]
    while queue:
        current = queue.pop(0)
        for item in modules[current].imports:
            if matches(item.target, forbidden):
                return _chain(came_from, current, item.target), _first_line(came_from, current, item.line)
        for target, line in edges(modules[current], modules).items():
            if target not in came_from:
                came_from[target] = (current, line)
                queue.append(target)
    return None


def _chain(came_from: dict[str, tuple[str, int] | None], last: str, target: str) -> list[str]:
    steps = [target, last]
    while (step := came_from[steps[-1]]) is not None:
        steps.append(step[0])
    return steps[::-1]


def _first_line(came_from: dict[str, tuple[str, int] | None], last: str, line: int) -> int:
    current, first = last, line
    while (step := came_from[current]) is not None:
        current, first = step
    return first


def circles(modules: dict[str, Module]) -> list[frozenset[str]]:
    """Groups of modules that import each other in a circle (strongly connected components), iteratively."""
    graph = {name: sorted(edges(module, modules)) for name, module in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def describe_circle(component: frozenset[str], modules: dict[str, Module]) -> str:
    """The circle's members and, for each, the imports it makes inside it (with lines)."""
    parts = []
    for name in sorted(component):
        inside = {target: line for target, line in edges(modules[name], modules).items() if target in component}
        parts.append(f"{name} → " + ", ".join(f"{target} (line {line})" for target, line in sorted(inside.items())))
    return "; ".join(parts)


# -- the rules, on annodesk itself ----------------------------------------------------------------


@pytest.fixture(scope="module")
def package() -> dict[str, Module]:
    return load(PACKAGE_ROOT)


def test_qt_free_layers_import_no_qt(package: dict[str, Module]) -> None:
    problems = forbidden_imports(package, QT_FREE, QT)
    assert not problems, "Qt in a Qt-free layer:\n" + "\n".join(problems)


def test_controller_layers_import_no_widgets(package: dict[str, Module]) -> None:
    problems = forbidden_imports(package, WIDGET_FREE, WIDGETS)
    assert not problems, "QtWidgets in a widget-free layer:\n" + "\n".join(problems)


def test_nothing_below_the_ui_imports_it(package: dict[str, Module]) -> None:
    problems = forbidden_imports(package, BELOW_UI, ["annodesk.ui"])
    assert not problems, "annodesk.ui imported from below it:\n" + "\n".join(problems)


def test_sandbox_imports_nothing_of_the_gui(package: dict[str, Module]) -> None:
    problems = forbidden_imports(package, ["sandbox"], GUI)
    assert not problems, "The sandbox imports the GUI:\n" + "\n".join(problems)


def test_no_import_circles(package: dict[str, Module]) -> None:
    found = circles(package)
    unexpected = [describe_circle(component, package) for component in found if component not in KNOWN_CIRCLES]
    assert not unexpected, "Modules that import each other in a circle:\n" + "\n".join(unexpected)
    gone = [", ".join(sorted(component)) for component in KNOWN_CIRCLES if component not in found]
    assert not gone, "A known circle is gone (delete it from KNOWN_CIRCLES): " + "; ".join(gone)


def test_the_layers_exist(package: dict[str, Module]) -> None:
    """The rules read real modules (a wrong root would make every rule pass)."""
    for layer in ("api", "session", "models", "ui", "sandbox"):
        assert any(name.startswith(f"annodesk.{layer}.") for name in package), layer
    assert sum(len(module.imports) for module in package.values()) > 500


# -- the rules bite: small packages written for the purpose -------------------------------------


def write_package(root: Path, files: dict[str, str]) -> dict[str, Module]:
    """A package ``annodesk`` under ``root`` with ``files`` (relative path → source), every folder a package."""
    package = root / "annodesk"
    for relative, source in {"__init__.py": "", **files}.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(package).parents:
            (package / folder / "__init__.py").touch()
        path.write_text(source, encoding="utf-8")
    return load(package)


def test_a_rule_for_a_missing_layer_passes_and_bites_once_it_exists(tmp_path: Path) -> None:
    assert not forbidden_imports(write_package(tmp_path / "before", {"api/client.py": ""}), WIDGET_FREE, WIDGETS)
    modules = write_package(
        tmp_path / "after",
        {"tasks/controller.py": "from PySide6.QtCore import QObject\nfrom PySide6.QtWidgets import QWidget\n"},
    )
    assert forbidden_imports(modules, WIDGET_FREE, WIDGETS) == [
        "annodesk.tasks.controller imports PySide6.QtWidgets.QWidget (annodesk/tasks/controller.py:2): "
        "annodesk.tasks.controller → PySide6.QtWidgets.QWidget"
    ]


def test_an_indirect_import_is_named_with_its_chain(tmp_path: Path) -> None:
    modules = write_package(
        tmp_path,
        {
            "session/cache.py": "import os\nfrom ..i18n import translated\n",
            "i18n.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from PySide6 import QtCore\n",
            "annotations/merge.py": "def later():\n    from annodesk.ui import canvas\n",
            "ui/canvas.py": "",
        },
    )
    assert forbidden_imports(modules, QT_FREE, QT) == [
        "annodesk.session.cache imports PySide6.QtCore (annodesk/session/cache.py:2): "
        "annodesk.session.cache → annodesk.i18n → PySide6.QtCore"
    ]
    assert forbidden_imports(modules, BELOW_UI, ["annodesk.ui"]) == [
        "annodesk.annotations.merge imports annodesk.ui.canvas (annodesk/annotations/merge.py:2): "
        "annodesk.annotations.merge → annodesk.ui.canvas"
    ]


def test_a_circle_under_type_checking_counts(tmp_path: Path) -> None:
    modules = write_package(
        tmp_path,
        {
            "ui/window.py": "from .feature import Feature\n",
            "ui/feature.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .window import Window\n",
            "ui/alone.py": "from . import window\n",
        },
    )
    found = circles(modules)
    assert found == [frozenset({"annodesk.ui.window", "annodesk.ui.feature"})]
    assert describe_circle(found[0], modules) == (
        "annodesk.ui.feature → annodesk.ui.window (line 3); annodesk.ui.window → annodesk.ui.feature (line 1)"
    )


def test_the_sandbox_rule_names_gui_modules(tmp_path: Path) -> None:
    modules = write_package(tmp_path, {"sandbox/views.py": "from annodesk.app import main\n", "app.py": ""})
    assert forbidden_imports(modules, ["sandbox"], GUI) == [
        "annodesk.sandbox.views imports annodesk.app.main (annodesk/sandbox/views.py:1): "
        "annodesk.sandbox.views → annodesk.app.main"
    ]
