"""Invitations to the portal. Who may have an account at all is the audience rule's
(`rules.audiences.youth_may_have_account`: none under 12)."""
from coordination.rules.audiences import MIN_YOUTH_ACCOUNT_AGE, youth_may_have_account  # noqa: F401

INVITATION_DAYS = 7
