"""The desktop's own options, typed, with defaults, over QSettings (STYLE habit 8).

Only what is personal to this computer lives here (language, window layout). Anything that
changes audit results is a CB setting in the database (:mod:`auditdesk.services.cb_settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    choices: tuple[T, ...] = ()

    def get(self, settings: QSettings) -> T:
        raw: Any = settings.value(self.key, self.default)
        kind = type(self.default)
        try:
            value = raw if isinstance(raw, kind) else kind(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        return value  # type: ignore[no-any-return]

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


LANGUAGE = Option("ui/language", "", ("", "zh_CN", "en"))  # "" = follow the system locale
LAST_PAGE = Option("window/page", "dashboard")
