"""Password hashing: argon2id at the OWASP Password Storage Cheat Sheet minimum."""
import pytest

from coordination.accounts import passwords
from coordination.accounts.passwords import hash_password, needs_rehash, verify_password

OWASP_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$"


def test_parameters_are_the_owasp_minimum():
    assert passwords.ARGON2_MEMORY_KIB == 19456
    assert passwords.ARGON2_TIME_COST == 2
    assert passwords.ARGON2_PARALLELISM == 1


def test_hash_is_argon2id_with_owasp_parameters():
    encoded = hash_password("correct horse battery staple")
    assert encoded.startswith(OWASP_PREFIX)
    assert "correct horse" not in encoded
    assert not needs_rehash(encoded)


def test_same_password_gets_a_fresh_salt_each_time():
    assert hash_password("correct horse battery staple") != hash_password(
        "correct horse battery staple")


def test_right_password_verifies():
    encoded = hash_password("correct horse battery staple")
    assert verify_password(encoded, "correct horse battery staple") is True


@pytest.mark.parametrize("attempt", ["Correct horse battery staple", "correct horse battery",
                                     "", "correct horse battery staple "])
def test_wrong_password_does_not_verify(attempt):
    encoded = hash_password("correct horse battery staple")
    assert verify_password(encoded, attempt) is False


@pytest.mark.parametrize("bad_hash", [
    "",
    None,
    "not a hash at all",
    "$argon2id$garbage",
    "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB",
    # a bcrypt hash: another algorithm is not accepted either
    "$2b$12$abcdefghijklmnopqrstuuJ0r6Lj7Ih0Ok/nXCxXnCXKkr5qPuDsa",
])
def test_bad_or_missing_hash_is_false_not_an_error(bad_hash):
    assert verify_password(bad_hash, "anything at all") is False


def test_no_hash_is_false_even_for_the_dummy_password():
    # An account without a password is checked against a dummy hash (equal work);
    # guessing that dummy's password must not log anyone in.
    assert verify_password(None, "not a real password") is False


def test_weaker_parameters_need_a_rehash():
    from argon2 import PasswordHasher, Type

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID)
    encoded = weak.hash("correct horse battery staple")
    assert verify_password(encoded, "correct horse battery staple") is True
    assert needs_rehash(encoded) is True
