"""What the code asks Qt to translate, what ``pyside6-lupdate`` extracts, and what the catalogues hold.

Shared by ``tests/test_translations.py``; see ``docs/i18n.md`` for the conventions these enforce.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "annodesk"
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGUES = {"zh_CN": TRANSLATIONS / "annodesk_zh_CN.ts", "en": TRANSLATIONS / "annodesk_en.ts"}
UPDATE_HINT = "run scripts/update-translations.sh, translate what it lists, and commit the .ts and .qm files"
# Where user-visible text lives (the Qt-free layers have none: they never import Qt).
UI_SOURCES = [PACKAGE / "ui", PACKAGE / "models", PACKAGE / "controller.py", PACKAGE / "app.py", PACKAGE / "i18n.py"]

# Qt calls whose string arguments the user reads: a literal with letters there must be translated.
TEXT_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setTitle",
    "setTabText",
    "setTabToolTip",
    "addTab",
    "insertTab",
    "addMenu",
    "addAction",
    "addItem",
    "insertItem",
    "setItemText",
    "addItems",
    "setHeaderLabels",
    "setAccessibleName",
    "setAccessibleDescription",
    "showMessage",
    "addRow",
    "insertRow",
    "addButton",
    "setLabelText",
    "setInformativeText",
    "setDetailedText",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "setFormat",
}
MESSAGE_BOX_FUNCTIONS = {"information", "warning", "critical", "question", "about"}
# The one sanctioned lookup of a non-literal text: strings marked with QT_TRANSLATE_NOOP elsewhere.
DYNAMIC_LOOKUP = "translated"
TEXT_CONSTRUCTORS = {
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QToolButton",
    "QCommandLinkButton",
    "QMessageBox",
}


@dataclass(frozen=True, order=True)
class Message:
    """One translatable message as Qt looks it up: context, source text, disambiguation, plural or not."""

    context: str
    source: str
    comment: str = ""
    numerus: bool = False

    def __str__(self) -> str:
        extra = f" [{self.comment}]" if self.comment else ""
        return f"{self.context}: {self.source!r}{extra}{' (plural)' if self.numerus else ''}"


@dataclass
class SourceScan:
    """Messages the code looks up, and the places that break the conventions."""

    messages: set[Message]
    problems: list[str]


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


BRANDS = ("annodesk", "CVAT")


def _has_letters(text: str) -> bool:
    """Whether ``text`` has Latin words besides the product names (those stay as they are in every language)."""
    for brand in BRANDS:
        text = text.replace(brand, "")
    return any("a" <= ch.lower() <= "z" for ch in text)


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        self.classes: list[str] = []
        self.functions: list[str] = []
        self.messages: set[Message] = set()
        self.problems: list[str] = []

    def problem(self, node: ast.AST, text: str) -> None:
        self.problems.append(f"{self.path}:{getattr(node, 'lineno', '?')}: {text}")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if any(_is_translation(side) for side in (node.left, node.right)):
            self.problem(node, "a translated text is joined with + or formatted with %: use %1 placeholders and arg()")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if isinstance(func, ast.Attribute) and name == "format" and _is_translation(func.value):
            self.problem(node, "str.format on a translated text: use %1 placeholders and arg()")
        if name == "tr":
            self._tr(node, func)
        elif name == "translate" and not (isinstance(func, ast.Attribute) and _dotted(func.value) == "self"):
            if self.functions[-1:] != [DYNAMIC_LOOKUP]:
                self._translate(node)
        elif name == "QT_TRANSLATE_NOOP":
            self._noop(node)
        elif name in {"QT_TR_NOOP", "QT_TRANSLATE_NOOP3", "QT_TR_NOOP_UTF8", "QT_TRANSLATE_NOOP_UTF8"}:
            self.problem(
                node, f"{name} is not extracted with the right context by pyside6-lupdate: use QT_TRANSLATE_NOOP"
            )
        else:
            self._visible_literals(node, name)
        self.generic_visit(node)

    def _tr(self, node: ast.Call, func: ast.expr) -> None:
        if not (isinstance(func, ast.Attribute) and _dotted(func.value) == "self"):
            self.problem(node, "only self.tr(...) inside a class is extracted with the right context")
            return
        if not self.classes:
            self.problem(node, "self.tr(...) outside a class has no context")
            return
        source = _literal(node.args[0]) if node.args else None
        comment = ""
        if len(node.args) >= 2:
            if not (isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str | None)):
                self.problem(node, "the disambiguation of self.tr must be a string literal")
            comment = _literal(node.args[1]) or ""
        if source is None:
            self.problem(node, "self.tr needs a string literal (no f-string, variable or concatenation)")
            return
        numerus = len(node.args) >= 3 or any(k.arg == "n" for k in node.keywords)
        if any(k.arg == "n" for k in node.keywords):
            self.problem(node, "pass the count positionally: self.tr(text, '', n)")
        self.messages.add(Message(self.classes[-1], source, comment, numerus))

    def _translate(self, node: ast.Call) -> None:
        context = _literal(node.args[0]) if node.args else None
        source = _literal(node.args[1]) if len(node.args) > 1 else None
        if context is None or source is None:
            self.problem(node, "QCoreApplication.translate needs a literal context and a literal text")
            return
        comment = (_literal(node.args[2]) or "") if len(node.args) > 2 else ""
        if len(node.args) > 3 or node.keywords:
            self.problem(
                node,
                "pyside6-lupdate does not extract QCoreApplication.translate(..., n) as a plural: "
                "use self.tr(text, '', n) in a QObject method",
            )
            return
        self.messages.add(Message(context, source, comment))

    def _noop(self, node: ast.Call) -> None:
        context = _literal(node.args[0]) if node.args else None
        source = _literal(node.args[1]) if len(node.args) > 1 else None
        if context is None or source is None:
            self.problem(node, "QT_TRANSLATE_NOOP needs a literal context and a literal text")
            return
        self.messages.add(Message(context, source))

    def _visible_literals(self, node: ast.Call, name: str) -> None:
        on_message_box = isinstance(node.func, ast.Attribute) and _dotted(node.func.value) == "QMessageBox"
        if (
            name not in TEXT_METHODS
            and name not in TEXT_CONSTRUCTORS
            and not (on_message_box and name in MESSAGE_BOX_FUNCTIONS)
        ):
            return
        for argument in node.args:
            text = _literal(argument)
            if text is not None and _has_letters(text) and "://" not in text:
                self.problem(node, f"{text!r} is shown to the user untranslated: wrap it in self.tr(...)")
            if isinstance(argument, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and _has_letters(str(v.value)) for v in argument.values
            ):
                self.problem(node, "an f-string with words is shown to the user: use self.tr with %1 and arg()")


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_translation(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in {"tr", "translate"}


def python_files(paths: list[Path]) -> list[Path]:
    return sorted(p for path in paths for p in ([path] if path.is_file() else path.rglob("*.py")))


def scan_sources(paths: list[Path] | None = None) -> SourceScan:
    """Every message the code looks up, and every convention broken (with file:line)."""
    messages: set[Message] = set()
    problems: list[str] = []
    for path in python_files(paths or [PACKAGE]):
        scanner = _Scanner(path)
        scanner.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        messages |= scanner.messages
        problems += scanner.problems
    return SourceScan(messages, problems)


def scan_visible_literals() -> list[str]:
    """Only the untranslated-literal problems of the UI layers (a quick, focused report)."""
    return [p for p in scan_sources(UI_SOURCES).problems if "untranslated" in p or "f-string with words" in p]


# -- Qt's tools ----------------------------------------------------------------------------------


def qt_tool(name: str) -> list[str]:
    """The command line for PySide6's ``lupdate``/``lrelease`` (the same as ``.venv/bin/pyside6-<name>``)."""
    code = f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.argv[0] = {name!r}; sys.exit({name}())"
    return [sys.executable, "-c", code]


def run_lupdate(target: Path, *options: str) -> None:
    """Extract the package's messages into ``target`` with the options of ``scripts/update-translations.sh``."""
    command = [*qt_tool("lupdate"), "-extensions", "py", "-locations", "none", "-silent", *options]
    subprocess.run([*command, str(PACKAGE), "-ts", str(target)], check=True, cwd=ROOT, capture_output=True)


def run_lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [*qt_tool("lrelease"), "-silent", str(source), "-qm", str(target)], check=True, cwd=ROOT, capture_output=True
    )


# -- .ts files -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A message of a .ts file with its translation state."""

    message: Message
    state: str  # "" (finished), "unfinished", "vanished", "obsolete"
    forms: tuple[str, ...]


def read_ts(path: Path) -> list[Entry]:
    entries = []
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path}: a message without <translation>"
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            key = Message(name, message.findtext("source") or "", message.findtext("comment") or "", numerus)
            entries.append(Entry(key, translation.get("type", ""), forms))
    return entries
