"""A candidate's history: the recorded events of the candidate and of the rows that belong to it.

talent.history records every change (database triggers, django-pghistory);
this package reads it back for one candidate, for the API and the admin,
showing each user only what they may see. It lives in crm because it gathers
crm's rows (notes, pipeline rows) too.
"""

from crm.history.selectors import HistoryEntry, history_entry, history_of_candidate

__all__ = ["HistoryEntry", "history_entry", "history_of_candidate"]
