"""Words for the register's steps (DOMAIN.md §3)."""
from flask_babel import lazy_gettext as _l

EXPULSION_STEP_LABELS = {
    "hearing_on": _l("Student, parents and teacher heard"),
    "attendance_officer_informed_on": _l("Attendance officer informed"),
    "inspectorate_informed_on": _l("Inspectorate informed"),
    "new_school_found_on": _l("Another school found that will admit the student"),
}
