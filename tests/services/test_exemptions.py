"""Exemptions (vrijstellingen) on the student switch the DUO and thuiszitter signals off
while they hold (API.md "Signal codes")."""
import io
from datetime import date

import pytest

from coordination.attendance import importer
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.signals import services as signals
from coordination.students import services


@pytest.fixture
def officer_and_truant(make):
    school = make.school(region="midden")
    officer = make.user("attendance_officer", schools=[school])
    student = make.student(school, student_number="5", dob=date(2012, 1, 1))
    text = "student_number,date,start,end,kind\n" + "".join(
        f"5,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    assert importer.import_csv(officer, io.StringIO(text)).imported == 5
    return officer, student


def codes(officer, student, on):
    return {s.code for s in signals.student_signals(officer, student.id, on)[0]}


def test_an_exemption_switches_duo_off_between_its_dates(app, officer_and_truant):
    officer, student = officer_and_truant
    assert "duo_16h_4w" in codes(officer, student, date(2026, 11, 6))
    exemption = services.add_exemption(officer, student.id, date(2026, 11, 1),
                                       date(2026, 11, 30), "  art. 5 sub a  ")
    assert exemption.reason == "art. 5 sub a"
    assert "duo_16h_4w" not in codes(officer, student, date(2026, 11, 6))
    assert signals.reports_due(officer, date(2026, 11, 6)) == []
    assert [e.id for e in services.exemptions_of(student.id)] == [exemption.id]


def test_exemptions_are_validated_and_only_for_coordinators_and_officers(app, make,
                                                                        officer_and_truant):
    officer, student = officer_and_truant
    with pytest.raises(ValidationError) as caught:
        services.add_exemption(officer, student.id, None, None, "")
    assert set(caught.value.fields) == {"first", "reason"}
    with pytest.raises(ValidationError) as caught:
        services.add_exemption(officer, student.id, date(2026, 11, 2), date(2026, 11, 1), "x")
    assert set(caught.value.fields) == {"last"}
    with pytest.raises(ValidationError) as caught:
        services.add_exemption(officer, student.id, date(2026, 11, 2), None, "x",
                               last_malformed=True)
    assert set(caught.value.fields) == {"last"}
    mentor = make.user("professional", schools=[student.school])
    with pytest.raises(Forbidden):
        services.add_exemption(mentor, student.id, date(2026, 11, 1), None, "x")
    with pytest.raises(NotFound):
        services.add_exemption(make.user("attendance_officer"), student.id,
                               date(2026, 11, 1), None, "x")
