"""The coordinator's hand-over journey in a real browser, plus axe-core, 320 px and keyboard.

Elements are found by ids, form actions and structure, not by UI text, so the tests hold
in Dutch and in English.
"""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from coordination.demo import loader

pytestmark = pytest.mark.e2e

BLOCKING_IMPACTS = ("serious", "critical")
NAME = {row[0]: row[1] for row in loader.STAFF}
COORDINATOR, NEW_COORDINATOR = "regie", "zorg.lyceum"
HANDOVER_FORM = "form[action$='/coordinator']"
MY_CASE_LINKS = "main li.card:has(strong) a[href^='/cases/']"  # <strong>: "you coordinate"
SMALL = {"width": 320, "height": 640}


def log_in(page, key):
    page.goto("/login")
    page.fill("#email", f"{key}@{loader.DOMAIN}")
    page.fill("#password", loader.DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("#password", "Enter")
    assert "/login" not in page.url, f"login as {key} failed"


def open_my_case(page):
    """From the case list, open the first case the user coordinates; return its path."""
    page.goto("/cases/")
    link = page.locator(MY_CASE_LINKS).first
    path = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(path)
    return path


def open_all_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def _describe(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_axe_passes(page, where):
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if violations:
        print(f"axe on {where}:\n{_describe(violations)}")
    assert not blocking, f"axe found serious/critical problems on {where}:\n{_describe(blocking)}"


def assert_no_horizontal_scroll(page, where):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL["width"], f"{where} is {width} px wide at a 320 px viewport"


def test_handover_journey(open_page):
    page = open_page()
    log_in(page, COORDINATOR)
    with page.expect_navigation():
        page.click("nav a[href='/cases/']")
    case_path = open_my_case(page)
    case_link = f"main li.card:has(a[href='{case_path}'])"

    details = page.locator(f"details:has({HANDOVER_FORM})")
    details.locator("summary").click()
    form = page.locator(HANDOVER_FORM)
    expect(form).to_be_visible()
    reason = "Leerling stapt over naar het lyceum; zorgcoördinator daar neemt het over (e2e)"
    # The Lyceum's care coordinator does not work at this child's school, so is not in the
    # list (it holds who works where the child is): the address is typed beside it.
    expect(form.locator("select[name=user_id] option", has_text=NAME[NEW_COORDINATOR])
           ).to_have_count(0)
    form.locator("input[name=professional_email]").fill(f"{NEW_COORDINATOR}@{loader.DOMAIN}")
    form.locator("textarea[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator("button").click()

    assert page.url.endswith(case_path)
    expect(page.locator("[role=status]")).to_have_count(1)
    coordinator_panel = page.locator("section[aria-labelledby=coordinator-title]")
    expect(coordinator_panel.locator(".coordinator")).to_contain_text(NAME[NEW_COORDINATOR])
    entry = page.locator("ol.history li", has_text=reason)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(NAME[COORDINATOR])
    expect(entry).to_contain_text(NAME[NEW_COORDINATOR])
    expect(page.locator(HANDOVER_FORM)).to_have_count(0)

    # The old coordinator stays on the team (previous coordinator) and can still open it,
    # but no longer manages it.
    response = page.goto(case_path)
    assert response.status == 200
    expect(page.locator("ul.team")).to_contain_text(NAME[COORDINATOR])
    expect(page.locator(HANDOVER_FORM)).to_have_count(0)
    expect(page.locator("form[action$='/members']")).to_have_count(0)
    page.goto("/cases/")
    expect(page.locator(case_link)).to_contain_text(NAME[NEW_COORDINATOR])
    expect(page.locator(f"{case_link} strong")).to_have_count(0)

    # The new coordinator sees the case as theirs.
    other = open_page()
    log_in(other, NEW_COORDINATOR)
    other.goto("/cases/")
    expect(other.locator(f"{case_link} strong")).to_have_count(1)
    response = other.goto(case_path)
    assert response.status == 200
    expect(other.locator(HANDOVER_FORM)).to_have_count(1)
    expect(other.locator("ol.history li", has_text=reason)).to_have_count(1)


def test_login_page_passes_axe(open_page):
    page = open_page()
    page.goto("/login")
    assert_axe_passes(page, "/login")


def test_case_list_passes_axe(open_page):
    page = open_page()
    log_in(page, COORDINATOR)
    page.goto("/cases/")
    expect(page.locator(MY_CASE_LINKS).first).to_be_visible()
    assert_axe_passes(page, "/cases/")


def test_case_page_passes_axe_with_its_forms_open(open_page):
    page = open_page()
    log_in(page, COORDINATOR)
    path = open_my_case(page)
    assert_axe_passes(page, path)
    open_all_details(page)
    expect(page.locator(HANDOVER_FORM)).to_be_visible()
    assert_axe_passes(page, f"{path} with its <details> open")


def test_case_page_form_controls_each_have_their_own_label(open_page):
    """axe 4.12 no longer checks duplicate ids, but a browser ties <label for> to the
    first element with that id, leaving a later control without a name."""
    page = open_page()
    log_in(page, COORDINATOR)
    open_my_case(page)
    duplicates = page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('[id]:not(input[type=hidden])')
            .forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
        return Object.keys(seen).filter(id => seen[id] > 1);
    }""")
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
            'main select, main textarea, main input:not([type=hidden])')]
        .filter(e => e.labels.length !== 1)
        .map(e => `${e.closest('form').getAttribute('action')} ${e.name}: `
                  + `${e.labels.length} labels`)""")
    assert not unlabelled, f"controls without exactly one label: {unlabelled}"
    assert not duplicates, f"duplicate ids on the case page: {duplicates}"


def test_pages_fit_a_320px_screen(open_page):
    page = open_page(viewport=SMALL)
    page.goto("/login")
    assert_no_horizontal_scroll(page, "/login")
    log_in(page, COORDINATOR)
    page.goto("/cases/")
    assert_no_horizontal_scroll(page, "/cases/")
    path = open_my_case(page)
    assert_no_horizontal_scroll(page, path)
    assert_axe_passes(page, f"{path} at 320 px")
    open_all_details(page)
    assert_no_horizontal_scroll(page, f"{path} with its <details> open")
    assert_axe_passes(page, f"{path} at 320 px with its <details> open")


def test_first_tab_stop_is_the_skip_link(open_page):
    page = open_page()
    page.goto("/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const e = document.activeElement, box = e.getBoundingClientRect();
        return {cls: e.className, href: e.getAttribute('href'),
                visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                         && box.bottom <= innerHeight && box.right <= innerWidth};
    }""")
    assert re.search(r"\bskip-link\b", focused["cls"]), f"first Tab focused {focused}"
    assert focused["href"] == "#main"
    assert focused["visible"], "the skip link must be visible when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
