"""The audit log as pages: the admins' audit page (with a CSV export), and for everyone
on a case the list of who viewed or changed it ("Wie heeft mijn dossier bekeken")."""
from functools import wraps

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.accounts.forms import ROLE_LABELS
from coordination.audit import services
from coordination.audit.labels import describe
from coordination.cases.forms import CASE_ROLE_LABELS
from coordination.validation import optional_db_int
from coordination.web import form_date

bp = Blueprint("audit", __name__)

# Ids are 32-bit integers in the database: anything else matches nothing.
MAX_ID = 2 ** 31 - 1


def admin_only(view):
    """Admins only; for everyone else the page does not exist (404)."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not access.may_administer(current_user):
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def _filters():
    """The filters from the query string, and the names of those that are malformed."""
    args, bad = request.args, []

    def ident(name):
        raw = args.get(name, "").strip()
        value = optional_db_int(raw)
        if raw and (value is None or not 0 < value <= MAX_ID):
            bad.append(name)
            return None
        return value

    def day(name):
        raw = args.get(name, "").strip()
        value = form_date(raw)
        if raw and value is None:
            bad.append(name)
        return value

    filters = services.Filters(
        user_email=args.get("user", "").strip()[:254] or None, student_id=ident("student_id"),
        case_id=ident("case_id"), first=day("from"), last=day("to"))
    return filters, ident("before"), bad


@bp.route("/admin/audit")
@admin_only
def index():
    """Audit events, newest first, one page per request. :raise 404: not an admin."""
    filters, before, bad = _filters()
    rows, cursor = ([], None) if bad else services.search(current_user, filters, before)
    return render_template("audit/index.html", rows=rows, cursor=cursor, bad=bad,
                           args=request.args.to_dict(), role_labels=ROLE_LABELS), (
        422 if bad else 200)


@bp.route("/admin/audit.csv")
@admin_only
def export():
    """The filtered events as CSV, streamed. :raise 404: not an admin."""
    filters, _before, bad = _filters()
    if bad:
        abort(422)
    chunks = services.export_csv(current_user, filters,
                                 current_app._get_current_object().app_context)
    return Response(chunks, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=audit.csv"})


@bp.route("/cases/<int:case_id>/access-log")
@login_required
def access_log(case_id):
    """Who viewed or changed this case. :raise 404: not on the case."""
    case, items, cursor = services.access_log(current_user, case_id, optional_db_int(
        request.args.get("before")))
    labels = {**ROLE_LABELS, **CASE_ROLE_LABELS, "system": _("Regie itself (automatic)")}
    return render_template("audit/access_log.html", case=case, items=items, cursor=cursor,
                           role_labels=labels, describe=describe)
