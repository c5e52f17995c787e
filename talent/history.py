"""What is tracked in history, and how.

django-pghistory installs row-level triggers that copy every inserted,
updated and deleted row into an event table, so bulk writes and raw SQL are
recorded as surely as a form save. Who and through which path (API, admin,
import, merge, command) comes from the pghistory context the caller opens:

- a request under /admin/ or /api/ opens it in `RequestHistoryMiddleware`; the admin's
  user is known there, an API caller only once DRF has authenticated it inside the
  view, so the API's authentication classes add it (api.authentication.name_caller);
- a service that is a path of its own (the merge) or a command opens it with `recorded`.

One context is one row of pghistory_context shared by every event written in
it, and its metadata is the last state of the dict: nested `recorded` calls
keep the outermost `via` and name theirs `action` (an API request that merges:
via "api", action "merge").
"""

import contextlib
from collections.abc import Callable, Iterator

import pghistory
from django.http import HttpRequest, HttpResponse


def tracked(**options):
    """The class decorator every tracked model uses: `@tracked()` or `@tracked(exclude=[...])`.

    A snapshot of the row after insert and update, and of its last state on delete. Each model
    gets its own tracker objects: pghistory binds a tracker's condition to the model it decorates.
    """
    trackers = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
    return pghistory.track(*trackers, **options)


def _who(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", True):
        return {}
    if isinstance(user, int):
        return {"user": user}
    return {"user": user.pk, "username": user.get_username()}


@contextlib.contextmanager
def recorded(via: str, user=None, **details) -> Iterator[None]:
    """Open (or extend) the history context: every event written inside names `via` and the user.

    `via` is one of "api", "admin", "import", "merge", "command", "erasure". Inside an
    open context `via` stays the outer one and this one is recorded as `action`; a user
    already named is kept. Details are ids, paths, usernames, key names and labels only:
    history contexts outlive erasure and must never hold a person's data.
    """
    with pghistory.context() as context:
        outer = context.metadata.get("via")
        path = {"via": via} if outer is None else {"action": via}
        who = {} if "user" in context.metadata else _who(user)
        pghistory.context(**path, **who, **details)
        yield


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class RequestHistoryMiddleware:
    """Every write of an admin or API request (POST, PUT, PATCH, DELETE) is recorded with its path and user.

    After AuthenticationMiddleware. The API's user is added by its authentication
    classes (api.authentication), since DRF authenticates inside the view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only requests that may write: pghistory prefixes every statement but a plain SELECT with the
        # context, as a parameter, which breaks raw SQL holding a literal % (the status feed's horizon CTE).
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        if request.path_info.startswith("/admin/"):
            with recorded("admin", user=request.user, path=request.path_info, method=request.method):
                return self.get_response(request)
        if request.path_info.startswith("/api/"):
            with recorded("api", path=request.path_info, method=request.method):
                return self.get_response(request)
        return self.get_response(request)


# The admin's history page of a candidate gathers crm's rows too (notes, pipeline
# rows), which talent may not import: crm registers the view that draws it.
HistoryPage = Callable[..., HttpResponse]
_history_page: list[HistoryPage] = []


def register_history_page(view: HistoryPage) -> None:
    """`view(model_admin, request, object_id)` draws the candidate's history page in the admin."""
    _history_page[:] = [view]


def history_page() -> HistoryPage | None:
    return _history_page[0] if _history_page else None
