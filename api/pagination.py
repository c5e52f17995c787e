"""Cursor pagination for every list: stable under inserts, bounded page size."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    """`?page_size=` picks the page size (default 25, at most 100); follow `next` for more.

    The order is the view's `ordering` or the `ordering` query parameter.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
