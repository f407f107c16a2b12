"""Issue 3's journey in a real browser: a meeting with two decisions becomes two agreements,
the parent is invited, sets a password through the link, reads the agreements and adds
their view, and the coordinator sees it."""
import sqlite3

import pytest
from playwright.sync_api import expect

from coordination.demo import loader
from tests.e2e.test_journey_handover import SMALL, assert_axe_passes, log_in, open_all_details

pytestmark = pytest.mark.e2e

DECISIONS = ("Mentor belt elke maandagochtend", "Gesprek met de jeugdarts plannen")


def query(instance_dir, sql, *args):
    with sqlite3.connect(instance_dir / "regie.db") as conn:
        return conn.execute(sql, args).fetchall()


def parent_case(instance_dir):
    """The demo parent's case, the parent's member id on it, and who coordinates it now
    (another test may have handed it over)."""
    [(case_id, member_id, email)] = query(instance_dir, """
        SELECT m.case_id, m.id, co.email FROM case_members m JOIN users u ON u.id = m.user_id
        JOIN cases c ON c.id = m.case_id JOIN users co ON co.id = c.coordinator_id
        WHERE u.email = ? AND m.removed_at IS NULL""", f"ouder@{loader.DOMAIN}")
    return case_id, member_id, email.split("@")[0]


def record_meeting(page, case_path):
    page.goto(case_path)
    # The case page links to the form's own page, which posts to its own address.
    with page.expect_navigation():
        page.locator(f"#meetings-title ~ p a[href='{case_path}/meetings']").click()
    form = page.locator("form:has(#decisions)")
    form.locator("#held_on").fill("2026-11-02")
    form.locator("#attendees").fill("Sanne (regie), mentor, ouder")
    form.locator("#discussed").fill("Hoe Sam weer naar school kan")
    form.locator("#decisions").fill("\n".join(DECISIONS))
    with page.expect_navigation():
        form.locator("button").click()


def turn_decisions_into_agreements(page):
    for _ in DECISIONS:
        form = page.locator("form[action*='/decisions/']").first
        form.locator("xpath=ancestor::details[1]/summary").click()
        form.locator("select[name=owner_user_id]").select_option(index=1)
        with page.expect_navigation():
            form.locator("button").click()


def test_meeting_decisions_invitation_and_the_parents_view(open_page, instance_dir):
    case_id, member_id, coordinator_key = parent_case(instance_dir)
    case_path = f"/cases/{case_id}"
    coordinator = open_page()
    log_in(coordinator, coordinator_key)
    record_meeting(coordinator, case_path)
    turn_decisions_into_agreements(coordinator)
    for text in DECISIONS:
        expect(coordinator.locator(".agreement__text", has_text=text)).to_be_visible()

    # The demo parent already has an account; a second parent is invited by e-mail and
    # joins the team by accepting (issue 9: family accounts join only by invitation).
    invite = coordinator.locator("details:has(input[name=email])")
    invite.locator("summary").click()
    invite.locator("input[name=email]").fill("tweede.ouder@example.nl")
    invite.locator("input[name=name]").fill("Tweede Ouder")
    invite.locator("select[name=role]").select_option("parent")
    with coordinator.expect_navigation():
        invite.locator("button").click()
    [(body,)] = query(instance_dir, "SELECT body_text FROM outbox_messages WHERE to_address = ? "
                                    "ORDER BY id DESC LIMIT 1", "tweede.ouder@example.nl")
    link = "/welcome/" + body.split("/welcome/")[1].split()[0]

    parent = open_page(viewport=SMALL)
    parent.goto(link)
    parent.fill("#password", "een zin die ik onthoud")
    parent.fill("#repeat", "een zin die ik onthoud")
    with parent.expect_navigation():
        parent.locator("main form button").click()
    parent.goto(case_path)
    for text in DECISIONS:
        expect(parent.locator(".agreement__text", has_text=text)).to_be_visible()
    expect(parent.locator(".panel--confidential")).to_have_count(0)
    open_all_details(parent)
    assert_axe_passes(parent, "the parent's case page at 320 px")
    comment = parent.locator("form[action$='/comments']").first
    comment.locator("textarea").fill("Maandagochtend past goed bij ons")
    with parent.expect_navigation():
        comment.locator("button").click()

    coordinator.goto(case_path)
    expect(coordinator.locator(".voice", has_text="Maandagochtend past goed bij ons")).to_be_visible()
