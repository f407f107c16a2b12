"""The one text check and the one address check that services share (validation.py)."""
from coordination import limits
from coordination.validation import clean_email, clean_text


def test_text_is_stripped_and_checked_for_presence_and_length(app):
    errors = {}
    assert clean_text("  hallo  ", "note", errors, missing="Schrijf iets.") == "hallo"
    assert errors == {}
    clean_text("   ", "note", errors, missing="Schrijf iets.")
    assert errors == {"note": ["Schrijf iets."]}
    errors = {}
    assert clean_text(None, "note", errors) == ""
    assert errors == {}
    clean_text("x" * 11, "note", errors, limit=10, too_long="Te lang.")
    assert errors == {"note": ["Te lang."]}
    errors = {}
    clean_text("x" * 10, "note", errors, limit=10, too_long="Te lang.")
    assert errors == {}


def test_addresses_are_lower_cased_and_must_look_like_one(app):
    errors = {}
    assert clean_email("  Ouder@Example.NL ", "email", errors) == "ouder@example.nl"
    assert errors == {}
    for bad in ("", None, "ouder", "ouder@example", "ou der@example.nl", "a@b@c.nl",
                "o@" + "x" * limits.EMAIL + ".nl"):
        errors = {}
        clean_email(bad, "email", errors)
        assert list(errors) == ["email"], bad
    longest = "o@" + "x" * (limits.EMAIL - 5) + ".nl"
    errors = {}
    clean_email(longest, "email", errors)
    assert len(longest) == limits.EMAIL and errors == {}
