"""The worklist and the case page's "next" header in a real browser: axe-core at 1280 px
and at 360 px (issue 11, proof), and no sideways scrolling on a phone."""
import pytest

from tests.e2e.test_journey_handover import COORDINATOR, assert_axe_passes, log_in, open_all_details

pytestmark = pytest.mark.e2e

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 640}


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280px", "360px"])
def test_the_worklist_and_a_case_from_it_pass_axe(open_page, viewport):
    page = open_page(viewport)
    log_in(page, COORDINATOR)
    page.goto("/worklist")
    assert page.locator("main h1").count() == 1
    assert_axe_passes(page, f"the worklist at {viewport['width']} px")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the worklist is {width} px wide"

    link = page.locator("main .worklist a[href^='/cases/']").first
    with page.expect_navigation():
        link.click()
    assert page.locator("#next-title").count() == 1
    open_all_details(page)
    assert_axe_passes(page, f"a case from the worklist at {viewport['width']} px")
