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
# For CAUSES in coordination/followup/models.py (seed 004 §2).
CAUSE_LABELS = {cause: REASON_LABELS[cause] for cause in (
    "study_choice", "school_climate", "no_internship", "teaching_quality",
    "transition_vmbo_mbo", "labour_market", "personal_problems", "parental_involvement",
    "multiple_problems")}
# For LEAVER_KINDS (seed 004, Eimers & Bekhuis 2006).
LEAVER_KIND_LABELS = {
    "niet_kunner": _l("Cannot (niet-kunner): does not have the learning capacity for a "
                      "startkwalificatie"),
    "verhinderde": _l("Prevented (verhinderde): many problems, often outside school too"),
    "opstapper": _l("Leaves for work (opstapper): few risk factors, pulled or pushed out"),
    "opleidingswisselaar": _l("Switches study (opleidingswisselaar): starts a new study this "
                              "or next school year"),
}
# Every end of a follow-up in the case history: the reasons to choose and the end age.
END_LABELS = {**STOP_REASON_LABELS,
              "end_age": _l("Reached the end age of the follow-up: ended by itself")}
# Dropout follow-up steps (coordination/rules/followup.py), as the bell says them.
FOLLOWUP_STEPS = {
    "contact": _l("A young person left school: make contact within 5 working days."),
    "letter": _l("Send the letter to a young person who left school (within 4 weeks)."),
    "attempt": _l("Try again to reach a young person who left school."),
    "zomeractie": _l("A young person who left school is on the June door-to-door list."),
    "start_check": _l("September check after the door-to-door round: did the young person "
                      "really start at the new school?"),
    "yearly": _l("Yearly contact with a young person who left school: ask how they are."),
}
