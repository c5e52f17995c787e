"""The API's JSON parser: malformed or absurdly nested JSON is a 400, never a 500.

Python's json module recurses once per nesting level, so a body of 100,000
`[` ends in a RecursionError. No Talentbase resource nests more than a few
levels, so the depth is checked first, by a linear scan that skips strings.
"""

import json
import re

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils.json import strict_constant

MAX_DEPTH = 64

# A JSON string (with its escapes) or a bracket; brackets inside strings are matched as part of the string.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def nesting_depth_exceeds(text: str, limit: int) -> bool:
    """Whether arrays and objects in `text` nest deeper than `limit`; stops at the first level past it."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser (strict: no NaN or Infinity), with a nesting limit and every failure a ParseError."""

    max_depth = MAX_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(f"The body is not valid {encoding}.") from None
        if nesting_depth_exceeds(text, self.max_depth):
            raise ParseError(f"JSON nested deeper than {self.max_depth} levels is not accepted.")
        try:
            return json.loads(text, parse_constant=strict_constant if self.strict else None)
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
