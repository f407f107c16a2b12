from flask import g, jsonify

from coordination.api.blueprint import bp, payload
from coordination.api.serializers import (
    deregistration_json,
    enrolment_json,
    home_visit_json,
    reminder_json,
)
from coordination.followup import services as followup
from coordination.timeutil import today_local, utcnow
from coordination.validation import parse_date
from coordination.visits import services as visits


def _date(data, name, required=True):
    return parse_date(data.get(name), name, required=required)


@bp.post("/students/<int:student_id>/deregistrations")
def deregister(student_id):
    """`{left_on, reason}`: starts the dropout follow-up when it applies (12 until the end
    age, no startkwalificatie); of compulsory age with no new school it is absoluut verzuim
    for the attendance officer instead. :raise 404: the student is not visible."""
    followup.student_to_write(g.api_user, student_id)
    data = payload(left_on=str, reason=str)
    record = followup.deregister(g.api_user, student_id, _date(data, "left_on"),
                                 data.get("reason"))
    return jsonify(deregistration_json(record)), 201


@bp.post("/students/<int:student_id>/enrolments")
def enrol(student_id):
    """`{school_id, enrolled_on}`: ends the follow-up from `enrolled_on`. :raise 422: a day
    before the last leaving date."""
    followup.student_to_write(g.api_user, student_id)
    data = payload(school_id=int, enrolled_on=str)
    record = followup.enrol(g.api_user, student_id, data.get("school_id"),
                            _date(data, "enrolled_on"), utcnow())
    return jsonify(enrolment_json(record)), 201


@bp.post("/cases/<int:case_id>/home-visits")
def home_visit(case_id):
    """`{visited_on, outcome, summary, confidential_note?}`; outcome ∈ met_youth,
    met_parent, met_both, nobody_home, refused."""
    visits.case_to_visit(g.api_user, case_id)
    data = payload(visited_on=str, outcome=str, summary=str, confidential_note=str,
                   visibility=str, next_visit_on=str)
    visit = visits.log_visit(g.api_user, case_id, _date(data, "visited_on"), data.get("outcome"),
                             data.get("summary"), today_local(),
                             confidential_note=data.get("confidential_note"),
                             visibility=data.get("visibility") or "team",
                             next_visit_on=_date(data, "next_visit_on", required=False))
    return jsonify(home_visit_json(visit)), 201


@bp.get("/cases/<int:case_id>/reminders")
def reminders(case_id):
    """Planned, sent and cancelled reminders; pending while sent_at and cancelled_at are
    both null."""
    items = followup.reminders(g.api_user, case_id)
    return jsonify({"items": [reminder_json(item) for item in items], "next": None})
