"""What a window shows as text, whether any of it is cut off, and whether any of it is still English."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

from annodesk.i18n import LANGUAGES

# Latin words allowed in a Chinese UI: product and protocol names, data-size units (Qt's own zh_CN sizes use
# them too), and the languages' own names.
KEPT_WORDS = {
    *("ID", "CVAT", "annodesk", "HTTP", "http", "https", "URL", "CA", "PEM", "JSON", "JPEG", "UTF"),
    *("kB", "KB", "MB", "GB"),
    *(word for language in LANGUAGES for word in language.native_name.split()),
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
URL = re.compile(r"https?://\S+")
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b")
TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """The text as drawn: no HTML tags, no ``&`` mnemonic markers (``&&`` is a literal ampersand)."""
    text = TAG.sub("", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]


def _menu_texts(actions: Iterable[QAction], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isSeparator():
            continue
        yield f"{where} menu item", action.text()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield f"{where} menu", menu.title()
            yield from _menu_texts(menu.actions(), f"{where} › {plain(menu.title())}")


def _model_texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> Iterator[tuple[str, str]]:  # noqa: B008
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"{type(model).__name__} cell ({row}, {column})", value
        yield from _model_texts(model, model.index(row, 0, parent))


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """``(where, text)`` for every text the user can see or reach (menus, tooltips, cells, headers)."""
    texts: list[tuple[str, str]] = [("window title", root.windowTitle())]
    if isinstance(root, QMainWindow):
        texts += list(_menu_texts(root.menuBar().actions(), "menu bar"))
    for widget in visible_widgets(root):
        name = type(widget).__name__
        if widget.toolTip():
            texts.append((f"{name} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((name, widget.text()))
        if isinstance(widget, QToolButton) and widget.menu() is not None:
            texts += list(_menu_texts(widget.menu().actions(), "button"))
        if isinstance(widget, QLineEdit):
            texts += [(f"{name} text", widget.text()), (f"{name} placeholder", widget.placeholderText())]
        if isinstance(widget, QComboBox):
            texts += [(f"{name} item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            texts += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for section in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(section, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        texts.append((f"{type(model).__name__} header {section}", value))
            texts += list(_model_texts(model))
    return [(where, text) for where, text in texts if text]


def english_left(texts: list[tuple[str, str]], data: Iterable[str]) -> list[str]:
    """Texts with Latin words once server data (``data``: names, usernames…), URLs and colours are removed."""
    data = sorted({d for d in data if d}, key=len, reverse=True)
    found = []
    for where, text in texts:
        rest = URL.sub(" ", HEX_COLOUR.sub(" ", plain(text)))
        for item in data:
            rest = rest.replace(item, " ")
        words = [word for word in LATIN_WORD.findall(rest) if word not in KEPT_WORDS]
        if words:
            found.append(f"{where}: {text!r} (English: {', '.join(words)})")
    return found


def cut_off(root: QWidget) -> list[str]:
    """Visible labels, buttons, check boxes, tabs, combo boxes, fields and menu titles too small for their text."""
    problems = []
    for widget in visible_widgets(root):
        metrics = QFontMetrics(widget.font())
        name = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            rect = widget.contentsRect()
            space = rect.width() - 2 * widget.margin() - max(widget.indent(), 0)
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height():
                    problems.append(
                        f"{name} {widget.text()!r}: needs {widget.heightForWidth(widget.width())} px "
                        f"of height, has {widget.height()}"
                    )
            elif metrics.horizontalAdvance(plain(widget.text())) > space:
                problems.append(
                    f"{name} {widget.text()!r}: {metrics.horizontalAdvance(plain(widget.text()))} px wide in {space} px"
                )
        elif isinstance(widget, QCheckBox | QRadioButton) and widget.text():
            if widget.sizeHint().width() > widget.width():
                problems.append(f"{name} {widget.text()!r}: needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QPushButton | QToolButton) and widget.text():
            margin = widget.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, widget)
            need = metrics.horizontalAdvance(plain(widget.text())) + margin
            if isinstance(widget, QToolButton) and widget.menu() is not None:
                need += widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, widget)
            if need > widget.width():
                problems.append(f"{name} {widget.text()!r}: needs {need} px, has {widget.width()}")
        elif isinstance(widget, QComboBox) and not widget.isEditable() and widget.count():
            if widget.sizeHint().width() > widget.width():
                problems.append(
                    f"{name} {widget.currentText()!r}: needs {widget.sizeHint().width()} px, has {widget.width()}"
                )
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            need = metrics.horizontalAdvance(widget.placeholderText())
            if need > widget.width():
                problems.append(f"{name} placeholder {widget.placeholderText()!r}: {need} px in {widget.width()}")
        elif isinstance(widget, QTabBar):
            space = widget.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, widget) // 2
            for i in range(widget.count()):
                need = metrics.horizontalAdvance(plain(widget.tabText(i))) + space
                if need > widget.tabRect(i).width():
                    problems.append(f"tab {widget.tabText(i)!r}: needs {need} px, has {widget.tabRect(i).width()}")
    if isinstance(root, QMainWindow):
        bar = root.menuBar()
        metrics = QFontMetrics(bar.font())
        for action in bar.actions():
            need = metrics.horizontalAdvance(plain(action.text()))
            if need > bar.actionGeometry(action).width():
                problems.append(f"menu {action.text()!r}: needs {need} px, has {bar.actionGeometry(action).width()}")
    return problems
