"""The worklist page: the start page of every professional (issue 11)."""
from datetime import timedelta

from babel.dates import format_date

from coordination.timeutil import today_local


def test_professionals_start_on_their_worklist_grouped_by_when(client, make):
    coordinator = make.user("coordinator")
    today = today_local()
    late = make.case(coordinator, next_review_on=today - timedelta(days=3))
    soon = make.case(coordinator, next_review_on=today + timedelta(days=2))
    make.login(client, coordinator)
    assert client.get("/").headers["Location"] == "/worklist"
    page = client.get("/worklist", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Te laat" in page and "Deze week" in page
    assert page.index(f'href="/cases/{late.id}"') < page.index(f'href="/cases/{soon.id}"')
    assert f"Evaluatie te laat: {late.student.full_name}" in page


def test_families_keep_their_case_as_start_page_and_get_no_worklist(client, make):
    parent = make.user("parent")
    make.case(make.user("coordinator"), members=[(parent, "parent")])
    make.login(client, parent)
    assert client.get("/").headers["Location"] != "/worklist"
    assert client.get("/worklist").status_code == 403


def test_an_empty_worklist_says_so(client, make):
    make.login(client, make.user("attendance_officer"))
    page = client.get("/worklist").get_data(as_text=True)
    assert "Deze week is er niets te doen." in page


# DUO reports due: inline up to a handful, past that one line per school (issue 12) --------

def _truants(make, school, count, days):
    from tests.web.test_attendance_pages import absences

    students = [make.student(school) for _ in range(count)]
    for student in students:
        absences(student, days)  # 5 × 4 h: one 16-hour report each
    return students


def _officer_with_reports(make, north_count, south_count):
    """An attendance officer of two schools with a report due for `north_count` students
    at the one and `south_count` at the other; at north two of them overdue and one of
    them changed after the scheduler's tick (computed by the reader, not stored)."""
    from coordination.rules.calendar import SchoolCalendar
    from coordination.signals import store as signal_store

    # Region noord ships no holidays: every weekday is a school day.
    north, south = make.school("Noorderlicht", region="noord"), make.school("Zuiderzon",
                                                                             region="noord")
    officer = make.user("attendance_officer", schools=[north, south])
    today = today_local()
    recent = SchoolCalendar().school_days_back(today, 5)
    early = SchoolCalendar().school_days_back(today - timedelta(days=28), 5)
    students = _truants(make, north, 2, early) + _truants(make, north, north_count - 3, recent)
    students += _truants(make, south, south_count, recent)
    signal_store.refresh_stale(today)  # the scheduler's tick: these are read from the store
    students += _truants(make, north, 1, recent)
    return officer, north, south, students


def test_more_than_ten_reports_due_are_one_line_per_school(client, make):
    from coordination.signals import services as signals

    officer, north, south, students = _officer_with_reports(make, 9, 3)
    today = today_local()
    whole = signals.reports_due(officer, today)
    assert len(whole) == 12
    earliest = min(row.deadline for row in whole if row.school_id == north.id)
    assert earliest < today  # the early ones are overdue
    make.login(client, officer)
    page = client.get("/worklist", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "12 dingen te doen" in page
    assert '<h2 id="worklist-reports">Meldingen bij DUO per school</h2>' in page
    assert "12 meldingen bij DUO moeten nog gedaan worden" in page
    for student in students:  # not one by one
        assert student.full_name not in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 2  # north first: its earliest deadline is the earliest
    assert f'<a href="/attendance/reports?school={north.id}">Noorderlicht</a>' in rows[0]
    assert [cell.split("</td>")[0] for cell in rows[0].split("<td>")[1:]] == [
        "9", '<strong class="overdue">2</strong>', format_date(earliest, locale="nl")]
    assert f'<a href="/attendance/reports?school={south.id}">Zuiderzon</a>' in rows[1]
    assert [cell.split("</td>")[0] for cell in rows[1].split("<td>")[1:]][:2] == ["3", "0"]
    # The link is the reports page of that school, paged as ever.
    north_page = client.get(f"/attendance/reports?school={north.id}").get_data(as_text=True)
    assert north_page.count('name="reference"') == 9
    # The API still lists every report as an item.
    items = client.get("/api/v1/worklist", headers=make.token(officer)).get_json()["items"]
    assert sorted(item["student_id"] for item in items if item["kind"] == "report_due") == \
        sorted(student.id for student in students)


def test_ten_reports_due_or_fewer_stay_one_by_one(client, make):
    officer, _north, _south, students = _officer_with_reports(make, 7, 3)
    make.login(client, officer)
    page = client.get("/worklist", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "10 dingen te doen" in page
    assert "Meldingen bij DUO per school" not in page and "/attendance/reports?" not in page
    for student in students:
        assert f"Melden bij DUO (duo_16h_4w): {student.full_name}" in page
        assert f'href="/students/{student.id}"' in page  # no case: the student's page
