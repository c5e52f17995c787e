"""Name forms: simplified/traditional Chinese, pinyin, and the search key.

A candidate is findable by any form a recruiter might type: 陽陸育 or 阳陆育,
"yang lu yu", "yangluyu", the initials "yly", an English name or an alias.
All forms are folded into one lower-case, simplified-script search text.
"""

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def has_han(text: str) -> bool:
    return bool(_HAN.search(text or ""))


def to_simplified(text: str) -> str:
    return _converters()[0].convert(text) if has_han(text) else text


def to_traditional(text: str) -> str:
    return _converters()[1].convert(text) if has_han(text) else text


def pinyin(text: str) -> str:
    """Toneless pinyin with a space between syllables: 阳陆育 -> 'yang lu yu'."""
    if not has_han(text):
        return ""
    syllables = lazy_pinyin(to_simplified(text), style=Style.NORMAL, errors="ignore")
    return " ".join(s for s in syllables if s.strip())


def fold(text: str) -> str:
    """Lower-case, simplified-script, single-spaced form used for matching."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", to_simplified(text).casefold()).strip()


def name_forms(text: str) -> set[str]:
    """Every form of one name that a search should match."""
    if not text or not text.strip():
        return set()
    forms = {fold(text)}
    syllables = pinyin(text)
    if syllables:
        forms.add(syllables)
        forms.add(syllables.replace(" ", ""))
        forms.add("".join(s[0] for s in syllables.split()))
    else:
        forms.add(fold(text).replace(" ", ""))
    return {f for f in forms if f}


def search_text(*names: str) -> str:
    """The denormalised text stored on a row and matched with icontains."""
    forms: set[str] = set()
    for name in names:
        forms |= name_forms(name)
    return " | ".join(sorted(forms))
