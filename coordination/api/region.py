from flask import Response, g, jsonify, request

from coordination.api.blueprint import bp
from coordination.api.serializers import region_overview_json, thuiszitter_report_json
from coordination.region import services
from coordination.rules.region import previous_quarter
from coordination.timeutil import today_local
from coordination.validation import query_date


@bp.get("/region/overview")
def region_overview():
    """The region's figures on `?on=` (default today) for the caller's schools and
    municipalities. :raise 403: not an analyst."""
    services.require_region(g.api_user)
    on = query_date("on") or today_local()
    return jsonify(region_overview_json(services.overview(g.api_user, on)))


@bp.get("/region/thuiszitters")
def region_thuiszitters():
    """The quarterly thuiszitter report for `?quarter=YYYYQn` (default the last whole
    quarter), one row per school; CSV with `Accept: text/csv`.
    :raise 403: not an analyst. :raise 422: a bad quarter."""
    services.require_region(g.api_user)
    report = services.thuiszitter_report(
        g.api_user, request.args.get("quarter", previous_quarter(today_local())))
    if request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv":
        return Response(services.thuiszitter_csv(report), mimetype="text/csv", headers={
            "Content-Disposition": f"attachment; filename=thuiszitters-{report.quarter}.csv"})
    return jsonify(thuiszitter_report_json(report))
