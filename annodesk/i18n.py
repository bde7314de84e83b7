"""The UI language: English or 简体中文, following the system or the user's choice, switchable while running.

:class:`LanguageManager` installs annodesk's own catalogue (``translations/annodesk_<code>.qm`` through
:func:`annodesk.paths.resource_path`) and Qt's ``qtbase_<code>.qm`` (standard buttons and dialogs), sets
``QLocale.setDefault`` so dates and numbers follow the language, and remembers the choice in QSettings
(``ui/language``). Installing a translator makes Qt send ``QEvent.LanguageChange`` to every widget, which
re-translates itself (see ``docs/i18n.md``). The helpers below fill placeholders and format values for the
current locale. Qt only, no widgets; the Qt-free layers (``api``, ``session``, ``sandbox``) never import this.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
    Signal,
)

from .paths import resource_path
from .settings import Settings

log = logging.getLogger(__name__)

SYSTEM = "system"
ENGLISH = "en"
CHINESE = "zh_CN"

# A text shown to the user: a plain string (server data), or a function giving it in the current language.
LiveText = str | Callable[[], str]


@dataclass(frozen=True)
class Language:
    """A language annodesk speaks: its code (the .qm suffix), its name in itself, its Qt locale."""

    code: str
    native_name: str
    language: QLocale.Language
    country: QLocale.Country

    def locale(self) -> QLocale:
        return QLocale(self.language, self.country)


LANGUAGES: tuple[Language, ...] = (
    Language(ENGLISH, "English", QLocale.Language.English, QLocale.Country.UnitedStates),
    Language(CHINESE, "简体中文", QLocale.Language.Chinese, QLocale.Country.China),
)
CHOICES: tuple[str, ...] = (SYSTEM, *(language.code for language in LANGUAGES))


def language(code: str) -> Language:
    """The :class:`Language` for ``code`` (``en`` or ``zh_CN``)."""
    return next(item for item in LANGUAGES if item.code == code)


def language_of_locale(locale: QLocale) -> str | None:
    """The language annodesk would show for ``locale``: ``zh_CN`` for any Chinese, ``en`` for English, else None.

    Traditional Chinese readers get 简体中文 too: closer to what they read than English.
    """
    if locale.language() == QLocale.Language.Chinese:
        return CHINESE
    if locale.language() == QLocale.Language.English:
        return ENGLISH
    return None


def system_language(system: QLocale) -> str:
    """The first of the system's UI languages that annodesk speaks, English if none."""
    for tag in system.uiLanguages():
        code = language_of_locale(QLocale(tag))
        if code is not None:
            return code
    return language_of_locale(system) or ENGLISH


class LanguageManager(QObject):
    """Owns the installed translators. ``languageChanged(code)`` fires after each switch (``en``/``zh_CN``).

    ``choice`` is what the user picked (``system``, ``en``, ``zh_CN``); ``language`` what is shown.
    """

    languageChanged = Signal(str)

    def __init__(
        self, settings: QSettings, system_locale: QLocale | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.system_locale = system_locale if system_locale is not None else QLocale.system()
        self._translators: list[QTranslator] = []
        self.language = ENGLISH

    @property
    def choice(self) -> str:
        value = Settings(self.settings).language or SYSTEM
        return value if value in CHOICES else SYSTEM

    def resolve(self, choice: str) -> str:
        """The language shown for ``choice``."""
        return system_language(self.system_locale) if choice == SYSTEM else choice

    def apply(self) -> None:
        """Install the translators for the stored choice (at start-up, before any window is built)."""
        self._install(self.resolve(self.choice))

    def set_choice(self, choice: str) -> None:
        """Remember ``choice`` and switch to it now; every open window re-translates itself."""
        if choice not in CHOICES:
            raise ValueError(f"unknown language choice {choice!r}")
        Settings(self.settings).language = choice
        self.settings.sync()
        self._install(self.resolve(choice))

    def uninstall(self) -> None:
        """Remove annodesk's translators (back to the untranslated source strings)."""
        app = QCoreApplication.instance()
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
        self._translators = []

    def _install(self, code: str) -> None:
        self.uninstall()
        QLocale.setDefault(self._locale_for(code))  # before the LanguageChange events, which re-render dates
        self.language = code
        app = QCoreApplication.instance()
        for translator in (self._load_qt(code), self._load_own(code)):
            if translator is not None and app is not None:
                app.installTranslator(translator)
                self._translators.append(translator)
        self.languageChanged.emit(code)

    def _locale_for(self, code: str) -> QLocale:
        """The system's own locale when it is of this language (en_GB dates stay British), else the default."""
        if language_of_locale(self.system_locale) == code:
            return QLocale(self.system_locale)
        return language(code).locale()

    def _load_own(self, code: str) -> QTranslator | None:
        path = resource_path(f"translations/annodesk_{code}.qm")
        translator = QTranslator(self)
        loaded = translator.load(str(path))
        log.log(logging.INFO if loaded else logging.WARNING, "load %s: %s", path, "ok" if loaded else "FAILED")
        return translator if loaded else None

    def _load_qt(self, code: str) -> QTranslator | None:
        if code == ENGLISH:
            return None  # Qt's own strings are English
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(self)
        loaded = translator.load(f"qtbase_{code}", folder)
        log.log(
            logging.INFO if loaded else logging.WARNING, "load qtbase_%s from %s: %s", code, folder, loaded and "ok"
        )
        return translator if loaded else None

    def loaded_files(self) -> list[str]:
        """The catalogues in use (for the self-test and logs)."""
        return [translator.filePath() for translator in self._translators]


# -- helpers for translated text ------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%(\d)")


def arg(text: str, *values: object) -> str:
    """Fill ``%1``, ``%2``… in a translated ``text`` in one pass (a value containing ``%2`` stays as it is)."""

    def fill(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 1 <= number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(fill, text)


def translated(context: str, source: str) -> str:
    """The translation of ``source``, marked elsewhere with ``QT_TRANSLATE_NOOP(context, source)``."""
    return QCoreApplication.translate(context, source)


def live(text: LiveText) -> str:
    """The current text of a :data:`LiveText`."""
    return text() if callable(text) else text


# -- values in the current locale (QLocale.setDefault follows the chosen language) ----------------


def format_number(value: int) -> str:
    """``12345`` → ``12,345`` (or the locale's grouping)."""
    return QLocale().toString(value)


def format_size(size: int) -> str:
    """A byte count for people, in the current locale (``12.3 MB``)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def format_datetime(value: datetime | float) -> str:
    """A moment (aware datetime or POSIX timestamp) in local time, the locale's short date and time."""
    seconds = value.timestamp() if isinstance(value, datetime) else value
    moment = QDateTime.fromMSecsSinceEpoch(round(seconds * 1000))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
