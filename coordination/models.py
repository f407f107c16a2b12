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
from coordination.cases.models import (
    Case,
    CaseMember,
    CaseNote,
    CoordinatorHandover,
    HardToAttendStatement,
)
from coordination.factors.models import CaseAbsenceKind, CaseFactor, FactorEnding
from coordination.followup.models import (
    ContactAttempt,
    Deregistration,
    Enrolment,
    FollowUpStop,
    LeaverProfile,
    StartCheck,
)
from coordination.mail.models import OutboxMessage
from coordination.meetings.models import (
    AgendaItem,
    Decision,
    DecisionFactor,
    Meeting,
    PlannedMeeting,
)
from coordination.notifications.models import Notification
from coordination.portal.models import Invitation
from coordination.privacy.models import PurgePermit
from coordination.region.models import RegionFigure, RegionFigureStamp, RegionSchoolFigure
from coordination.scheduler.models import ScheduledItem
from coordination.schools.models import School, SchoolTimetable
from coordination.signals.models import (
    DueReportState,
    SignalEpisode,
    SignalStamp,
    Tier2Effect,
)
from coordination.students.models import Exemption, Student
from coordination.suspensions.models import (
    Expulsion,
    ExpulsionRevision,
    Suspension,
    SuspensionRevision,
)
from coordination.tiers.models import AwayPeriod, CasePause, Review, TierChange
from coordination.visits.models import CaseRisk, HomeVisit
from coordination.wegwijzer.models import Choice, Participant, Round, Score, Trajectory
from coordination.wegwijzer.plan_models import (
    Intervention,
    InterventionWithdrawal,
    PlanItem,
    PlanRevision,
)

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
    "HardToAttendStatement", "SchoolTimetable",
    "user_schools", "DueReportState", "SignalEpisode", "SignalStamp",
    "Expulsion", "ExpulsionRevision", "Suspension", "SuspensionRevision",
    "CaseAbsenceKind", "CaseFactor", "FactorEnding", "Choice", "Participant", "Score",
    "Trajectory", "Intervention", "InterventionWithdrawal", "PlanItem", "PlanRevision",
    "AgendaItem", "DecisionFactor", "Round", "Tier2Effect", "RegionFigure", "RegionFigureStamp",
    "RegionSchoolFigure",
]

# Registers the listeners that mark stored state stale when its inputs change: the region
# figures of a school, and the signal state of a student.
from coordination.region import stale  # noqa: E402, F401
from coordination.signals import invalidation  # noqa: E402, F401
