"""Who sees an item that has an audience, and which audiences a young person's age allows.

One rule for every such item. Agreements and home-visit summaries choose their audience
(checked against the age lines below); comments and read marks keep the audience of the
agreement when they were written; the other items have a fixed audience, named here.
Audiences (API.md): `team` (professionals only), `team_youth` (+ the youth), `everyone`
(+ parents).

Ages (issue 3; Dutch WGBO/Jeugdwet practice): a young person under 12 has no account;
from 16 a young person decides alone about sharing with their parents, so before that an
item shared with the youth is shared with the parents too.
"""
from datetime import date

from coordination.rules.legal_status import age_on

TEAM = "team"
TEAM_YOUTH = "team_youth"
EVERYONE = "everyone"
VISIBILITIES = (TEAM, TEAM_YOUTH, EVERYONE)

PROFESSIONAL = "professional"
YOUTH = "youth"
PARENT = "parent"

# Items whose audience is fixed.
NOTE_AUDIENCE = TEAM              # confidential notes
MEETING_RECORD_AUDIENCE = TEAM    # what was discussed at a multidisciplinary meeting
PLANNED_MEETING_AUDIENCE = EVERYONE  # date, time and place of a meeting to come
PROPOSAL_AUDIENCE = TEAM_YOUTH    # the youth's own ideas are theirs to share

MIN_YOUTH_ACCOUNT_AGE = 12
AGE_TO_HIDE_FROM_PARENTS = 16

_AUDIENCE = {
    TEAM: {PROFESSIONAL},
    TEAM_YOUTH: {PROFESSIONAL, YOUTH},
    EVERYONE: {PROFESSIONAL, YOUTH, PARENT},
}


def can_see(visibility: str, viewer: str) -> bool:
    """Whether a viewer ('professional', 'youth' or 'parent') may see the item."""
    return viewer in _AUDIENCE.get(visibility, set())


def visible_levels(viewer: str) -> tuple:
    return tuple(v for v in VISIBILITIES if can_see(v, viewer))


def visibility_allowed(visibility: str, youth_age: int) -> bool:
    """`team_youth` keeps an item from the parents: only from the youth's 16th year."""
    if visibility == TEAM_YOUTH:
        return youth_age >= AGE_TO_HIDE_FROM_PARENTS
    return visibility in VISIBILITIES


def audience_problem(visibility: str, date_of_birth: date, on: date) -> str | None:
    """None when the audience fits the young person on that day; else 'unknown' or
    'under_16'."""
    if visibility not in VISIBILITIES:
        return "unknown"
    if not visibility_allowed(visibility, age_on(date_of_birth, on)):
        return "under_16"
    return None


def sees_remark(written_for: str, item_now: str, viewer: str) -> bool:
    """A comment or read mark keeps the audience of the moment it was written: the viewer
    must be in that audience and in the item's audience now (audiences never widen)."""
    return can_see(written_for, viewer) and can_see(item_now, viewer)


def youth_may_have_account(date_of_birth: date, on: date) -> bool:
    return age_on(date_of_birth, on) >= MIN_YOUTH_ACCOUNT_AGE
