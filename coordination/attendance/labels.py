"""What the signal codes and absence kinds are called on the pages (Dutch by default)."""
from flask_babel import lazy_gettext as _l

# API.md "Signal codes".
SIGNAL_LABELS = {
    "duo_16h_4w": _l("16 hours or more unauthorised in 4 school weeks (report to DUO)"),
    "duo_long_relative": _l("Unauthorised absent for more than 4 school weeks in a row "
                            "(report to DUO)"),
    "duo_luxury": _l("Luxury absence: holiday outside the school holidays without leave "
                     "(report to DUO)"),
    "rmc_28d": _l("18 to 23 without startkwalificatie and 28 days not at school (report to DUO)"),
    "problematic_25pct_2w": _l("Missed a quarter or more of school time in 2 school weeks"),
    "problematic_10d_15w": _l("Absent 10 days or more in 15 school weeks"),
    "mazl_frequent_sick": _l("Reported sick 4 times or more in 12 school weeks (MAZL)"),
    "mazl_long_sick": _l("Sick 7 school days or more in a row (MAZL)"),
    "suspension_too_long": _l("Suspended for longer than a week"),
    "suspension_notify_inspectorate": _l("Suspended for longer than 1 day (inform the "
                                         "inspectorate)"),
    "absolute_verzuim": _l("Of compulsory school age and enrolled at no school (absolute "
                           "absence: to the attendance officer at once)"),
    "thuiszitter": _l("At home: absent every school day for more than 4 school weeks"),
}

# details.band of a thuiszitter signal (API.md).
BAND_LABELS = {"4w_3m": _l("4 weeks to 3 months"), "over_3m": _l("more than 3 months")}

# API.md "Attendance CSV": the kinds of absence.
KIND_LABELS = {
    "unauthorised": _l("unauthorised"),
    "sick": _l("sick"),
    "leave": _l("leave"),
    "late": _l("late"),
    "suspended": _l("suspended"),
    "luxury": _l("luxury absence"),
    "sick_doubtful": _l("doubtful sick leave"),
}

SOURCE_LABELS = {"import": _l("registration"), "manual": _l("entered by hand")}
