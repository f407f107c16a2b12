"""The worked cases of tests/rules/followup_cases.py, one test each (issue 10 "Proof")."""
import pytest

from coordination.rules.followup import absolute_verzuim_at_leaving, needs_follow_up, plan
from tests.rules.followup_cases import CASES


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_followup_case(case):
    assert case["reason"]
    born, left, diploma = case["born"], case["left"], case.get("diploma", False)
    end_age = case.get("end_age", 24)
    if absolute_verzuim_at_leaving(born, diploma, left, case.get("vso")):
        route = "absolute"
    elif needs_follow_up(born, diploma, left, end_age):
        route = "followup"
    else:
        route = "none"
    assert route == case["route"], case["reason"]
    if route != "followup":
        return
    reminders = plan(left, born, end_age)
    due = {}
    for reminder in reminders:
        due.setdefault(reminder.kind, reminder.due)
    for kind in ("contact", "zomeractie", "start_check"):
        assert due.get(kind) == case[kind], (kind, case["reason"])
    assert reminders[-1].due == case["last"], case["reason"]
