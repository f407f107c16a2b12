"""The worked cases of tests/rules/worked_cases.py, one test each (issue 10 "Proof")."""
from datetime import time, timedelta

import pytest

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.legal_status import Exemption, school_year_of
from coordination.rules.signals import Absence, DueReport, duo_16h_reports, signals_on
from coordination.rules.timetable import Timetable
from tests.rules.worked_cases import CASES

CALENDARS = {"midden": SchoolCalendar(REGION_HOLIDAYS["midden"]), "none": SchoolCalendar()}


def _absences(spec, timetable, calendar=CALENDARS["midden"]):
    """Absences on the student's real school days (region midden), whatever the school has
    entered; each day's hours split into `lessons` rows one after the other."""
    rows = []
    for first, last, hours, kind, *lessons in spec:
        count = lessons[0] if lessons else 1
        length = int(hours * 60) // count
        for day in timetable.calendar(calendar).school_days(first, last):
            for n in range(count):
                start = 8 * 60 + n * length
                rows.append(Absence(day, time(start // 60, start % 60),
                                    time((start + length) // 60, (start + length) % 60), kind))
    return rows


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_worked_case(case):
    assert case["reason"]
    calendar = CALENDARS[case.get("calendar", "midden")]
    on, born, diploma = case["on"], case["born"], case.get("diploma", False)
    hours, weekdays, lesson_hours = case.get("timetable", (6, {1, 2, 3, 4, 5}, False))
    timetable = Timetable(float(hours), frozenset(weekdays), lesson_hours)
    absences = _absences(case.get("absences", []), timetable)
    exemptions = [Exemption(first, last) for first, last in case.get("exemptions", [])]
    after = case.get("after")
    found = {s.code: s for s in signals_on(
        on, absences, calendar, born, diploma, vso_profile=case.get("vso_profile"),
        exemptions=exemptions, counted_from=after + timedelta(days=1) if after else None,
        left_on=case.get("left_on"), timetable=timetable)}
    for code in case.get("present", []):
        assert code in found, f"{code} expected: {case['reason']}"
    for code in case.get("absent", []):
        assert code not in found, f"{code} not expected: {case['reason']}"
    for code, fields in case.get("details", {}).items():
        assert {k: found[code].details[k] for k in fields} == fields
    if "reports" in case:
        due = duo_16h_reports(absences, calendar, born, diploma, on, after=after,
                              vso_profile=case.get("vso_profile"), exemptions=exemptions,
                              timetable=timetable)
        assert due == [DueReport(*r) for r in case["reports"]], case["reason"]
    if "calendar_missing" in case:
        missing = not calendar.has_closures_between(*school_year_of(on))
        assert missing is case["calendar_missing"]


def test_there_are_at_least_30_worked_cases_each_with_a_reason():
    assert len(CASES) >= 30 and all(c["reason"] for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)
