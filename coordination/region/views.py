"""The partnership's overview and the quarterly thuiszitter report (analysts only)."""
from functools import wraps

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import format_decimal
from flask_login import current_user, login_required

from coordination import access
from coordination.errors import ValidationError
from coordination.factors.labels import DOMAIN_LABELS
from coordination.region import services
from coordination.region.labels import TABLE_LABELS, VERDICT_LABELS
from coordination.rules.region import SMALL_COUNT, previous_quarter
from coordination.timeutil import today_local
from coordination.validation import query_date

bp = Blueprint("region", __name__, url_prefix="/region")


def analyst_required(view):
    """Logged in as an analyst; 403 for other roles."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not access.may_view_region(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def percent(share):
    """A share (fraction) as a percentage with one decimal, in the page's language."""
    return "" if share is None else f"{format_decimal(share * 100, format='0.0')} %"


def score(value):
    """A domain's median (a number, or "< 5") as shown in the page's language."""
    return value if isinstance(value, str) else format_decimal(value, format="0.#")


def _csv(text, filename):
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})


@bp.route("")
@analyst_required
def overview():
    """The figures on `?on=` (default today). :raise 422: a bad date."""
    result = services.overview(current_user, query_date("on") or today_local())
    return render_template("region/overview.html", result=result, tables=TABLE_LABELS,
                           verdicts=VERDICT_LABELS, small=SMALL_COUNT, percent=percent,
                           domains=DOMAIN_LABELS, score=score,
                           school_label=lambda row: row["name"],
                           level_label=lambda row: row["level"])


@bp.route("/overview.csv")
@analyst_required
def overview_csv():
    """One table of the overview (`?table=`) as CSV. :raise 422: a bad date or table."""
    table = request.args.get("table", "by_school")
    result = services.overview(current_user, query_date("on") or today_local())
    return _csv(services.overview_csv(result, table),
                f"regio-{table}-{result.on.isoformat()}.csv")


@bp.route("/thuiszitters")
@analyst_required
def thuiszitters():
    """The quarterly thuiszitter report, printable. A bad quarter: the form again (422)."""
    quarter = request.args.get("quarter") or previous_quarter(today_local())
    try:
        report = services.thuiszitter_report(current_user, quarter)
    except ValidationError as exc:
        return render_template("region/thuiszitters.html", report=None, quarter=quarter,
                               errors=exc.fields.get("quarter", []), small=SMALL_COUNT), 422
    return render_template("region/thuiszitters.html", report=report, quarter=report.quarter,
                           errors=[], small=SMALL_COUNT)


@bp.route("/thuiszitters.csv")
@analyst_required
def thuiszitters_csv():
    """The quarterly thuiszitter report as CSV. :raise 422: a bad quarter."""
    report = services.thuiszitter_report(
        current_user, request.args.get("quarter") or previous_quarter(today_local()))
    return _csv(services.thuiszitter_csv(report), f"thuiszitters-{report.quarter}.csv")
