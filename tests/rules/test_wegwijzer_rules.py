"""The Wegwijzer report: spread per group and domain, differences between groups, and
groups of fewer than five participants hidden."""
from coordination.rules import wegwijzer as w


def triples(group, domain, scores):
    return [(group, domain, s) for s in scores]


def row(rows, domain):
    return next(r for r in rows if r["domain"] == domain)


def test_spread_gives_lowest_highest_median_mean_and_counts():
    result = w.spread([2, 4, 4, 9, 10])
    assert (result["n"], result["low"], result["high"], result["median"], result["mean"]) == (
        5, 2, 10, 4, 5.8)
    assert result["counts"][4] == 2 and result["counts"][1] == 0


def test_nobody_scored_is_no_spread():
    assert w.spread([]) is None


def test_a_group_of_four_is_hidden_and_of_five_is_shown():
    rows = w.report(triples("parents", "school_climate", [7, 7, 8, 9])
                    + triples("team", "school_climate", [5, 6, 6, 7, 8]))
    climate = row(rows, "school_climate")
    assert climate["groups"]["parents"] == {"hidden": True, "n": None}
    assert climate["groups"]["team"]["hidden"] is False
    assert climate["groups"]["team"]["median"] == 6


def test_a_hidden_group_still_counts_in_the_whole_school():
    rows = w.report(triples("parents", "collaboration", [2, 2, 2, 2])
                    + triples("team", "collaboration", [8, 8, 8, 8, 8]))
    assert row(rows, "collaboration")["all"]["n"] == 9


def test_the_difference_is_between_the_means_of_the_shown_groups():
    rows = w.report(triples("team", "home_situation", [8, 8, 8, 8, 9])
                    + triples("students", "home_situation", [4, 4, 5, 5, 5]))
    assert row(rows, "home_situation")["difference"] == 3.6


def test_one_shown_group_has_no_difference():
    rows = w.report(triples("team", "classmates", [5] * 6)
                    + triples("students", "classmates", [1] * 4))
    assert row(rows, "classmates")["difference"] is None


def test_the_domains_that_differ_most_come_first():
    scores = (triples("team", "school_climate", [8] * 5) + triples("students", "school_climate", [3] * 5)
              + triples("team", "mental_capital", [6] * 5) + triples("students", "mental_capital", [5] * 5)
              + triples("team", "collaboration", [7] * 5) + triples("parents", "collaboration", [7] * 5))
    assert w.most_different(w.report(scores)) == ["school_climate", "mental_capital"]


def test_scores_outside_one_to_ten_are_ignored():
    rows = w.report(triples("team", "classmates", [0, 11, 5, 5, 5, 5, 5]))
    assert row(rows, "classmates")["groups"]["team"]["n"] == 5


def test_the_report_lists_the_eight_domains_in_the_manuals_order():
    assert [r["domain"] for r in w.report([])] == list(w.DOMAINS)
    assert len(w.DOMAINS) == 8


def test_about_three_domains_are_chosen():
    assert w.choice_problem([]) == "none"
    assert w.choice_problem(["school_climate", "weather"]) == "unknown"
    assert w.choice_problem(list(w.DOMAINS[:5])) == "too_many"
    assert w.choice_problem(list(w.DOMAINS[:3])) is None
