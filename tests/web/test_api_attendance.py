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
    assert response.get_json() == {"imported": 5, "duplicates": 0, "errors": []}
    assert csv_post(client, headers, text).get_json()["duplicates"] == 5

    body = client.get(f"/api/v1/students/{student.id}/signals?on=2026-11-06", headers=headers).get_json()
    found = {item["code"]: item for item in body["items"]}
    assert found["duo_16h_4w"]["since"] == "2026-11-06" and found["duo_16h_4w"]["details"]["hours"] == 20
    assert "problematic_25pct_2w" in found
    before = client.get(f"/api/v1/students/{student.id}/signals?on=2026-11-05", headers=headers)  # 16 h
    assert "duo_16h_4w" not in {i["code"] for i in before.get_json()["items"]}
    assert client.get(f"/api/v1/students/{student.id}/signals?on=06-11-2026",
                      headers=headers).status_code == 422


def test_a_bad_file_answers_422_with_row_errors_and_stores_nothing(client, make):
    headers = make.token(make.user("coordinator"))
    make.student(make.school(region="midden"), student_number="77")
    response = csv_post(client, headers, "student_number,date,start,end,kind\n"
                                         "77,2026-11-02,08:30,12:30,unauthorised\n"
                                         "78,2026-11-02,08:30,12:30,unauthorised\n")
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"] == [{"row": 3, "message": body["errors"][0]["message"]}]
    assert body["imported"] == 0
    assert csv_post(client, headers, "student_number,date,start,end,kind\n"
                                     "77,2026-11-02,08:30,12:30,unauthorised\n").get_json()["imported"] == 1


def test_signals_of_a_student_one_may_not_see_are_404(client, make):
    student = make.student()
    assert client.get(f"/api/v1/students/{student.id}/signals",
                      headers=make.token(make.user("coordinator"))).status_code == 404


def test_the_cli_imports_the_same_way(app, runner, make, tmp_path):
    coordinator = make.user("coordinator", email="regie@x.nl")
    make.student(make.school(region="midden"), student_number="77")
    path = tmp_path / "export.csv"
    path.write_text("student_number,date,start,end,kind\n77,2026-11-02,08:30,12:30,sick\n")
    result = runner.invoke(args=["attendance", "import", str(path), "--as", coordinator.email])
    assert result.exit_code == 0 and "imported 1" in result.output
    path.write_text("student_number,date,start,end,kind\n77,2026-11-07,08:30,12:30,sick\n")
    result = runner.invoke(args=["attendance", "import", str(path), "--as", coordinator.email])
    assert result.exit_code != 0 and "row 2" in result.output


def test_a_file_that_is_not_utf8_csv_is_a_422_not_a_crash(client, make):
    headers = make.token(make.user("coordinator"))
    response = client.post("/api/v1/attendance/import", data=b"\xff\xfe\x00bad",
                           headers={**headers, "Content-Type": "text/csv"})
    assert response.status_code == 422 and response.get_json()["errors"]
