from datetime import date

import pytest

from coordination.rules.portal import youth_may_have_account

BORN = date(2014, 6, 10)


@pytest.mark.parametrize("on, allowed", [
    (date(2026, 6, 9), False),   # the day before the 12th birthday
    (date(2026, 6, 10), True),   # 12th birthday
])
def test_a_youth_gets_a_portal_account_from_12(on, allowed):
    assert youth_may_have_account(BORN, on) is allowed
