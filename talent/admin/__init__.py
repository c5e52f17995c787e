"""The data-entry desk for the talent market: companies, ladders, candidates and their careers.

Search and filters go through talent.selectors and derived data is refreshed
through talent.services, so the admin sees and writes what the API does.
"""

from . import candidates, careers, companies, duplicates  # noqa: F401
