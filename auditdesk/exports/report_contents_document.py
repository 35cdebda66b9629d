"""The blocks of the further 17021-1 9.4.8 items (``report_contents``) in the audit report.

Each function returns the blocks of one part; ``report_document`` places them in its sections.
A datum the records do not hold prints as "未记录" / "not recorded", never as a default.
"""

from __future__ import annotations

import datetime as dt

from auditdesk.exports import blocks as b
from auditdesk.exports.labels import Lang, code, text
from auditdesk.exports.report_contents import ReportContents


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _days(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


def _sep(lang: Lang) -> str:
    return "、" if lang == Lang.ZH else ", "


def contents_site_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    """Audit dates and activities per site: planned date, the dates and departments evidence
    was recorded at, the clauses audited there."""
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    rows = tuple(
        (
            s.site,
            t("remote") if s.remote else t("on_site"),
            _d(s.planned_date) or t("unrecorded"),
            "\n".join(_d(d) for d in s.audited_dates) or t("unrecorded"),
            _sep(lang).join(s.departments) or t("unrecorded"),
            ", ".join(s.clauses) or t("unrecorded"),
            str(s.evidence_count),
        )
        for s in cx.site_activities
    )
    return [
        b.Heading(t("sec_site_activities"), 2),
        b.Table(
            (
                t("site"),
                t("audit_mode"),
                t("site_planned_date"),
                t("audited_dates"),
                t("departments"),
                t("clause"),
                t("evidence_count"),
            ),
            rows or ((t("unrecorded"), "", "", "", "", "", ""),),
            (2, 1, 1.3, 1.4, 2, 2.4, 1),
        ),
    ]


def days_difference_text(cx: ReportContents, lang: Lang) -> tuple[str, str]:
    """(difference, reason) of MD5/planned days and actual days, in words."""
    d = cx.days
    base = d.md5 if d.md5 is not None else d.planned
    if base is None or d.actual is None:
        return text("unrecorded", lang), ""
    if not d.differs:
        return text("days_same", lang), ""
    diff = f"{d.actual - base:+g}"
    return text("days_differ", lang, diff=diff), d.reason or text("unrecorded", lang)


def contents_team_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    """Audit days planned vs done and why; experts, observers, guides, interpreters."""
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    sep = _sep(lang)
    d = cx.days
    diff, reason = days_difference_text(cx, lang)
    pairs = [
        (t("md5_days"), _days(d.md5) or t("unrecorded")),
        (t("planned_days"), _days(d.planned) or t("unrecorded")),
        (t("actual_days"), _days(d.actual) or t("unrecorded")),
        (t("team_days_total"), _days(d.team_total) or t("unrecorded")),
        (t("days_difference"), diff),
    ]
    if reason:
        pairs.append((t("days_reason"), reason))
    people = (
        (t("experts"), sep.join(cx.experts) or t("none_in_team")),
        (t("observers"), sep.join(cx.observers) or t("none_in_team")),
        (t("trainees"), sep.join(cx.trainees) or t("none_in_team")),
        (t("guides"), cx.guides or t("unrecorded")),
        (t("interpreters"), cx.interpreters or t("unrecorded")),
    )
    return [
        b.Heading(t("sec_days"), 2),
        b.Fields(tuple(pairs), label_width=0.38),
        b.Fields(people, label_width=0.38),
    ]


def contents_changes_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    """The evidence the auditors marked as a significant change since the last audit."""
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    if not cx.changes:
        return [b.Para(t("changes_none_marked"), "note")]
    return [
        b.Para(t("changes_marked"), "note"),
        b.Table(
            (t("seq"), t("time"), t("department"), t("description")),
            tuple(
                (
                    f"E{c.seq}",
                    c.observed_at.strftime("%Y-%m-%d %H:%M") if c.observed_at else "",
                    c.place,
                    c.description,
                )
                for c in cx.changes
            ),
            (0.7, 1.5, 2, 6),
        ),
    ]


def contents_scope_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    """专业代码, exclusions (clauses judged not applicable) with their justification, areas
    not covered (clauses judged not audited, the client's sites not visited)."""
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    c = "：" if lang == Lang.ZH else ": "
    codes = "\n".join(
        f"{number}{c}{value or t('unrecorded')}" for number, value in cx.technical_codes
    )
    if cx.not_applicable:
        exclusions = "\n".join(
            f"{clause}{c}{note.strip() or t('justification_missing')}"
            for clause, note in cx.not_applicable
        )
    else:
        exclusions = t("exclusions_none")
    if cx.exclusions_note:
        exclusions += "\n" + cx.exclusions_note
    return [
        b.Heading(t("sec_coverage")),
        b.Fields(
            (
                (t("technical_codes"), codes or t("unrecorded")),
                (t("exclusions"), exclusions),
                (t("not_audited_clauses"), ", ".join(cx.not_audited) or text("none", lang)),
                (
                    t("sites_not_covered"),
                    _sep(lang).join(cx.sites_not_covered) or text("none", lang),
                ),
                (t("not_covered_note"), cx.not_covered_note or t("unrecorded")),
            ),
            label_width=0.38,
        ),
    ]


def contents_stage1_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    out: list[b.Block] = [b.Heading(t("sec_stage1"))]
    if not cx.stage1_applies:
        return [*out, b.Para(t("stage1_not_stage2"))]
    s1 = cx.stage1
    if s1 is None:
        return [*out, b.Para(t("stage1_none_found"))]
    dates = " – ".join(dict.fromkeys(_d(x) for x in s1.dates if x))
    out.append(b.Para(f"{t('stage1_audit')} {s1.audit_number} {dates}".strip()))
    if s1.issues:
        out.append(
            b.Table(
                (t("nc_no"), t("grade"), t("clause"), t("state")),
                tuple(
                    (n, code("nc_grade", g, lang), cl, code("nc_state", st, lang))
                    for n, g, cl, st in s1.issues
                ),
                (3, 1.5, 1.2, 2),
            )
        )
    else:
        out.append(b.Para(t("stage1_no_issues")))
    if s1.unresolved:
        out.append(b.Para(f"{t('sec_unresolved')}: {s1.unresolved}"))
    return out


def contents_complaints_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    return [
        b.Heading(text("sec_complaints", lang)),
        b.Para(cx.complaints or text("unrecorded", lang)),
    ]


def contents_reverification_blocks(cx: ReportContents, lang: Lang) -> list[b.Block]:
    """At recertification: headcount history, legal identity, licences valid on the last day."""
    rv = cx.reverification
    if rv is None:
        return []
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    out: list[b.Block] = [
        b.Heading(t("sec_reverification")),
        b.Fields(
            (
                (t("legal_name"), rv.name_zh),
                (t("credit_code"), rv.credit_code or t("unrecorded")),
                (
                    t("personnel_now"),
                    str(rv.personnel_now) if rv.personnel_now else t("unrecorded"),
                ),
                (t("reverification_note"), rv.note or t("unrecorded")),
            ),
            label_width=0.38,
        ),
    ]
    out.append(b.Para(t("personnel_history"), "note"))
    out.append(
        b.Table(
            (t("as_of"), t("personnel_count"), t("note")),
            tuple((_d(d), str(n), note) for d, n, note in rv.personnel_history)
            or ((t("unrecorded"), "", ""),),
            (2, 2, 6),
        )
    )
    out.append(b.Para(t("licences"), "note"))
    out.append(
        b.Table(
            (t("licence_kind"), t("licence_no"), t("licence_issuer"), t("expiry"), t("state")),
            tuple(
                (
                    lic.kind,
                    lic.number,
                    lic.issuer,
                    _d(lic.expiry) or t("unrecorded"),
                    t("unrecorded")
                    if lic.valid is None
                    else t("licence_valid")
                    if lic.valid
                    else t("licence_expired"),
                )
                for lic in rv.licences
            )
            or ((t("unrecorded"), "", "", "", ""),),
            (2, 2, 2.4, 1.4, 2),
        )
    )
    return out
