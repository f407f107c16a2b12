"""Attendance pages: upload, DUO reports due, the student's attendance picture with manual
entries and corrections, the case summary, and the admin's school calendar."""
import io
from datetime import date, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import render_template

from coordination.attendance import picture, services
from coordination.attendance.models import Absence, CalendarClosure, DuoReport
from coordination.extensions import db
from coordination.rules.calendar import SchoolCalendar
from coordination.signals import store as signal_store
from coordination.timeutil import today_local

HEADER = "student_number,date,start,end,kind\n"


def upload(client, text, **data):
    return client.post("/attendance/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(text if isinstance(text, bytes) else text.encode()), "export.csv"),
        **data})


def absences(student, days, start=time(8, 30), end=time(12, 30), kind="unauthorised"):
    for day in days:
        db.session.add(Absence(student_id=student.id, day=day, start=start, end=end, kind=kind,
                               source="import"))
    db.session.commit()


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def officer_and_student(make):
    officer = make.user("attendance_officer")
    school = make.school(region="midden")
    officer.schools = [school]
    student = make.student(school, student_number="77", given_name="Noor",
                           family_name="Visser", dob=date(2012, 1, 1))
    return officer, student


# --- upload -------------------------------------------------------------------------------

def test_uploading_a_good_file_imports_it_and_counts_duplicates(app, client, make,
                                                                  officer_and_student):
    officer, student = officer_and_student
    make.login(client, officer)
    form = client.get("/attendance/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    text = HEADER + "77,2026-11-02,08:30,12:30,unauthorised\n77,2026-11-03,08:30,10:30,sick\n"
    page = upload(client, text, school_id=str(student.school_id))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="import-result"' in html and "alert--success" in html
    assert "<dd>2</dd>" in html and "<dd>0</dd>" in html
    assert count(Absence) == 2
    again = upload(client, "\ufeff" + text).get_data(as_text=True)  # with a byte order mark
    assert "<dd>0</dd>" in again and "<dd>2</dd>" in again
    assert count(Absence) == 2


def test_a_bad_file_shows_the_row_errors_and_stores_nothing(app, client, make,
                                                            officer_and_student):
    officer, student = officer_and_student
    make.login(client, officer)
    text = HEADER + ("77,2026-11-02,08:30,12:30,unauthorised\n"
                     "78,2026-11-02,08:30,12:30,unauthorised\n"
                     "77,2026-11-07,08:30,12:30,unauthorised\n"
                     "77,2026-11-04,12:30,08:30,sickish\n")
    page = upload(client, text)
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert "Er is niets opgeslagen" in html
    rows = [cell.split("</td>")[0] for cell in html.split('<tr><td>')[1:]]
    assert rows == ["3", "4", "5"]
    assert "78" in html and "2026-11-07" in html
    assert count(Absence) == 0

    not_text = upload(client, b"\xff\xfe\x00s\x00t\x00u\x00d\x00e\x00n\x00t" * 3)
    assert not_text.status_code == 422 and "Er is niets opgeslagen" in not_text.get_data(as_text=True)
    missing = upload(client, "student_number,date,start,end\n")
    assert missing.status_code == 422 and "<tr><td>1</td>" in missing.get_data(as_text=True)
    no_file = client.post("/attendance/import", data={})
    assert no_file.status_code == 422 and 'id="file-error"' in no_file.get_data(as_text=True)
    assert count(Absence) == 0


# --- reports due --------------------------------------------------------------------------

def test_a_student_over_16_hours_is_due_until_the_report_is_recorded(app, client, make):
    officer = make.user("attendance_officer")
    school = make.school(region="noord")  # no holidays shipped: weekdays are school days
    officer.schools = [school]
    student = make.student(school, given_name="Daan", family_name="Smit")
    today = today_local()
    absences(student, SchoolCalendar().school_days_back(today, 5))  # 5 × 4 h = 20 h
    make.login(client, officer)
    html = client.get("/attendance/reports").get_data(as_text=True)
    assert "Daan Smit" in html
    assert "16 uur of meer ongeoorloofd in 4 schoolweken (melden bij DUO)" in html
    assert f'href="/students/{student.id}#cases-title"' in html  # no case yet: open one
    # Region noord ships no holidays: the page says the calendar is missing.
    assert "De vakanties van de school voor dit schooljaar ontbreken." in html
    start = html.split('name="start" value="')[1].split('"')[0]
    end = html.split('name="end" value="')[1].split('"')[0]
    period = {"student_id": student.id, "code": "duo_16h_4w", "start": start, "end": end,
              "reported_on": today.isoformat()}
    empty = client.post("/attendance/reports", data={**period, "reference": ""})
    assert empty.status_code == 302 and count(DuoReport) == 0
    done = client.post("/attendance/reports", data={**period, "reference": "VZL-2026-0042"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/attendance/reports")
    assert "Daan Smit" not in client.get("/attendance/reports").get_data(as_text=True)
    page = client.get(f"/students/{student.id}").get_data(as_text=True)
    assert "VZL-2026-0042" in page


def test_the_report_list_links_the_open_case(app, client, make):
    officer = make.user("attendance_officer")
    school = make.school(region="noord")
    officer.schools = [school]
    student = make.student(school)
    case = make.case(make.user("coordinator"), student, members=[(officer, "attendance_officer")])
    absences(student, SchoolCalendar().school_days_back(today_local(), 5))
    make.login(client, officer)
    assert f'href="/cases/{case.id}"' in client.get("/attendance/reports").get_data(as_text=True)


def test_the_report_list_is_paged_by_50_and_filtered(app, client, make):
    officer = make.user("attendance_officer")
    north, south = make.school(region="noord"), make.school(region="noord")
    officer.schools = [north, south]
    days = SchoolCalendar().school_days_back(today_local(), 5)
    for n in range(53):
        absences(make.student(north if n < 51 else south, student_number=f"s{n}"), days)
    signal_store.refresh_stale(today_local())  # the scheduler's tick: the list reads stored rows
    make.login(client, officer)
    first = client.get("/attendance/reports").get_data(as_text=True)
    assert first.count('name="reference"') == 50 and "Pagina 1 van 2" in first
    assert "1-50 van 53" in first and 'rel="next"' in first
    second = client.get("/attendance/reports?page=2").get_data(as_text=True)
    assert second.count('name="reference"') == 3 and 'rel="prev"' in second
    only_south = client.get(f"/attendance/reports?school={south.id}&code=duo_16h_4w")
    assert only_south.get_data(as_text=True).count('name="reference"') == 2
    assert client.get("/attendance/reports?code=nothing").status_code == 400
    assert client.get("/attendance/reports?page=x").status_code == 400
    overdue = client.get("/attendance/reports?deadline=overdue").get_data(as_text=True)
    assert "Geen melding past bij deze filters (in totaal 53 te melden)." in overdue


# --- manual entries and corrections -------------------------------------------------------

ON = date(2026, 11, 6)
WEEK = [date(2026, 11, d) for d in range(2, 6)]  # Mon-Thu, school days in region midden


def codes(student, on=ON):
    db.session.expire_all()
    return {s.code for s in services.signals_for_student(student, on)}


def test_a_manual_absence_and_its_correction_keep_the_history(app, client, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    student = make.student(make.school(region="midden"), dob=date(2012, 1, 1))
    make.case(coordinator, student, members=[(mentor, "mentor")])
    absences(student, WEEK, end=time(12, 15))  # 15 h: under 16
    assert "duo_16h_4w" not in codes(student)
    make.login(client, mentor)
    entry = {"day": "2026-11-06", "start": "08:30", "end": "10:00", "kind": "unauthorised",
             "reason": "Niet in de registratie, wel gezien door de mentor"}
    response = client.post(f"/students/{student.id}/absences", data=entry)
    assert response.status_code == 302
    manual = db.session.scalar(sa.select(Absence).where(Absence.source == "manual"))
    assert manual.author_id == mentor.id and manual.reason.startswith("Niet in")
    assert "duo_16h_4w" in codes(student)
    assert client.post(f"/students/{student.id}/absences", data=entry).status_code == 302
    assert count(Absence) == 5  # the same again is refused

    # Correct: the kind was wrong. A new row points at the old one, which stays.
    url = f"/students/{student.id}/absences/{manual.id}/correct"
    without_reason = client.post(url, data={**entry, "kind": "sick", "reason": ""})
    assert without_reason.status_code == 302 and count(Absence) == 5
    client.post(url, data={**entry, "kind": "sick", "reason": "Was ziek gemeld"})
    assert count(Absence) == 6
    correction = db.session.scalar(sa.select(Absence).where(Absence.corrects_id == manual.id))
    assert (correction.kind, correction.withdrawn, correction.reason) == ("sick", False,
                                                                         "Was ziek gemeld")
    assert db.session.get(Absence, manual.id).kind == "unauthorised"
    assert "duo_16h_4w" not in codes(student)
    client.post(url, data={**entry, "reason": "Nog een keer"})  # corrected already: refused
    assert count(Absence) == 6

    # Withdraw an imported one: it stops counting, the row stays.
    first = db.session.scalar(sa.select(Absence).where(Absence.day == WEEK[0]))
    client.post(f"/students/{student.id}/absences/{first.id}/correct",
                data={"withdrawn": "y", "reason": "Was op excursie met school"})
    assert count(Absence) == 7 and db.session.get(Absence, first.id) is not None
    effective = db.session.scalars(services.effective_absences()).all()
    assert first.id not in {a.id for a in effective} and len(effective) == 4
    page = client.get(f"/students/{student.id}?on=2026-11-06").get_data(as_text=True)
    assert "Was ziek gemeld" in page and f'/absences/{correction.id}/correct"' in page
    assert f'/absences/{first.id}/correct"' not in page  # withdrawn: no longer listed

    from coordination.audit.models import AuditEvent
    actions = db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.student_id == student.id)).all()
    assert actions.count("attendance.correct") == 2 and "attendance.add" in actions


def test_manual_entries_are_validated(app, client, make):
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"))
    make.case(coordinator, student)
    make.login(client, coordinator)
    url = f"/students/{student.id}/absences"
    good = {"day": "2026-11-06", "start": "08:30", "end": "10:00", "kind": "sick",
            "reason": "Gebeld door moeder"}
    for bad in ({"day": "2026-11-07"},            # a Saturday
                {"day": "2026-10-20"},            # autumn holiday, region midden
                {"end": "08:00"}, {"start": ""}, {"kind": "holiday"}, {"reason": " "}):
        response = client.post(url, data={**good, **bad})
        assert response.status_code == 302
        with client.session_transaction() as session:
            assert session["_flashes"][0][0] == "error", bad
            session.pop("_flashes")
    assert count(Absence) == 0


def test_an_absence_of_another_student_cannot_be_corrected(app, client, make):
    coordinator = make.user("coordinator")
    mine, other = make.student(), make.student()
    make.case(coordinator, mine)
    absences(other, [WEEK[0]])
    theirs = db.session.scalar(sa.select(Absence.id))
    make.login(client, coordinator)
    assert client.post(f"/students/{mine.id}/absences/{theirs}/correct",
                       data={"withdrawn": "y", "reason": "x"}).status_code == 404
    assert client.post(f"/students/{other.id}/absences/{theirs}/correct",
                       data={"withdrawn": "y", "reason": "x"}).status_code == 404
    assert count(Absence) == 1


# --- the student page ---------------------------------------------------------------------

def test_the_student_page_shows_the_heat_map_with_its_text_alternative(app, client, make):
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"), dob=date(2012, 1, 1))
    make.case(coordinator, student)
    absences(student, WEEK[:3])                                      # 12 h
    absences(student, [WEEK[3]], end=time(9, 0))                     # 0.5 h
    absences(student, [date(2026, 9, 14)], kind="sick", end=time(14, 30))
    absences(student, [date(2026, 10, 26), date(2026, 10, 27)], kind="suspended")
    make.login(client, coordinator)
    html = client.get(f"/students/{student.id}?on=2026-11-06").get_data(as_text=True)
    assert 'class="heatmap" role="img" aria-label="' in html
    assert html.count('class="heatmap__row"') == 12
    assert html.count('class="hm hm--unauthorised"') == 4 and 'class="hm hm--sick"' in html
    assert 'class="legend"' in html and "ongeoorloofd" in html and "ziek" in html
    assert "Verzuim in schooljaar 2026-2027 per soort" in html  # the table of counts
    assert "12,5 van 16 uur" in html and 'class="hours__bar"' in html
    assert "Langer dan 1 dag geschorst (inspectie informeren)" in html  # signals with since
    assert "Een kwart of meer van de schooltijd gemist in 2 schoolweken" in html
    assert "sinds 27 okt 2026" in html
    # Heat map cells outnumber the text: the counts table has each kind with days and hours.
    counts = html.split('id="counts-caption"')[1].split("</table>")[0]
    assert "<td>4</td><td>12,5</td>" in counts and "<td>1</td><td>6</td>" in counts


def test_the_student_page_runs_a_fixed_number_of_queries(app, client, make):
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"))
    make.case(coordinator, student)
    make.login(client, coordinator)
    days = SchoolCalendar().school_days(date(2026, 9, 1), date(2026, 10, 16))[:25]
    absences(student, days[:5])

    def queries():
        with make.statements() as statements:
            assert client.get(f"/students/{student.id}?on=2026-10-16").status_code == 200
        return len(statements)

    few = queries()
    absences(student, days[5:])
    absences(student, days, start=time(13, 0), end=time(14, 0), kind="late")
    assert count(Absence) == 50
    assert queries() == few


def test_the_case_summary_template(app, make):
    student = make.student(make.school(region="midden"), dob=date(2012, 1, 1))
    absences(student, WEEK + [date(2026, 11, 6)])
    summary = picture.attendance_summary(student, ON)
    assert summary.unauthorised_hours == 20 and summary.over
    with app.test_request_context():
        html = render_template("attendance/_summary.html", student=student, attendance=summary)
    assert "16 uur of meer ongeoorloofd in 4 schoolweken (melden bij DUO)" in html
    assert "20 van 16 uur" in html and f"/students/{student.id}#attendance-title" in html


# --- access -------------------------------------------------------------------------------

def test_who_may_use_the_attendance_pages(app, make):
    coordinator, mentor, parent = (make.user("coordinator"), make.user("professional"),
                                   make.user("parent"))
    case = make.case(coordinator, members=[(mentor, "mentor"), (parent, "parent")])
    absences(case.student, [WEEK[0]])
    absence_id = db.session.scalar(sa.select(Absence.id))

    def client_of(user):
        return make.login(app.test_client(), user)

    family = client_of(parent)
    assert family.get("/attendance/import").status_code == 403
    assert family.get("/attendance/reports").status_code == 403
    assert family.post(f"/students/{case.student_id}/absences", data={}).status_code == 403
    assert family.post(f"/students/{case.student_id}/absences/{absence_id}/correct",
                       data={"withdrawn": "y", "reason": "x"}).status_code == 403
    professional = client_of(mentor)
    assert professional.get("/attendance/import").status_code == 403
    assert professional.get("/attendance/reports").status_code == 403
    assert upload(professional, HEADER).status_code == 403
    assert professional.post("/attendance/reports", data={}).status_code == 403
    nav = professional.get(f"/students/{case.student_id}").get_data(as_text=True)
    assert "/attendance/import" not in nav and "/attendance/reports" not in nav
    admin = client_of(make.user("admin"))
    assert admin.get("/attendance/import").status_code == 200
    assert admin.get("/attendance/reports").status_code == 403
    nav = client_of(coordinator).get("/cases/").get_data(as_text=True)
    assert 'href="/attendance/import"' in nav and 'href="/attendance/reports"' in nav


# --- the school calendar (admin) ----------------------------------------------------------

def test_an_admin_adds_region_holidays_and_school_closures(app, client, make):
    admin = make.user("admin")
    school = make.school(name="Het Baken", region="midden")
    make.login(client, admin)
    html = client.get("/admin/calendar").get_data(as_text=True)
    assert "Herfstvakantie" in html and "Kerstvakantie" in html  # shipped, read-only

    holiday = {"region": "noord", "school_id": "", "first": "2027-02-13", "last": "2027-02-21",
               "name": "Voorjaarsvakantie"}
    assert client.post("/admin/calendar", data=holiday).status_code == 302
    study_day = {"region": "", "school_id": str(school.id), "first": "2026-11-11",
                 "last": "2026-11-11", "name": "Studiedag"}
    assert client.post("/admin/calendar", data=study_day).status_code == 302
    rows = db.session.scalars(sa.select(CalendarClosure).order_by(CalendarClosure.first)).all()
    assert [(r.region, r.school_id, r.name) for r in rows] == [
        (None, school.id, "Studiedag"), ("noord", None, "Voorjaarsvakantie")]
    html = client.get("/admin/calendar").get_data(as_text=True)
    assert "Studiedag" in html and "Het Baken" in html and "Voorjaarsvakantie" in html

    from coordination.attendance.calendars import calendar_for
    assert not calendar_for(school).is_school_day(date(2026, 11, 11))
    assert calendar_for(school).is_school_day(date(2026, 11, 12))

    for bad, field in (({"last": "2027-02-12"}, "last"),                  # before the first
                       ({"name": ""}, "name"),
                       ({"school_id": str(school.id)}, "region"),         # both
                       ({"region": ""}, "region"),                        # neither
                       ({"last": "2027-08-01"}, "last")):                 # far too long
        response = client.post("/admin/calendar", data={**holiday, **bad})
        assert response.status_code == 422, bad
        assert f'id="{field}-error"' in response.get_data(as_text=True), bad
    assert count(CalendarClosure) == 2


def test_only_admins_keep_the_calendar(app, make):
    for role in ("coordinator", "attendance_officer", "parent"):
        client = make.login(app.test_client(), make.user(role))
        assert client.get("/admin/calendar").status_code == 403
        assert client.post("/admin/calendar", data={}).status_code == 403
    assert count(CalendarClosure) == 0


ICS = (Path(__file__).parent.parent / "data" / "het-baken-2026-2027.ics").read_bytes()


def upload_ics(client, school_id, body):
    return client.post("/admin/calendar/import", content_type="multipart/form-data", data={
        "ics-school_id": str(school_id), "ics-file": (io.BytesIO(body), "vrije-dagen.ics")})


def test_an_admin_imports_a_schools_days_off_and_deletes_one(app, client, make):
    school = make.school(name="Het Baken", region="noord")
    make.login(client, make.user("admin"))
    assert 'name="ics-file"' in client.get("/admin/calendar").get_data(as_text=True)
    response = upload_ics(client, school.id, ICS)
    assert response.status_code == 302
    html = client.get("/admin/calendar").get_data(as_text=True)
    assert "3 vrije dagen ingelezen; 0 stonden al in de kalender." in html
    rows = db.session.scalars(sa.select(CalendarClosure).order_by(CalendarClosure.first)).all()
    assert [(r.school_id, r.name, r.first, r.last) for r in rows] == [
        (school.id, "Studiedag", date(2026, 11, 11), date(2026, 11, 11)),
        (school.id, "Kerstvakantie", date(2026, 12, 19), date(2027, 1, 3)),
        (school.id, "Studiedag, lessen vervallen", date(2027, 2, 12), date(2027, 2, 12))]
    upload_ics(client, school.id, ICS)
    assert count(CalendarClosure) == 3
    assert "0 vrije dagen ingelezen; 3 stonden al" in client.get(
        "/admin/calendar").get_data(as_text=True)

    assert f"/admin/calendar/closures/{rows[0].id}/delete" in html
    assert client.post(f"/admin/calendar/closures/{rows[0].id}/delete").status_code == 302
    assert count(CalendarClosure) == 2
    assert client.post(f"/admin/calendar/closures/{rows[0].id}/delete").status_code == 404


def test_a_bad_calendar_file_shows_its_errors_on_the_form(app, client, make):
    school = make.school(region="noord")
    make.login(client, make.user("admin"))
    response = upload_ics(client, school.id, b"student_number,date\n1,2026-11-02\n")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="ics-file-error"' in html and "Dit is geen iCalendar-bestand" in html
    response = upload_ics(client, "", ICS)
    assert response.status_code == 422 and 'id="ics-school_id-error"' in response.get_data(
        as_text=True)
    response = client.post("/admin/calendar/import", data={"ics-school_id": str(school.id)})
    assert response.status_code == 422 and 'id="ics-file-error"' in response.get_data(
        as_text=True)
    assert upload_ics(client, school.id + 1000, ICS).status_code == 404
    assert count(CalendarClosure) == 0


def test_only_admins_import_calendars_and_delete_closures(app, make):
    school = make.school(region="noord")
    admin = make.user("admin")
    from coordination.attendance import closures
    closure = closures.add_closure(admin, None, school.id, date(2026, 11, 11),
                                   date(2026, 11, 11), "Studiedag")
    for role in ("coordinator", "attendance_officer", "parent"):
        client = make.login(app.test_client(), make.user(role, schools=[school]))
        assert upload_ics(client, school.id, ICS).status_code == 403
        assert client.post(f"/admin/calendar/closures/{closure.id}/delete").status_code == 403
    assert count(CalendarClosure) == 1


def test_an_exemption_is_recorded_on_the_student_page(app, client, make, officer_and_student):
    officer, student = officer_and_student
    make.login(client, officer)
    page = client.get(f"/students/{student.id}").get_data(as_text=True)
    assert "Vrijstellingen" in page and 'name="reason"' in page
    response = client.post(f"/students/{student.id}/exemptions", data={
        "first": "2026-11-01", "last": "", "reason": "Vrijstelling art. 5 sub a"})
    assert response.status_code == 302
    page = client.get(f"/students/{student.id}").get_data(as_text=True)
    assert "tot nader order: Vrijstelling art. 5 sub a" in page


def test_an_overdue_report_is_marked(app, client, make):
    officer = make.user("attendance_officer")
    school = make.school(region="noord")
    officer.schools = [school]
    student = make.student(school, given_name="Sem", family_name="Bakker")
    absences(student, SchoolCalendar().school_days_back(today_local(), 14)[:5])  # 20 h
    make.login(client, officer)
    html = client.get("/attendance/reports").get_data(as_text=True)
    assert "Sem Bakker" in html and "Te laat: de uiterste datum was" in html


def test_the_student_page_shows_a_thuiszitter_with_its_band(app, client, make):
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"), dob=date(2012, 1, 1))
    make.case(coordinator, student)
    days = SchoolCalendar().school_days(date(2026, 11, 2), date(2026, 12, 4))
    absences(student, days, start=time(8, 0), end=time(14, 0), kind="sick")
    make.login(client, coordinator)
    html = client.get(f"/students/{student.id}?on=2026-12-04").get_data(as_text=True)
    assert "Thuiszitter: langer dan 4 schoolweken elke schooldag afwezig" in html
    assert "4 weken tot 3 maanden" in html


def test_an_absence_in_the_future_is_refused_but_leave_ahead_is_fine(app, client, make,
                                                                     officer_and_student):
    """Issue 11 finding 9: a missed lesson cannot be registered before the day has come."""
    officer, student = officer_and_student
    make.login(client, officer)
    ahead = SchoolCalendar().school_days(today_local() + timedelta(days=1),
                                         today_local() + timedelta(days=14))[0]
    row = f"77,{ahead.isoformat()},08:30,10:30"
    bad = upload(client, f"student_number,date,start,end,kind\n{row},unauthorised\n")
    assert bad.status_code == 422 and count(Absence) == 0
    assert "in de toekomst" in bad.get_data(as_text=True)
    good = upload(client, f"student_number,date,start,end,kind\n{row},leave\n")
    assert good.status_code == 200 and count(Absence) == 1


def test_the_student_page_reads_the_professionals_only_for_the_form_to_open_a_case(
        app, client, make):
    """Issue 12 (bench/RESULTS.md §9b): the select of professionals (who work where the
    child is) is read only when the page shows the form to open a case (no open case
    yet)."""
    coordinator = make.user("coordinator", name="Coby Coordinator")
    school = make.school(region="midden")
    with_case, without = make.student(school), make.student(school)
    make.case(coordinator, with_case)
    make.link(coordinator, school)
    make.login(client, coordinator)

    def page(student):
        with make.statements() as statements:
            html = client.get(f"/students/{student.id}").get_data(as_text=True)
        return html, [s for s in statements if "FROM users WHERE" in " ".join(s.split())
                      and "users.role IN" in s]

    html, read = page(with_case)
    assert "Zaak openen" not in html and read == []
    html, read = page(without)
    assert "Zaak openen" in html and len(read) == 1
    assert "Coby Coordinator</option>" in html
