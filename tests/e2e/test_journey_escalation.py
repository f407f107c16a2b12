"""Issue 5's journey in a real browser: the coordinator puts a case in tier 3 and records
a review; a case whose review date passed escalates after `flask scheduler tick`, and its
coordinator sees the notification."""
import sqlite3
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import _run_flask, _server_env
from tests.e2e.test_journey_handover import log_in, open_my_case

pytestmark = pytest.mark.e2e


def next_review(instance_dir, case_id):
    with sqlite3.connect(instance_dir / "regie.db") as conn:
        [(value,)] = conn.execute("SELECT next_review_on FROM cases WHERE id = ?", (case_id,))
    return date.fromisoformat(value)


def submit(page, form_page, fill):
    """From the case page's link to the form's own page; the form posts to that page."""
    with page.expect_navigation():
        page.locator(f"section:has(#tier-title) a[href$='{form_page}']").click()
    form = page.locator("main form[method=post]").last
    fill(form)
    with page.expect_navigation():
        form.locator("button").last.click()


def test_review_then_escalation_after_tick(open_page, instance_dir):
    page = open_page()
    log_in(page, "regie")
    path = open_my_case(page)
    case_id = int(path.rsplit("/", 1)[1])

    def tier_three(form):
        form.locator("select[name=tier]").select_option("3")
        form.locator("textarea[name=reason]").fill("Al weken thuis")

    submit(page, "/tier", tier_three)

    def review(form):
        form.locator("#outcome-continue").check()
        form.locator("textarea[name=note]").fill("Eerste gesprek gehad")

    submit(page, "/reviews", review)
    expect(page.locator("#tier-title")).to_be_visible()
    due = next_review(instance_dir, case_id)

    _run_flask(_server_env(instance_dir), "scheduler", "tick", "--now",
               f"{(due + timedelta(days=1)).isoformat()}T09:00:00+01:00")
    page.goto("/notifications/")
    ours = page.locator("li.card--unread", has=page.locator(f"a[href='/cases/{case_id}']"))
    expect(ours.filter(has_text=due.isoformat())).to_be_visible()
    expect(page.locator("nav .count")).to_be_visible()
    page.goto(path)
    expect(page.locator("section:has(#tier-title) .alert--error")).to_be_visible()  # overdue, intensive
