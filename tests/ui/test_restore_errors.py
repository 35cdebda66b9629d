"""A refused restore is a database problem the user can act on: close it first (both languages)."""

from __future__ import annotations

import pytest

from auditdesk.storage import errors as storage_errors


@pytest.mark.parametrize(("lang", "words"), [("en", "Close it first"), ("zh_CN", "请先关闭它")])
def test_database_in_use_says_close_it_first(qapp, lang, words):
    from auditdesk.ui import errors, i18n

    i18n.install_language(lang)
    try:
        known = errors.message_for(storage_errors.DatabaseInUse("in use", "/data/audit.sqlite3"))
    finally:
        i18n.install_language("en")
    assert known is not None  # an environment error, not a crash dialog
    _title, text = known
    assert words in text and text.endswith("/data/audit.sqlite3")
    assert "in_use" not in text  # a sentence, not the bare code
