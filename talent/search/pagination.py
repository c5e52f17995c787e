"""Cursor pagination of a ranked search, tier by tier, without sorting every match.

``SearchCursorPagination`` is the API's cursor pagination (api.pagination) for
lists that may be searched. When the list is searched and ordered by rank
(``SEARCH_ORDERING``, the default while searching), a page is read with
talent.search.query.search_page: the ids of the next rows, tier after tier,
each an index-ordered query limited to what the page still needs, then one
query for the page's rows (with the view's prefetches). The cursor holds the
last row's (rank, updated_at, id), so following pages continue inside a tier
or in the next one; `previous` walks back the same way. The order is exactly
``SEARCH_ORDERING``'s. Any other ordering pages as before.
"""

from base64 import b64encode
from urllib import parse

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor
from rest_framework.utils.urls import replace_query_param

from api.pagination import ApiCursorPagination
from talent.search.query import SEARCH_ORDERING, SearchPosition, search_page, search_tiers


class SearchCursorPagination(ApiCursorPagination):
    search_param = "search"

    def paginate_queryset(self, queryset, request, view=None):
        self.tiered = False
        term = request.query_params.get(self.search_param, "")
        ordering = self.get_ordering(request, queryset, view)
        if tuple(ordering) != tuple(SEARCH_ORDERING) or "search_rank" not in queryset.query.annotations:
            return super().paginate_queryset(queryset, request, view)
        tiers = search_tiers(queryset, term, all_cleared="identity_cleared" not in queryset.query.annotations)
        if not tiers:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.tiered = True
        self.base_url = request.build_absolute_uri()
        self.ordering = ordering
        self.cursor = self.decode_cursor(request)
        reverse, position = False, None
        if self.cursor is not None:
            reverse = self.cursor.reverse
            try:
                position = SearchPosition.decode(self.cursor.position or "")
            except ValueError:
                raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        found = search_page(
            tiers,
            after=None if reverse else position,
            before=position if reverse else None,
            limit=self.page_size + 1,
        )
        more = len(found) > self.page_size
        found = found[: self.page_size]
        if reverse:
            found.reverse()
            self.has_previous, self.has_next = more, True
        else:
            self.has_next, self.has_previous = more, position is not None
        self.positions = found
        rows = {row.pk: row for row in queryset.filter(pk__in=[p.id for p in found]).order_by()}
        # A row deleted between the two reads is left out rather than failing the page.
        self.page = [rows[p.id] for p in found if p.id in rows]
        return self.page

    def _link(self, position: SearchPosition, reverse: bool) -> str:
        tokens = {"p": position.encode()}
        if reverse:
            tokens["r"] = "1"
        encoded = b64encode(parse.urlencode(tokens).encode("ascii")).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def get_next_link(self):
        if not getattr(self, "tiered", False):
            return super().get_next_link()
        if not self.has_next:
            return None
        if not self.positions:  # an empty page reached backwards: start again from the cursor's own position
            return self.encode_cursor(Cursor(offset=0, reverse=False, position=self.cursor.position))
        return self._link(self.positions[-1], reverse=False)

    def get_previous_link(self):
        if not getattr(self, "tiered", False):
            return super().get_previous_link()
        if not self.has_previous:
            return None
        if not self.positions:
            return self.encode_cursor(Cursor(offset=0, reverse=True, position=self.cursor.position))
        return self._link(self.positions[0], reverse=True)
