"""The picture of a case in a few lines, and what a team item must say."""
from datetime import date

from coordination.rules import factors
from coordination.rules.wegwijzer import DOMAINS

TODAY = date(2026, 11, 26)


class Item:
    def __init__(self, id):
        self.id = id


def test_strengths_and_protective_factors_weigh_against_risks():
    result = factors.balance(["risk", "risk", "strength", "protective", "protective"])
    assert result == {"risks": 2, "strengths": 3, "leaning": "strengths"}


def test_life_events_are_neither_risk_nor_strength():
    assert factors.balance(["life_event", "life_event", "risk"]) == {
        "risks": 1, "strengths": 0, "leaning": "risks"}


def test_no_items_is_an_even_picture():
    assert factors.balance([])["leaning"] == "even"


def test_only_the_three_newest_changes_newest_first():
    changes = [(date(2026, 1, d), "added", Item(d)) for d in (3, 1, 5, 2)]
    assert [c[0].day for c in factors.recent_changes(changes)] == [5, 3, 2]


def test_on_the_same_moment_the_later_written_item_comes_first():
    changes = [(TODAY, "added", Item(1)), (TODAY, "ended", Item(7))]
    assert [c[2].id for c in factors.recent_changes(changes)] == [7, 1]


def test_a_risk_without_an_area_is_missing_its_area():
    assert factors.problems("risk", None, None, None, TODAY, DOMAINS) == {"area": "missing"}


def test_a_strength_needs_no_area_and_no_day():
    assert factors.problems("strength", None, None, None, TODAY, DOMAINS) == {}


def test_a_life_event_needs_a_day_not_in_the_future():
    assert factors.problems("life_event", None, None, None, TODAY, DOMAINS) == {
        "happened_on": "missing"}
    assert factors.problems("life_event", None, None, date(2026, 11, 27), TODAY, DOMAINS) == {
        "happened_on": "future"}
    assert factors.problems("life_event", None, None, TODAY, TODAY, DOMAINS) == {}


def test_unknown_kind_area_and_domain_are_named():
    assert factors.problems("mood", "street", "weather", None, TODAY, DOMAINS) == {
        "kind": "unknown", "area": "unknown", "domain": "unknown"}


def test_a_family_item_is_a_risk_or_a_protective_factor():
    assert factors.FAMILY_KINDS == {"helps": "protective", "hard": "risk"}


def test_the_balance_takes_any_iterable_once():
    assert factors.balance(k for k in ["strength", "risk", "strength"])["strengths"] == 2
