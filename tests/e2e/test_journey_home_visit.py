"""Issue 6's journey in a real browser on a phone-sized screen: the attendance officer flags
a risk, reads the pre-visit card, logs "nobody home", then a second visit where a parent is
met and an agreement is made in one step, and finds the agreement in the log.

Elements are found by ids, names and form actions, so the test holds in Dutch and English.
"""
import pytest
from playwright.sync_api import expect

from tests.e2e.test_journey_handover import assert_axe_passes, log_in, open_my_case

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
OFFICER = "leerplicht"
RISK = "Bezoek met z'n tweeën (e2e)"
FIRST = "Niemand thuis, kaartje in de bus gedaan (e2e)"
SECOND = "Moeder gesproken aan de deur; zoon slaapt overdag (e2e)"
AGREEMENT = "Moeder belt de mentor vóór vrijdag (e2e)"
VISIT_FORM = "form[action$='/visits']"


def assert_fits(page, where):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} is {width} px wide on a {PHONE['width']} px phone"


def submit(page, form):
    with page.expect_navigation():
        form.locator("button").click()


def flag_risk(page):
    """From the case page's link to the risk form's own page, and back."""
    with page.expect_navigation():
        page.locator("#visits-title ~ p a[href$='/risks']").click()
    form = page.locator("form:has([name=text])")  # the page's own form posts to its URL
    form.locator("[name=text]").fill(RISK)
    submit(page, form)


def choose(form, outcome):
    """Tap the label, as a thumb would; it must be a large target."""
    label = form.locator(f"label[for=visit-outcome-{outcome}]")
    box = label.bounding_box()
    assert box["height"] >= 44, f"the {outcome} choice is only {box['height']} px high"
    label.click()
    expect(form.locator(f"#visit-outcome-{outcome}")).to_be_checked()


def test_home_visit_journey_on_a_phone(open_page):
    page = open_page(viewport=PHONE)
    log_in(page, OFFICER)
    case_path = open_my_case(page)
    header = page.locator(".site-header").bounding_box()["height"]
    assert header <= 140, f"the header takes {header} px of a {PHONE['height']} px phone"
    page.locator("[data-menu-toggle]").click()
    expect(page.locator("#main-menu")).to_be_visible()
    page.locator("[data-menu-toggle]").click()
    flag_risk(page)

    # One tap from the top of the case page (issue 11, finding 5).
    shortcut = page.locator(f".shortcuts a[href='{case_path}/pre-visit']")
    assert shortcut.bounding_box()["y"] < PHONE["height"], "the pre-visit link is below the fold"
    with page.expect_navigation():
        shortcut.click()
    expect(page.locator(".panel--risk .risk", has_text=RISK)).to_be_visible()
    expect(page.locator("section[aria-labelledby=card-coordinator-title] .coordinator")).to_be_visible()
    expect(page.locator(".address")).not_to_be_empty()
    assert_fits(page, "the pre-visit card")
    assert_axe_passes(page, "the pre-visit card with the visit form, 360 px")

    form = page.locator(VISIT_FORM)
    expect(form.locator("#visit-date")).not_to_have_value("")
    expect(form.locator("#visit-address")).not_to_have_value("")
    choose(form, "nobody_home")
    form.locator("#visit-summary").fill(FIRST)
    submit(page, form)
    assert page.url.split("#")[0].endswith(case_path)
    expect(page.locator("[role=status]")).to_have_count(1)
    expect(page.locator("[role=status]")).to_be_in_viewport()  # where the officer is
    expect(page.locator(".visit", has_text=FIRST)).to_be_visible()

    # The case page links to the visit form's page (the card with the form), one tap.
    with page.expect_navigation():
        page.locator(f"#visits-title ~ ul a[href='{case_path}/visits']").click()
    form = page.locator(VISIT_FORM)
    assert_fits(page, "the visit form's own page")
    choose(form, "met_parent")
    form.locator("#visit-time").fill("16:30")
    form.locator("#visit-summary").fill(SECOND)
    form.locator("#visit-agreement-text").fill(AGREEMENT)
    submit(page, form)

    expect(page.locator(".agreement__text", has_text=AGREEMENT)).to_be_visible()
    expect(page.locator(".visit", has_text=SECOND)).to_be_visible()
    expect(page.locator(".attempt", has_text=AGREEMENT)).to_be_visible()
    expect(page.locator(".visit", has_text=FIRST)).to_be_visible()
