"""JSON shapes of API.md: every output dict of the API is built here, nowhere else."""
from coordination.rules.agreements import is_overdue
from coordination.timeutil import as_utc


def iso(moment):
    return as_utc(moment).isoformat() if moment else None


def day(value):
    """A date as YYYY-MM-DD, or None."""
    return value.isoformat() if value else None


def user_json(user):
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role}


def school_json(school):
    return {"id": school.id, "name": school.name, "brin": school.brin, "region": school.region}


def student_json(student):
    return {
        "id": student.id, "student_number": student.student_number,
        "given_name": student.given_name, "family_name": student.family_name,
        "date_of_birth": student.date_of_birth.isoformat(), "school_id": student.school_id,
        "level": student.level, "has_startkwalificatie": student.has_startkwalificatie,
        "municipality": student.municipality,
    }


def case_json(case):
    c = case.coordinator
    return {
        "id": case.id, "student_id": case.student_id, "status": case.status,
        "tier": case.tier, "absence_kind": case.absence_kind,
        "coordinator": {"id": c.id, "name": c.name, "email": c.email, "phone": c.phone},
        "opened_at": iso(case.opened_at), "closed_at": iso(case.closed_at),
        "next_review_on": case.next_review_on.isoformat() if case.next_review_on else None,
        "intensive_overdue": case.intensive_overdue,
    }


def member_json(member):
    return {"id": member.id, "case_id": member.case_id, "user_id": member.user_id,
            "role": member.role, "added_at": iso(member.added_at)}


def invitation_json(invitation, role):
    """A family account invited to a case: it joins when that person accepts."""
    return {"status": "invited", "case_id": invitation.case_id, "user_id": invitation.user_id,
            "role": role, "expires_at": iso(invitation.expires_at)}


def handover_json(h):
    return {"from_user_id": h.from_user_id, "to_user_id": h.to_user_id,
            "by_user_id": h.by_user_id, "reason": h.reason, "at": iso(h.at)}


def attendance_import_json(record):
    return {"id": record.id, "status": record.status, "imported": record.imported,
            "duplicates": record.duplicates, "corrected": record.corrected,
            "errors": record.errors or []}


def access_json(access):
    """One line of a case's access log (API.md): `kind` ∈ viewed, changed, denied."""
    return {"at": iso(access.at), "role": access.role, "name": access.name,
            "action": access.action, "kind": access.kind}


def signal_json(signal):
    return {"code": signal.code, "since": signal.since.isoformat(), "details": signal.details}


def report_due_json(row):
    """API.md reports-due: {student_id, case_id, code, start, end, hours, deadline}."""
    return {"student_id": row.student.id, "case_id": row.case_id, "code": row.code,
            "start": row.start.isoformat(), "end": row.end.isoformat(), "hours": row.hours,
            "deadline": row.deadline.isoformat()}


def duo_report_json(report):
    return {"id": report.id, "student_id": report.student_id, "case_id": report.case_id,
            "code": report.code, "start": report.start.isoformat(),
            "end": report.end.isoformat(), "reported_on": report.reported_on.isoformat(),
            "reference": report.reference}


def exemption_json(exemption):
    return {"id": exemption.id, "student_id": exemption.student_id,
            "first": exemption.first.isoformat(),
            "last": exemption.last.isoformat() if exemption.last else None,
            "reason": exemption.reason}


def closure_json(closure):
    """A region holiday (`region` set) or a closure of one school (`school_id` set)."""
    return {"id": closure.id, "region": closure.region, "school_id": closure.school_id,
            "first": closure.first.isoformat(), "last": closure.last.isoformat(),
            "name": closure.name}


def worklist_item_json(item):
    """API.md worklist: {kind, case_id, student_id, due_on, title}."""
    return {"kind": item.kind, "case_id": item.case_id, "student_id": item.student_id,
            "due_on": item.due_on.isoformat(), "title": item.title}


def region_overview_json(result):
    """API.md "The region": the figures in total, then `by_school` (and `by_level`)."""
    by_school = [{**row, "wegwijzer": row["wegwijzer"] and {
        **row["wegwijzer"], "started_on": row["wegwijzer"]["started_on"].isoformat()}}
        for row in result.by_school]
    return {"on": result.on.isoformat(), **result.total, "by_school": by_school,
            "by_level": result.by_level}


def thuiszitter_report_json(report):
    return {"quarter": report.quarter, "first": report.first.isoformat(),
            "last": report.last.isoformat(), "items": report.rows, "total": report.total,
            "next": None}


def agreement_json(revision, case_id, today):
    """The current revision of an agreement; `overdue` as of `today`."""
    return {
        "id": revision.agreement_id, "case_id": case_id, "text": revision.text,
        "owner_user_id": revision.owner_user_id, "owner_kind": revision.owner_kind,
        "owner_name": revision.owner_name, "due_date": day(revision.due_date),
        "status": revision.status, "visibility": revision.visibility,
        "overdue": is_overdue(revision.status, revision.due_date, today),
        "revision": revision.number, "updated_at": iso(revision.at),
    }


def revision_json(revision):
    return {
        "revision": revision.number, "text": revision.text,
        "owner_user_id": revision.owner_user_id, "due_date": day(revision.due_date),
        "status": revision.status, "visibility": revision.visibility,
        "reason": revision.reason, "at": iso(revision.at),
        "author": {"id": revision.author.id, "name": revision.author.name},
    }


def deregistration_json(record):
    return {"id": record.id, "student_id": record.student_id,
            "left_on": day(record.left_on), "reason": record.reason,
            "case_id": record.case_id,
            "followup": record.case_id is not None and not record.absolute_verzuim,
            "absolute_verzuim": record.absolute_verzuim}


def enrolment_json(record):
    return {"id": record.id, "student_id": record.student_id, "school_id": record.school_id,
            "enrolled_on": day(record.enrolled_on)}


def home_visit_json(visit):
    return {"id": visit.id, "case_id": visit.case_id, "visited_on": day(visit.visited_on),
            "outcome": visit.outcome, "summary": visit.summary, "visibility": visit.visibility}


def reminder_json(item):
    """A scheduled reminder: pending while sent_at and cancelled_at are both null."""
    return {"kind": (item.payload or {}).get("step", item.kind), "due_at": iso(item.due_at),
            "sent_at": iso(item.done_at), "cancelled_at": iso(item.cancelled_at),
            "to_user_id": item.user_id}


def review_json(review):
    return {"id": review.id, "case_id": review.case_id, "outcome": review.outcome,
            "note": review.note, "reviewed_on": day(review.reviewed_on),
            "next_review_on": day(review.next_review_on)}
