"""A realistic attendance history for the demo region: most students are rarely absent,
and some case students show each pattern that trips a signal (issue 4)."""
from datetime import date, time

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar

DAY_START, DAY_END = time(8, 30), time(14, 30)  # a 6-hour school day

# Patterns in the order they are given to case students; "rmc" goes to an 18-22 student.
PATTERNS = ("duo_16h", "long_relative", "luxury", "share_25", "days_10", "mazl_frequent",
            "mazl_long", "suspension_2", "suspension_6", "rmc")


def _row(student_id, day, start=DAY_START, end=DAY_END, kind="unauthorised"):
    return {"student_id": student_id, "day": day, "start": start, "end": end, "kind": kind,
            "source": "import", "withdrawn": False}


def _hours(student_id, day, hours, kind, start_hour=8):
    minutes = start_hour * 60 + 30 + int(hours * 60)
    return _row(student_id, day, time(start_hour, 30), time(minutes // 60, minutes % 60), kind)


def _pattern(name, sid, days, rng):
    """Rows for one signal pattern; `days` are the school days up to today, oldest first."""
    recent = days[-10:]
    if name == "duo_16h":
        return [_hours(sid, d, 4, "unauthorised") for d in recent[-5:]]
    if name == "long_relative":
        return [_row(sid, d) for d in days[-25:]]
    if name == "luxury":
        return [_row(sid, d, kind="luxury") for d in days[-12:-10]]
    if name == "share_25":
        return [_hours(sid, d, 2, rng.choice(["sick", "leave"])) for d in recent]
    if name == "days_10":
        return [_hours(sid, d, 4, "leave") for d in days[-70::7]]
    if name == "mazl_frequent":
        return [_row(sid, d, kind="sick") for d in days[-50::12]]
    if name == "mazl_long":
        return [_row(sid, d, kind="sick") for d in days[-8:]]
    if name == "suspension_2":
        return [_row(sid, d, kind="suspended") for d in days[-6:-4]]
    if name == "suspension_6":
        return [_row(sid, d, kind="suspended") for d in days[-9:-3]]
    if name == "rmc":
        return [_row(sid, d) for d in days[-25:]]
    raise ValueError(name)


def _background(sid, days, rng):
    """Ordinary absence: a sick day now and then, sometimes late, rarely unauthorised."""
    rows, used = [], set()
    if rng.random() < 0.7:
        for day in rng.sample(days, min(len(days), rng.randint(1, 3))):
            used.add(day)
            rows.append(_row(sid, day, kind="sick"))
    for kind, chance, hours in (("late", 0.3, 0.25), ("unauthorised", 0.1, 1)):
        if rng.random() < chance:
            for day in rng.sample(days, min(len(days), rng.randint(1, 3))):
                if day not in used:
                    used.add(day)
                    rows.append(_hours(sid, day, hours, kind))
    return rows


def absence_rows(rng, students, pattern_students, today, region="midden"):
    """Rows for `absences`; `pattern_students` maps a pattern name to a student id."""
    calendar = SchoolCalendar(REGION_HOLIDAYS.get(region, ()))
    start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    days = calendar.school_days(start, today)
    if len(days) < 30:
        return []
    patterned = set(pattern_students.values())
    rows = [r for s in students if s.id not in patterned for r in _background(s.id, days, rng)]
    for name, sid in pattern_students.items():
        rows.extend(_pattern(name, sid, days, rng))
    return rows
