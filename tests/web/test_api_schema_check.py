"""The check every API test's answers go through (tests/apischema.py) does refuse an
answer the document does not describe."""
import json

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from tests import apischema


def answer(app, path, status, body, method="GET"):
    response = app.response_class(json.dumps(body), status=status, mimetype="application/json")
    response.request = Request(EnvironBuilder(path=path, method=method).get_environ())
    return response


ME = {"id": 1, "email": "a@example.nl", "name": "A", "role": "coordinator"}


def test_an_answer_that_follows_the_document_passes(app):
    assert apischema.check(app, answer(app, "/api/v1/me", 200, ME)) == ("/me", "get")


def test_a_missing_field_or_a_wrong_type_fails(app):
    with pytest.raises(AssertionError, match="does not follow the document"):
        apischema.check(app, answer(app, "/api/v1/me", 200, {**ME, "id": "one"}))
    without_role = {k: v for k, v in ME.items() if k != "role"}
    with pytest.raises(AssertionError, match="does not follow the document"):
        apischema.check(app, answer(app, "/api/v1/me", 200, without_role))


def test_a_status_the_document_does_not_list_fails(app):
    with pytest.raises(AssertionError, match="does not list"):
        apischema.check(app, answer(app, "/api/v1/me", 409, {"error": {}}))


def test_the_routers_own_answers_are_not_the_operations(app):
    assert apischema.check(app, answer(app, "/api/v1/no-such-thing", 404, {"error": {}})) is None
    assert apischema.check(app, answer(app, "/api/v1/me", 405, {}, method="DELETE")) is None


def test_nullable_becomes_or_null():
    schema = apischema.json_schema({"type": "string", "nullable": True, "format": "date"})
    assert schema == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert apischema.json_schema({"$ref": "#/components/schemas/Case"}) == {
        "$ref": "#/definitions/Case"}
