"""The access matrix: every route and method, every role, against its own and another case.

Walks `app.url_map`. A route without an entry in RULES fails the test, so a route added
later cannot slip through without an access rule.

Each actor has a *relation* to the case under test: 'coordinator', 'member' (any active
team member, professional or family) or 'none'. A rule maps (actor, relation) to the
expected outcome.
"""
import pytest

from coordination.attendance.models import AttendanceImport
from coordination.extensions import db

OK = "ok"            # 2xx or 3xx (not to the login page)
ALLOWED = "allowed"  # passes the access check: anything but 401/403/404/login redirect
LOGIN = "login"      # anonymous: 302 to /login (pages) or 401 (API)
FORBIDDEN = "forbidden"
HIDDEN = "hidden"    # 404, exactly like a resource that does not exist

PROFESSIONAL_ACTORS = {"coordinator", "mentor", "officer", "outsider"}
FAMILY_ACTORS = {"parent", "youth"}


def everyone(actor, relation):
    return OK


def public_action(actor, relation):
    return ALLOWED


def logged_in(actor, relation):
    return LOGIN if actor == "anonymous" else OK


def admin_only(actor, relation):
    if actor == "anonymous":
        return LOGIN
    return OK if actor == "admin" else FORBIDDEN


def admin_action(actor, relation):
    return ALLOWED if admin_only(actor, relation) == OK else admin_only(actor, relation)


def professional_page(actor, relation):
    if actor == "anonymous":
        return LOGIN
    return OK if actor in PROFESSIONAL_ACTORS else FORBIDDEN


def professional_action(actor, relation):
    result = professional_page(actor, relation)
    return ALLOWED if result == OK else result


def case_reader(actor, relation):
    if actor == "anonymous":
        return LOGIN
    return OK if relation in ("coordinator", "member") else HIDDEN


def student_reader(actor, relation):
    """Student pages are for professionals on one of the student's cases."""
    if actor == "anonymous":
        return LOGIN
    if actor not in PROFESSIONAL_ACTORS and actor != "admin":
        return FORBIDDEN
    return OK if relation in ("coordinator", "member") else (
        FORBIDDEN if actor == "admin" else HIDDEN)


def student_api_reader(actor, relation):
    if actor == "anonymous":
        return LOGIN
    return OK if relation in ("coordinator", "member") else HIDDEN


def case_manager(actor, relation):
    """Only the coordinator manages the case; others on it get 403, outsiders 404."""
    if actor == "anonymous":
        return LOGIN
    if relation == "coordinator":
        return ALLOWED
    return FORBIDDEN if relation == "member" else HIDDEN


def case_writer(actor, relation):
    """Professionals on the case write agreements; family on it 403, outsiders 404."""
    if actor == "anonymous":
        return LOGIN
    if relation == "none":
        return HIDDEN
    return FORBIDDEN if actor in FAMILY_ACTORS else ALLOWED


def case_reader_action(actor, relation):
    """Everyone on the case may act on what they can see (comment, mark read)."""
    result = case_reader(actor, relation)
    return ALLOWED if result == OK else result


def case_item_reader(actor, relation):
    """An agreement shared with everyone: readable by all on the case."""
    return case_reader(actor, relation)


def youth_action(actor, relation):
    """Only the young person on the case proposes agreements."""
    if actor == "anonymous":
        return LOGIN
    if relation == "none":
        return HIDDEN
    return ALLOWED if actor == "youth" else FORBIDDEN


def family_action(actor, relation):
    """The young person and the parents on the case add their own words."""
    if actor == "anonymous":
        return LOGIN
    if relation == "none":
        return HIDDEN
    return ALLOWED if actor in FAMILY_ACTORS else FORBIDDEN


def trajectory_reader(actor, relation):
    """A Wegwijzer trajectory of the case's school: its staff (the case's coordinator is
    linked to the school) and those invited (the mentor, on case A's); 404 for others."""
    if actor == "anonymous":
        return LOGIN
    if relation == "coordinator" or (actor == "mentor" and relation == "member"):
        return OK
    return HIDDEN


def trajectory_runner(actor, relation):
    """Only the school's staff invite and choose; an invited colleague gets 403."""
    result = trajectory_reader(actor, relation)
    if result != OK:
        return result
    return ALLOWED if relation == "coordinator" else FORBIDDEN


def trajectory_scorer(actor, relation):
    """Everyone taking part scores (the staff member who started it takes part)."""
    result = trajectory_reader(actor, relation)
    return ALLOWED if result == OK else result


def importer_action(actor, relation):
    """Admins, coordinators and attendance officers import the registration."""
    if actor == "anonymous":
        return LOGIN
    return ALLOWED if actor in ("admin", "coordinator", "officer", "outsider") else FORBIDDEN


def importer_page(actor, relation):
    """The upload page: admins, coordinators and attendance officers."""
    result = importer_action(actor, relation)
    return OK if result == ALLOWED else result


def reporter_page(actor, relation):
    """DUO reports due: coordinators and attendance officers (not admins, not mentors)."""
    if actor == "anonymous":
        return LOGIN
    return OK if actor in ("coordinator", "officer", "outsider") else FORBIDDEN


def reporter_action(actor, relation):
    result = reporter_page(actor, relation)
    return ALLOWED if result == OK else result


def exemption_writer(actor, relation):
    """Coordinators and attendance officers record exemptions for students they reach."""
    if actor == "anonymous":
        return LOGIN
    if actor not in ("coordinator", "officer", "outsider"):
        return FORBIDDEN
    return ALLOWED if relation in ("coordinator", "member") else HIDDEN


def student_writer(actor, relation):
    """Professionals who may see the student write to it (absences, corrections, leaving,
    enrolling); other roles 403."""
    if actor == "anonymous":
        return LOGIN
    if actor not in PROFESSIONAL_ACTORS:
        return FORBIDDEN
    return ALLOWED if relation in ("coordinator", "member") else HIDDEN


def case_professional_reader(actor, relation):
    """Professionals on the case read it; family on it 403, outsiders 404."""
    if actor == "anonymous":
        return LOGIN
    if relation == "none":
        return HIDDEN
    return FORBIDDEN if actor in FAMILY_ACTORS else OK


def own_import(actor, relation):
    """An attendance import is seen by the one who uploaded it (the coordinator of case A);
    anyone else gets 404."""
    if actor == "anonymous":
        return LOGIN
    return OK if actor == "coordinator" else HIDDEN


def someone_elses_token(actor, relation):
    """Revoking an API token that is not one's own: 404 for everybody logged in."""
    return LOGIN if actor == "anonymous" else HIDDEN


def admin_hidden(actor, relation):
    """Admin pages that do not exist for anyone else (404)."""
    if actor == "anonymous":
        return LOGIN
    return OK if actor == "admin" else HIDDEN


def analyst_page(actor, relation):
    """The region's figures: analysts only (403 for other roles)."""
    if actor == "anonymous":
        return LOGIN
    return OK if actor == "analyst" else FORBIDDEN


def student_exporter(actor, relation):
    """Everything about a student: admins (the privacy officer role); 403 for others who
    reach the student, 404 for those who do not."""
    if actor == "anonymous":
        return LOGIN
    if actor == "admin":
        return OK
    return FORBIDDEN if relation in ("coordinator", "member") else HIDDEN


def timetable_lister(actor, relation):
    """The list of schools whose timetables one sets: admins and professionals (their
    linked schools, none here); family and analysts 403."""
    if actor == "anonymous":
        return LOGIN
    return FORBIDDEN if actor in FAMILY_ACTORS or actor == "analyst" else OK


def school_staff_page(actor, relation):
    """A school's timetable: its staff (professionals linked to it: in this world each
    case's coordinator, linked to the case's school) and admins; for anyone else the
    school is not theirs (404)."""
    if actor == "anonymous":
        return LOGIN
    staff = actor == "admin" or (actor in PROFESSIONAL_ACTORS and relation == "coordinator")
    return OK if staff else HIDDEN


def school_staff_action(actor, relation):
    result = school_staff_page(actor, relation)
    return ALLOWED if result == OK else result


def school_staff_student_writer(actor, relation):
    """A student's own timetable: the staff of the student's school (the case's
    coordinator, linked to its school); 403 for other roles and for professionals who
    reach the student, 404 for professionals who do not."""
    if actor == "anonymous":
        return LOGIN
    if actor in PROFESSIONAL_ACTORS and relation == "coordinator":
        return ALLOWED
    if actor in PROFESSIONAL_ACTORS and relation == "none":
        return HIDDEN
    return FORBIDDEN


def bad_token(actor, relation):
    """A one-time link page with a token that does not exist (or, for /welcome, none in
    the session): 404 for everybody."""
    return HIDDEN


RULES = {
    ("static", "GET"): everyone,
    ("health.healthz", "GET"): everyone,
    ("accounts.login", "GET"): everyone,
    ("accounts.login", "POST"): public_action,
    ("accounts.logout", "POST"): public_action,
    ("accounts.language", "POST"): public_action,
    ("accounts.home", "GET"): logged_in,
    ("accounts.account", "GET"): logged_in,
    ("accounts.revoke_token", "POST"): someone_elses_token,
    ("admin.edit_user", "GET"): admin_only,
    ("admin.edit_user", "POST"): admin_action,
    ("admin.deactivate_user", "POST"): admin_action,
    ("admin.reactivate_user", "POST"): admin_action,
    ("admin.edit_school", "GET"): admin_only,
    ("admin.edit_school", "POST"): admin_action,
    ("admin.users", "GET"): admin_only,
    ("admin.new_user", "GET"): admin_only,
    ("admin.new_user", "POST"): admin_action,
    ("admin.schools_list", "GET"): admin_only,
    ("admin.new_school", "GET"): admin_only,
    ("admin.new_school", "POST"): admin_action,
    ("students.index", "GET"): professional_page,
    ("students.new", "GET"): professional_page,
    ("students.new", "POST"): professional_action,
    ("students.import_roster", "GET"): professional_page,
    ("students.import_roster", "POST"): professional_action,
    ("students.roster_template", "GET"): professional_page,
    ("students.show", "GET"): student_reader,
    ("cases.index", "GET"): logged_in,
    ("cases.open_case", "POST"): professional_action,
    ("cases.show", "GET"): case_reader,
    ("cases.hand_over", "POST"): case_manager,
    ("cases.add_member", "POST"): case_manager,
    ("cases.remove_member", "POST"): case_manager,
    ("cases.add_note", "POST"): case_writer,
    ("portal.welcome", "GET"): bad_token,
    ("portal.invitation", "GET"): bad_token,   # no invitation in the session
    ("portal.invitation", "POST"): bad_token,
    ("portal.invite", "POST"): case_manager,
    ("meetings.record", "POST"): case_writer,
    ("meetings.record", "GET"): case_writer,
    ("meetings.plan", "POST"): case_writer,
    ("meetings.plan", "GET"): case_writer,
    ("meetings.to_agreement", "POST"): case_writer,
    ("meetings.to_agreement", "GET"): case_writer,
    ("meetings.agenda", "POST"): case_writer,
    ("meetings.agenda", "GET"): case_writer,
    ("meetings.decision_factor", "POST"): case_writer,
    ("meetings.decision_factor", "GET"): case_writer,
    ("api.openapi", "GET"): everyone,
    ("api.me", "GET"): logged_in,
    ("api.create_school", "POST"): admin_action,
    ("api.create_student", "POST"): professional_action,
    ("api.list_students", "GET"): logged_in,
    ("api.import_students", "POST"): professional_action,
    ("api.worklist", "GET"): professional_page,
    ("worklist.index", "GET"): professional_page,
    ("api.get_student", "GET"): student_api_reader,
    ("api.list_cases", "GET"): logged_in,
    ("api.open_case", "POST"): professional_action,
    ("api.get_case", "GET"): case_reader,
    ("api.hand_over", "POST"): case_manager,
    ("api.add_member", "POST"): case_manager,
    ("agreements.create", "POST"): case_writer,
    ("agreements.create", "GET"): case_writer,
    ("agreements.revise", "GET"): case_writer,
    ("agreements.revise", "POST"): case_writer,
    ("agreements.comment", "POST"): case_reader_action,
    ("agreements.propose", "POST"): youth_action,
    ("agreements.accept_proposal", "POST"): case_manager,
    ("agreements.answer_proposal", "POST"): case_manager,
    ("agreements.read", "POST"): case_reader_action,
    ("api.import_attendance", "POST"): importer_action,
    ("api.attendance_import_state", "GET"): own_import,
    ("attendance.import_state", "GET"): own_import,
    ("api.set_tier", "POST"): case_manager,
    ("api.deregister", "POST"): student_writer,
    ("api.enrol", "POST"): student_writer,
    ("api.home_visit", "POST"): case_writer,
    ("api.reminders", "GET"): case_professional_reader,
    ("tiers.set_tier", "POST"): case_manager,
    ("tiers.set_tier", "GET"): case_manager,
    ("tiers.review", "POST"): case_manager,
    ("tiers.review", "GET"): case_manager,
    ("tiers.pause", "POST"): case_manager,
    ("tiers.pause", "GET"): case_manager,
    ("tiers.away", "GET"): professional_page,
    ("tiers.away", "POST"): professional_action,
    ("notifications.index", "GET"): logged_in,
    ("notifications.read", "POST"): logged_in,
    ("notifications.digest", "POST"): logged_in,
    ("api.record_review", "POST"): case_manager,
    ("api.student_signals", "GET"): student_api_reader,
    ("api.reports_due", "GET"): reporter_page,
    ("api.add_exemption", "POST"): exemption_writer,
    ("students.add_exemption", "POST"): exemption_writer,
    ("api.record_report", "POST"): reporter_action,
    ("api.create_agreement", "POST"): case_writer,
    ("api.list_agreements", "GET"): case_reader,
    ("api.get_agreement", "GET"): case_item_reader,
    ("api.revise_agreement", "PATCH"): case_writer,
    ("api.agreement_history", "GET"): case_item_reader,
    ("attendance.upload", "GET"): importer_page,
    ("attendance.upload", "POST"): importer_action,
    ("attendance.reports", "GET"): reporter_page,
    ("attendance.record_report", "POST"): reporter_action,
    ("attendance.add_absence", "POST"): student_writer,
    ("attendance.correct_absence", "POST"): student_writer,
    ("admin.calendar", "GET"): admin_only,
    ("admin.calendar", "POST"): admin_action,
    ("admin.import_calendar", "POST"): admin_action,
    ("admin.delete_closure", "POST"): admin_action,
    ("api.add_holiday", "POST"): admin_action,
    ("api.import_school_calendar", "POST"): admin_action,
    ("visits.pre_visit", "GET"): case_professional_reader,
    ("visits.log", "POST"): case_writer,
    ("visits.log", "GET"): case_writer,
    ("visits.add_risk", "POST"): case_writer,
    ("visits.add_risk", "GET"): case_writer,
    ("followup.deregister", "POST"): student_writer,
    ("followup.deregister", "GET"): student_writer,
    ("followup.enrol", "POST"): student_writer,
    ("followup.enrol", "GET"): student_writer,
    ("followup.log_attempt", "POST"): case_writer,
    ("followup.log_attempt", "GET"): case_writer,
    ("followup.stop", "POST"): case_manager,
    ("followup.stop", "GET"): case_manager,
    ("followup.leaver_profile", "POST"): case_writer,
    ("followup.leaver_profile", "GET"): case_writer,
    ("followup.start_check", "POST"): case_writer,
    ("followup.start_check", "GET"): case_writer,
    ("followup.letter", "GET"): case_professional_reader,
    ("followup.summer_list", "GET"): reporter_page,
    ("followup.import_list", "GET"): reporter_page,
    ("followup.import_list", "POST"): reporter_action,
    ("audit.index", "GET"): admin_hidden,
    ("audit.export", "GET"): admin_hidden,
    ("audit.access_log", "GET"): case_reader,
    ("api.access_log", "GET"): case_reader,
    ("factors.index", "GET"): case_reader,
    ("factors.add", "POST"): case_writer,
    ("factors.add_own", "POST"): family_action,
    # The test factor is the team's, shared with everyone: family may see it, not end it.
    ("factors.end", "POST"): case_writer,
    ("factors.absence_kinds", "POST"): case_manager,
    ("wegwijzer.index", "GET"): professional_page,
    ("wegwijzer.start", "POST"): professional_action,
    ("wegwijzer.show", "GET"): trajectory_reader,
    ("wegwijzer.invite_member", "POST"): trajectory_runner,
    ("wegwijzer.invite_representative", "POST"): trajectory_runner,
    ("wegwijzer.choose", "POST"): trajectory_runner,
    ("wegwijzer.start_round", "POST"): trajectory_runner,
    ("wegwijzer.comparison", "GET"): trajectory_reader,
    ("wegwijzer.score", "POST"): trajectory_scorer,
    # The plan per chosen domain: its forms are the school's staff's (the invited mentor,
    # not linked to the school, gets 403); the plan itself shows on wegwijzer.show.
    ("wegwijzer.add_intervention", "GET"): trajectory_runner,
    ("wegwijzer.add_intervention", "POST"): trajectory_runner,
    ("wegwijzer.withdraw_intervention", "GET"): trajectory_runner,
    ("wegwijzer.withdraw_intervention", "POST"): trajectory_runner,
    ("wegwijzer.add_goal", "GET"): trajectory_runner,
    ("wegwijzer.add_goal", "POST"): trajectory_runner,
    ("wegwijzer.add_action", "GET"): trajectory_runner,
    ("wegwijzer.add_action", "POST"): trajectory_runner,
    ("wegwijzer.revise_plan_item", "GET"): trajectory_runner,
    ("wegwijzer.revise_plan_item", "POST"): trajectory_runner,
    ("wegwijzer.link", "GET"): bad_token,
    ("wegwijzer.score_with_link", "GET"): bad_token,   # no link in the session
    ("wegwijzer.score_with_link", "POST"): bad_token,
    ("privacy.lookup", "GET"): admin_hidden,
    ("privacy.student_export", "GET"): student_exporter,
    ("privacy.student_export_json", "GET"): student_exporter,
    ("api.student_export", "GET"): student_exporter,
    ("schools.index", "GET"): timetable_lister,
    ("schools.timetable", "GET"): school_staff_page,
    ("schools.set_timetable", "POST"): school_staff_action,
    ("schools.remove_timetable", "POST"): school_staff_action,
    ("schools.lesson_hours", "POST"): school_staff_action,
    ("students.set_timetable", "POST"): school_staff_student_writer,
    ("cases.hard_to_attend", "POST"): case_writer,
    ("region.overview", "GET"): analyst_page,
    ("region.overview_csv", "GET"): analyst_page,
    ("region.thuiszitters", "GET"): analyst_page,
    ("region.thuiszitters_csv", "GET"): analyst_page,
    ("api.region_overview", "GET"): analyst_page,
    ("api.region_thuiszitters", "GET"): analyst_page,
    ("suspensions.record_suspension", "POST"): student_writer,
    ("suspensions.revise_suspension", "POST"): student_writer,
    ("suspensions.record_expulsion", "POST"): student_writer,
    ("suspensions.revise_expulsion", "POST"): student_writer,
}

ACTORS = ("anonymous", "admin", "coordinator", "mentor", "officer", "parent", "youth",
          "outsider", "analyst")


@pytest.fixture
def world(make):
    """Case A with a full team; case B coordinated by the outsider, with a family of its own;
    an analyst linked to case A's school and its student's municipality."""
    people = {
        "admin": make.user("admin"),
        "coordinator": make.user("coordinator"),
        "mentor": make.user("professional", job_title="mentor"),
        "officer": make.user("attendance_officer"),
        "parent": make.user("parent"),
        "youth": make.user("youth"),
        "outsider": make.user("coordinator"),
    }
    spare = make.user("professional")
    student_a = make.student(municipality="Zeist")
    # Figures for case A's school and its student's municipality: still no case, no student.
    people["analyst"] = make.link(make.user("analyst", municipalities=["Zeist"]),
                                  student_a.school)
    case_a = make.case(people["coordinator"], student_a, members=[
        (people["mentor"], "mentor"), (people["officer"], "attendance_officer"),
        (people["parent"], "parent"), (people["youth"], "youth"), (spare, "mentor")])
    case_b = make.case(people["outsider"], members=[
        (make.user("parent"), "parent"), (make.user("professional"), "mentor")])
    imported = AttendanceImport(by_id=people["coordinator"].id, status="done")
    db.session.add(imported)
    db.session.commit()
    for case in (case_a, case_b):
        case.test_import_id = imported.id
        case.test_absence_id = _absence(case.student_id)
        case.test_agreement_id = make.agreement(case, case.coordinator).agreement_id
        case.test_decision_id = make.decision(case, case.coordinator).id
        case.test_proposal_id = make.proposal(case).id
        case.test_closure_id = _closure(people["admin"], case.student.school_id)
        case.test_factor_id = _factor(case)
        case.test_planned_id = _planned(case)
        case.test_trajectory_id = _trajectory(case, people["mentor"])
        case.test_intervention_id, case.test_goal_id = _plan(case, case.test_trajectory_id)
    return people, case_a, case_b


def _absence(student_id):
    """An absence of the case's student, for the correction route."""
    from datetime import date, time

    from coordination.attendance.models import Absence

    row = Absence(student_id=student_id, day=date(2026, 11, 2), start=time(8, 30),
                  end=time(12, 30), kind="unauthorised", source="import")
    db.session.add(row)
    db.session.commit()
    return row.id


def _factor(case):
    """A strength the team shared with everyone, for the "no longer true" route."""
    from coordination.factors.models import CaseFactor

    row = CaseFactor(case_id=case.id, kind="strength", text="Good at football",
                     visibility="everyone", source="team", author_id=case.coordinator_id)
    db.session.add(row)
    db.session.commit()
    return row.id


def _planned(case):
    """A meeting planned a year ahead, for the route that adds to its agenda."""
    from datetime import timedelta

    from coordination.meetings.models import PlannedMeeting
    from coordination.timeutil import utcnow

    row = PlannedMeeting(case_id=case.id, starts_at=utcnow() + timedelta(days=365),
                         place="Room 2", author_id=case.coordinator_id)
    db.session.add(row)
    db.session.commit()
    return row.id


def _trajectory(case, mentor):
    """A Wegwijzer trajectory of the case's school, started by the case's coordinator
    (linked to that school); on case A the mentor (not linked) is invited."""
    from coordination.wegwijzer.models import Participant, Round, Trajectory

    coordinator = case.coordinator
    coordinator.schools.append(case.student.school)
    row = Trajectory(school_id=case.student.school_id, title="Wegwijzer",
                     started_by_id=coordinator.id)
    db.session.add(row)
    db.session.flush()
    first = Round(trajectory_id=row.id, number=1, started_by_id=coordinator.id)
    db.session.add(first)
    db.session.flush()
    db.session.add(Participant(trajectory_id=row.id, round_id=first.id, group="team",
                               user_id=coordinator.id, invited_by_id=coordinator.id))
    if any(m.user_id == mentor.id for m in case.members):
        db.session.add(Participant(trajectory_id=row.id, round_id=first.id, group="team",
                                   user_id=mentor.id, invited_by_id=coordinator.id))
    db.session.commit()
    return row.id


def _plan(case, trajectory_id):
    """The domain "classmates" chosen, with an intervention and a goal, for the plan's
    routes."""
    from coordination.wegwijzer.models import Choice
    from coordination.wegwijzer.plan_models import Intervention, PlanItem, PlanRevision

    by = case.coordinator_id
    db.session.add(Choice(trajectory_id=trajectory_id, domain="classmates", chosen_by_id=by))
    intervention = Intervention(trajectory_id=trajectory_id, domain="classmates",
                                name="Kanjertraining", recognition="well_founded",
                                author_id=by)
    goal = PlanItem(trajectory_id=trajectory_id, domain="classmates", kind="goal",
                    created_by_id=by)
    db.session.add_all([intervention, goal])
    db.session.flush()
    db.session.add(PlanRevision(item_id=goal.id, number=1, text="Everyone belongs",
                                owner_user_id=by, status="open", author_id=by))
    db.session.commit()
    return intervention.id, goal.id


def _closure(admin, school_id):
    """A closure of the case's school, for the delete route."""
    from datetime import date

    from coordination.attendance.models import CalendarClosure

    row = CalendarClosure(school_id=school_id, first=date(2026, 11, 11),
                          last=date(2026, 11, 11), name="Studiedag", by_id=admin.id)
    db.session.add(row)
    db.session.commit()
    return row.id


def relation(actor, people, case):
    if actor not in people:
        return "none"
    user = people[actor]
    if case.coordinator_id == user.id:
        return "coordinator"
    return "member" if any(m.user_id == user.id for m in case.members) else "none"


def url_for_rule(rule, case):
    values = {"case_id": case.id, "student_id": case.student_id, "filename": "regie.css",
              "agreement_id": case.test_agreement_id, "decision_id": case.test_decision_id,
              "token": "not-a-real-token", "proposal_id": case.test_proposal_id,
              "absence_id": case.test_absence_id, "import_id": case.test_import_id,
              "closure_id": case.test_closure_id, "factor_id": case.test_factor_id,
              "trajectory_id": case.test_trajectory_id, "domain": "classmates",
              "intervention_id": case.test_intervention_id, "goal_id": case.test_goal_id,
              "item_id": case.test_goal_id, "planned_id": case.test_planned_id,
              "member_id": next(m.id for m in reversed(case.members)),
              # a team member who is none of the actors (the admin may deactivate them)
              "user_id": next(m.user_id for m in reversed(case.members)),
              "school_id": case.student.school_id, "token_id": 2 ** 31 - 1}
    url = rule.rule
    for name in rule.arguments:
        url = url.replace(f"<int:{name}>", str(values[name])).replace(f"<{name}>", str(values[name])).replace(
            f"<path:{name}>", str(values[name]))
    return url


def outcome(response):
    status = response.status_code
    location = response.headers.get("Location", "")
    if status == 401 or (status in (301, 302, 303) and "/login?next=" in location):
        return LOGIN
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return HIDDEN
    return OK if status < 400 else "error"


def matches(expected, got):
    if expected == ALLOWED:
        return got in (OK, "error")
    return expected == got


def test_every_route_has_an_access_rule(app):
    missing = [(r.endpoint, m) for r in app.url_map.iter_rules()
               for m in r.methods - {"HEAD", "OPTIONS"} if (r.endpoint, m) not in RULES]
    assert not missing, f"routes without an access rule in RULES: {missing}"


def test_access_matrix(app, world, make):
    people, case_a, case_b = world
    tokens = {actor: make.token(user) for actor, user in people.items()}
    failures = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            check = RULES[(rule.endpoint, method)]
            for case in (case_a, case_b):
                url = url_for_rule(rule, case)
                db.session.expire_all()
                for actor in ACTORS:
                    client = app.test_client()
                    headers = {}
                    if actor != "anonymous":
                        if url.startswith("/api/"):
                            headers = tokens[actor]
                        else:
                            make.login(client, people[actor])
                    response = client.open(url, method=method, headers=headers,
                                           json={} if url.startswith("/api/") and method == "POST" else None)
                    got = outcome(response)
                    response.close()
                    expected = check(actor, relation(actor, people, case))
                    if not matches(expected, got):
                        failures.append(f"{method} {url} as {actor}: expected {expected}, "
                                        f"got {got} ({response.status_code})")
    assert not failures, "\n".join(failures)
