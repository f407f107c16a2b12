"""Every model, imported once so that SQLAlchemy and Alembic see the whole schema."""
from coordination.accounts.models import (
    ApiToken,
    LoginSession,
    User,
    UserMunicipality,
    user_schools,
)
from coordination.agreements.models import (
    Agreement,
    AgreementComment,
    AgreementRead,
    AgreementRevision,
    Proposal,
    ProposalAnswer,
)
from coordination.attendance.models import (
    Absence,
    AbsenceStaging,
    AttendanceImport,
    CalendarClosure,
    DuoReport,
)
from coordination.audit.models import AuditEvent
from coordination.cases.models import Case, CaseMember, CaseNote, CoordinatorHandover
from coordination.followup.models import (
    ContactAttempt,
    Deregistration,
    Enrolment,
    FollowUpStop,
    LeaverProfile,
    StartCheck,
)
from coordination.mail.models import OutboxMessage
from coordination.meetings.models import Decision, Meeting, PlannedMeeting
from coordination.notifications.models import Notification
from coordination.portal.models import Invitation
from coordination.privacy.models import PurgePermit
from coordination.scheduler.models import ScheduledItem
from coordination.schools.models import School
from coordination.students.models import Exemption, Student
from coordination.tiers.models import AwayPeriod, CasePause, Review, TierChange
from coordination.visits.models import CaseRisk, HomeVisit

__all__ = [
    "CaseRisk", "ContactAttempt", "Deregistration", "Enrolment", "FollowUpStop", "HomeVisit",
    "LeaverProfile", "StartCheck",
    "AwayPeriod", "CasePause", "Notification", "Review", "ScheduledItem", "TierChange",
    "Absence", "AbsenceStaging", "AttendanceImport", "CalendarClosure", "DuoReport",
    "Agreement", "AgreementComment", "AgreementRead", "AgreementRevision", "ApiToken",
    "AuditEvent", "Case", "CaseMember",
    "CaseNote", "CoordinatorHandover", "Decision", "Invitation", "Meeting",
    "OutboxMessage", "PlannedMeeting", "Proposal", "ProposalAnswer",
    "Exemption", "LoginSession", "PurgePermit", "School", "Student", "User", "UserMunicipality",
    "user_schools",
]
