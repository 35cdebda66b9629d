"""Fixed texts of the documents: every one exists in Chinese and English."""

from __future__ import annotations

import pytest

from auditdesk.exports.labels import CODES, LABELS, Lang, code, parse_lang, text


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_chinese_and_english(key):
    zh, en = LABELS[key]
    assert zh.strip() and en.strip()
    assert any("\u4e00" <= ch <= "\u9fff" or ch in "：" for ch in zh), (
        f"{key}: Chinese text has no Chinese"
    )


def test_bilingual_shows_both_languages():
    assert text("sec_findings", Lang.BILINGUAL) == "审核发现（按条款） / Findings by clause"
    assert text("sec_findings", Lang.ZH) == "审核发现（按条款）"
    assert text("sec_findings", Lang.EN) == "Findings by clause"


def test_values_are_formatted_in_both_languages():
    assert text("page_x_of_y", "bilingual", page=2, pages=9) == "第 2 页 共 9 页 / page 2 of 9"


def test_codes_are_translated_and_unknown_codes_stay_visible():
    assert code("nc_grade", "major", "zh") == "严重"
    assert code("audit_type", "surveillance_1", "en") == "First surveillance"
    assert code("audit_type", "something_new", "zh") == "something_new"
    for kind, values in CODES.items():
        for value, (zh, en) in values.items():
            assert zh and en, (kind, value)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        parse_lang("fr")
