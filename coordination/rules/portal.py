"""Who may have a portal account (issue 3; Dutch WGBO/Jeugdwet practice): a young person
under 12 has none; parents and carers do."""
from datetime import date

from coordination.rules.legal_status import age_on

MIN_YOUTH_PORTAL_AGE = 12
INVITATION_DAYS = 7


def youth_may_have_account(date_of_birth: date, on: date) -> bool:
    return age_on(date_of_birth, on) >= MIN_YOUTH_PORTAL_AGE
