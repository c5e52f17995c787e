"""Normalisation of contact channels, so one phone or e-mail has one spelling.

Uniqueness is enforced by the database on the normalised value; this module
only decides what the normalised value is, and rejects what cannot be one.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

EMAIL = "email"
PHONE = "phone"
WECHAT = "wechat"
LINKEDIN = "linkedin"

# Numbers typed without a country code are most often mainland Chinese mobiles.
DEFAULT_PHONE_REGION = "CN"

_WECHAT_ID = re.compile(r"^[a-zA-Z][-_a-zA-Z0-9]{5,19}$")
_LINKEDIN = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#\s]+)/?(?:[?#].*)?$", re.IGNORECASE
)


def normalize_email(value: str) -> str:
    value = value.strip()
    validate_email(value)
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}".lower()


def normalize_phone(value: str, region: str = DEFAULT_PHONE_REGION) -> str:
    try:
        number = phonenumbers.parse(value.strip(), region)
    except phonenumbers.NumberParseException:
        raise ValidationError("Enter a valid phone number, e.g. +86 138 0013 8000.", code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Enter a valid phone number, e.g. +86 138 0013 8000.", code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_wechat(value: str) -> str:
    value = value.strip()
    if not _WECHAT_ID.match(value):
        raise ValidationError(
            "A WeChat ID is 6–20 letters, digits, '-' or '_', starting with a letter.", code="invalid_wechat"
        )
    return value.lower()


def normalize_linkedin(value: str) -> str:
    match = _LINKEDIN.match(value.strip())
    if not match:
        raise ValidationError(
            "Enter a LinkedIn profile URL such as https://www.linkedin.com/in/name.", code="invalid_linkedin"
        )
    return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2).lower()}"


NORMALIZERS = {
    EMAIL: normalize_email,
    PHONE: normalize_phone,
    WECHAT: normalize_wechat,
    LINKEDIN: normalize_linkedin,
}


def normalize_contact(kind: str, value: str) -> str:
    try:
        normalizer = NORMALIZERS[kind]
    except KeyError:
        raise ValidationError(f"Unknown contact kind {kind!r}.", code="invalid_kind") from None
    return normalizer(value or "")
