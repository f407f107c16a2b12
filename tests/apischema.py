"""Every JSON answer of API v1 in every test is checked against the OpenAPI document
(coordination/api/openapi.py): its status must be one the document lists for that
operation, and its body must follow the answer's schema. So the document cannot drift
from what the API answers without a test failing (issue 15, "an API test client that
checks every JSON answer against the document").

Only operations the document describes are checked: a path no route has (404), a
method a route does not take (405) or a host the app does not serve (400) is the
router's answer, not the operation's.
"""
import functools

import jsonschema_rs
from werkzeug.exceptions import HTTPException
from werkzeug.sansio.utils import host_is_trusted

from coordination.api.openapi import DOCUMENT

PREFIX = DOCUMENT["servers"][0]["url"]
_REF = "#/components/schemas/"


def json_schema(schema):
    """An OpenAPI 3.0 schema as JSON Schema (draft 4): `nullable` becomes "or null",
    references point into `definitions`."""
    if isinstance(schema, list):
        return [json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {}
    for key, value in schema.items():
        if key == "$ref" and value.startswith(_REF):
            converted[key] = "#/definitions/" + value.removeprefix(_REF)
        elif key == "properties":
            converted[key] = {name: json_schema(sub) for name, sub in value.items()}
        elif key in ("nullable", "example", "format"):
            continue
        else:
            converted[key] = json_schema(value)
    if schema.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@functools.cache
def _definitions():
    return {name: json_schema(s) for name, s in DOCUMENT["components"]["schemas"].items()}


@functools.cache
def _validator(path, method, status):
    answer = DOCUMENT["paths"][path][method]["responses"][status]
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    return jsonschema_rs.Draft4Validator({**json_schema(schema), "definitions": _definitions()})


def _operation(app, request_path, method):
    """The document's (path, method) for a request, or None when it describes none."""
    try:
        rule, _ = app.url_map.bind("localhost").match(
            request_path, method=method, return_rule=True)
    except HTTPException:
        return None
    path = rule.rule.removeprefix(PREFIX).replace("<int:", "{").replace(">", "}")
    method = method.lower()
    if method not in DOCUMENT["paths"].get(path, {}):
        return None
    return path, method


def check(app, response):
    """The document's (path, method) the answer was checked against, or None when the
    document describes no such operation (the router's answer).

    :raise AssertionError: an API answer the document does not describe."""
    request = response.request
    if not request.path.startswith(PREFIX + "/") or request.method == "HEAD":
        return None
    trusted = app.config.get("TRUSTED_HOSTS")
    if trusted and not host_is_trusted(request.host, trusted):
        return None
    operation = _operation(app, request.path, request.method)
    if operation is None:
        return None
    path, method = operation
    responses = DOCUMENT["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, (
        f"{request.method} {request.path} answered {status}, which the document does not "
        f"list for {method.upper()} {path} ({sorted(responses)})")
    validator = _validator(path, method, status)
    if response.mimetype != "application/json" or validator is None:
        return operation
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}"
              for e in validator.iter_errors(response.get_json())]
    assert not errors, (
        f"{request.method} {request.path} {status} does not follow the document:\n"
        + "\n".join(errors[:10]))
    return operation
