"""Every change or look a family can meet in its case's access log has plain words of its
own (coordination/audit/labels.py), not only the generic "changed something"."""
import re
from pathlib import Path

from coordination.audit.labels import ACTION_LABELS

SOURCE = Path(__file__).resolve().parents[2] / "coordination"
RECORDED = re.compile(r'audit\.record\([^,]+,\s*"([a-z_.]+)"')
# The kinds of action that are recorded with a case and so show in its access log.
CASE_KINDS = ("case", "agreement", "proposal", "meeting", "member", "portal", "factor",
              "note", "suspension", "expulsion")
CASE_STUDENT_ACTIONS = {"student.deregister", "student.enrol", "student.startkwalificatie"}


def recorded_actions():
    found = set()
    for path in SOURCE.rglob("*.py"):
        found |= set(RECORDED.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_actions_of_a_case_all_have_plain_words():
    actions = recorded_actions()
    assert "case.open" in actions and "agreement.revise" in actions  # the scan works
    on_a_case = {a for a in actions if a.split(".")[0] in CASE_KINDS} | (
        CASE_STUDENT_ACTIONS & actions)
    assert sorted(on_a_case - set(ACTION_LABELS)) == []
