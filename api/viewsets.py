"""The shape every Talentbase viewset shares.

Reads come from `get_queryset()` (a visibility selector); writes go through
one service call per action, then the object is read back through the same
queryset so that computed and redacted fields are right in the response.
Single resources answer conditional GETs (ETag, Last-Modified, 304).
"""

import datetime as dt
import hashlib

from django.db import connections, models, transaction
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from rest_framework import status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response


def conditional_response(request: Request, data, *, last_modified: dt.datetime | None = None) -> Response:
    """A 200 with ETag and Last-Modified, or a 304 when the client's copy is current.

    The ETag hashes the representation this caller receives, so it changes
    when only a computed field (days left) or the caller's view of it
    (redaction) does. If-None-Match wins over If-Modified-Since (RFC 9110).
    """
    etag = quote_etag(hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:32])
    if_none_match = request.headers.get("If-None-Match")
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        not_modified = "*" in tags or etag in tags
    elif if_modified_since is not None and last_modified is not None:
        since = parse_http_date_safe(if_modified_since)
        not_modified = since is not None and int(last_modified.timestamp()) <= since
    else:
        not_modified = False
    response = Response(status=status.HTTP_304_NOT_MODIFIED) if not_modified else Response(data)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


class ReadsWithoutTransaction:
    """For a view that only reads (GET): no ATOMIC_REQUESTS transaction around it.

    Under READ COMMITTED a transaction gives its statements no common snapshot,
    so around a handful of SELECTs it costs two round trips (BEGIN, COMMIT) and
    buys nothing; that was a fifth of a status read's time in the database
    (bench/README.md). A write such a view still makes (a key's last use) is
    one statement, atomic on its own.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def handle_exception(self, exc: Exception) -> Response:
        # DRF marks whatever atomic block is open as failed when a view answers with an error. This view opens
        # none, so an open block is its caller's (a test's transaction, a script calling the view), not its own.
        open_blocks = [db for db in connections.all(initialized_only=True) if db.in_atomic_block]
        failed_before = {db.alias: db.needs_rollback for db in open_blocks}
        response = super().handle_exception(exc)
        for db in open_blocks:
            db.needs_rollback = failed_before[db.alias]
        return response


class ConditionalRetrieveMixin:
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        instance = self.get_object()
        data = self.get_serializer(instance).data
        return conditional_response(request, data, last_modified=getattr(instance, "updated_at", None))


class ServiceModelViewSet(ConditionalRetrieveMixin, viewsets.ModelViewSet):
    """A ModelViewSet whose writes call services: override service_create/update/destroy."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def service_create(self, validated_data: dict) -> models.Model:
        raise NotImplementedError

    def service_update(self, instance: models.Model, validated_data: dict) -> models.Model:
        raise NotImplementedError

    def service_destroy(self, instance: models.Model) -> None:
        raise NotImplementedError

    def render_object(self, pk: int, status_code: int = status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=pk)
        return Response(self.get_serializer(instance).data, status=status_code)

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.service_create(serializer.validated_data)
        return self.render_object(instance.pk, status.HTTP_201_CREATED)

    def update(self, request: Request, *args, **kwargs) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        self.service_update(instance, serializer.validated_data)
        return self.render_object(instance.pk)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        self.service_destroy(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
