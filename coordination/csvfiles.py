"""Reading an uploaded CSV file row by row, so that no byte in it can break an import.

Every problem becomes an error on its row, never an exception: a line that is not UTF-8,
a row that is not valid CSV, a value longer than the CSV_FIELD_MAX_CHARS setting, text
the database cannot store (NUL). Memory stays bounded: a physical line is read at most
`max_line_bytes` at a time, and the rest of a longer line is skipped, not kept.

    for number, row, error in csvfiles.rows(stream):   # number 1 is the header
        ...
    for number, values, error in csvfiles.dict_rows(stream):   # the rows after the header
        ...
"""
import csv
import itertools
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _

from coordination.validation import storable

BOM = b"\xef\xbb\xbf"
MAX_ROW_ERRORS = 1000  # kept for the answer; all are counted
CHUNK = 64 * 1024


@dataclass
class RowErrors:
    """The row errors of an import: every one counted, the first MAX_ROW_ERRORS kept."""

    errors: list = field(default_factory=list)
    error_count: int = 0

    def add_error(self, row, message):
        self.error_count += 1
        if len(self.errors) < MAX_ROW_ERRORS:
            self.errors.append({"row": row, "message": message})


def _max_field():
    return current_app.config["CSV_FIELD_MAX_CHARS"]


class _Lines:
    """The physical lines of a binary or text stream (or an iterable of bytes or str),
    decoded; remembers whether a line since the last `take_problem()` was undecodable or
    too long (a stream's line is read at most `max_line_bytes` bytes or characters at a
    time).

    Also, since the last `take_size()`: how many characters the lines held, and whether
    one may hold text the database cannot store (a NUL; a lone surrogate, which only a
    str source that is not a strictly decoding text stream can give: UTF-8 decoded
    strictly never yields one). rows() checks a row's values only when these say a value
    may be too long or unstorable: a value is never longer than the lines it came from."""

    def __init__(self, source, max_line_bytes):
        self.source = source
        self.max_line_bytes = max_line_bytes
        self.problem = None
        self.first = True
        self.size, self.suspect = 0, False
        self.strict_text = getattr(source, "errors", None) == "strict"

    def take_size(self):
        """(characters read, maybe unstorable) since the last call."""
        taken = self.size, self.suspect
        self.size, self.suspect = 0, False
        return taken

    def _raw_lines(self):
        readline = getattr(self.source, "readline", None)
        if readline is None:
            yield from self.source
            return
        while True:
            line = readline(self.max_line_bytes)
            if not line:
                return
            newline = b"\n" if isinstance(line, bytes) else "\n"
            if len(line) >= self.max_line_bytes and not line.endswith(newline):
                while True:  # skip the rest of an overlong line without keeping it
                    rest = readline(CHUNK)
                    if not rest or rest.endswith(newline):
                        break
                self._flag(_("This row is too long."))
                line = newline
            yield line

    def _flag(self, message):
        self.problem = self.problem or message

    def take_problem(self):
        problem, self.problem = self.problem, None
        return problem

    def __iter__(self):
        for line in self._raw_lines():
            if isinstance(line, bytes):
                if self.first and line.startswith(BOM):
                    line = line[len(BOM):]
                try:
                    line = line.decode("utf-8")
                except UnicodeDecodeError:
                    self._flag(_("This row is not UTF-8 text: save the file as \"CSV UTF-8 "
                                 "(comma-separated)\" and try again."))
                    line = line.decode("utf-8", errors="replace")
            else:
                if self.first and line.startswith("\ufeff"):
                    line = line[1:]
                self.suspect = self.suspect or not self.strict_text
            self.first = False
            self.size += len(line)
            if "\x00" in line:
                self.suspect = True
            yield line


def limits(max_field=None, max_line_bytes=None):
    """(longest value in characters, longest physical line read in bytes) of rows()."""
    max_field = max_field or _max_field()
    return max_field, max_line_bytes or max(CHUNK, 16 * max_field)


def delimiter(first_line):
    """`;` when the header line holds more of them than `,` (API.md), else `,`."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def rows(source, max_field=None, max_line_bytes=None):
    """Yield (row_number, values, error) for each row of `source`, the header as row 1.

    Values are separated by `,` or, when the header line holds more of them, `;` (API.md:
    every CSV import accepts both, as spreadsheets in Dutch settings write `;`).

    `source` is a binary stream (an upload, `request.stream`: decoded here, line by line),
    a text stream, or an iterable of bytes or str lines. `values` is the list of strings
    as written, or None when `error` (a message for the person who uploaded the file)
    says what is wrong with the row.
    Empty rows are skipped (but counted). Never raises on the file's content.
    """
    max_field, max_line_bytes = limits(max_field, max_line_bytes)
    lines = _Lines(source, max_line_bytes)
    decoded = iter(lines)
    first = next(decoded, None)
    if first is None:
        return
    reader = csv.reader(itertools.chain([first], decoded), delimiter=delimiter(first))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            lines.take_problem()
            yield number, None, _("This row is not valid CSV (check the quotes).")
            continue
        problem = lines.take_problem()
        size, suspect = lines.take_size()
        if not problem and not row:
            continue
        if not problem and size > max_field and max(map(len, row)) > max_field:
            problem = _("A value in this row is longer than %(max)d characters.",
                        max=max_field)
        # One check over the joined values: NUL or a lone surrogate in one is in all.
        if not problem and suspect and not storable("".join(row)):
            problem = _("This row contains characters that cannot be stored.")
        yield number, (None if problem else row), problem


def dict_rows(source, columns=None, max_field=None, max_line_bytes=None):
    """Like rows(), after the header: (row_number, {column: value}, error).

    A missing or unreadable header, or (with `columns`) a column name not in `columns`,
    yields one error on row 1 and nothing more. Values missing at the end of a row are
    "", extra values are an error.
    """
    header = None
    for number, row, error in rows(source, max_field, max_line_bytes):
        if header is None:
            names = [name.strip() for name in row or ()]
            unknown = sorted(set(names) - set(columns)) if columns is not None else []
            if error or not names or unknown:
                yield 1, None, error or _("Unknown column(s): %(names)s.",
                                          names=", ".join(unknown) or "-")
                return
            header = names
            continue
        if error:
            yield number, None, error
        elif len(row) > len(header):
            yield number, None, _("Expected %(n)s values, found %(found)s.", n=len(header),
                                  found=len(row))
        else:
            yield number, dict(zip(header, row + [""] * (len(header) - len(row)))), None
    if header is None:
        yield 1, None, _("The file is empty: a header row is required.")
