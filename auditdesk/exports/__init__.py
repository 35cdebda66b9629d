"""Documents that leave AuditDesk (STYLE habit 10): a pure context builder per document, one
renderer per format, writing to a path or a binary stream.

=================  ==========================================  ==========================
document           context builder                             renderer(s)
=================  ==========================================  ==========================
audit report       ``report_context.build_report_context``     ``report_document.render_report`` (docx, pdf)
audit plan         ``plan.build_plan_context``                 ``plan.render_plan`` (docx, pdf)
NC form            ``nc_form.build_nc_form_context``           ``nc_form.render_nc_form`` (docx, pdf)
good-audit case    ``case.build_case_context``                 ``case.render_case`` (docx)
yearly schedule    ``schedule.build_schedule_context``         ``schedule.render_schedule_xlsx`` (xlsx)
=================  ==========================================  ==========================

``api.export_document(session, kind, ref, fmt, lang, target)`` and ``api.export_schedule`` are the
one call a GUI job or the CLI needs.

Contexts are frozen dataclasses of plain values and codes. The Word/PDF documents go through a
small block model (``blocks``): ``*_document(ctx)`` lays out the content once, ``pdf_render`` and
``docx_render`` draw any block list, so the Word and PDF versions say the same thing. Fixed texts
come from ``labels`` (zh, en, bilingual). Word templates: ``resources/templates`` (a CB's own
override them, see the README there).
"""
