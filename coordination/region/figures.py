"""The region's raw figures, counted in the database: a fixed number of queries, each
grouped by school and level, whatever the size of the region; no student is loaded.

Signals and due reports are read from the stored signal state (coordination/signals/):
an episode holds on a day D when `since <= D` and (`until` is None or `until >= D`).
Figures are as of the scheduler's last tick: a student whose data changed since (at
most a tick ago) counts with their last stored state. The due reports are those of the
state's own day, whatever D is.
Everything here is a count; hiding small counts is the caller's (rules/region.py).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from operator import itemgetter

from sqlalchemy import and_, bindparam, distinct, exists, func, or_, select
from sqlalchemy.orm import aliased

from coordination import access
from coordination.agreements.models import Agreement, AgreementRevision
from coordination.attendance.models import DuoReport
from coordination.cases.models import OPEN, TIERS, Case
from coordination.extensions import db
from coordination.followup.models import Deregistration, Enrolment
from coordination.meetings.models import Decision, Meeting
from coordination.rules.legal_status import school_year_of
from coordination.schools.models import School
from coordination.signals.models import DueReportState, SignalEpisode
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM
from coordination.wegwijzer.models import Participant, Round, Score, Trajectory

THUISZITTER = "thuiszitter"
ABSOLUTE_VERZUIM = "absolute_verzuim"
BANDS = ("4w_3m", "over_3m")  # rules/signals.py: thuiszitter bands

# The counts of one group (a school, a level, or all of them).
COUNTS = ("students", *(f"tier_{t}" for t in TIERS), "followup_open",
          *(f"thuiszitter_{b}" for b in BANDS), "absolute_verzuim", "reports_due",
          "reports_made", "reenrolled", "overdue_agreements", "meetings_without_decision")
_IN_ORDER = itemgetter(*COUNTS)  # a group's counts as a tuple, in the order of COUNTS


@dataclass
class Group:
    """Raw counts of one group, and what is needed to add groups up."""
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    reenrolled_students: set = field(default_factory=set)
    reenrolment_days: list = field(default_factory=list)

    def add(self, other):
        """Add a group of other students (groups never share a student: each is keyed by
        the student's own school and level, so the re-enrolled students add up too)."""
        counts, more = self.counts, other.counts
        for name in COUNTS:
            counts[name] += more[name]
        if other.reenrolment_days:
            self.reenrolment_days += other.reenrolment_days

    @classmethod
    def of(cls, groups):
        """One group of the students of `groups` (groups never share a student, as in
        `add`): their counts and re-enrolment days added up, column by column."""
        groups = list(groups)
        if not groups:
            return cls()
        return cls(counts=dict(zip(COUNTS, map(sum, zip(*(
            _IN_ORDER(group.counts) for group in groups))))), reenrolment_days=[
            d for group in groups for d in group.reenrolment_days])


def _midnight(day):
    return datetime.combine(day, time(), tzinfo=AMSTERDAM)


def schools_in_scope(user):
    """(id, name) of the schools the user's figures cover: the linked ones, and those
    attended by residents of the linked municipalities; by name."""
    residents_at = select(Student.school_id).where(access.region_scope(user))
    return db.session.execute(select(School.id, School.name).where(
        or_(School.id.in_(access.linked_school_ids(user)), School.id.in_(residents_at)))
        .order_by(School.name, School.id)).all()


BY_SCHOOL_LEVEL = (Student.school_id, Student.level)


def _key_groups(rows, apply, size):
    groups = defaultdict(Group)
    for row in rows:
        apply(groups[tuple(row[:size])], *row[size:])
    return groups


def _open_on(on):
    """Cases open at the end of `on` (their current tier and follow-up mode)."""
    end = _midnight(on + timedelta(days=1))
    return and_(Case.opened_at < end, or_(Case.closed_at.is_(None), Case.closed_at >= end))


def overview(user, on):
    """{(school_id, level): Group} of the raw figures on `on`, and the schools in scope."""
    return count(access.region_scope(user), on), schools_in_scope(user)


def count(where, on, by=BY_SCHOOL_LEVEL):
    """{key: Group} of the raw figures on `on` of the students matching `where` (a
    condition on Student), grouped by the Student columns `by`: a query per figure."""
    year_first, _year_last = school_year_of(on)
    groups = defaultdict(Group)

    def _grouped(*columns):
        return select(*by, *columns).where(where)

    def put(rows, apply):
        for key, group in _key_groups(rows, apply, len(by)).items():
            groups[key].add(group)

    def counter(name):
        def apply(group, value):
            group.counts[name] += value
        return apply

    put(db.session.execute(_grouped(func.count()).group_by(*by)), counter("students"))

    def cases(group, tier, followup, value):
        group.counts[f"tier_{tier}"] += value
        if followup:
            group.counts["followup_open"] += value
    put(db.session.execute(_grouped(Case.tier, Case.followup, func.count())
                           .join(Case, Case.student_id == Student.id).where(_open_on(on))
                           .group_by(*by, Case.tier,
                                     Case.followup)), cases)

    band = SignalEpisode.details["band"].as_string()

    def episodes(group, code, band_value, value):
        if code == ABSOLUTE_VERZUIM:
            group.counts["absolute_verzuim"] += value
        elif band_value in BANDS:
            group.counts[f"thuiszitter_{band_value}"] += value
    put(db.session.execute(
        _grouped(SignalEpisode.code, band, func.count(distinct(SignalEpisode.student_id)))
        .join(SignalEpisode, SignalEpisode.student_id == Student.id)
        .where(SignalEpisode.code.in_((THUISZITTER, ABSOLUTE_VERZUIM)),
               SignalEpisode.since <= on,
               or_(SignalEpisode.until.is_(None), SignalEpisode.until >= on))
        .group_by(*by, SignalEpisode.code, band)), episodes)

    put(db.session.execute(_grouped(func.count())
                           .join(DueReportState, DueReportState.student_id == Student.id)
                           .group_by(*by)), counter("reports_due"))

    put(db.session.execute(_grouped(func.count())
                           .join(DuoReport, DuoReport.student_id == Student.id)
                           .where(DuoReport.reported_on.between(year_first, on))
                           .group_by(*by)), counter("reports_made"))

    def reenrolled(group, student_id, enrolled_on, left_on):
        group.reenrolled_students.add(student_id)
        group.counts["reenrolled"] = len(group.reenrolled_students)
        group.reenrolment_days.append((enrolled_on - left_on).days)
    put(db.session.execute(
        _grouped(Enrolment.student_id, Enrolment.enrolled_on,
                 func.max(Deregistration.left_on))
        .join(Enrolment, Enrolment.student_id == Student.id)
        .join(Deregistration, and_(Deregistration.student_id == Student.id,
                                   Deregistration.left_on <= Enrolment.enrolled_on))
        .where(Enrolment.enrolled_on.between(year_first, on))
        .group_by(*by, Enrolment.id, Enrolment.student_id,
                  Enrolment.enrolled_on)), reenrolled)

    # The newest revision: none newer on the (agreement, number) key, per row, so the
    # work stays that of the students counted (not every revision of the region).
    newer = aliased(AgreementRevision)
    put(db.session.execute(
        _grouped(func.count())
        .join(Case, Case.student_id == Student.id)
        .join(Agreement, Agreement.case_id == Case.id)
        .join(AgreementRevision, AgreementRevision.agreement_id == Agreement.id)
        .where(Case.status == OPEN, AgreementRevision.status == "open",
               AgreementRevision.due_date < on,
               ~exists().where(newer.agreement_id == AgreementRevision.agreement_id,
                               newer.number > AgreementRevision.number))
        .group_by(*by)), counter("overdue_agreements"))

    decided = select(Decision.id).where(Decision.meeting_id == Meeting.id).exists()
    put(db.session.execute(
        _grouped(func.count())
        .join(Case, Case.student_id == Student.id)
        .join(Meeting, Meeting.case_id == Case.id)
        .where(Meeting.held_on.between(year_first, on), ~decided)
        .group_by(*by)), counter("meetings_without_decision"))
    return groups


def thuiszitter_report(user, first, last):
    """Per school (the school the episode was at): {school_id: counts} of the students
    with a thuiszitter episode overlapping first..last, each once in the highest band
    reached, and of those in absolute verzuim in that time; and the schools in scope."""
    schools = schools_in_scope(user)
    overlaps = and_(SignalEpisode.since <= last,
                    or_(SignalEpisode.until.is_(None), SignalEpisode.until >= first))
    band = SignalEpisode.details["band"].as_string()
    per_student = (select(SignalEpisode.school_id, SignalEpisode.student_id,
                          SignalEpisode.code, func.max(band).label("band"))
                   .join(Student, Student.id == SignalEpisode.student_id)
                   .where(access.region_scope(user, SignalEpisode.school_id), overlaps,
                          SignalEpisode.code.in_((THUISZITTER, ABSOLUTE_VERZUIM)))
                   .group_by(SignalEpisode.school_id, SignalEpisode.student_id,
                             SignalEpisode.code).subquery())
    rows = db.session.execute(
        select(per_student.c.school_id, per_student.c.code, per_student.c.band, func.count())
        .group_by(per_student.c.school_id, per_student.c.code, per_student.c.band))
    counts = defaultdict(lambda: {"4w_3m": 0, "over_3m": 0, "absolute_verzuim": 0})
    for school_id, code, band_value, value in rows:
        if code == ABSOLUTE_VERZUIM:
            counts[school_id]["absolute_verzuim"] += value
        elif band_value in BANDS:
            counts[school_id][band_value] += value
    known = {school_id for school_id, _name in schools}
    missing = set(counts) - known
    if missing:  # a resident's episode at a school none of them attends any more
        schools = sorted([*schools, *db.session.execute(
            select(School.id, School.name).where(School.id.in_(missing))).all()],
            key=lambda s: (s[1], s[0]))
    return counts, schools


# On the tables' columns (Core statements: half the cost of the ORM's), built once
# (building them cost more than running them): bench/RESULTS.md §9b, §11a.
_TRAJECTORIES, _ROUNDS, _PARTICIPANTS, _SCORES = (
    model.__table__ for model in (Trajectory, Round, Participant, Score))
# The rounds with a score given before `end`, of the trajectories of `schools`.
_SCORED_ROUNDS = (
    select(_TRAJECTORIES.c.school_id, _ROUNDS.c.id, _ROUNDS.c.started_at)
    .join(_ROUNDS, _ROUNDS.c.trajectory_id == _TRAJECTORIES.c.id)
    .join(_PARTICIPANTS, _PARTICIPANTS.c.round_id == _ROUNDS.c.id)
    .join(_SCORES, _SCORES.c.participant_id == _PARTICIPANTS.c.id)
    .where(_TRAJECTORIES.c.school_id.in_(bindparam("schools", expanding=True)),
           _SCORES.c.at < bindparam("end"))
    .distinct())
# The scores given before `end` in `rounds`.
_ROUND_SCORES = (
    select(_PARTICIPANTS.c.round_id, _SCORES.c.domain, _SCORES.c.score)
    .join(_SCORES, _SCORES.c.participant_id == _PARTICIPANTS.c.id)
    .where(_PARTICIPANTS.c.round_id.in_(bindparam("rounds", expanding=True)),
           _SCORES.c.at < bindparam("end")))


def wegwijzer_scores(school_ids, on):
    """{school_id: (started_at, [(domain, score)])}: per school its latest Wegwijzer
    scoring round (by start, over all its trajectories) with scores given by the end of
    `on`, and all the scores of that round. A school's own self-assessment, no student's:
    two queries, whatever the region."""
    end = _midnight(on + timedelta(days=1))
    latest = {}
    for school_id, round_id, started_at in db.session.execute(
            _SCORED_ROUNDS, {"schools": list(school_ids), "end": end}):
        if school_id not in latest or (started_at, round_id) > latest[school_id]:
            latest[school_id] = (started_at, round_id)
    if not latest:
        return {}
    school_of = {round_id: school_id for school_id, (_s, round_id) in latest.items()}
    result = {school_id: (started_at, []) for school_id, (started_at, _r) in latest.items()}
    for round_id, domain, score in db.session.execute(
            _ROUND_SCORES, {"rounds": list(school_of), "end": end}):
        result[school_of[round_id]][1].append((domain, score))
    return result
