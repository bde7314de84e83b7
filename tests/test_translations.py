"""Translation completeness and freshness: the CI gate for the English and 简体中文 catalogues.

A developer who adds ``self.tr("New")`` without running ``scripts/update-translations.sh`` gets a red test
that says so; one who writes a string lupdate cannot extract correctly (a bare ``tr()``, an f-string, a
plural through ``QCoreApplication.translate``) or shows an untranslated literal gets the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.translations import (
    CATALOGUES,
    UPDATE_HINT,
    Message,
    read_ts,
    run_lrelease,
    run_lupdate,
    scan_sources,
    scan_visible_literals,
)

PLACEHOLDER = re.compile(r"%L?n|%\d")
NUMERUS_FORMS = {"zh_CN": 1, "en": 2}  # Chinese has one plural form, English two


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[Message]:
    """What pyside6-lupdate extracts from the code now."""
    target = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    run_lupdate(target)
    return {entry.message for entry in read_ts(target)}


def _listing(messages: set[Message]) -> str:
    return "".join(f"\n    {message}" for message in sorted(messages))


def test_code_follows_the_translation_conventions() -> None:
    problems = scan_sources().problems
    assert not problems, "translation convention broken (see docs/i18n.md):\n" + "\n".join(problems)


def test_no_untranslated_literal_reaches_the_user() -> None:
    problems = scan_visible_literals()
    assert not problems, "\n".join(problems)


def test_lupdate_extracts_exactly_what_the_code_looks_up(extracted: set[Message]) -> None:
    looked_up = scan_sources().messages
    assert looked_up - extracted == set(), (
        "the code looks these up, but pyside6-lupdate does not extract them (so they would never be translated):"
        + _listing(looked_up - extracted)
    )
    assert extracted - looked_up == set(), "pyside6-lupdate extracts these under a context the code does not use:" + (
        _listing(extracted - looked_up)
    )


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_catalogue_is_not_stale(language: str, extracted: set[Message]) -> None:
    expected = extracted if language == "zh_CN" else {m for m in extracted if m.numerus}
    entries = read_ts(CATALOGUES[language])
    committed = {entry.message for entry in entries if entry.state not in ("vanished", "obsolete")}
    missing, extra = expected - committed, committed - expected
    assert not missing and not extra, (
        f"{CATALOGUES[language].name} is stale: {UPDATE_HINT}."
        + (f"\n  new in the code:{_listing(missing)}" if missing else "")
        + (f"\n  no longer in the code:{_listing(extra)}" if extra else "")
    )


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_catalogue_is_complete(language: str) -> None:
    problems = []
    for entry in read_ts(CATALOGUES[language]):
        message = entry.message
        if entry.state:
            problems.append(f"{message}: {entry.state}")
            continue
        expected_forms = NUMERUS_FORMS[language] if message.numerus else 1
        if len(entry.forms) != expected_forms or not all(form.strip() for form in entry.forms):
            problems.append(f"{message}: needs {expected_forms} non-empty translation(s), has {entry.forms}")
            continue
        for form in entry.forms:
            if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(message.source)):
                problems.append(f"{message}: placeholders differ in {form!r}")
            if "&" in message.source.replace("&&", "") and "&" not in form.replace("&&", ""):
                problems.append(f"{message}: the keyboard shortcut (&) is lost in {form!r}")
    assert not problems, f"{CATALOGUES[language].name}: {UPDATE_HINT}\n" + "\n".join(problems)


def test_chinese_catalogue_is_chinese() -> None:
    """Every Chinese translation has Chinese in it, except names and codes kept as they are (ID, URL…)."""
    kept_as_is = {"ID", "ID：", "%1：%2", "%1（ID %2）"}
    han = re.compile(r"[\u4e00-\u9fff]")
    untranslated = [
        f"{entry.message}: {form!r}"
        for entry in read_ts(CATALOGUES["zh_CN"])
        for form in entry.forms
        if not han.search(form) and form not in kept_as_is
    ]
    assert not untranslated, "\n".join(untranslated)


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_compiled_catalogue_is_fresh(language: str, tmp_path: Path) -> None:
    source = CATALOGUES[language]
    committed = source.with_suffix(".qm")
    fresh = tmp_path / committed.name
    run_lrelease(source, fresh)
    assert committed.is_file(), f"{committed} is missing: {UPDATE_HINT}"
    assert committed.read_bytes() == fresh.read_bytes(), f"{committed.name} is older than its .ts: {UPDATE_HINT}"


def test_the_checks_catch_broken_conventions(tmp_path: Path) -> None:
    """The gate itself can fail: a file with the usual mistakes is reported line by line."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from PySide6.QtCore import QCoreApplication, QT_TR_NOOP\n"
        "def tr(text):\n"
        "    return QCoreApplication.translate('Ctx', text)\n"
        "class Window(QWidget):\n"
        "    def build(self, count, name):\n"
        "        self.label.setText(tr('Bare'))\n"  # 6: bare tr()
        "        self.title.setText(self.tr(f'Hello {name}'))\n"  # 7: f-string
        "        self.count.setText(QCoreApplication.translate('Ctx', '%n file(s)', '', count))\n"  # 8: plural
        "        self.ok.setText('Save')\n"  # 9: untranslated literal
        "        self.both.setText(self.tr('Page') + ' 1')\n"  # 10: concatenation
        "        self.fmt.setText(self.tr('Hi {0}').format(name))\n"  # 11: str.format
        "        QT_TR_NOOP('lost')\n"  # 12: empty context in lupdate
        "        self.fine.setText(self.tr('Fine'))\n",
        encoding="utf-8",
    )
    scan = scan_sources([bad])
    reported = {int(problem.split(":")[1]) for problem in scan.problems}
    assert reported == {3, 6, 7, 8, 9, 10, 11, 12}, scan.problems
    assert Message("Window", "Fine") in scan.messages
