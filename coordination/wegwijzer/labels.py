"""The eight Wegwijzer domains as the participants see them: the manual's description
(seed 003, Bijlage 2, shortened) and its two poles, "when it does not go well" (1) and
"when it goes well" (10). The seed gives the descriptions; the pole sentences here are
drawn from them (the manual's own pole texts are not in the seed)."""
from flask_babel import lazy_gettext as _l

from coordination.agreements.forms import STATUS_LABELS as AGREEMENT_STATUS_LABELS
from coordination.factors.labels import DOMAIN_LABELS

GROUP_LABELS = {
    "team": _l("Team"),
    "students": _l("Students"),
    "parents": _l("Parents"),
}
DESCRIPTIONS = {
    "education_society": _l(
        "Doing well should not only mean top marks at the highest level. Room for "
        "different talents, personal growth and rest keeps pressure in balance."),
    "school_climate": _l(
        "A safe and predictable school where students feel seen and valued, and get help "
        "in time when they get stuck."),
    "home_situation": _l(
        "Parents who encourage and support without pushing only for results; a stable home "
        "helps a student learn."),
    "sensitive_teaching": _l(
        "Teachers who see, listen to and take students seriously; a mentor who notices "
        "signals and thinks along."),
    "classmates": _l(
        "Good relations with classmates protect; bullying, conflicts or not belonging "
        "make school harder."),
    "mental_capital": _l(
        "A positive self-image, belief in one's own abilities, perseverance and resilience; "
        "attention for dealing with stress."),
    "learning_future": _l(
        "Learning skills, planning and motivation, a school level that fits, and feeling "
        "connected to school and the future."),
    "collaboration": _l(
        "Students, parents, school and care work together, know the agreements, listen to "
        "the student, and one person keeps the overview."),
}
LOW_POLE = {
    "education_society": _l("Only high marks count; the programme is too full and tests "
                            "follow each other without rest."),
    "school_climate": _l("Students do not feel safe or seen; help comes late or not at all."),
    "home_situation": _l("Parents push for results, or are hardly involved; home is "
                         "unstable."),
    "sensitive_teaching": _l("Teachers hardly know their students; signals are missed."),
    "classmates": _l("Bullying and conflicts; students who do not belong are left out."),
    "mental_capital": _l("Stress and worries are not talked about; students with problems "
                         "get stuck."),
    "learning_future": _l("Students lose motivation, cannot plan, and see no future in "
                          "their school."),
    "collaboration": _l("Everyone works on their own piece; nobody keeps the overview; the "
                        "student is not heard."),
}
HIGH_POLE = {
    "education_society": _l("Different talents are valued; there is room for rest and "
                            "personal growth."),
    "school_climate": _l("Students feel safe, seen and valued; help comes in time."),
    "home_situation": _l("Parents encourage, support and stay involved with school."),
    "sensitive_teaching": _l("Teachers see and listen to each student; the mentor notices "
                             "signals and acts."),
    "classmates": _l("Students get on well; everyone belongs."),
    "mental_capital": _l("Students believe in themselves and learn to deal with stress."),
    "learning_future": _l("Students are motivated, can plan and see where school leads "
                          "them."),
    "collaboration": _l("Student, parents, school and care work together with one person "
                        "keeping the overview."),
}

__all__ = ["DESCRIPTIONS", "DOMAIN_LABELS", "GROUP_LABELS", "HIGH_POLE", "LOW_POLE"]

# The plan per chosen domain (plan.py). The NJi database's own words for the recognition
# levels are "goed beschreven", "goed onderbouwd" and "effectief" (seed 003, Bijlage 1).
RECOGNITION_LABELS = {
    "not_recognised": _l("Not recognised"),
    "well_described": _l("Well described"),
    "well_founded": _l("Well founded"),
    "effective": _l("Effective"),
}
RECOGNITION_HINTS = {
    "not_recognised": _l("A recommendation, an example from practice or the school's own "
                         "idea, not in the NJi database."),
    "well_described": _l("The NJi database: clear what it is, for whom and how it works."),
    "well_founded": _l("The NJi database: it is also explained, with research, why it "
                       "should work."),
    "effective": _l("The NJi database: research shows that it works."),
}
# Goals and actions have the agreements' statuses, with their labels.
STATUS_LABELS = AGREEMENT_STATUS_LABELS

__all__ += ["RECOGNITION_HINTS", "RECOGNITION_LABELS", "STATUS_LABELS"]
# The manual's seven steps (seed 003 §1), as the trajectory's stages (rules.wegwijzer.STAGES).
STAGE_LABELS = {
    "core_team": _l("Form a core team"),
    "current_situation": _l("Map the current situation"),
    "vision": _l("Review or develop a vision on well-being and learning"),
    "goals": _l("Choose goals"),
    "plan": _l("Make a plan"),
    "carry_out": _l("Carry out the plan"),
    "look_back": _l("Look back and look ahead"),
}
STAGE_HINTS = {
    "core_team": _l("Invite colleagues to the core team."),
    "current_situation": _l("Everyone invited gives their scores; invite student and parent "
                            "representatives too."),
    "vision": _l("Everyone has scored: talk about the report together and decide what you "
                 "want to work on."),
    "goals": _l("Choose about three domains to work on."),
    "plan": _l("The domains are chosen: make a plan for them."),
    "carry_out": _l("Carry out the plan."),
    "look_back": _l("Look back on what changed and score again in a new round."),
}

__all__ = ["DESCRIPTIONS", "DOMAIN_LABELS", "GROUP_LABELS", "HIGH_POLE", "LOW_POLE",
           "STAGE_HINTS", "STAGE_LABELS"]
