"""Search tokens: every form of a candidate a recruiter may type, built in Python from plain values.

Pure functions, no database access, so the services, the refresh, the rebuild
command and bulk seeding (COPY) all store exactly the same tokens.

A token is ``<kind>:<key>``; keys are folded (NFKC, lower-case, tone marks and
other combining marks removed, single spaces). The kind says how a match ranks
and who may match on it:

========  ==========================================================  ====
kind      from                                                        rank
========  ==========================================================  ====
``x:``    a whole name: native (simplified and traditional), its      0
          pinyin with and without spaces, the English name, an alias
``n:``    a name prefix: leading 2+ characters, leading pinyin        1
          syllables (``yang``, ``yang lu``, ``yanglu``), leading
          letters (2+) of a Latin name without spaces
``o:``    other name parts: inner character n-grams (2+), inner       2
          syllable runs (2+), initials (``yly``), later-word prefixes
``t:``    title words and expertise tags                              2
``c:``    a current or past employer by name, native name or alias,   3
          their words and character n-grams (``字节``)
``px:``,  the pseudonym, exact / prefix / other: the only kinds that  0, 1,
``pn:``,  may match a confidential candidate for a caller not         2
``po:``   cleared for its identity (see talent.search.query)
========  ==========================================================  ====

Public functions:

- ``candidate_tokens(*, native_name="", english_name="", pseudonym="", aliases=(), companies=(), titles=(),
  expertise=()) -> list[str]``: the sorted, distinct tokens of one candidate. ``companies`` is one list of
  names per employer (current or past): ``[name, native_name, *aliases]``; ``titles`` the stint titles.
  Stable signature: bulk seeding calls it.
- ``query_keys(query) -> list[str]``: the folded keys a typed query may equal (empty: no search).
- ``query_tokens(query) -> QueryTokens``: the tokens to look for, grouped by rank and by who may match.
- ``normalize(text) -> str``: the folding applied to both sides.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from talent.names import SURNAME_READINGS, has_han, person_pinyin, to_simplified, to_traditional

EXACT, PREFIX, OTHER, TOPIC, COMPANY = "x:", "n:", "o:", "t:", "c:"
PSEUDONYM_EXACT, PSEUDONYM_PREFIX, PSEUDONYM_OTHER = "px:", "pn:", "po:"
# A folded key never holds this (normalize drops control characters): the refresh joins tokens with it.
SEPARATOR = "\x1f"

# Characters n-grams are taken from the first MAX_NGRAM_SOURCE characters only, so a long
# title or company name cannot blow a row up to thousands of tokens.
MAX_NGRAM_SOURCE = 16
MIN_PREFIX = 2

_SPACES = re.compile(r"\s+")
_SURNAMES_LONGEST_FIRST = sorted(SURNAME_READINGS, key=len, reverse=True)
_WORD_SPLIT = re.compile(r"[^\w]+")


def normalize(text: str | None) -> str:
    """NFKC, lower-case, without combining marks (tones) or control characters, single-spaced."""
    text = text or ""
    if text.isascii() and text.isprintable():
        return _SPACES.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _scripts(text: str) -> set[str]:
    """The text folded in its own, the simplified and the traditional script."""
    if not has_han(text):
        return {normalize(text)} - {""}
    simplified = to_simplified(text)
    return {normalize(v) for v in (text, simplified, to_traditional(simplified))} - {""}


def _readings(name: str) -> set[str]:
    """Toneless pinyin of a name, both with the surname's own reading (曾 zeng) and the everyday one (ceng).

    talent.names.pinyin and person_pinyin, with one conversion to pinyin instead of three.
    """
    simplified = to_simplified(name.strip())
    if not has_han(simplified):
        return set()
    everyday = " ".join(s for s in lazy_pinyin(simplified, style=Style.NORMAL, errors="ignore") if s.strip())
    readings = {everyday}
    surname = next((s for s in _SURNAMES_LONGEST_FIRST if simplified.startswith(s) and len(simplified) > len(s)), None)
    if surname is not None:
        readings.add(person_pinyin(simplified))
    return {normalize(r) for r in readings} - {""}


def _ngrams(compact: str) -> tuple[set[str], set[str]]:
    """(leading, inner) substrings of 2+ characters, the whole excluded."""
    source = compact[:MAX_NGRAM_SOURCE]
    leading, inner = set(), set()
    for start in range(len(source)):
        for end in range(start + 2, len(source) + 1):
            (leading if start == 0 else inner).add(source[start:end])
    return leading - {compact}, inner - {compact}


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(exact, prefix, other) keys of one personal name or alias."""
    exact: set[str] = set()
    prefix: set[str] = set()
    other: set[str] = set()
    for form in _scripts(name):
        compact = form.replace(" ", "")
        exact |= {form, compact}
        if has_han(form):
            leading, inner = _ngrams(compact)
            prefix |= leading
            other |= inner
        else:
            prefix |= {compact[:end] for end in range(MIN_PREFIX, len(compact))}
            for word in form.split(" ")[1:]:
                other |= {word[:end] for end in range(MIN_PREFIX, len(word) + 1)}
    for reading in _readings(name):
        syllables = reading.split(" ")
        exact |= {" ".join(syllables), "".join(syllables)}
        for end in range(1, len(syllables)):
            prefix |= {" ".join(syllables[:end]), "".join(syllables[:end])}
        for start in range(1, len(syllables)):
            for end in range(start + 2, len(syllables) + 1):
                other |= {" ".join(syllables[start:end]), "".join(syllables[start:end])}
        if len(syllables) > 1:
            other.add("".join(s[0] for s in syllables))
    return frozenset(exact), frozenset(prefix - exact), frozenset(other - exact - prefix)


# Employers and titles repeat across thousands of people: computed once each.
@lru_cache(maxsize=65536)
def _topic_keys(text: str) -> frozenset[str]:
    """A title, tag or company name: the whole, its words, and character n-grams of Chinese."""
    keys: set[str] = set()
    for form in _scripts(text):
        compact = form.replace(" ", "")
        keys |= {form, compact}
        keys |= {word for word in _WORD_SPLIT.split(form) if len(word) >= MIN_PREFIX and not has_han(word)}
        if has_han(form):
            leading, inner = _ngrams(compact)
            keys |= leading | inner
    return frozenset(keys - {""})


def candidate_tokens(
    *,
    native_name: str = "",
    english_name: str = "",
    pseudonym: str = "",
    aliases: Iterable[str] = (),
    companies: Iterable[Iterable[str]] = (),
    titles: Iterable[str] = (),
    expertise: Iterable[str] = (),
) -> list[str]:
    """The sorted, distinct search tokens of one candidate (see the module docstring)."""
    tokens: set[str] = set()
    for name in (native_name, english_name, *aliases):
        if name and name.strip():
            for kind, keys in zip((EXACT, PREFIX, OTHER), _name_keys(name), strict=True):
                tokens |= {kind + key for key in keys}
    if pseudonym and pseudonym.strip():
        kinds = (PSEUDONYM_EXACT, PSEUDONYM_PREFIX, PSEUDONYM_OTHER)
        for kind, keys in zip(kinds, _name_keys(pseudonym), strict=True):
            tokens |= {kind + key for key in keys}
    for names in companies:
        for name in names:
            if name and name.strip():
                tokens |= {COMPANY + key for key in _topic_keys(name)}
    for topic in (*titles, *expertise):
        if topic and topic.strip():
            tokens |= {TOPIC + key for key in _topic_keys(topic)}
    return sorted(tokens)


def query_keys(query: str | None) -> list[str]:
    """The keys a typed query may equal: folded as typed, in simplified script, and without spaces."""
    keys: set[str] = set()
    for form in _scripts(query or ""):
        keys |= {form, form.replace(" ", "")}
    return sorted(keys - {""})


@dataclass(frozen=True)
class QueryTokens:
    """Tokens to look for, by rank. `identity[r]` may match only where the caller is cleared."""

    identity: tuple[list[str], list[str], list[str], list[str]]
    pseudonym: tuple[list[str], list[str], list[str]]

    @property
    def pseudonym_only(self) -> list[str]:
        return [token for rank in self.pseudonym for token in rank]

    @property
    def every(self) -> list[str]:
        return [token for rank in self.identity for token in rank] + self.pseudonym_only

    def __bool__(self) -> bool:
        return bool(self.pseudonym_only)


def query_tokens(query: str | None) -> QueryTokens:
    keys = query_keys(query)

    def tagged(*kinds: str) -> list[str]:
        return [kind + key for kind in kinds for key in keys]

    return QueryTokens(
        identity=(tagged(EXACT), tagged(PREFIX), tagged(OTHER, TOPIC), tagged(COMPANY)),
        pseudonym=(tagged(PSEUDONYM_EXACT), tagged(PSEUDONYM_PREFIX), tagged(PSEUDONYM_OTHER)),
    )
