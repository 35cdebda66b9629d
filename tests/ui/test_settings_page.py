"""The CB's planning settings on the settings page (issue 20, point 8): travel times between
sites edited, saved with the other CB settings, refused with words beside the field in the
user's language, and nothing written when anything is wrong."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(ctx, qtbot):
    from auditdesk.ui.settings_page import SettingsPage

    w = SettingsPage(ctx)
    qtbot.addWidget(w)
    w.resize(1100, 650)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_travel_times_are_saved_and_shown_again(ctx, page, qtbot):
    from auditdesk.services import cb_settings
    from auditdesk.ui.settings_page import SettingsPage

    page.travel_minutes.setValue(45)
    page.add_pair.click()
    page.pairs.item(0, 0).setText("上海总部")
    page.pairs.item(0, 1).setText("苏州工厂")
    page.pairs.cellWidget(0, 2).setValue(120)
    page.inputs["nc_response_days"].setValue(25)
    assert page.save(), page.message.text()
    with ctx.session() as s:
        assert cb_settings.travel(s) == cb_settings.Travel(45, (("上海总部", "苏州工厂", 120),))
        assert cb_settings.current(s).nc_response_days == 25
    again = SettingsPage(ctx)
    qtbot.addWidget(again)
    assert again.travel_minutes.value() == 45
    assert again.pair_values() == [["上海总部", "苏州工厂", 120]]
    again.pairs.setCurrentCell(0, 0)
    again.remove_pair.click()
    assert again.save()
    with ctx.session() as s:
        assert cb_settings.travel(s).pairs == ()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh_CN", ["路程时间第 1 行：两个场所不能相同。", "路程时间第 2 行：请填写两个场所。"]),
        ("en", ["Travel times, row 1: the two sites must differ.", "Travel times, row 2: give both sites."]),
    ],
)  # fmt: skip
def test_wrong_pairs_are_named_and_nothing_is_written(ctx, page, qtbot, lang, expected):
    from auditdesk.services import cb_settings
    from auditdesk.ui import i18n

    i18n.install_language(lang)
    qtbot.wait(5)
    page.inputs["nc_response_days"].setValue(25)
    page.add_pair_row("上海总部", "上海总部", 30)
    page.add_pair_row("上海总部", "", 30)
    assert not page.save()
    assert page.message.text().splitlines() == expected
    with ctx.session() as s:
        assert cb_settings.current(s).nc_response_days == 30
        assert cb_settings.travel(s) == cb_settings.Travel()


def test_a_rules_setting_refused_in_words(ctx, page, qtbot):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")
    qtbot.wait(5)
    page.inputs["monthly_report_day"].setValue(30)
    assert not page.save()
    text = page.message.text()
    assert "1 至 28" in text and "monthly_report_day" not in text


def test_the_travel_box_follows_the_language(ctx, page, qtbot):
    from auditdesk.ui import i18n

    assert page.travel_box.title() == "Planning: travel between sites"
    i18n.install_language("zh_CN")
    qtbot.wait(5)
    assert page.travel_box.title() == "计划：场所之间的路程时间"
    assert page.pairs.horizontalHeaderItem(1).text() == "另一场所"
