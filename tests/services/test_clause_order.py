"""Clause numbers sort as the standard prints them, numbers and Annex letters mixed
(ISO/IEC 27001:2022 clauses 4–10, then Annex A.5–A.8)."""

from auditdesk.services.coverage import _sort_key


def test_numbered_before_annex_and_numeric_within_parts():
    numbers = ["A.5.1", "10.1", "4.1", "A.8.10", "4.10", "4.2", "A.8.2", "A"]
    assert sorted(numbers, key=_sort_key) == [
        "4.1",
        "4.2",
        "4.10",
        "10.1",
        "A",
        "A.5.1",
        "A.8.2",
        "A.8.10",
    ]
