"""DUO reports due: who needs which report since when; recording one clears it."""
import io
from datetime import date

import pytest

from coordination.attendance import importer, services
from coordination.errors import Forbidden, ValidationError

ON = date(2026, 11, 6)


@pytest.fixture
def truant(make):
    officer = make.user("attendance_officer")
    school = make.school(region="midden")
    officer.schools = [school]
    student = make.student(school, student_number="5", dob=date(2012, 1, 1))
    text = "student_number,date,start,end,kind\n" + "".join(
        f"5,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    assert importer.import_csv(officer, io.StringIO(text)).imported == 5
    return officer, student


def test_a_student_over_16_hours_is_on_the_list_until_the_report_is_recorded(app, truant, make):
    officer, student = truant
    [(who, signal, case_id)] = services.reports_due(officer, ON)
    assert (who.id, signal.code, signal.since, case_id) == (student.id, "duo_16h_4w", ON, None)
    case = make.case(make.user("coordinator"), student)
    assert services.reports_due(officer, ON)[0][2] == case.id
    report = services.record_report(officer, student.id, "duo_16h_4w", ON, ON, "VZL-2026-001")
    assert report.case_id == case.id
    assert services.reports_due(officer, ON) == []
    assert [r.reference for r in services.reports_of(student.id)] == ["VZL-2026-001"]


def test_reports_are_validated_and_only_for_coordinators_and_officers(app, truant, make):
    officer, student = truant
    with pytest.raises(ValidationError) as caught:
        services.record_report(officer, student.id, "problematic_25pct_2w", ON, None, "")
    assert set(caught.value.fields) == {"code", "reported_on", "reference"}
    with pytest.raises(Forbidden):
        services.reports_due(make.user("professional"), ON)
