"""The worked cases of tests/rules/worked_cases.py, one test each (issue 10 "Proof")."""
from datetime import time, timedelta

import pytest

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.legal_status import Exemption, school_year_of
from coordination.rules.signals import Absence, DueReport, duo_16h_reports, signals_on
from tests.rules.worked_cases import CASES

CALENDARS = {"midden": SchoolCalendar(REGION_HOLIDAYS["midden"]), "none": SchoolCalendar()}


def _absences(spec, calendar=CALENDARS["midden"]):
    """Absences on the real school days (region midden), whatever the school has entered."""
    rows = []
    for first, last, hours, kind in spec:
        minutes = 8 * 60 + int(hours * 60)
        for day in calendar.school_days(first, last):
            rows.append(Absence(day, time(8, 0), time(minutes // 60, minutes % 60), kind))
    return rows


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_worked_case(case):
    assert case["reason"]
    calendar = CALENDARS[case.get("calendar", "midden")]
    on, born, diploma = case["on"], case["born"], case.get("diploma", False)
    absences = _absences(case.get("absences", []))
    exemptions = [Exemption(first, last) for first, last in case.get("exemptions", [])]
    after = case.get("after")
    found = {s.code: s for s in signals_on(
        on, absences, calendar, born, diploma, vso_profile=case.get("vso_profile"),
        exemptions=exemptions, counted_from=after + timedelta(days=1) if after else None,
        left_on=case.get("left_on"))}
    for code in case.get("present", []):
        assert code in found, f"{code} expected: {case['reason']}"
    for code in case.get("absent", []):
        assert code not in found, f"{code} not expected: {case['reason']}"
    for code, fields in case.get("details", {}).items():
        assert {k: found[code].details[k] for k in fields} == fields
    if "reports" in case:
        due = duo_16h_reports(absences, calendar, born, diploma, on, after=after,
                              vso_profile=case.get("vso_profile"), exemptions=exemptions)
        assert due == [DueReport(*r) for r in case["reports"]], case["reason"]
    if "calendar_missing" in case:
        missing = not calendar.has_closures_between(*school_year_of(on))
        assert missing is case["calendar_missing"]


def test_there_are_at_least_30_worked_cases_each_with_a_reason():
    assert len(CASES) >= 30 and all(c["reason"] for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)
