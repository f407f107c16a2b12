"""The partnership's overview and the quarterly thuiszitter report, for analysts: figures
about the students of their schools and municipalities, with every count from 1 to 4
shown as "< 5" (rules/region.py). Read only: nothing here commits."""
import csv
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from coordination import access
from coordination.cases.models import TIERS
from coordination.errors import Forbidden, ValidationError
from coordination.region import figures, stored
from coordination.region.figures import BANDS, Group
from coordination.rules import region as rules
from coordination.rules.wegwijzer import DOMAINS, school_domain_scores
from coordination.students.models import LEVELS
from coordination.timeutil import AMSTERDAM
from coordination.validation import in_range

SHARED_TIERS = tuple(sorted(rules.EXPECTED_TIER_SHARES))
OVERVIEW_TABLES = ("total", "tiers", "by_school", "by_level", "wegwijzer")
# Spreadsheets run cells that start with these as formulas: such cells get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def require_region(actor):
    """:raise Forbidden: the actor's role has no region figures (only analysts do)."""
    if not access.may_view_region(actor):
        raise Forbidden()


def shown(group):
    """The figures of one group as they may be shown: small counts hidden."""
    counts = group.counts
    shares = {}
    for tier in SHARED_TIERS:
        share, verdict = rules.tier_share(counts[f"tier_{tier}"], counts["students"], tier)
        low, high = rules.EXPECTED_TIER_SHARES[tier]
        shares[str(tier)] = {"share": share, "expected": [low, high], "verdict": verdict}
    return {
        "students": rules.disclosed(counts["students"]),
        "tiers": {str(t): rules.disclosed(counts[f"tier_{t}"]) for t in TIERS},
        "tier_shares": shares,
        "thuiszitters": {b: rules.disclosed(counts[f"thuiszitter_{b}"]) for b in BANDS},
        "absolute_verzuim": rules.disclosed(counts["absolute_verzuim"]),
        "reports_due": rules.disclosed(counts["reports_due"]),
        "reports_made": rules.disclosed(counts["reports_made"]),
        "followup": {
            "open": rules.disclosed(counts["followup_open"]),
            "reenrolled_this_school_year": rules.disclosed(counts["reenrolled"]),
            "median_days_to_reenrolment": rules.disclosed_median(group.reenrolment_days)},
        "overdue_agreements": rules.disclosed(counts["overdue_agreements"]),
        "meetings_without_decision": rules.disclosed(counts["meetings_without_decision"]),
    }


def wegwijzer_shown(latest):
    """A school's latest Wegwijzer scores as they may be shown: None without a trajectory
    with scores; else {"started_on", "domains": {domain: median, or "< 5" when fewer than
    five participants scored it}} (rules/wegwijzer.py)."""
    if latest is None:
        return None
    started_at, scores = latest
    return {"started_on": started_at.astimezone(AMSTERDAM).date(),
            "domains": {d: rules.SMALL_COUNT if median is None else median
                        for d, median in school_domain_scores(scores).items()}}


@dataclass(frozen=True)
class Overview:
    on: date
    total: dict
    by_school: list
    by_level: list


def overview(actor, on):
    """The region's figures on `on` for an analyst: in total, by school, by level.

    :raise Forbidden: not an analyst.
    """
    require_region(actor)
    groups, schools, (improved, assessed) = stored.overview(actor, on)
    of_school, of_level = {}, {}
    for (school_id, level), group in groups.items():
        of_school.setdefault(school_id, []).append(group)
        of_level.setdefault(level, []).append(group)
    per_school = {school_id: Group.of(them) for school_id, them in of_school.items()}
    per_level = {level: Group.of(them) for level, them in of_level.items()}
    total = Group.of(per_school.values())  # each student is in one school's group
    order = {level: i for i, level in enumerate(LEVELS)}
    wegwijzer = figures.wegwijzer_scores([school_id for school_id, _name in schools], on)
    return Overview(
        on=on, total={**shown(total), "tier2_improved": _tier2_improved(improved, assessed)},
        by_school=[{"school_id": school_id, "name": name,
                    **shown(per_school.get(school_id, Group())),
                    "wegwijzer": wegwijzer_shown(wegwijzer.get(school_id))}
                   for school_id, name in schools],
        by_level=[{"level": level, **shown(per_level[level])}
                  for level in sorted(per_level, key=lambda v: (order.get(v, len(order)), v))])


def _tier2_improved(improved, assessed):
    """Did it help? Of the open tier-2 cases whose move to tier 2 is 6 school weeks old
    or more (`assessed`), those whose attendance improved after it (rules/effect.py)."""
    return {"improved": rules.disclosed(improved), "assessed": rules.disclosed(assessed),
            "share": None if not assessed or rules.is_small(improved) or rules.is_small(assessed)
            else round(improved / assessed, 3)}


@dataclass(frozen=True)
class ThuiszitterReport:
    quarter: str
    first: date
    last: date
    rows: list
    total: dict


def quarter_bounds(text):
    """(quarter, first, last) of a 'YYYYQn' text.

    :raise ValidationError: on `quarter`, not of that form or outside the allowed dates.
    """
    try:
        first, last = rules.parse_quarter(text)
    except ValueError:
        first = last = None
    if first is None or not (in_range(first) and in_range(last)):
        raise ValidationError(fields={"quarter": [_l(
            "Give a quarter as a year, the letter Q and 1 to 4, for example 2026Q4.")]})
    return rules.quarter_of(first), first, last


def _report_row(counts):
    return {"thuiszitters": {b: rules.disclosed(counts[b]) for b in BANDS},
            "thuiszitters_total": rules.disclosed(sum(counts[b] for b in BANDS)),
            "absolute_verzuim": rules.disclosed(counts["absolute_verzuim"])}


def thuiszitter_report(actor, quarter):
    """One row per school: the students with a thuiszitter episode in the quarter, by the
    highest band reached, and those in absolute verzuim in it.

    :raise Forbidden: not an analyst. :raise ValidationError: a bad quarter.
    """
    require_region(actor)
    quarter, first, last = quarter_bounds(quarter)
    counts, schools = figures.thuiszitter_report(actor, first, last)
    empty = {"4w_3m": 0, "over_3m": 0, "absolute_verzuim": 0}
    total = dict(empty)
    for row in counts.values():
        for name in total:
            total[name] += row[name]
    rows = [{"school_id": school_id, "name": name, **_report_row(counts.get(school_id, empty))}
            for school_id, name in schools]
    return ThuiszitterReport(quarter, first, last, rows, _report_row(total))


# ------------------------------------------------------------------------------- CSV

def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _share(value):
    return None if value is None else f"{value * 100:.1f}"


def _flat(figures_):
    """One CSV row's figures, in the order of FIGURE_COLUMNS."""
    shares = figures_["tier_shares"]
    followup = figures_["followup"]
    return [figures_["students"], *figures_["tiers"].values(),
            *(_share(shares[str(t)]["share"]) for t in SHARED_TIERS),
            *figures_["thuiszitters"].values(), figures_["absolute_verzuim"],
            figures_["reports_due"], figures_["reports_made"], followup["open"],
            followup["reenrolled_this_school_year"], followup["median_days_to_reenrolment"],
            figures_["overdue_agreements"], figures_["meetings_without_decision"]]


FIGURE_COLUMNS = ("students", *(f"tier_{t}" for t in TIERS),
                  *(f"tier_{t}_share_percent" for t in SHARED_TIERS),
                  *(f"thuiszitters_{b}" for b in BANDS), "absolute_verzuim", "reports_due",
                  "reports_made", "followup_open", "reenrolled_this_school_year",
                  "median_days_to_reenrolment", "overdue_agreements",
                  "meetings_without_decision")


# Per school: its tiers and thuiszitters beside its latest Wegwijzer domain medians.
WEGWIJZER_COLUMNS = ("school_id", "school", *(f"tier_{t}" for t in TIERS),
                     *(f"thuiszitters_{b}" for b in BANDS), "wegwijzer_started_on",
                     *(f"{d}_median" for d in DOMAINS))


def _wegwijzer_row(school):
    wegwijzer = school["wegwijzer"]
    return [school["school_id"], school["name"], *school["tiers"].values(),
            *school["thuiszitters"].values(),
            wegwijzer["started_on"].isoformat() if wegwijzer else None,
            *(wegwijzer["domains"][d] if wegwijzer else None for d in DOMAINS)]


def _csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def overview_csv(result, table):
    """One table of the overview as CSV text.

    :raise ValidationError: on `table`, not one of OVERVIEW_TABLES.
    """
    if table == "total":
        return _csv(("on", *FIGURE_COLUMNS), [[result.on.isoformat(), *_flat(result.total)]])
    if table == "tiers":
        rows = []
        for tier in TIERS:
            share = result.total["tier_shares"].get(str(tier))
            rows.append([tier, result.total["tiers"][str(tier)],
                         _share(share["share"]) if share else None,
                         *([f"{v * 100:g}" for v in share["expected"]] if share else [None] * 2),
                         share["verdict"] if share else None])
        return _csv(("tier", "open_cases", "share_percent", "expected_from_percent",
                     "expected_to_percent", "compared_with_expected"), rows)
    if table == "by_school":
        return _csv(("school_id", "school", *FIGURE_COLUMNS),
                    [[s["school_id"], s["name"], *_flat(s)] for s in result.by_school])
    if table == "by_level":
        return _csv(("level", *FIGURE_COLUMNS),
                    [[g["level"], *_flat(g)] for g in result.by_level])
    if table == "wegwijzer":
        return _csv(WEGWIJZER_COLUMNS, [_wegwijzer_row(s) for s in result.by_school])
    raise ValidationError(fields={"table": [_l("Choose one of the overview's tables.")]})


REPORT_COLUMNS = ("quarter", "school_id", "school", "thuiszitters_4w_3m",
                  "thuiszitters_over_3m", "thuiszitters_total", "absolute_verzuim")


def thuiszitter_csv(report):
    """The quarterly report as CSV: one row per school, then the total (no school id)."""
    def row(school_id, name, figures_):
        return [report.quarter, school_id, name, *figures_["thuiszitters"].values(),
                figures_["thuiszitters_total"], figures_["absolute_verzuim"]]
    return _csv(REPORT_COLUMNS, [*(row(r["school_id"], r["name"], r) for r in report.rows),
                                 row(None, str(_l("Total")), report.total)])
