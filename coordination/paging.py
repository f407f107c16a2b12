"""Long lists in pages of 50 (issue 12): a page number from the query string, clamped to
the pages there are, and the slice and counts a template needs.

`page_of` pages a SELECT in the database (a COUNT and a LIMIT/OFFSET: a page costs its own
rows, not the list's); `paginate` pages a list already in memory (short lists only).
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from coordination.extensions import db

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    total: int
    per_page: int = PER_PAGE

    @property
    def pages(self):
        return _pages(self.total, self.per_page)

    @property
    def first_index(self):
        return 0 if not self.total else (self.number - 1) * self.per_page + 1

    @property
    def last_index(self):
        return min(self.total, self.number * self.per_page)


def _pages(total, per_page):
    return max(1, -(-total // per_page))


def _clamp(number, total, per_page):
    """The page number asked for (None is 1) within the pages there are."""
    return min(max(number or 1, 1), _pages(total, per_page))


def paginate(rows, number, per_page=PER_PAGE):
    """The page `number` (1-based; None is 1; beyond the last is the last) of `rows`."""
    total = len(rows)
    number = _clamp(number, total, per_page)
    start = (number - 1) * per_page
    return Page(rows[start:start + per_page], number, total, per_page)


def page_of(stmt, number, per_page=PER_PAGE, scalars=True):
    """The page `number` of an ordered SELECT, counted and sliced by the database: two
    statements whatever the length of the list. `scalars`: items are the first column
    (an entity); otherwise rows. The ORDER BY must be total (end on a unique column) so
    that the pages neither repeat nor skip a row."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    number = _clamp(number, total, per_page)
    sliced = stmt.limit(per_page).offset((number - 1) * per_page)
    result = db.session.scalars(sliced) if scalars else db.session.execute(sliced)
    return Page(result.unique().all() if scalars else result.all(), number, total, per_page)
