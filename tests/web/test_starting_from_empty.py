"""Starting a region from an empty database (issue 11, finding 10): schools and students
in by the command line or the roster page, clean Dutch one-line errors, no tracebacks."""
import io

import sqlalchemy as sa

from coordination.extensions import db
from coordination.schools.models import School
from coordination.students.models import Student

NL = {"Accept-Language": "nl"}


def _students():
    db.session.expire_all()
    return db.session.scalars(sa.select(Student).order_by(Student.student_number)).all()


def _upload(client, text, encoding="utf-8"):
    data = {"file": (io.BytesIO(text.encode(encoding)), "leerlingen.csv")}
    return client.post("/students/import", data=data, content_type="multipart/form-data",
                       headers=NL)


def test_the_roster_page_imports_all_rows_or_none_with_dutch_row_errors(client, make):
    school = make.school()
    make.login(client, make.user("coordinator", schools=[school]))
    page = client.get("/students/import", headers=NL).get_data(as_text=True)
    assert "Leerlingen importeren" in page and f"= <code>{school.id}</code>" in page
    bad = _upload(client, "leerlingnummer;voornaam;achternaam;geboortedatum;school_id;niveau\n"
                          f"1;Sam;Jansen;2011-03-25;{school.id};havo\n"
                          f"2;Noor;Visser;25-03-2011;{school.id};havo\n")
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "Er is niets opgeslagen" in text or "Niets opgeslagen" in text
    assert "<td>3</td>" in text and "JJJJ-MM-DD" in text
    assert _students() == []
    good = _upload(client, "leerlingnummer;voornaam;achternaam;geboortedatum;school_id;niveau\n"
                           f"1;Sam;Jansen;2011-03-25;{school.id};havo\n"
                           f"2;Noor;Visser;2011-04-25;{school.id};vwo\n")
    assert good.status_code == 200
    assert [s.given_name for s in _students()] == ["Sam", "Noor"]


def test_the_roster_template_is_the_dutch_header_the_importer_takes(client, make):
    school = make.school()
    make.login(client, make.user("professional", schools=[school]))
    template = client.get("/students/import/template.csv")
    assert template.status_code == 200 and template.mimetype == "text/csv"
    header = template.get_data(as_text=True).strip()
    assert header.split(";")[:3] == ["leerlingnummer", "voornaam", "achternaam"]
    row = f"7;Ada;Bakker;2010-01-02;{school.id};vmbo-gt;nee;Utrecht"
    assert _upload(client, f"{header}\n{row}\n").status_code == 200
    assert [(s.student_number, s.municipality) for s in _students()] == [("7", "Utrecht")]


def test_schools_create_on_the_command_line(runner):
    result = runner.invoke(args=["schools", "create", "--name", "Het Baken", "--brin", "12ab",
                                 "--region", "midden"])
    assert result.exit_code == 0, result.output
    school = db.session.scalar(sa.select(School))
    assert (school.brin, school.region) == ("12AB", "midden")
    assert f"school {school.id}" in result.output
    again = runner.invoke(args=["schools", "create", "--name", "Ander", "--brin", "12AB",
                                "--region", "zuid"])
    assert again.exit_code == 1 and "Traceback" not in again.output
    assert "BRIN" in again.output and len(again.output.strip().splitlines()) == 1
    wrong = runner.invoke(args=["schools", "create", "--name", "X", "--brin", "ABCD",
                                "--region", "zuid"])
    assert wrong.exit_code == 1 and "2 cijfers en 2 letters" in wrong.output


def test_students_import_on_the_command_line(runner, make, tmp_path):
    school = make.school()
    make.user("coordinator", email="regie@school.nl", schools=[school])
    make.user("parent", email="ouder@example.nl")
    good = tmp_path / "leerlingen.csv"
    good.write_text("student_number,given_name,family_name,date_of_birth,school_id,level\n"
                    f"1,Sam,Jansen,2011-03-25,{school.id},havo\n", encoding="utf-8")
    result = runner.invoke(args=["students", "import", str(good), "--as", "regie@school.nl"])
    assert result.exit_code == 0, result.output
    assert "1 nieuw" in result.output
    assert [s.given_name for s in _students()] == ["Sam"]

    latin = tmp_path / "latin1.csv"
    latin.write_bytes("student_number,given_name,family_name,date_of_birth,school_id,level\n"
                      f"2,Zoë,Müller,2011-03-25,{school.id},havo\n".encode("latin-1"))
    result = runner.invoke(args=["students", "import", str(latin), "--as", "regie@school.nl"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "niets opgeslagen" in result.output
    assert "rij 2" in result.output

    for email in ("ouder@example.nl", "nobody@example.nl"):
        result = runner.invoke(args=["students", "import", str(good), "--as", email])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert result.output.startswith("Fout: ")


def test_attendance_import_as_a_parent_is_one_line_not_a_traceback(runner, make, tmp_path):
    make.user("parent", email="ouder@example.nl")
    path = tmp_path / "verzuim.csv"
    path.write_bytes(b"student_number,date,start,end,kind\n1,2026-11-02,08:30,09:30,ziek\n")
    result = runner.invoke(args=["attendance", "import", str(path), "--as", "ouder@example.nl"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
