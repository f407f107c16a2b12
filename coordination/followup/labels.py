"""Words for leaving school, contact attempts and stopping the follow-up (DOMAIN.md §7)."""
from flask_babel import lazy_gettext as _l

# For REASONS in coordination/followup/models.py; "not_enrolled" comes from the list import.
REASON_LABELS = {
    "study_choice": _l("Wrong choice of study"),
    "school_climate": _l("The atmosphere at school"),
    "no_internship": _l("No internship place"),
    "teaching_quality": _l("Quality of the teaching"),
    "transition_vmbo_mbo": _l("The step from vmbo to mbo"),
    "labour_market": _l("Went to work"),
    "personal_problems": _l("Personal problems"),
    "parental_involvement": _l("Little support from the parents"),
    "multiple_problems": _l("Several problems at once"),
    "moved": _l("Moved house"),
    "other": _l("Other reason"),
    "not_enrolled": _l("Not enrolled (from the list of young people without a school)"),
}
CHANNEL_LABELS = {
    "phone": _l("Phone call"),
    "text_message": _l("Text message or app"),
    "email": _l("Email"),
    "letter": _l("Letter"),
    "home_visit": _l("Home visit"),
    "via_school": _l("Through the school"),
}
STOP_REASON_LABELS = {
    "startkwalificatie": _l("Has a startkwalificatie (a diploma)"),
    "moved_out_of_region": _l("Moved out of the region"),
    "decision": _l("Decision to stop, for example for work or other participation"),
}
