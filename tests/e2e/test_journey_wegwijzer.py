"""Issue 13's Wegwijzer journey in a real browser: the care coordinator starts a
trajectory for Het Baken and invites a colleague and, by one-time link, a student and a
parent representative; those three score; the coordinator sees where the school stands
(the manual's steps), picks three domains, starts the second round and opens the
comparison. axe on every page, on a desktop and at 360 px."""
import sqlite3
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from coordination.demo import loader
from tests.e2e.test_journey_handover import assert_axe_passes, log_in, open_all_details

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
COORDINATOR, MENTOR = "regie", "mentor.baken"
NAME = {row[0]: row[1] for row in loader.STAFF}
SCHOOL = "Het Baken vmbo"
DOMAINS = ("education_society", "school_climate", "home_situation", "sensitive_teaching",
           "classmates", "mental_capital", "learning_future", "collaboration")
CHOSEN = ("school_climate", "classmates", "mental_capital")
WIDER_THAN = """w => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > w).slice(0, 5)
    .map(e => e.tagName + '.' + e.className)"""


def last_link(instance_dir, address):
    with sqlite3.connect(instance_dir / "regie.db") as conn:
        [(body,)] = conn.execute("SELECT body_text FROM outbox_messages WHERE to_address = ? "
                                 "ORDER BY id DESC LIMIT 1", (address,)).fetchall()
    return "/wegwijzer/link/" + body.split("/wegwijzer/link/")[1].split()[0]


def check_page(page, where):
    """axe passes, and nothing makes the page wider than the window."""
    assert_axe_passes(page, where)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{where} is {width} px wide in a {viewport} px window: " + (
        ", ".join(page.evaluate(WIDER_THAN, viewport)))


def on_both_widths(open_page, key, path, where):
    for viewport in (None, PHONE):
        page = open_page(viewport=viewport)
        log_in(page, key)
        page.goto(path)
        open_all_details(page)
        check_page(page, f"{where} at {viewport['width'] if viewport else 'desktop'} px")


def score(page, value, where):
    for domain in DOMAINS:
        page.check(f"input[name=score_{domain}][value='{value}']")
    page.fill("input[name=note_school_climate]", "Veel toetsen vlak na de vakantie")
    check_page(page, where)
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn cijfers versturen").click()


def invite_representative(page, group, name, address):
    form = page.locator("form[action$='/representatives']")
    form.locator("xpath=ancestor::details[1]/summary").click()
    form.locator(f"input[name=group][value={group}]").check()
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(address)
    with page.expect_navigation():
        form.locator("button").click()
    expect(page.locator(".alert--success")).to_contain_text("De uitnodiging")


def current_step(page):
    return page.locator("ol.stages li[aria-current=step] .stages__name")


def test_wegwijzer_scored_by_three_groups_and_three_domains_chosen(open_page, instance_dir):
    coordinator = open_page()
    log_in(coordinator, COORDINATOR)
    coordinator.goto("/wegwijzer")
    check_page(coordinator, "/wegwijzer")
    coordinator.select_option("#school_id", label=SCHOOL)
    coordinator.fill("#title", "Wegwijzer 2026-2027")
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Starten").click()
    path = urlparse(coordinator.url).path
    expect(current_step(coordinator)).to_have_text("Stel een kernteam samen")

    member = coordinator.locator("form[action$='/members']")
    member.locator("xpath=ancestor::details[1]/summary").click()
    member.locator("select[name=user_id]").select_option(label=NAME[MENTOR])
    with coordinator.expect_navigation():
        member.locator("button").click()
    invite_representative(coordinator, "students", "Leerlingenraad", "raad@example.nl")
    invite_representative(coordinator, "parents", "Ouderraad", "ouders@example.nl")
    expect(current_step(coordinator)).to_have_text("Breng de huidige situatie in kaart")

    # A team member scores on the trajectory page, on a phone.
    mentor = open_page(viewport=PHONE)
    log_in(mentor, MENTOR)
    mentor.goto(path)
    score(mentor, 6, "the trajectory page with the scoring form at 360 px")
    expect(mentor.locator("#score-title")).to_have_count(0)

    # The student representative scores through the link, on a phone; the parent
    # representative on a desktop. Neither has an account.
    for viewport, address, value in ((PHONE, "raad@example.nl", 4),
                                     (None, "ouders@example.nl", 8)):
        visitor = open_page(viewport=viewport)
        visitor.goto(last_link(instance_dir, address))
        expect(visitor.locator("h1")).to_contain_text("Het Baken")
        score(visitor, value, f"the representative's scoring page ({address})")
        expect(visitor.locator("h1")).to_have_text("Dank je")
        check_page(visitor, "the thank-you page")

    # The coordinator sees who scored, and chooses three domains.
    coordinator.reload()
    expect(coordinator.locator("#who-title + dl")).to_contain_text("1 van 2")
    choice = coordinator.locator("form[action$='/choices']")
    choice.locator("xpath=ancestor::details[1]/summary").click()
    for domain in CHOSEN:
        choice.locator(f"input[name=domains][value={domain}]").check()
    with coordinator.expect_navigation():
        choice.locator("button").click()
    chosen = coordinator.locator("#chosen-title + ul li")
    expect(chosen).to_have_count(3)
    expect(current_step(coordinator)).to_have_text("Maak een plan")
    on_both_widths(open_page, COORDINATOR, path, "the trajectory page")

    # A second round (sooner than a year: a warning, not a refusal), and the comparison.
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Begin ronde 2").click()
    expect(coordinator.locator("main")).to_contain_text("minder dan een jaar geleden")
    expect(current_step(coordinator)).to_have_text("Breng de huidige situatie in kaart")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Vergelijk ronde 1 met ronde 2").click()
    expect(coordinator.locator("table caption")).to_be_visible()
    on_both_widths(open_page, COORDINATOR, f"{path}/comparison", "the comparison")
