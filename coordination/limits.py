"""The longest text each kind of field takes, named once (issue 15: one text check).

Services check against these (validation.clean_text), forms render them as maxlength, and
templates that still write a control by hand read them as the `limits` global:
maxlength="{{ limits.TEXT }}".
"""

# Free text: agreements, proposals and answers, views on an agreement, notes of reviews,
# meetings, the follow-up and the Kearney (b) statement, reasons for a tier or a pause.
TEXT = 2000
# Why something changed or ended: an agreement's revision, a correction of an absence, a
# new absence entered by hand, closing a factor.
REASON = 1000
# The team's confidential note on a case.
CASE_NOTE = 5000
# A visit's summary and confidential note; what was said and agreed in a contact attempt.
LONG_TEXT = 4000
# Why a student is exempt.
EXEMPTION_REASON = 200
# The name of another school (the one that admits an expelled student).
SCHOOL_NAME = 200
# Why a young person left school.
LEAVING_REASON = 200
# The reference DUO's verzuimloket gives a report (attendance.models.DuoReport.reference).
DUO_REFERENCE = 64
# A note beside a Wegwijzer score.
SCORE_NOTE = 300
# An e-mail address (RFC 5321's longest path).
EMAIL = 254
# What one types into a search box.
SEARCH = 100
# A quarter written as 'YYYYQn'.
QUARTER = 6
