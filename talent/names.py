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


# Surnames whose reading differs from the character's everyday one (曾 is zēng as a surname, céng
# otherwise). Personal names are spelt with the surname's own reading: GB/T 28039-2011, "The Chinese
# phonetic alphabet spelling rules for Chinese names", §5. Compound surnames first.
SURNAME_READINGS = {
    "尉迟": "yu chi", "万俟": "mo qi", "单于": "chan yu",
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "查": "zha", "乐": "yue", "区": "ou", "翟": "zhai",
    "朴": "piao", "覃": "qin", "缪": "miao", "盖": "ge", "种": "chong", "召": "shao", "员": "yun", "秘": "bi",
    "繁": "po", "句": "gou", "洗": "xian", "冼": "xian", "能": "nai", "折": "she", "阚": "kan", "隗": "wei",
    "纪": "ji", "任": "ren", "宁": "ning", "柏": "bai", "沈": "shen", "薄": "bo", "长孙": "zhang sun",
}  # fmt: skip


def pinyin(text: str) -> str:
    """Toneless pinyin with a space between syllables: 阳陆育 -> 'yang lu yu'."""
    if not has_han(text):
        return ""
    syllables = lazy_pinyin(to_simplified(text), style=Style.NORMAL, errors="ignore")
    return " ".join(s for s in syllables if s.strip())


def person_pinyin(name: str) -> str:
    """A person's name in pinyin, the surname in its own reading: 曾心凯 -> 'zeng xin kai', not 'ceng xin kai'."""
    simplified = to_simplified((name or "").strip())
    for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
        if simplified.startswith(surname) and len(simplified) > len(surname):
            rest = pinyin(simplified[len(surname) :])
            return f"{SURNAME_READINGS[surname]} {rest}".strip()
    return pinyin(simplified)


def fold(text: str) -> str:
    """Lower-case, simplified-script, single-spaced form used for matching."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", to_simplified(text).casefold()).strip()


def name_forms(text: str) -> set[str]:
    """Every form of one name that a search should match."""
    if not text or not text.strip():
        return set()
    forms = {fold(text)}
    # Both readings: the surname's own (曾 zeng) and the everyday one (ceng), which other tools produce.
    readings = {reading for reading in (pinyin(text), person_pinyin(text)) if reading}
    for syllables in readings:
        forms.add(syllables)
        forms.add(syllables.replace(" ", ""))
        forms.add("".join(s[0] for s in syllables.split()))
    if not readings:
        forms.add(fold(text).replace(" ", ""))
    return {f for f in forms if f}


def search_text(*names: str) -> str:
    """The denormalised text stored on a row and matched with icontains."""
    forms: set[str] = set()
    for name in names:
        forms |= name_forms(name)
    return " | ".join(sorted(forms))
