"""What factors, areas, domains and kinds of absence are called on the pages, with the
seeds' own examples as suggestions (free text stays allowed)."""
from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "risk": _l("Risk factor"),
    "protective": _l("Protective factor"),
    "life_event": _l("Life event"),
    "strength": _l("Strength"),
}
KIND_PLURALS = {
    "risk": _l("Risk factors"),
    "protective": _l("Protective factors"),
    "life_event": _l("Life events"),
    "strength": _l("Strengths"),
}
# Seed 002 §2: the young person, the home, the school, and peers and neighbourhood.
AREA_LABELS = {
    "youth": _l("The young person"),
    "home": _l("Home"),
    "school": _l("School"),
    "environment": _l("Friends and neighbourhood"),
}
# Seed 003, Bijlage 2: the eight Wegwijzer domains, in the manual's order.
DOMAIN_LABELS = {
    "education_society": _l("Education and society"),
    "school_climate": _l("School climate"),
    "home_situation": _l("Home situation"),
    "sensitive_teaching": _l("Sensitive teaching"),
    "classmates": _l("Relations with classmates"),
    "mental_capital": _l("Mental capital"),
    "learning_future": _l("Learning skills, motivation and future"),
    "collaboration": _l("Collaboration"),
}
# What a young person or parent adds, in plain words.
FAMILY_KIND_LABELS = {
    "helps": _l("What helps"),
    "hard": _l("What makes school hard"),
}
SOURCE_LABELS = {
    "youth": _l("the young person"),
    "parent": _l("a parent"),
}

# Seed 002 §2 (Berends & Van Diest 2014; Dupéré et al. 2015): examples per area.
RISK_SUGGESTIONS = {
    "youth": [_l("Anxiety or low mood"), _l("Low self-esteem"),
              _l("Difficulty with social skills"), _l("Physical complaints or illness"),
              _l("Uses alcohol or drugs"), _l("Is bullied"),
              _l("Cannot keep up with the lessons")],
    "home": [_l("A distant relationship with the parents"),
             _l("A very close relationship with the parents"),
             _l("Can hardly talk about feelings at home"), _l("No contact with a parent"),
             _l("Does not feel supported by the parents"),
             _l("A parent with mental-health problems"),
             _l("Parents are hardly involved in school")],
    "school": [_l("The school has little view of absence"),
               _l("Discipline about absence is too strict, too light or inconsistent"),
               _l("A poor relationship with a teacher"),
               _l("The lessons do not fit what the student needs"), _l("Large classes"),
               _l("Many changes of teachers")],
    "environment": [_l("Friends who often miss school or get into trouble"),
                    _l("Peers who push towards truancy or drugs"), _l("Money problems")],
}
PROTECTIVE_SUGGESTIONS = {
    "youth": [_l("A concrete picture of the future"), _l("Values doing well at school")],
    "home": [_l("Parents find education important"),
             _l("Parents follow and support the school work")],
    "school": [_l("A safe school where the student feels seen and supported"),
               _l("Support at school that notices problems early"),
               _l("The school keeps a good record of absence")],
    "environment": [_l("Feels valued by friends")],
}
LIFE_EVENT_SUGGESTIONS = [_l("Moved house"), _l("Parents divorced"),
                          _l("Someone close died"), _l("A new mentor"),
                          _l("Moved to secondary school")]
STRENGTH_SUGGESTIONS = [_l("A warm bond with one adult at school"), _l("A concrete future"),
                        _l("Makes own choices"), _l("Good at sport, music or a hobby")]

# Seed 002 ch. 3-6 (Heyne et al. 2019): how to recognise each kind, and §7: what tends to
# work. Shown as a guide when choosing; more than one may fit.
KIND_MARKS = {
    "school_refusal": _l(
        "Refuses school or goes reluctantly, with emotional distress (fear, anger, sadness, "
        "unexplained physical complaints, low mood, sleeping badly); does not hide it from "
        "the parents; no antisocial behaviour except when pushed to go; the parents try to "
        "get the child back to school."),
    "truancy": _l(
        "Away for part of the day or all of it, or at school but not in class; without "
        "permission of the school; hidden from the parents."),
    "withdrawal": _l(
        "The parents know. The parents keep the young person at home (to help with work or "
        "care, or for their own peace of mind), or make little or no effort to get them to "
        "school."),
    "exclusion": _l(
        "Caused by the school: improper discipline (sent home unlawfully, an internal "
        "suspension for the school's convenience); needs the school cannot or will not "
        "meet; or the school discourages coming, beyond what its rules allow."),
}
KIND_WORKS = {
    "school_refusal": _l("Tends to work: cognitive behavioural therapy and a gradual "
                         "return to school."),
    "truancy": _l("Tends to work: a positive school climate with constructive handling of "
                  "problem behaviour, and close monitoring of truancy."),
    "withdrawal": _l("Tends to work: investing in the collaboration with the parents."),
    "exclusion": _l("Tends to work: a positive climate and fitting support; follow the rules "
                    "for suspension and expulsion."),
}

# The same kinds for the young person and the parents, in plain words (B1).
FAMILY_LABELS = {
    "risk": _l("What makes it hard"),
    "protective": _l("What helps"),
    "life_event": _l("What happened"),
    "strength": _l("What goes well"),
}
