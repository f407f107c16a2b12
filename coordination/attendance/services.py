"""Reading attendance and computing signals; DUO reports; manual corrections."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Date, String, cast, exists, func, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from coordination.attendance.calendars import CalendarCache, calendar_for
from coordination.attendance.models import Absence, DuoReport
from coordination.extensions import db
from coordination.followup.models import Deregistration, Enrolment
from coordination.rules import signals as rules
from coordination.rules.legal_status import Exemption as RuleExemption
from coordination.rules.legal_status import school_year_of
from coordination.schools.services import timetables_for
from coordination.students.models import Exemption, Student

HISTORY_DAYS = 400  # enough for every window, the school year and the 15-week rule


_CORRECTION = []


def _correction():
    """A later row that corrects an absence: one alias for every query (an alias built
    per query set up its column collection again each time); made on first use, when
    every model is mapped."""
    if not _CORRECTION:
        _CORRECTION.append(aliased(Absence))
    return _CORRECTION[0]


def effective_absences(*columns):
    """A SELECT of the absences that count: not corrected by a later row, not withdrawn.
    With `columns`, only those columns (much lighter for scans than whole rows)."""
    return select(*(columns or (Absence,))).where(
        Absence.withdrawn.is_(False),
        ~exists().where(_correction().corrects_id == Absence.id))


def _as_rule(row):
    return rules.Absence(row.day, row.start, row.end, row.kind)


def absences_by_student(student_ids, first, last):
    """{student_id: [rules.Absence]} between two dates, in one query of five columns."""
    grouped = {sid: [] for sid in student_ids}
    stmt = effective_absences(Absence.student_id, Absence.day, Absence.start, Absence.end,
                              Absence.kind).where(
        Absence.student_id.in_(student_ids), Absence.day >= first, Absence.day <= last)
    for student_id, day, start, end, kind in db.session.execute(stmt):
        grouped[student_id].append(rules.Absence(day, start, end, kind))
    return grouped


@dataclass(frozen=True)
class StudentDays:
    """One student's calendar, timetable and counting absences from `first` to `last`, read
    once for the pages that show them twice (the case page's summary and its "did it
    help?" chart read each of them twice, issue 12)."""

    calendar: object
    timetable: object
    absences: list
    first: date
    last: date

    def covers(self, first, last):
        return self.first <= first and last <= self.last

    def between(self, first, last):
        return [a for a in self.absences if first <= a.day <= last]


def student_days(student, first, last):
    """StudentDays of `student` from `first` to `last`: three queries (closures, absences,
    timetables)."""
    return StudentDays(calendar_for(student.school), timetables_for([student])[student.id],
                       absences_by_student([student.id], first, last)[student.id],
                       first, last)


@dataclass
class Facts:
    """What the rules need besides absences and the calendar: exemptions, the end of the
    last recorded 16-hour report, and the day the student left school with no enrolment
    since (None: enrolled)."""

    exemptions: list
    last_report_end: date | None = None
    left_on: date | None = None

    @property
    def counted_from(self):
        return self.last_report_end + timedelta(days=1) if self.last_report_end else None


EXEMPTION, REPORT, LEFT, ENROLLED = range(4)  # the arms of facts_by_student's query


def facts_by_student(student_ids, on):
    """{student_id: Facts} on `on`, in one query whatever the number of students: the
    exemptions, the ends of the 16-hour reports, and the last leaving and the last
    enrolment up to `on`, each an arm of one UNION ALL (issue 12: one statement instead
    of three on every case page)."""
    no_day, no_text = cast(null(), Date), cast(null(), String)
    rows = db.session.execute(union_all(
        select(literal_column(str(EXEMPTION)), Exemption.student_id, Exemption.first,
               Exemption.last, Exemption.reason).where(Exemption.student_id.in_(student_ids)),
        select(literal_column(str(REPORT)), DuoReport.student_id, DuoReport.end,
               DuoReport.signal_since, no_text).where(
            DuoReport.student_id.in_(student_ids), DuoReport.code == "duo_16h_4w"),
        select(literal_column(str(LEFT)), Deregistration.student_id,
               func.max(Deregistration.left_on), no_day, no_text)
        .where(Deregistration.student_id.in_(student_ids), Deregistration.left_on <= on)
        .group_by(Deregistration.student_id),
        select(literal_column(str(ENROLLED)), Enrolment.student_id,
               func.max(Enrolment.enrolled_on), no_day, no_text)
        .where(Enrolment.student_id.in_(student_ids), Enrolment.enrolled_on <= on)
        .group_by(Enrolment.student_id))).all()
    facts = {sid: Facts([]) for sid in student_ids}
    left, enrolled = {}, {}
    for which, student_id, day, other, reason in sorted(
            rows, key=lambda row: (row[0], row[1], row[2] or date.min)):
        if which == EXEMPTION:
            facts[student_id].exemptions.append(RuleExemption(day, other, reason))
        elif which == REPORT:
            # Reports recorded before periods were stored: `signal_since` was the day the
            # hours were passed, which is the end of the period.
            end = day or other
            last = facts[student_id].last_report_end
            if end <= on and (last is None or end > last):
                facts[student_id].last_report_end = end
        else:
            (left if which == LEFT else enrolled)[student_id] = day
    for student_id, left_on in left.items():
        if enrolled.get(student_id) is None or enrolled[student_id] < left_on:
            facts[student_id].left_on = left_on
    return facts


def signals_for_student(student, on, calendar=None, absences=None, facts=None,
                        timetable=None):
    """The signals true on `on` for one student. Callers that go through many students
    pass what they loaded for all of them at once (calendar per school, absences, facts,
    timetable: `timetables_for`); what is not passed is loaded for this student."""
    calendar = calendar or calendar_for(student.school)
    if timetable is None:
        timetable = timetables_for([student])[student.id]
    if absences is None:
        absences = absences_by_student([student.id], on - timedelta(days=HISTORY_DAYS), on)[
            student.id]
    if facts is None:
        facts = facts_by_student([student.id], on)[student.id]
    return rules.signals_on(on, absences, calendar, student.date_of_birth,
                            student.has_startkwalificatie, timetable=timetable,
                            vso_profile=student.vso_profile,
                            exemptions=facts.exemptions, counted_from=facts.counted_from,
                            left_on=facts.left_on, report_adults=_report_adults())


def _report_adults():
    """The region setting DUO_REPORT_ADULTS: the optional 16-hour report for 18+."""
    return bool(current_app.config.get("DUO_REPORT_ADULTS"))


def calendar_missing(calendar, on):
    """True when the school has no holiday or closure at all in the school year of `on`
    (1 August - 31 July): its school weeks cannot be told from holiday weeks."""
    return not calendar.has_closures_between(*school_year_of(on))


@dataclass
class ReportDue:
    """A report to make at DUO's verzuimloket (or the RMC report): API.md reports-due."""

    student: Student
    case_id: int | None
    code: str
    start: date
    end: date
    hours: float | None
    deadline: date
    calendar_missing: bool = False
    # Whether the reader is on the open case (else the page offers no link that would 404).
    case_visible: bool = True
    # Read from the stored state, a row carries the ids and gets its `student` only when
    # it is shown (signals.services.reports_due).
    student_id: int | None = None
    school_id: int | None = None

    def __post_init__(self):
        if self.student is not None:
            self.student_id, self.school_id = self.student.id, self.student.school_id

    def overdue(self, on):
        return on > self.deadline


def _due_for(student, on, calendar, absences, facts, case_id, timetable):
    """The reports due for one student on `on`: every 16-hour report not recorded yet
    (in the school year of `on`), and the other report codes true and not reported since
    they began."""
    due = []
    year_first = school_year_of(on)[0]
    missing = calendar_missing(calendar, on)
    for report in rules.duo_16h_reports(
            absences, calendar, student.date_of_birth, student.has_startkwalificatie, on,
            after=facts.last_report_end, vso_profile=student.vso_profile,
            exemptions=facts.exemptions, report_adults=_report_adults(),
            timetable=timetable):
        if report.end >= year_first:
            due.append(ReportDue(student, case_id, "duo_16h_4w", report.start, report.end,
                                 report.hours, report.deadline, missing))
    return due, missing


@dataclass
class State:
    """What the rules say about one student on a day: the signals true, the reports due
    and whether the school's calendar is missing for that school year."""

    signals: list
    due: list
    calendar_missing: bool


def compute_states(students, on):
    """{student_id: State} on `on`, in a fixed number of queries whatever the number of
    students (the reports due carry no case: the reader adds it)."""
    ids = [s.id for s in students]
    absences = absences_by_student(ids, on - timedelta(days=HISTORY_DAYS), on)
    facts = facts_by_student(ids, on)
    timetables = timetables_for(students)
    calendars = CalendarCache()
    reported = {}
    for student_id, code, reported_on in db.session.execute(select(
            DuoReport.student_id, DuoReport.code, DuoReport.reported_on).where(
            DuoReport.student_id.in_(ids))):
        key = (student_id, code)
        reported[key] = max(reported.get(key, reported_on), reported_on)
    states = {}
    for student in students:
        calendar = calendars.get(student.school_id)
        due, missing = _due_for(student, on, calendar, absences[student.id],
                                facts[student.id], None, timetables[student.id])
        found = signals_for_student(student, on, calendar, absences[student.id],
                                    facts[student.id], timetables[student.id])
        for signal in found:
            if signal.code not in rules.REPORT_CODES or signal.code == "duo_16h_4w":
                continue
            last = reported.get((student.id, signal.code))
            if last is None or last < signal.since:
                start = date.fromisoformat(signal.details.get("from", signal.since.isoformat()))
                due.append(ReportDue(student, None, signal.code, start, signal.since, None,
                                     rules.working_days_after(
                                         signal.since, rules.REPORT_DEADLINE_WORKING_DAYS),
                                     missing))
        states[student.id] = State(found, due, missing)
    return states


def recent_absences(student, first, last):
    return db.session.scalars(effective_absences().where(
        Absence.student_id == student.id, Absence.day >= first, Absence.day <= last)
        .order_by(Absence.day.desc(), Absence.start)).all()




def scan(on, school_ids=None, chunk=2000):
    """Signals true on `on` for every student (of the given schools): {code: count}.

    Students are read in chunks of `chunk` with their absences of the last HISTORY_DAYS,
    so memory stays bounded and time grows with the number of students and rows.
    """
    counts, calendars, last_id = {}, CalendarCache(), 0
    while True:
        # reach: the scheduler's region scan: every student, no reader
        stmt = select(Student).where(Student.id > last_id).order_by(Student.id).limit(chunk)
        if school_ids is not None:
            stmt = stmt.where(Student.school_id.in_(school_ids))
        students = db.session.scalars(stmt).all()
        if not students:
            return counts
        absences = absences_by_student([s.id for s in students],
                                       on - timedelta(days=HISTORY_DAYS), on)
        facts = facts_by_student([s.id for s in students], on)
        timetables = timetables_for(students)
        for student in students:
            for signal in signals_for_student(student, on, calendars.get(student.school_id),
                                              absences[student.id], facts[student.id],
                                              timetables[student.id]):
                counts[signal.code] = counts.get(signal.code, 0) + 1
        last_id = students[-1].id
        db.session.expunge_all()
