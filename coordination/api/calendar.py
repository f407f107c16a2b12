from flask import g, jsonify, request

from coordination import access
from coordination.api.blueprint import bp, payload
from coordination.api.jsoninput import form_from_json
from coordination.api.serializers import closure_json
from coordination.attendance import closures
from coordination.attendance.forms import ClosureForm
from coordination.errors import Forbidden

HOLIDAY_FIELDS = ("region", "first", "last", "name")


@bp.post("/holidays")
def add_holiday():
    """`{region, first, last, name}`: a holiday of a region (DOMAIN.md §3b), through the
    same form and service as the calendar page. :raise 403: not an admin."""
    if not access.may_administer(g.api_user):
        raise Forbidden()
    data = payload()
    form = form_from_json(ClosureForm, {k: data[k] for k in HOLIDAY_FIELDS if k in data})
    holiday = closures.add_closure(g.api_user, form.region.data, None, form.first.data,
                                   form.last.data, form.name.data)
    return jsonify(closure_json(holiday)), 201


@bp.post("/schools/<int:school_id>/calendar")
def import_school_calendar(school_id):
    """A `text/calendar` body (iCalendar): the school's own days off, all or none; days the
    school already has are skipped. :raise 403: not an admin. :raise 404: no such school.
    :raise 422: not iCalendar, too large, or events that cannot be stored."""
    imported, _skipped = closures.import_calendar(g.api_user, school_id, request.stream)
    return jsonify({"imported": imported})
