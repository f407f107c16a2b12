"""Contract tests for the attendance import and the signals of API.md."""
from datetime import date


def csv_post(client, headers, text, **query):
    return client.post("/api/v1/attendance/import", headers={**headers, "Content-Type": "text/csv"},
                       data=text.encode(), query_string=query)


def test_import_then_signals(client, make):
    coordinator = make.user("coordinator")
    headers = make.token(coordinator)
    student = make.student(make.school(region="midden"), student_number="77",
                           dob=date(2012, 1, 1))
    make.link(coordinator, student.school)
    days = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"]
    text = "student_number,date,start,end,kind\n" + "".join(
        f"77,{d},08:30,12:30,unauthorised\n" for d in days)
    response = csv_post(client, headers, text)
    assert response.status_code == 200
    assert response.get_json() == {"imported": 5, "duplicates": 0, "corrected": 0, "errors": []}
    assert csv_post(client, headers, text).get_json()["duplicates"] == 5

    body = client.get(f"/api/v1/students/{student.id}/signals?on=2026-11-06", headers=headers).get_json()
    found = {item["code"]: item for item in body["items"]}
    # DOMAIN.md §3: "at least 16 hours"; 16 h were reached on 5 November.
    assert found["duo_16h_4w"]["since"] == "2026-11-05" and found["duo_16h_4w"]["details"]["hours"] == 20
    assert "problematic_25pct_2w" in found
    assert "calendar_missing" not in body  # region midden ships 2026-2027
    before = client.get(f"/api/v1/students/{student.id}/signals?on=2026-11-04", headers=headers)  # 12 h
    assert "duo_16h_4w" not in {i["code"] for i in before.get_json()["items"]}
    assert client.get(f"/api/v1/students/{student.id}/signals?on=06-11-2026",
                      headers=headers).status_code == 422


def test_a_bad_file_answers_422_with_row_errors_and_stores_nothing(client, make):
    school = make.school(region="midden")
    headers = make.token(make.user("coordinator", schools=[school]))
    make.student(school, student_number="77")
    response = csv_post(client, headers, "student_number,date,start,end,kind\n"
                                         "77,2026-11-02,08:30,12:30,unauthorised\n"
                                         "78,2026-11-02,08:30,12:30,unauthorised\n")
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"] == [{"row": 3, "message": body["errors"][0]["message"]}]
    assert body["imported"] == 0
    assert csv_post(client, headers, "student_number,date,start,end,kind\n"
                                     "77,2026-11-02,08:30,12:30,unauthorised\n").get_json()["imported"] == 1


def test_reports_due_with_their_period_and_recording_one(client, make):
    """API.md: reports-due lists {student_id, case_id, code, start, end, hours, deadline};
    a recorded report restarts the count the day after its end."""
    school = make.school(region="midden")
    officer = make.user("attendance_officer", schools=[school])
    headers = make.token(officer)
    student = make.student(school, student_number="77", dob=date(2012, 1, 1))
    text = "student_number,date,start,end,kind\n" + "".join(
        f"77,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    assert csv_post(client, headers, text).status_code == 200
    body = client.get("/api/v1/attendance/reports-due?on=2026-11-06", headers=headers).get_json()
    assert body == {"next": None, "items": [{
        "student_id": student.id, "case_id": None, "code": "duo_16h_4w", "start": "2026-11-02",
        "end": "2026-11-05", "hours": 16, "deadline": "2026-11-12"}]}
    report = {"student_id": student.id, "code": "duo_16h_4w", "start": "2026-11-02",
              "end": "2026-11-05", "reported_on": "2026-11-06", "reference": "VZL-1"}
    bad = client.post("/api/v1/attendance/reports", headers=headers,
                      json={**report, "end": "2026-11-01", "reference": ""})
    assert bad.status_code == 422
    assert set(bad.get_json()["error"]["fields"]) == {"end", "reference"}
    done = client.post("/api/v1/attendance/reports", headers=headers, json=report)
    assert done.status_code == 201
    assert done.get_json()["start"] == "2026-11-02" and done.get_json()["end"] == "2026-11-05"
    again = client.get("/api/v1/attendance/reports-due?on=2026-11-06", headers=headers)
    assert again.get_json()["items"] == []
    mentor = make.token(make.user("professional", schools=[school]))
    assert client.get("/api/v1/attendance/reports-due", headers=mentor).status_code == 403
    assert client.post("/api/v1/attendance/reports", headers=mentor,
                       json=report).status_code == 403
    outsider = make.token(make.user("attendance_officer"))
    assert client.post("/api/v1/attendance/reports", headers=outsider,
                       json=report).status_code == 404


def test_signals_say_when_the_calendar_is_missing(client, make):
    school = make.school(region="noord")  # nothing shipped for noord
    headers = make.token(make.user("coordinator", schools=[school]))
    student = make.student(school, dob=date(2012, 1, 1))
    body = client.get(f"/api/v1/students/{student.id}/signals?on=2026-11-06",
                      headers=headers).get_json()
    assert body["calendar_missing"] is True and body["items"] == []


def test_signals_of_a_student_one_may_not_see_are_404(client, make):
    student = make.student()
    assert client.get(f"/api/v1/students/{student.id}/signals",
                      headers=make.token(make.user("coordinator"))).status_code == 404


def test_the_cli_imports_the_same_way(app, runner, make, tmp_path):
    school = make.school(region="midden")
    coordinator = make.user("coordinator", email="regie@x.nl", schools=[school])
    make.student(school, student_number="77")
    path = tmp_path / "export.csv"
    path.write_text("student_number,date,start,end,kind\n77,2026-11-02,08:30,12:30,sick\n")
    result = runner.invoke(args=["attendance", "import", str(path), "--as", coordinator.email])
    assert result.exit_code == 0 and "ingelezen 1" in result.output
    path.write_text("student_number,date,start,end,kind\n77,2026-11-07,08:30,12:30,sick\n")
    result = runner.invoke(args=["attendance", "import", str(path), "--as", coordinator.email])
    assert result.exit_code != 0 and "rij 2" in result.output


def test_a_file_that_is_not_utf8_csv_is_a_422_not_a_crash(client, make):
    headers = make.token(make.user("coordinator"))
    response = client.post("/api/v1/attendance/import", data=b"\xff\xfe\x00bad",
                           headers={**headers, "Content-Type": "text/csv"})
    assert response.status_code == 422 and response.get_json()["errors"]


def test_a_large_file_is_queued_and_imported_by_the_scheduler(app, client, make):
    """API.md: above the synchronous limit the answer is 202 {id, status}; the scheduler
    runs it all or nothing; only the uploader sees its state."""
    from datetime import datetime, timezone

    from coordination import jobs

    app.config["ATTENDANCE_SYNC_MAX_BYTES"] = 100
    school = make.school(region="midden")
    uploader = make.user("coordinator", schools=[school])
    headers = make.token(uploader)
    make.student(school, student_number="77")
    text = "student_number,date,start,end,kind\n" + "".join(
        f"77,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    response = csv_post(client, headers, text)
    assert response.status_code == 202
    body = response.get_json()
    assert body == {"id": body["id"], "status": "queued"}
    url = f"/api/v1/attendance/imports/{body['id']}"
    assert client.get(url, headers=make.token(make.user("coordinator"))).status_code == 404
    jobs.tick(datetime(2026, 11, 9, 7, tzinfo=timezone.utc))
    state = client.get(url, headers=headers).get_json()
    assert state == {"id": body["id"], "status": "done", "imported": 5, "duplicates": 0,
                     "corrected": 0, "errors": []}

    failed = csv_post(client, headers, text.replace("77,", "78,"))
    jobs.tick(datetime(2026, 11, 9, 7, 1, tzinfo=timezone.utc))
    state = client.get(f"/api/v1/attendance/imports/{failed.get_json()['id']}",
                       headers=headers).get_json()
    assert state["status"] == "failed" and [e["row"] for e in state["errors"]] == [2, 3, 4, 5, 6]
    assert state["imported"] == 0


def test_a_file_above_the_upper_limit_is_refused_with_a_clear_message(app, client, make):
    app.config["ATTENDANCE_MAX_BYTES"] = 50
    response = csv_post(client, make.token(make.user("coordinator")),
                        "student_number,date,start,end,kind\n" + "77,2026-11-02,08:30,12:30,sick\n" * 5)
    assert response.status_code == 422 and "MB" in response.get_json()["errors"][0]["message"]


def test_an_unknown_school_id_is_a_422_on_that_field(client, make):
    """Found by schemathesis: ?school_id of no school was a 500 (foreign key)."""
    response = csv_post(client, make.token(make.user("coordinator")),
                        "student_number,date,start,end,kind\n", school_id=4000)
    assert response.status_code == 422
    assert "school_id" in response.get_json()["error"]["fields"]


def test_an_exemption_through_the_api_switches_the_duo_signal_off(client, make):
    school = make.school(region="midden")
    headers = make.token(make.user("attendance_officer", schools=[school]))
    student = make.student(school, student_number="77", dob=date(2012, 1, 1))
    text = "student_number,date,start,end,kind\n" + "".join(
        f"77,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    assert csv_post(client, headers, text).status_code == 200
    url = f"/api/v1/students/{student.id}/exemptions"
    bad = client.post(url, headers=headers, json={"first": "2026-11-01", "last": "soon",
                                                  "reason": "art. 5"})
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"last"}
    made = client.post(url, headers=headers, json={"first": "2026-11-01", "reason": "art. 5"})
    assert made.status_code == 201
    assert made.get_json() == {"id": made.get_json()["id"], "student_id": student.id,
                               "first": "2026-11-01", "last": None, "reason": "art. 5"}
    body = client.get(f"/api/v1/students/{student.id}/signals?on=2026-11-06",
                      headers=headers).get_json()
    assert "duo_16h_4w" not in {i["code"] for i in body["items"]}
