"""Long lists in pages of 50 (issue 12): a page number from the query string, clamped to
the pages there are, and the slice and counts a template needs."""
from dataclasses import dataclass

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    total: int
    per_page: int = PER_PAGE

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def first_index(self):
        return 0 if not self.total else (self.number - 1) * self.per_page + 1

    @property
    def last_index(self):
        return min(self.total, self.number * self.per_page)


def paginate(rows, number, per_page=PER_PAGE):
    """The page `number` (1-based; None is 1; beyond the last is the last) of `rows`."""
    total = len(rows)
    pages = max(1, -(-total // per_page))
    number = min(max(number or 1, 1), pages)
    start = (number - 1) * per_page
    return Page(rows[start:start + per_page], number, total, per_page)
