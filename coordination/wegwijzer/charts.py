"""The geometry of the report's chart, drawn as SVG by the template (no script, no CDN):
per domain one line per group from its lowest to its highest score, with a dot at the
mean; hidden groups (fewer than five) are named, not drawn."""
from coordination.rules.wegwijzer import GROUPS, HIGHEST, LOWEST

WIDTH = 640
X0, X1 = 100, 620          # where score 1 and score 10 lie
TITLE_HEIGHT = 18
GROUP_HEIGHT = 16
GAP = 12


def x_of(score):
    return round(X0 + (score - LOWEST) * (X1 - X0) / (HIGHEST - LOWEST), 1)


def range_chart(rows):
    """{"blocks": [{domain, y, bars: [{group, y, hidden, x1, x2, cx}]}], "height", "ticks"}."""
    blocks, y = [], 28
    for row in rows:
        bars = []
        for i, group in enumerate(GROUPS):
            gy = y + TITLE_HEIGHT + i * GROUP_HEIGHT
            shown = row["groups"][group]
            bar = {"group": group, "y": gy, "hidden": shown["hidden"]}
            if not shown["hidden"]:
                bar.update(x1=x_of(shown["low"]), x2=x_of(shown["high"]),
                           cx=x_of(shown["mean"]))
            bars.append(bar)
        blocks.append({"domain": row["domain"], "y": y + 12, "bars": bars})
        y += TITLE_HEIGHT + len(GROUPS) * GROUP_HEIGHT + GAP
    return {"blocks": blocks, "height": y, "width": WIDTH, "x0": X0, "x1": X1,
            "ticks": [(n, x_of(n)) for n in range(LOWEST, HIGHEST + 1)]}


# The comparison is drawn as one small chart per domain, its name above it in HTML (so a
# long name wraps): narrow enough that on a phone the text keeps about its size.
CHANGE_WIDTH = 360
CHANGE_X0, CHANGE_X1 = 82, 348
CHANGE_TOP = 24


def _change_x(score):
    return round(CHANGE_X0 + (score - LOWEST) * (CHANGE_X1 - CHANGE_X0) / (HIGHEST - LOWEST), 1)


def change_chart(rows):
    """Two rounds compared (rules.wegwijzer.compare): per domain one line per group from
    the previous round's mean (an open ring) to the current one's (a filled dot), so the
    direction reads without colour. A group hidden in either round is named, not drawn.
    {"blocks": [{domain, bars: [{group, y, hidden, x1, x2}]}], "width", "height", "ticks"}
    with y within each domain's own drawing."""
    blocks = []
    for row in rows:
        bars = []
        for i, group in enumerate(GROUPS):
            pair = row["groups"][group]
            hidden = pair["previous"]["hidden"] or pair["current"]["hidden"]
            bar = {"group": group, "y": CHANGE_TOP + i * GROUP_HEIGHT, "hidden": hidden}
            if not hidden:
                bar.update(x1=_change_x(pair["previous"]["mean"]),
                           x2=_change_x(pair["current"]["mean"]))
            bars.append(bar)
        blocks.append({"domain": row["domain"], "bars": bars})
    return {"blocks": blocks, "width": CHANGE_WIDTH, "x0": CHANGE_X0, "x1": CHANGE_X1,
            "height": CHANGE_TOP + len(GROUPS) * GROUP_HEIGHT - 4,
            "ticks": [(n, _change_x(n)) for n in range(LOWEST, HIGHEST + 1)]}
