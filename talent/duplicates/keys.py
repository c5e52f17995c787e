"""Match keys: the normalised facts two records of one person are likely to share.

A key is a string such as ``email:louisyang@gmail.com`` or ``native:阳陆育@12``
(a name at company #12). Two candidates sharing a key are a likely pair; the
key's kind is the reason. Contacts are unique per (kind, value), so contact
keys fold what the stored values keep apart: the dots and ``+tag`` of a Gmail
address, a ``+tag`` anywhere, a mobile number used as an e-mail name
(``13800138000@139.com``), one handle used as a WeChat ID and an e-mail name.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from talent import contacts
from talent.names import fold, person_pinyin, pinyin

# Reason codes, in the order they are shown, and how much each says on its own (0-100).
WEIGHTS = {
    "email": 95,
    "phone": 95,
    "wechat": 90,
    "linkedin": 95,
    "native_name": 75,
    "english_name": 60,
    "pinyin": 50,
    "handle": 50,
}
REASONS = tuple(WEIGHTS)
# A key kind -> the reason it gives.
KEY_REASONS = {
    "email": "email",
    "phone": "phone",
    "wechat": "wechat",
    "linkedin": "linkedin",
    "handle": "handle",
    "native": "native_name",
    "english": "english_name",
    "pinyin": "pinyin",
}
# A weaker reason is left out when a stronger one already covers the same fact.
SUBSUMED = {"pinyin": ("native_name", "english_name"), "handle": ("email", "wechat")}

_GMAIL = {"gmail.com", "googlemail.com"}
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LATIN_WORD = re.compile(r"[a-z]+")
_HANDLE = re.compile(r"^(?=.*[a-z])[a-z0-9._-]{6,}$")


@dataclass(frozen=True)
class Stint:
    company_id: int
    start_year: int
    end_year: int | None  # None: still there


@dataclass
class CandidateFacts:
    """What keys are made of: one candidate's names, contacts and stints."""

    native_name: str = ""
    english_name: str = ""
    contacts: list[tuple[str, str]] = field(default_factory=list)
    stints: list[Stint] = field(default_factory=list)


def canonical_email(value: str) -> str:
    """One spelling per mailbox: lower case, no ``+tag``; Gmail also ignores dots and has one domain."""
    local, _, domain = value.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def _phone_key(value: str) -> str | None:
    try:
        return f"phone:{contacts.normalize_phone(value)}"
    except ValidationError:
        return None


def contact_keys(kind: str, value: str) -> set[str]:
    keys: set[str] = set()
    if kind == contacts.EMAIL:
        email = canonical_email(value)
        keys.add(f"email:{email}")
        local = email.rpartition("@")[0]
        if _CN_MOBILE.match(local):
            keys.add(_phone_key(local) or "")
        elif _HANDLE.match(local):
            keys.add(f"handle:{local.replace('.', '')}")
    elif kind == contacts.PHONE:
        keys.add(_phone_key(value) or f"phone:{value}")
    elif kind == contacts.WECHAT:
        wechat = value.strip().lower()
        keys |= {f"wechat:{wechat}", f"handle:{wechat.replace('.', '')}"}
    elif kind == contacts.LINKEDIN:
        keys.add(f"linkedin:{value.strip().lower().rstrip('/')}")
    return {key for key in keys if key}


def native_key_name(name: str) -> str:
    """Simplified script, no spaces or punctuation: 陽陸育 and 阳 陆育 are one name."""
    folded = fold(name)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def english_key_name(name: str) -> str:
    """Latin words in a fixed order, accents dropped: "Yang, Louis" and "louis yang" are one name."""
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return " ".join(sorted(_LATIN_WORD.findall(ascii_name)))


def pinyin_forms(native_name: str, english_name: str) -> set[str]:
    """The name as toneless pinyin without spaces: from the characters (both surname readings) or the
    English name in either order (Luyu Yang, Yang Luyu)."""
    forms = {reading.replace(" ", "") for reading in (pinyin(native_name), person_pinyin(native_name)) if reading}
    words = _LATIN_WORD.findall(
        unicodedata.normalize("NFKD", english_name or "").encode("ascii", "ignore").decode().lower()
    )
    if 2 <= len(words) <= 4:
        forms |= {"".join(words), "".join(reversed(words))}
    return {form for form in forms if len(form) >= 4}


def candidate_keys(facts: CandidateFacts) -> set[str]:
    keys: set[str] = set()
    for kind, value in facts.contacts:
        keys |= contact_keys(kind, value)
    companies = {stint.company_id for stint in facts.stints}
    native = native_key_name(facts.native_name)
    english = english_key_name(facts.english_name)
    forms = pinyin_forms(facts.native_name, facts.english_name)
    for company in companies:
        if len(native) >= 2:
            keys.add(f"native:{native}@{company}")
        if english.count(" ") >= 1:
            keys.add(f"english:{english}@{company}")
        keys |= {f"pinyin:{form}@{company}" for form in forms}
    return keys


def key_reason(key: str) -> str:
    return KEY_REASONS[key.split(":", 1)[0]]


def key_company(key: str) -> int | None:
    """The company a name key is about, or None for a contact key."""
    if key.split(":", 1)[0] not in ("native", "english", "pinyin"):
        return None
    return int(key.rpartition("@")[2])


def years_overlap(first: list[Stint], second: list[Stint]) -> bool:
    return any(
        a.start_year <= (b.end_year or 9999) and b.start_year <= (a.end_year or 9999) for a in first for b in second
    )


def pair_score(reasons: set[str]) -> int:
    """How likely the two are one person: each reason alone is its weight; several add up, never to 100."""
    unlikely = 1.0
    for reason in reasons:
        unlikely *= 1 - WEIGHTS[reason] / 100
    return min(99, round(100 * (1 - unlikely)))


def ordered_reasons(reasons: set[str]) -> list[str]:
    kept = {r for r in reasons if not any(stronger in reasons for stronger in SUBSUMED.get(r, ()))}
    return [reason for reason in REASONS if reason in kept]
