"""The region overview's Wegwijzer per school: the median of all participants' scores
per domain of the latest trajectory, hidden below five participants."""
from coordination.rules.wegwijzer import DOMAINS, school_domain_scores


def test_five_participants_on_a_domain_give_its_median():
    scores = [("school_climate", s) for s in (3, 4, 6, 8, 9)]
    assert school_domain_scores(scores)["school_climate"] == 6


def test_an_even_number_of_scores_gives_the_middle_of_the_two_middle_ones():
    scores = [("collaboration", s) for s in (2, 4, 7, 9, 10, 10)]
    assert school_domain_scores(scores)["collaboration"] == 8


def test_four_participants_on_a_domain_are_hidden():
    scores = [("classmates", s) for s in (1, 1, 2, 10)]
    assert school_domain_scores(scores)["classmates"] is None


def test_each_domain_counts_its_own_participants():
    scores = ([("home_situation", 7)] * 5) + ([("mental_capital", 5)] * 4)
    result = school_domain_scores(scores)
    assert (result["home_situation"], result["mental_capital"]) == (7, None)


def test_every_domain_is_answered_in_the_manuals_order_even_when_nobody_scored():
    assert list(school_domain_scores([])) == list(DOMAINS)
    assert set(school_domain_scores([]).values()) == {None}


def test_scores_outside_1_to_10_and_unknown_domains_do_not_count():
    scores = [("school_climate", s) for s in (5, 5, 5, 5, 0)] + [("nonsense", 5)] * 5
    assert school_domain_scores(scores)["school_climate"] is None
