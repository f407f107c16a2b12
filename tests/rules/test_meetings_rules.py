from coordination.rules.meetings import meetings_since_last_decision


def test_counts_the_meetings_after_the_last_decision():
    assert meetings_since_last_decision([]) == 0
    assert meetings_since_last_decision([True]) == 0
    assert meetings_since_last_decision([True, False, False]) == 2
    assert meetings_since_last_decision([False, False, False]) == 3
    assert meetings_since_last_decision([False, True, False]) == 1
