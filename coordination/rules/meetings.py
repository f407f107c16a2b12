"""Decisions, not more meetings (DOMAIN.md §1, §9; seed 001: "4 or 5 meetings and never a
step further")."""


def meetings_since_last_decision(decision_counts: list) -> int:
    """How many meetings, newest last in `decision_counts`, passed after the last one that
    decided something."""
    count = 0
    for decided in reversed(decision_counts):
        if decided:
            break
        count += 1
    return count
