"""The Wegwijzer plan's rules: which domains get a plan section, and what a change is."""
from datetime import date

from coordination.rules.wegwijzer import DOMAINS
from coordination.rules.wegwijzer_plan import (
    RECOGNITION_LEVELS,
    changed_fields,
    is_overdue,
    needs_due_date,
    plan_domains,
)


def test_the_three_nji_levels_and_not_recognised_from_low_to_high():
    assert RECOGNITION_LEVELS == ("not_recognised", "well_described", "well_founded",
                                  "effective")


def test_chosen_domains_get_a_section_in_the_manuals_order():
    assert plan_domains(DOMAINS, {"collaboration", "school_climate"}, set()) == [
        ("school_climate", True), ("collaboration", True)]


def test_a_domain_no_longer_chosen_keeps_its_section_while_it_holds_a_plan():
    assert plan_domains(DOMAINS, {"classmates"}, {"school_climate", "classmates"}) == [
        ("school_climate", False), ("classmates", True)]


def test_an_unchosen_domain_without_a_plan_gets_no_section():
    assert plan_domains(DOMAINS, set(), set()) == []


def test_only_an_action_needs_a_due_date():
    assert needs_due_date("action") and not needs_due_date("goal")


def test_an_open_action_past_its_date_is_overdue_a_done_one_is_not():
    today = date(2026, 11, 26)
    assert is_overdue("open", date(2026, 11, 25), today)
    assert not is_overdue("done", date(2026, 11, 25), today)
    assert not is_overdue("open", today, today)


def test_a_change_lists_only_what_differs():
    before = {"text": "Train", "owner_user_id": 1, "due_date": None, "status": "open"}
    assert changed_fields(before, {**before, "status": "done"}) == {"status": "done"}
    assert changed_fields(before, dict(before)) == {}
