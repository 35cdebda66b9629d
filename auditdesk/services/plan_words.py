"""Plan findings in words (zh / en), from ``resources/words/catalogue.json`` groups
``plan_check``, ``consistency`` and ``plan_action``: the same sentence on screen, in the plan
export and in the CLI. Which person, which two sessions, which figures."""

from __future__ import annotations

from typing import Any

from auditdesk import catalogue
from auditdesk.rules import plan_checks as pc

_MEETINGS = {
    "opening": ("首次会议", "opening meeting"),
    "closing": ("末次会议", "closing meeting"),
    "team_review": ("审核组内部会议", "team review"),
}


def _lang(lang: str) -> str:
    return "en" if str(lang).lower().startswith("en") else "zh"


def fill(group: str, code: str, lang: str, **values: Any) -> str:
    text = catalogue.word(group, code, _lang(lang))
    for key, value in values.items():
        text = text.replace(
            "{" + key + "}", f"{value:g}" if isinstance(value, float) else str(value)
        )
    return text


def session_text(s: pc.PlanSession, lang: str) -> str:
    zh = _lang(lang) == "zh"
    if s.label in _MEETINGS:
        what = _MEETINGS[s.label][0 if zh else 1]
    elif s.label:
        groups = s.label.split("、")
        what = (
            ("第" + "、".join(groups) + "章" if zh else "clause " + ", ".join(groups))
            if all(g.isdigit() for g in groups)
            else s.label
        )
    else:
        what = ""
    if s.start.hour == 0 and s.end.hour == 23:  # a whole audit (two_audits)
        return (
            f"审核 {s.audit}（{s.site}，{s.day.isoformat()}）"
            if zh
            else f"audit {s.audit} ({s.site}, {s.day.isoformat()})"
        )
    when = f"{s.day.isoformat()} {s.start:%H:%M}–{s.end:%H:%M}"
    remote = ("远程" if zh else "remote") if s.remote else ""
    if zh:
        extra = "，".join(x for x in (what, remote) if x)
        return f"{when} {s.site}" + (f"（{extra}）" if extra else "")
    extra = ", ".join(x for x in (what, remote) if x)
    return f"{when} at {s.site}" + (f" ({extra})" if extra else "")


def clash_text(c: pc.Clash, lang: str) -> str:
    return fill(
        "plan_check",
        c.code,
        lang,
        name=c.name,
        first=session_text(c.first, lang),
        second=session_text(c.second, lang),
        gap=c.gap,
        needed=c.needed,
    )


def days_text(f: pc.DaysFinding, lang: str) -> str:
    return fill("plan_check", f.code, lang, value=f.value, expected=f.expected)


def action_text(action: str, lang: str) -> str:
    return catalogue.word("plan_action", action, _lang(lang))
