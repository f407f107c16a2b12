"""Owners without an account (issue 11, finding 6): "Moeder belt de mentor voor vrijdag" is
owned by the mother, not by the officer who wrote it down."""
from datetime import timedelta

import sqlalchemy as sa

from coordination.agreements.models import AgreementRevision
from coordination.extensions import db
from coordination.timeutil import today_local


def _team(make):
    coordinator, officer = make.user("coordinator"), make.user("attendance_officer")
    parent, youth = make.user("parent"), make.user("youth")
    case = make.case(coordinator, members=[(officer, "attendance_officer"), (parent, "parent"),
                                           (youth, "youth")])
    return case, coordinator, officer, parent


def _newest():
    return db.session.scalar(sa.select(AgreementRevision).order_by(AgreementRevision.id.desc()))


def test_a_named_person_without_an_account_owns_an_agreement_and_the_family_sees_it(
        client, make):
    case, coordinator, officer, parent = _team(make)
    make.login(client, officer)
    page = client.get(f"/cases/{case.id}", headers={"Accept-Language": "nl"})
    assert 'value="parents"' in page.get_data(as_text=True)
    due = (today_local() + timedelta(days=2)).isoformat()
    response = client.post(f"/cases/{case.id}/agreements", data={
        "text": "Moeder belt de mentor voor vrijdag", "owner_user_id": "person",
        "owner_name": "  Moeder ", "due_date": due, "visibility": "everyone"})
    assert response.status_code == 302
    revision = _newest()
    assert (revision.owner_user_id, revision.owner_kind, revision.owner_name) == (
        None, "person", "Moeder")
    make.login(client, parent)
    portal = client.get(f"/cases/{case.id}", headers={"Accept-Language": "nl"})
    assert "Wie: Moeder" in " ".join(portal.get_data(as_text=True).split())


def test_the_parents_as_owner_must_be_able_to_see_it_and_a_person_needs_a_name(client, make):
    case, coordinator, officer, parent = _team(make)
    make.login(client, coordinator)
    before = db.session.scalar(sa.select(sa.func.count(AgreementRevision.id)))
    client.post(f"/cases/{case.id}/agreements", data={
        "text": "De ouders bellen school", "owner_user_id": "parents", "visibility": "team"})
    client.post(f"/cases/{case.id}/agreements", data={
        "text": "Iemand belt", "owner_user_id": "person", "owner_name": "",
        "visibility": "everyone"})
    assert db.session.scalar(sa.select(sa.func.count(AgreementRevision.id))) == before
    client.post(f"/cases/{case.id}/agreements", data={
        "text": "De ouders bellen school", "owner_user_id": "parents", "visibility": "everyone"})
    revision = _newest()
    assert (revision.owner_kind, revision.owner_user_id) == ("parents", None)
    page = client.get(f"/cases/{case.id}", headers={"Accept-Language": "nl"})
    assert "Wie: De ouders" in " ".join(page.get_data(as_text=True).split())


def test_the_api_keeps_owner_user_id_and_takes_an_owner_kind(client, make):
    case, coordinator, officer, parent = _team(make)
    headers = make.token(coordinator)
    base = f"/api/v1/cases/{case.id}/agreements"
    member = client.post(base, headers=headers, json={"text": "x", "owner_user_id": officer.id})
    assert member.status_code == 201
    assert {k: member.get_json()[k] for k in ("owner_user_id", "owner_kind", "owner_name")} == {
        "owner_user_id": officer.id, "owner_kind": "user", "owner_name": None}
    family = client.post(base, headers=headers, json={"text": "y", "owner_kind": "family"})
    assert family.status_code == 201
    assert (family.get_json()["owner_user_id"], family.get_json()["owner_kind"]) == (
        None, "family")
    nobody = client.post(base, headers=headers, json={"text": "z"})
    assert nobody.status_code == 422 and "owner_user_id" in nobody.get_json()["error"]["fields"]
    youth_hidden = client.post(base, headers=headers, json={
        "text": "z", "owner_kind": "youth", "visibility": "team"})
    assert youth_hidden.status_code == 422
    assert "visibility" in youth_hidden.get_json()["error"]["fields"]
    unknown = client.post(base, headers=headers, json={"text": "z", "owner_kind": "dog"})
    assert unknown.status_code == 422


def test_an_overdue_agreement_without_a_user_owner_is_the_coordinators_to_follow_up(
        client, make):
    from coordination.agreements.models import Agreement

    case, coordinator, officer, parent = _team(make)
    agreement = Agreement(case_id=case.id, created_by_id=officer.id)
    db.session.add(agreement)
    db.session.flush()
    db.session.add(AgreementRevision(
        agreement_id=agreement.id, number=1, text="Moeder belt de mentor", status="open",
        owner_user_id=None, owner_kind="person", owner_name="Moeder", visibility="everyone",
        due_date=today_local() - timedelta(days=3), author_id=officer.id))
    db.session.commit()

    def kinds(user):
        items = client.get("/api/v1/worklist", headers=make.token(user)).get_json()["items"]
        return [item["kind"] for item in items if item["case_id"] == case.id]

    assert kinds(coordinator) == ["agreement_overdue"]
    assert kinds(officer) == []
    make.login(client, coordinator)
    start = client.get("/cases/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Moeder" in start


def test_a_wrong_agreement_keeps_what_was_typed_on_a_page_that_reloads(client, make):
    """Issue 11 finding 4: the form stays open with the text, the person and the date, each
    wrong field marked, and the URL answers GET (no 405 on reload)."""
    case, coordinator, officer, parent = _team(make)
    make.login(client, coordinator)
    due = (today_local() + timedelta(days=3)).isoformat()
    sent = client.post(f"/cases/{case.id}/agreements", headers={"Accept-Language": "nl"},
                       data={"text": "Sam belt maandag de mentor", "owner_user_id": "person",
                             "owner_name": "", "due_date": due, "visibility": "everyone"})
    html = sent.get_data(as_text=True)
    assert sent.status_code == 422
    assert "Sam belt maandag de mentor" in html and f'value="{due}"' in html
    assert 'aria-invalid="true"' in html and 'id="form-errors"' in html
    assert client.get(f"/cases/{case.id}/agreements").status_code == 200
