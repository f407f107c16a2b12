"""The Wegwijzer's stages (the manual's seven steps, derived from what happened in the
round) and the comparison of two scoring rounds, with the "< 5" rule per round and group."""
from coordination.rules import wegwijzer as w


def triples(group, domain, scores):
    return [(group, domain, s) for s in scores]


def row(rows, domain):
    return next(r for r in rows if r["domain"] == domain)


def stage(**facts):
    return w.current_stage(**{"invited": 1, "scored": 0, "chosen": False, **facts})


def test_the_stages_are_the_manuals_seven_steps_in_order():
    assert w.STAGES == ("core_team", "current_situation", "vision", "goals", "plan",
                        "carry_out", "look_back")


def test_a_first_round_with_only_its_starter_is_forming_the_core_team():
    assert stage() == w.CORE_TEAM


def test_someone_invited_who_has_not_scored_keeps_the_round_mapping_the_situation():
    assert stage(invited=6, scored=5) == w.CURRENT_SITUATION
    assert stage(invited=6, scored=0) == w.CURRENT_SITUATION


def test_the_starter_alone_having_scored_is_past_the_core_team():
    assert stage(invited=1, scored=1) == w.VISION


def test_everyone_scored_and_nothing_chosen_is_talking_about_the_report():
    assert stage(invited=6, scored=6) == w.VISION


def test_domains_chosen_means_the_goals_are_set_and_the_plan_is_next():
    assert stage(invited=6, scored=3, chosen=True) == w.PLAN


def test_a_plan_is_carried_out_until_it_is_done_or_a_year_has_passed():
    assert stage(chosen=True, plan_made=True, round_age_days=364) == w.CARRY_OUT
    assert stage(chosen=True, plan_made=True, round_age_days=365) == w.LOOK_BACK
    assert stage(chosen=True, plan_made=True, plan_done=True) == w.LOOK_BACK


def test_a_later_round_starts_again_at_mapping_the_situation():
    assert stage(round_number=2, invited=1, scored=0) == w.CURRENT_SITUATION


def test_steps_before_the_current_one_are_done_and_after_it_to_do():
    steps = w.stage_steps(w.VISION)
    assert [s["state"] for s in steps] == ["done", "done", "current", "to_do", "to_do",
                                           "to_do", "to_do"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5, 6, 7]


def test_a_new_round_needs_scores_in_the_previous_one():
    assert w.may_start_round(0) is False
    assert w.may_start_round(1) is True


def test_a_round_within_a_year_is_too_soon_and_after_a_year_is_not():
    assert w.round_too_soon(364) is True
    assert w.round_too_soon(365) is False


def test_the_change_is_the_current_mean_minus_the_previous_one():
    rows = w.compare(triples("team", "classmates", [4, 5, 5, 6, 5]),
                     triples("team", "classmates", [6, 7, 7, 6, 8]))
    team = row(rows, "classmates")["groups"]["team"]
    assert (team["previous"]["mean"], team["current"]["mean"], team["change"]) == (5.0, 6.8, 1.8)


def test_a_decline_is_a_negative_change():
    rows = w.compare(triples("parents", "home_situation", [8] * 5),
                     triples("parents", "home_situation", [6, 6, 7, 6, 6]))
    assert row(rows, "home_situation")["groups"]["parents"]["change"] == -1.8


def test_a_group_under_five_in_either_round_is_hidden_and_has_no_change():
    rows = w.compare(triples("students", "school_climate", [3, 4, 5, 6]),
                     triples("students", "school_climate", [7, 7, 8, 8, 9]))
    students = row(rows, "school_climate")["groups"]["students"]
    assert students["previous"] == {"hidden": True, "n": None}
    assert students["current"]["hidden"] is False and students["current"]["n"] == 5
    assert students["change"] is None


def test_hidden_groups_still_count_in_the_whole_school_of_each_round():
    rows = w.compare(triples("team", "collaboration", [5] * 3)
                     + triples("parents", "collaboration", [7] * 2),
                     triples("team", "collaboration", [6] * 3)
                     + triples("parents", "collaboration", [8] * 3))
    everyone = row(rows, "collaboration")["all"]
    assert (everyone["previous"]["n"], everyone["current"]["n"]) == (5, 6)
    assert everyone["change"] == 1.2  # 5.8 → 7.0


def test_a_domain_nobody_scored_in_a_round_is_hidden_in_that_round():
    rows = w.compare([], triples("team", "mental_capital", [5] * 5))
    assert row(rows, "mental_capital")["groups"]["team"]["previous"]["hidden"] is True
    assert [r["domain"] for r in rows] == list(w.DOMAINS)
