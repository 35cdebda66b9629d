"""The audit report's content, section by section (ISO/IEC 17021-1 9.4.8), as blocks.

Section order follows DOMAIN.md §6. Every heading and fixed text comes from ``labels`` in the
report's language; in a bilingual report each is "中文 / English".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from auditdesk.exports import blocks as b
from auditdesk.exports.labels import Lang, code, text
from auditdesk.exports.report_contents_document import (
    contents_changes_blocks,
    contents_complaints_blocks,
    contents_reverification_blocks,
    contents_scope_blocks,
    contents_site_blocks,
    contents_stage1_blocks,
    contents_team_blocks,
)
from auditdesk.exports.report_context import PhotoRow, ReportContext, TeamRow
from auditdesk.exports.report_words import blocker_text, statement_item, word

# Reports with more sections than this many pages' worth get a table of contents; every full
# report does (it is always longer than two pages), short drafts of empty audits do not.
TOC_MIN_EVIDENCE = 5


def fmt_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def fmt_days(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _or_none(value: str, lang: Lang) -> str:
    return value.strip() or text("none", lang)


def _name(m: TeamRow, lang: Lang) -> str:
    if lang == Lang.EN and m.name_en:
        return m.name_en
    if lang == Lang.BILINGUAL and m.name_en:
        return f"{m.name_zh} ({m.name_en})"
    return m.name_zh


def _clause_title(zh: str, en: str, lang: Lang) -> str:
    if lang == Lang.ZH:
        return zh or en
    if lang == Lang.EN:
        return en or zh
    return " / ".join(t for t in (zh, en) if t)


def _dates(ctx: ReportContext) -> str:
    if ctx.start_date and ctx.end_date and ctx.end_date != ctx.start_date:
        return f"{fmt_date(ctx.start_date)} – {fmt_date(ctx.end_date)}"
    return fmt_date(ctx.start_date or ctx.end_date)


def _client_name(ctx: ReportContext) -> str:
    if ctx.lang == Lang.EN and ctx.client.name_en:
        return ctx.client.name_en
    if ctx.lang == Lang.BILINGUAL and ctx.client.name_en:
        return f"{ctx.client.name_zh}\n{ctx.client.name_en}"
    return ctx.client.name_zh


def cb_name(ctx_cb: object, lang: Lang) -> str:
    zh = getattr(ctx_cb, "name_zh", "")
    en = getattr(ctx_cb, "name_en", "")
    if lang == Lang.EN:
        return en or zh
    if lang == Lang.BILINGUAL and en and zh:
        return f"{zh} / {en}"
    return zh or en


def report_document(ctx: ReportContext) -> b.Document:
    lang = ctx.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731 - local shorthand
    w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731 - the report's own words
    blocks: list[b.Block] = []
    c = text("colon", lang, sep="")  # "：" in Chinese, ": " otherwise
    if lang == Lang.BILINGUAL:
        c = ": "
    rev = f"{t('revision')} {ctx.revision}" if ctx.revision else t("draft")
    blocks.append(
        b.Title(
            t("report_title"), f"{_client_name(ctx)}\n{t('audit_no')} {ctx.audit_number} · {rev}"
        )
    )
    leader = ctx.team_leader
    blocks.append(
        b.Fields(
            (
                (t("cb"), cb_name(ctx.cb, lang) or "—"),
                (t("cb_address"), ctx.cb.address or "—"),
                (t("accreditation"), ctx.cb.accreditation or "—"),
                (t("client"), _client_name(ctx)),
                (t("credit_code"), ctx.client.credit_code),
                (t("address"), ctx.client.address),
                (t("representative"), ctx.client.representative),
                (t("contact"), ctx.client.contact),
                (t("audit_no"), ctx.audit_number),
                (t("audit_type"), code("audit_type", ctx.audit_type, lang)),
                (t("audit_mode"), code("audit_mode", ctx.audit_mode, lang)),
                (t("criteria"), "\n".join(ctx.criteria)),
                (t("audit_dates"), _dates(ctx)),
                (t("sign_team_leader"), _name(leader, lang) if leader else ""),
                (
                    t("report_no"),
                    f"{ctx.audit_number}-R{ctx.revision}" if ctx.revision else t("draft"),
                ),
                (t("fingerprint"), ctx.fingerprint),
                *(
                    ((w("verification_code"), ctx.verification_code),)
                    if ctx.verification_code
                    else ()
                ),
            )
        )
    )
    if ctx.verification_code:
        blocks.append(
            b.Verification(
                ctx.verification_code,
                verification_payload(ctx),
                w("verification_hint"),
                chain=ctx.chain_head,
            )
        )
    if len(ctx.evidence) >= TOC_MIN_EVIDENCE or len(ctx.findings) >= TOC_MIN_EVIDENCE:
        blocks += [b.PageBreak(), b.TocHere(), b.PageBreak()]

    if not ctx.revision:  # a draft says first what still blocks its issue
        blocks.append(b.Heading(w("sec_pre_issue")))
        if ctx.blockers:
            blocks.append(
                b.Table(
                    ("#", w("sec_pre_issue")),
                    tuple(
                        (str(i), blocker_text(x.code, x.detail, lang))
                        for i, x in enumerate(ctx.blockers, start=1)
                    ),
                    (0.5, 9),
                    highlight=frozenset(
                        i for i, x in enumerate(ctx.blockers) if x.code.startswith("contradiction.")
                    ),
                )
            )
        else:
            blocks.append(b.Para(w("pre_issue_ok")))

    # 1. The audit: type, criteria, objectives, scope, time, certificates, integrated audit.
    blocks.append(b.Heading(t("sec_audit")))
    blocks.append(
        b.Fields(
            (
                (t("audit_type"), code("audit_type", ctx.audit_type, lang)),
                (t("audit_mode"), code("audit_mode", ctx.audit_mode, lang)),
                (t("criteria"), "\n".join(ctx.criteria)),
                (t("objectives"), _or_none(ctx.objectives, lang)),
                (t("scope"), _or_none(ctx.scope, lang)),
                (t("planned_days"), fmt_days(ctx.planned_days)),
                (t("md5_days"), fmt_days(ctx.md5_days)),
                (t("actual_days"), fmt_days(ctx.actual_days)),
                (
                    t("integrated_note"),
                    t("integrated_yes", standards="; ".join(ctx.criteria))
                    if ctx.integrated
                    else t("integrated_no"),
                ),
            )
        )
    )
    if ctx.certificates:
        blocks.append(
            b.Table(
                (
                    t("certificates"),
                    t("criteria"),
                    t("scope"),
                    t("technical_codes"),
                    t("cert_issue_date"),
                    t("expiry"),
                    t("cert_status"),
                ),
                tuple(
                    (
                        c.number,
                        c.standard,
                        _clause_title(c.scope_zh, c.scope_en, lang),
                        c.technical_codes or t("unrecorded"),
                        fmt_date(c.issue_date) or t("unrecorded"),
                        fmt_date(c.expiry),
                        code("cert_status", c.status, lang) if c.status else "",
                    )
                    for c in ctx.certificates
                ),
                (2.2, 1.8, 2.8, 1.2, 1.2, 1.2, 1),
            )
        )

    # 2. Scope, sites, dates and places.
    blocks.append(b.Heading(t("sec_scope_sites")))
    blocks.append(
        b.Table(
            (
                t("site"),
                t("address"),
                t("site_kind"),
                t("audit_mode"),
                t("visit_date"),
                t("activities"),
            ),
            tuple(
                (
                    s.name,
                    s.address,
                    t("site_central")
                    if s.central
                    else t("site_temporary")
                    if s.temporary
                    else t("site_permanent"),
                    t("remote") if s.remote else t("on_site"),
                    fmt_date(s.visit_date),
                    s.activities,
                )
                for s in ctx.sites
            )
            or ((text("none", lang), "", "", "", "", ""),),
            (2.2, 3, 1.3, 1.1, 1.5, 2.5),
        )
    )

    cx = ctx.contents
    if cx is not None:
        blocks += contents_site_blocks(cx, lang)

    # 3. Team.
    blocks.append(b.Heading(t("sec_team")))
    blocks.append(
        b.Table(
            (t("name"), t("role"), t("registration"), t("days")),
            tuple(
                (
                    _name(m, lang),
                    code("team_role", m.role, lang),
                    m.registration,
                    fmt_days(m.days) or t("unrecorded"),  # 9.4.8: each member's days
                )
                for m in ctx.team
            )
            or ((text("none", lang), "", "", ""),),
            (3, 2.5, 3, 1.2),
        )
    )
    if cx is not None:
        blocks += contents_team_blocks(cx, lang)

    # 4. Deviations, programme issues, changes.
    for key, value in (
        ("sec_deviations", ctx.plan_deviations),
        ("sec_programme_issues", ctx.programme_issues),
        ("sec_changes", ctx.significant_changes),
    ):
        blocks.append(b.Heading(t(key)))
        if key == "sec_changes" and cx is not None:
            blocks.append(b.Para(value.strip() or t("unrecorded")))
            blocks += contents_changes_blocks(cx, lang)
            continue
        blocks.append(b.Para(_or_none(value, lang)))
    if cx is not None:
        blocks += contents_scope_blocks(cx, lang)

    # 5. Findings by clause.
    blocks.append(b.Heading(t("sec_findings")))
    blocks.append(
        b.Table(
            (
                t("clause"),
                t("clause_title"),
                t("judgement"),
                t("evidence_refs"),
                t("nc_no"),
                t("note"),
            ),
            tuple(
                (
                    f.clause,
                    _clause_title(f.title_zh, f.title_en, lang),
                    code("judgement", f.judgement, lang) if f.judgement else "",
                    ", ".join(f"E{n}" for n in f.evidence_refs),
                    "\n".join(f.nc_numbers),
                    f.note,
                )
                for f in ctx.findings
            )
            or ((text("none", lang), "", "", "", "", ""),),
            (0.9, 2.4, 1.6, 1.5, 2.1, 2.3),
            highlight=frozenset(
                i for i, f in enumerate(ctx.findings) if f.judgement == "nonconformity"
            ),
        )
    )
    numbered = _photo_numbers(ctx)
    for clause in dict.fromkeys(
        p.clauses[0] if p.clauses else "" for p in ctx.photos if _photo_group(p) == "clause"
    ):
        group = [
            p for p in ctx.photos if _photo_group(p) == "clause" and _first(p.clauses) == clause
        ]
        # The finding is named in each caption: a label line above could be left alone at the
        # foot of a page, its photos on the next.
        blocks.append(_photos_block(group, numbered, lang, f"{t('clause')} {clause}".strip()))

    # 6. Nonconformities.
    blocks.append(b.Heading(t("sec_ncs")))
    s = ctx.summary
    blocks.append(b.Para(t("nc_summary", major=s.major_ncs, minor=s.minor_ncs, open=s.open_ncs)))
    if ctx.nonconformities:
        blocks.append(
            b.Table(
                (t("nc_no"), t("grade"), t("clause"), t("statement"), t("state")),
                tuple(
                    (
                        n.number,
                        code("nc_grade", n.grade, lang),
                        n.clause,
                        "\n".join(
                            p
                            for p in (
                                f"{t('requirement')}{c}{n.requirement}" if n.requirement else "",
                                f"{t('objective_evidence')}{c}{n.evidence_text}"
                                if n.evidence_text
                                else "",
                                f"{t('reason')}{c}{n.reason}" if n.reason else "",
                                f"{t('evidence_refs')}{c}"
                                + ", ".join(f"E{x}" for x in n.evidence_refs)
                                if n.evidence_refs
                                else "",
                            )
                            if p
                        ),
                        code("nc_state", n.state, lang)
                        + (
                            f"\n{t('response_due')}{c}{fmt_date(n.response_due)}"
                            if n.response_due
                            else ""
                        ),
                    )
                    for n in ctx.nonconformities
                ),
                (2.2, 0.9, 0.9, 6, 1.7),
                highlight=frozenset(
                    i for i, n in enumerate(ctx.nonconformities) if n.grade == "major"
                ),
                keep_rows=True,  # a nonconformity is read whole, never across a page break
            )
        )
        for n in ctx.nonconformities:  # each NC's photos right below the NC table
            group = [
                p for p in ctx.photos if _photo_group(p) == "nc" and p.nc_numbers[0] == n.number
            ]
            if group:
                blocks.append(_photos_block(group, numbered, lang, n.number))

    # 7. Verification of previous corrective actions.
    blocks.append(b.Heading(t("sec_previous_ncs")))
    if ctx.previous_ncs:
        blocks.append(
            b.Table(
                (
                    t("nc_no"),
                    t("previous_audit"),
                    t("grade"),
                    t("clause"),
                    t("corrective_action"),
                    t("verification"),
                    t("state"),
                ),
                tuple(
                    (
                        p.number,
                        p.audit_number,
                        code("nc_grade", p.grade, lang),
                        p.clause,
                        p.corrective_action,
                        " ".join(
                            x
                            for x in (
                                code("verification_method", p.verification_method, lang)
                                if p.verification_method
                                else "",
                                fmt_date(p.verified_on),
                                p.note,
                            )
                            if x
                        ),
                        code("nc_state", p.state, lang),
                    )
                    for p in ctx.previous_ncs
                ),
                (1.8, 1.2, 0.8, 0.8, 3, 2.4, 1.2),
            )
        )
    else:
        blocks.append(b.Para(text("none", lang)))

    # 8. Unresolved issues.
    blocks.append(b.Heading(t("sec_unresolved")))
    blocks.append(b.Para(_or_none(ctx.unresolved_issues, lang)))
    if cx is not None:
        blocks += contents_stage1_blocks(cx, lang)
        blocks += contents_complaints_blocks(cx, lang)
        blocks += contents_reverification_blocks(cx, lang)

    # 9. Evidence register (the references the findings cite).
    blocks.append(b.Heading(t("sec_evidence")))
    blocks.append(b.Para(t("evidence_summary", count=s.evidence_count)))
    if ctx.evidence:
        blocks.append(
            b.Table(
                (
                    t("seq"),
                    t("evidence_type"),
                    t("clause"),
                    t("department"),
                    t("time"),
                    t("description"),
                ),
                tuple(
                    (
                        f"E{e.seq}",
                        code("evidence_type", e.evidence_type, lang),
                        ", ".join(e.clauses),
                        e.place + (f"\n({t('remote')})" if e.remote else ""),
                        e.observed_at.strftime("%Y-%m-%d %H:%M") if e.observed_at else "",
                        "\n".join(
                            x
                            for x in (
                                e.description,
                                f"{t('references')}{c}{e.references}" if e.references else "",
                                f"{t('interviewee')}{c}{e.interviewee_role}"
                                if e.interviewee_role
                                else "",
                            )
                            if x
                        ),
                    )
                    for e in ctx.evidence
                ),
                (0.7, 1.3, 1.1, 1.6, 1.4, 5),
                keep_rows=True,  # an evidence item is read whole, never across a page break
            )
        )

    # 10. Sampling, conclusions, recommendation, marks.
    blocks.append(b.Heading(t("sec_sampling")))
    blocks.append(b.Para(t("sampling_text")))
    blocks.append(b.Heading(t("sec_conclusions")))
    blocks.append(
        b.Para(t("clauses_summary", audited=s.clauses_audited, conform=s.clauses_conform))
    )

    verdict = ctx.verdict
    contradicted = {c.code: c.detail for c in verdict.contradictions} if verdict else {}

    def judged(v: bool | None) -> str:
        if v is None:
            return w("not_judged")
        return w("yes") if v else w("no")

    if verdict is not None:
        if verdict.major_ncs:
            conformity = t("conformity_major", major=verdict.major_ncs)
            if verdict.minor_ncs:
                conformity += w("also_minor", minor=verdict.minor_ncs)
        elif verdict.minor_ncs:
            conformity = t("conformity_minor", minor=verdict.minor_ncs)
        else:
            conformity = t("conformity_ok")
        effectiveness = w(f"eff_{verdict.effectiveness}")
        judged_clauses = "; ".join(
            f"{cl}: {code('judgement', j, lang) if j else w('not_judged')}"
            for cl, j in verdict.effectiveness_judgements
        )
        effectiveness = f"{effectiveness}\n({judged_clauses})"
    else:  # pragma: no cover - contexts always carry a verdict
        conformity = effectiveness = text("not_recorded", lang)
    team_conclusion = _or_none(ctx.conclusion, lang)
    for key in (
        "conclusion_conformity",
        "conclusion_effectiveness",
        "recommendation_unconditional",
    ):
        if key in contradicted:
            team_conclusion += (
                "\n"
                + w("contradicts")
                + blocker_text(f"contradiction.{key}", contradicted[key], lang)
            )
    scope_text = judged(s.scope_appropriate)
    if "scope_nc" in contradicted:
        scope_text += (
            "\n"
            + w("contradicts")
            + blocker_text("contradiction.scope_nc", contradicted["scope_nc"], lang)
        )
    objectives_text = judged(s.objectives_met)
    if "objectives_terminated" in contradicted:
        objectives_text += (
            "\n" + w("contradicts") + blocker_text("contradiction.objectives_terminated", "", lang)
        )
    blocks.append(
        b.Fields(
            (
                (t("conclusion_conformity"), conformity),
                (t("conclusion_effectiveness"), effectiveness),
                (t("conclusion_scope"), scope_text),
                (t("conclusion_objectives"), objectives_text),
                (t("conclusion_team"), team_conclusion),
            ),
            label_width=0.38,
        )
    )
    if verdict is not None and verdict.statements:
        blocks.append(b.Heading(w("sec_statements")))
        missing = set(verdict.missing_statements)
        item_codes = [item for item, _text in verdict.statements]
        blocks.append(
            b.Table(
                (w("statement_item"), w("statement_text")),
                tuple(
                    (
                        statement_item(item, lang),
                        w("not_stated") if item in missing else value,
                    )
                    for item, value in verdict.statements
                ),
                (3, 7),
                highlight=frozenset(i for i, item in enumerate(item_codes) if item in missing),
            )
        )
    if (
        ctx.termination is not None
    ):  # 撤组: why, who agreed and when, the re-audit due (DOMAIN.md §8)
        term = ctx.termination
        blocks.append(b.Heading(t("sec_termination")))
        blocks.append(
            b.Fields(
                (
                    (t("terminated_on"), fmt_date(term.terminated_on)),
                    (
                        t("termination_reasons"),
                        "\n".join(code("termination_reason", r, lang) for r in term.reasons)
                        or text("not_recorded", lang),
                    ),
                    (
                        t("termination_agreed_by"),
                        "\n".join(
                            " ".join(x for x in (code("agreement_role", role, lang), name, at) if x)
                            for role, name, at in term.agreed_by
                        )
                        or text("not_recorded", lang),
                    ),
                    (t("reaudit_due"), fmt_date(term.reaudit_due)),
                    (t("termination_note"), _or_none(term.note, lang)),
                ),
                label_width=0.38,
            )
        )
    blocks.append(b.Heading(t("sec_recommendation")))
    if verdict is not None:
        derived = recommendation_text(verdict, lang)
        team_rec = code("recommendation", verdict.team_recommendation, lang)
        flags = [
            w("contradicts") + blocker_text(f"contradiction.{k}", v, lang)
            for k, v in contradicted.items()
            if k in ("recommendation_type", "recommendation_refuse")
        ]
        rows = [(w("rec_derived"), derived)]
        if verdict.team_recommendation and (
            flags or verdict.team_recommendation != verdict.recommendation
        ):
            rows.append((w("rec_team"), "\n".join([team_rec, *flags])))
        blocks.append(b.Fields(tuple(rows), label_width=0.38))
    else:  # pragma: no cover
        blocks.append(b.Para(code("recommendation", ctx.recommendation, lang)))
    if verdict is None or not verdict.statements:  # otherwise in the surveillance items above
        blocks.append(b.Heading(t("sec_marks")))
        blocks.append(b.Para(_or_none(ctx.marks_control, lang)))

    # 11. Photos not tied to a finding (check-in photos, photos on evidence without a clause).
    rest = [p for p in ctx.photos if _photo_group(p) == "general"]
    if rest:
        blocks.append(b.Heading(t("sec_photos")))
        blocks.append(_photos_block(rest, numbered, lang))

    # 12. Revisions, sign-off and signatures.
    if ctx.revisions:
        blocks.append(b.Heading(t("sec_revisions")))
        blocks.append(
            b.Table(
                (t("revision"), t("issued_on"), t("raised_by"), t("change_note"), t("fingerprint")),
                tuple(
                    (
                        str(r.revision),
                        r.issued_at.strftime("%Y-%m-%d %H:%M"),
                        r.issued_by,
                        "\n".join(
                            x
                            for x in (
                                r.change_note,
                                f"{w('override')}{c}{r.override_reason}"
                                if r.override_reason
                                else "",
                                f"{w('overridden')}{c}"
                                + "; ".join(blocker_text(o, d, lang) for o, d in r.overridden)
                                if r.override_reason and r.overridden
                                else "",
                            )
                            if x
                        ),
                        r.fingerprint[:16] + "…",
                    )
                    for r in ctx.revisions
                ),
                (0.8, 1.8, 1.2, 4, 2.2),
            )
        )
    so = ctx.signoff
    if so is not None:
        blocks.append(b.Heading(w("sec_signoff")))

        def when(name: str, at: dt.datetime | dt.date | None) -> str:
            if not name:
                return w("not_yet")
            if isinstance(at, dt.datetime):
                return f"{name}  {at.strftime('%Y-%m-%d %H:%M')}"
            return f"{name}  {fmt_date(at)}".strip()

        blocks.append(
            b.Fields(
                (
                    (w("prepared_by"), when(_person(ctx, so.prepared_by), so.prepared_on)),
                    (w("reviewed_by"), when(_person(ctx, so.reviewed_by), so.reviewed_at)),
                    (w("approved_by"), when(_person(ctx, so.approved_by), so.approved_at)),
                ),
                label_width=0.38,
            )
        )
    blocks.append(b.Heading(t("sec_signatures")))
    parties = [(code("team_role", m.role, lang), _name(m, lang)) for m in ctx.team]
    parties.append((t("sign_client"), ctx.client.representative))
    for i in range(0, len(parties), 3):  # three signature boxes a row
        blocks.append(
            b.Signatures(
                tuple(parties[i : i + 3]),
                t("signature"),
                t("sign_date"),
                "：" if lang == Lang.ZH else ": ",
            )
        )
    return b.Document(
        kind="report",
        lang=lang.value,
        title=f"{t('report_title')} {ctx.audit_number}",
        header_left=cb_name(ctx.cb, Lang.ZH if lang == Lang.BILINGUAL else lang) or "AuditDesk",
        header_right=f"{t('report_title')} · {ctx.audit_number}"
        + (f" · {t('revision')} {ctx.revision}" if ctx.revision else ""),
        blocks=tuple(blocks),
        toc=any(isinstance(x, b.TocHere) for x in blocks),
        toc_title=t("contents"),
        cb=ctx.cb,
    )


def _first(values: tuple[str, ...]) -> str:
    return values[0] if values else ""


def _photo_group(p: PhotoRow) -> str:
    """Where a photo prints: beside its NC, beside its clause, or in the photo section."""
    if p.check_in:
        return "general"
    if p.nc_numbers:
        return "nc"
    return "clause" if p.clauses else "general"


def _photo_numbers(ctx: ReportContext) -> dict[str, int]:
    """Photos are numbered in the order they print (NCs' photos come after the clauses')."""
    order: list[PhotoRow] = []
    clauses = dict.fromkeys(_first(p.clauses) for p in ctx.photos if _photo_group(p) == "clause")
    for clause in clauses:
        order += [
            p for p in ctx.photos if _photo_group(p) == "clause" and _first(p.clauses) == clause
        ]
    for n in ctx.nonconformities:
        order += [p for p in ctx.photos if _photo_group(p) == "nc" and p.nc_numbers[0] == n.number]
    order += [p for p in ctx.photos if _photo_group(p) == "general"]
    return {p.sha256: i for i, p in enumerate(order, start=1)}


def photo_caption(p: PhotoRow, n: int, lang: Lang, finding: str = "") -> str:
    """Caption, then place and time (EXIF, else the evidence's time) and the evidence cited."""
    caption = p.caption
    if p.check_in:
        caption = text(f"check_in_{p.check_in}", lang) + (f" — {caption}" if caption else "")
    elif not caption:
        caption = p.filename
    extra = " · ".join(
        x
        for x in (
            finding,
            p.place,
            p.captured_at.strftime("%Y-%m-%d %H:%M") if p.captured_at else "",
            f"E{p.evidence_seq}" if p.evidence_seq else "",
        )
        if x
    )
    return text("photo_caption", lang, n=n, caption=caption) + (f"\n{extra}" if extra else "")


def _photos_block(
    group: list[PhotoRow], numbered: dict[str, int], lang: Lang, finding: str = ""
) -> b.Photos:
    return b.Photos(
        tuple(b.Photo(p.path, photo_caption(p, numbered[p.sha256], lang, finding)) for p in group),
        missing_text=text("photo_missing", lang),
    )


def _person(ctx: ReportContext, name_zh: str) -> str:
    """A signer's name in the report's script: a team member's English name in English."""
    member = next((m for m in ctx.team if m.name_zh == name_zh), None)
    return _name(member, ctx.lang) if member is not None else name_zh


def recommendation_text(verdict: object, lang: Lang) -> str:
    """The recommendation the findings allow, with its conditions, in words."""
    rec = getattr(verdict, "recommendation", "none")
    if rec == "refuse":
        return word("rec_refuse", lang)
    if rec == "none":
        return word("rec_none", lang)
    base = code("recommendation", rec, lang)
    conditions = getattr(verdict, "conditions", ())
    if not conditions:
        return base
    sep = "；" if lang == Lang.ZH else "; "
    parts = sep.join(word(f"cond_{x.kind}", lang, nc=x.nc) for x in conditions)
    return word("rec_with_conditions", lang, sep="\n", rec=base, conditions=parts)


def verification_payload(ctx: ReportContext) -> str:
    """What the QR code holds: enough for ``auditdesk verify`` to find and check the revision."""
    return (
        f"auditdesk:verify?audit={ctx.audit_number}&rev={ctx.revision}"
        f"&code={ctx.verification_code}&fp={ctx.fingerprint}"
    )


def render_report(
    ctx: ReportContext,
    fmt: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
) -> None:
    """The report as ``docx`` or ``pdf`` to a path or a binary stream."""
    from auditdesk.exports.render import render_document

    render_document(
        report_document(ctx), fmt, target, invariant=invariant, template_dir=template_dir
    )
