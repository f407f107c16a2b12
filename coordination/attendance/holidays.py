"""National school holidays shipped as data, only where a source can be cited.

Region midden 2026-2027: DOMAIN.md §3b ("two published school schedules in region midden
agree on 2026-2027"). Other regions and years are entered by an admin (the calendar page),
as DOMAIN.md §3b asks: "ship only dates you can cite".
"""
from datetime import date

from coordination.rules.calendar import Closure

REGION_HOLIDAYS = {
    "midden": (
        Closure(date(2026, 10, 17), date(2026, 10, 25), "Herfstvakantie"),
        Closure(date(2026, 12, 19), date(2027, 1, 3), "Kerstvakantie"),
        Closure(date(2027, 2, 20), date(2027, 2, 28), "Voorjaarsvakantie"),
        Closure(date(2027, 3, 26), date(2027, 3, 29), "Pasen"),
        Closure(date(2027, 4, 24), date(2027, 5, 9), "Meivakantie (met Hemelvaart)"),
        Closure(date(2027, 5, 17), date(2027, 5, 17), "Pinkstermaandag"),
        Closure(date(2027, 7, 17), date(2027, 8, 29), "Zomervakantie"),
    ),
    "noord": (),
    "zuid": (),
}
