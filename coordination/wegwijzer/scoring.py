"""Scores in the Wegwijzer (seed 003): student and parent representatives invited by a
one-time link (the e-mail address is not stored, only the link's hash), and every
participant's scores on the eight domains, given once per round."""
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from coordination import limits
from coordination.accounts.tokens import hash_token
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.mail import services as mail
from coordination.rules import wegwijzer as rules
from coordination.rules.portal import INVITATION_DAYS
from coordination.timeutil import as_utc, utcnow
from coordination.validation import clean_email, clean_text
from coordination.wegwijzer import services
from coordination.wegwijzer.models import Participant, Score

MAX_NAME = 120
MAX_NOTE = limits.SCORE_NOTE


def invite_representative(actor, trajectory_id, group, name, email, locale=None):
    """Invite a student or parent representative to the current round by a one-time link,
    sent by e-mail (the address is not stored). Commits; returns the link.
    :raise ValidationError: on group, name, email."""
    trajectory = services.to_run(actor, trajectory_id)
    errors = {}
    if group not in rules.REPRESENTATIVE_GROUPS:
        errors["group"] = [_l("Choose: a student or a parent representative.")]
    message = _l("Give a name (at most %(max)d characters).", max=MAX_NAME)
    name = clean_text(name, "name", errors, missing=message, limit=MAX_NAME, too_long=message)
    email = clean_email(email, "email", errors)
    if errors:
        raise ValidationError(fields=errors)
    token = secrets.token_urlsafe(32)
    db.session.add(Participant(trajectory_id=trajectory.id, group=group, name=name,
                               round_id=services.current_round(trajectory).id,
                               token_hash=hash_token(token), invited_by_id=actor.id,
                               expires_at=utcnow() + timedelta(days=INVITATION_DAYS)))
    link = f"{current_app.config['PUBLIC_URL']}/wegwijzer/link/{token}"
    mail.queue(email, "wegwijzer_invitation", locale, link=link, name=name,
               school=trajectory.school.name, inviter=actor, days=INVITATION_DAYS)
    audit.record(actor, "wegwijzer.invite", trajectory_id=trajectory.id, group=group)
    db.session.commit()
    return link


def representative_for(token):
    """The representative whose link this is, if it still works (unused, not expired, and
    for the current round: a later round's start closes the earlier one's links, so the
    round being compared with does not change)."""
    if not token or not isinstance(token, str):
        return None
    participant = db.session.scalar(select(Participant).where(
        Participant.token_hash == hash_token(token)))
    if participant is None or participant.scored_at is not None:
        return None
    if participant.expires_at is None or as_utc(participant.expires_at) < utcnow():
        return None
    if services.current_round(participant.trajectory).id != participant.round_id:
        return None
    return participant


def _checked_scores(answers):
    """`answers`: {domain: (score, note)} → [(domain, score, note)].
    :raise ValidationError: on score_<domain> or note_<domain>."""
    errors, rows = {}, []
    for domain in rules.DOMAINS:
        score, note = answers.get(domain, (None, None))
        if not rules.valid_score(score):
            errors[f"score_{domain}"] = [_l("Give a score from 1 to 10.")]
        note = clean_text(note, f"note_{domain}", errors, limit=MAX_NOTE, too_long=_l(
            "Keep it short: at most %(max)d characters.", max=MAX_NOTE)) or None
        rows.append((domain, score, note))
    if errors:
        raise ValidationError(fields=errors)
    return rows


def _store_scores(participant, answers, actor):
    rows = _checked_scores(answers)
    if participant.scored_at is not None:
        raise Conflict(_l("You have already given your scores."), code="scored")
    for domain, score, note in rows:
        db.session.add(Score(participant_id=participant.id, domain=domain, score=score,
                             note=note))
    participant.scored_at = utcnow()
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("You have already given your scores."), code="scored") from None
    audit.record(actor, "wegwijzer.score", trajectory_id=participant.trajectory_id,
                 group=participant.group)
    db.session.commit()


def score_as_member(actor, trajectory_id, answers):
    """A team member invited to the trajectory gives their scores, once. Commits.
    :raise 403: visible, but not invited. :raise Conflict: already scored."""
    trajectory = services.trajectory_for(actor, trajectory_id)
    participant = services.participant_of(actor, trajectory)
    if participant is None:
        raise Forbidden(_l("Invite yourself first to give scores."))
    _store_scores(participant, answers, actor)


def score_with_link(token, answers):
    """A representative gives their scores through the link; the link is then used up.
    Commits. :raise NotFound: the link no longer works."""
    participant = representative_for(token)
    if participant is None:
        raise NotFound(_l("This link no longer works. Ask the school for a new one."))
    _store_scores(participant, answers, None)
