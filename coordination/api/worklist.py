from flask import g, jsonify

from coordination.api.blueprint import bp
from coordination.api.serializers import worklist_item_json
from coordination.timeutil import today_local
from coordination.validation import query_date
from coordination.worklist import services


@bp.get("/worklist")
def worklist():
    """What the caller has to do as of `?on=YYYY-MM-DD` (default today), by due day.
    :raise 403: not a professional."""
    on = query_date("on") or today_local()
    items = services.worklist(g.api_user, on)
    return jsonify({"items": [worklist_item_json(item) for item in items], "next": None})
