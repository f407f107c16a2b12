"""What an audit event means to the people in the file, in plain words (B1).

Every event is a look (`viewed`), a change (`changed`) or an attempt that was refused
(`denied`). Actions not named here still get a plain sentence from their kind.
"""
from flask_babel import lazy_gettext as _l

VIEWED, CHANGED, DENIED = "viewed", "changed", "denied"
READ_SUFFIXES = (".read", ".list", ".history", ".signals", ".export", ".reminders",
                 ".access_log", ".pre_visit_card", ".reports_due", ".summer_list")
# The reads of the access log itself: audited, but not shown in it (they would fill it).
ACCESS_LOG_READ = "case.access_log"

ACTION_LABELS = {
    "case.read": _l("Looked at the file"),
    "case.list": _l("Looked at the list of files"),
    "student.read": _l("Looked at the details of the pupil"),
    "student.signals": _l("Looked at the absence from school"),
    "agreement.list": _l("Looked at the agreements"),
    "agreement.history": _l("Looked at how an agreement changed"),
    "agreement.read": _l("Read an agreement"),
    "case.pre_visit_card": _l("Looked at the file before a home visit"),
    "case.reminders": _l("Looked at the reminders"),
    "student.export": _l("Made a copy of all data (a privacy request)"),
    "case.open": _l("Opened the file"),
    "case.hard_to_attend": _l("Wrote down that going to school is very hard"),
    "student.timetable": _l("Changed the school times of the pupil"),
    "case.handover": _l("Handed the file to another coordinator"),
    "member.add": _l("Added someone to the team"),
    "member.remove": _l("Took someone off the team"),
    "note.add": _l("Wrote a note"),
    "agreement.create": _l("Made an agreement"),
    "agreement.revise": _l("Changed an agreement"),
    "agreement.comment": _l("Wrote a reaction to an agreement"),
    "proposal.add": _l("Proposed an agreement"),
    "proposal.answer": _l("Answered a proposal"),
    "meeting.record": _l("Wrote down a meeting"),
    "meeting.plan": _l("Planned a meeting"),
    "case.home_visit": _l("Wrote down a home visit"),
    "case.tier": _l("Changed how much help is needed"),
    "case.review": _l("Looked back on how things are going"),
    "attendance.add": _l("Wrote down an absence"),
    "attendance.correct": _l("Corrected an absence"),
    "attendance.duo_report": _l("Reported the absence to DUO"),
    "student.exemption_add": _l("Wrote down an exemption from school attendance"),
    "portal.invite": _l("Sent an invitation to the file"),
    "portal.accept": _l("Accepted the invitation"),
    "suspension.list": _l("Looked at the suspensions and expulsions"),
    "suspension.record": _l("Wrote down a suspension"),
    "suspension.revise": _l("Changed a suspension"),
    "expulsion.record": _l("Wrote down an expulsion"),
    "expulsion.revise": _l("Changed an expulsion"),
    "case.absence_kind": _l("Chose what kind of absence it is"),
    "case.contact_attempt": _l("Wrote down an attempt to get in touch"),
    "case.followup_end_age": _l("Ended the follow-up at the age limit"),
    "case.followup_stop": _l("Stopped the follow-up"),
    "case.leaver_profile": _l("Wrote down why school stopped"),
    "case.letter": _l("Made a letter"),
    "case.pause": _l("Paused the file for a while"),
    "case.risk": _l("Wrote down a safety note for home visits"),
    "case.start_check": _l("Checked if school started again"),
    "factor.add": _l("Wrote down what makes school hard or what helps"),
    "factor.add_own": _l("Wrote down what makes school hard or what helps"),
    "factor.end": _l("Wrote down that something is no longer true"),
    "factor.list": _l("Looked at what makes school hard and what helps"),
    "meeting.agenda": _l("Put topics on the agenda of a meeting"),
    "meeting.decision_factor": _l("Linked a decision to a topic"),
    "member.invite": _l("Invited someone to the team"),
    "portal.join": _l("Joined the file"),
    "student.deregister": _l("Wrote down that the pupil left school"),
    "student.enrol": _l("Wrote down a new school"),
    "case.purge": _l("Removed the file after the time it may be kept"),
    "student.startkwalificatie": _l("Wrote down a diploma (startkwalificatie)"),
}
KIND_LABELS = {
    VIEWED: _l("Looked at the file"),
    CHANGED: _l("Changed or added something in the file"),
    DENIED: _l("Tried to look, but was not allowed"),
}


def kind_of(action):
    """`viewed`, `changed` or `denied`."""
    if action == "denied" or action.endswith(".denied"):
        return DENIED
    if action.endswith(READ_SUFFIXES) or action == "student.export":
        return VIEWED
    return CHANGED


def describe(action):
    return ACTION_LABELS.get(action) or KIND_LABELS[kind_of(action)]
