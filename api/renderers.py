"""JSON for API responses: orjson, writing exactly what DRF's renderer writes."""

import orjson
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_drf_encoder = JSONEncoder()


class JSONRenderer(ORJSONRenderer):
    """orjson writes the same compact UTF-8 JSON as DRF's renderer, about ten times faster (a list page of 50
    spent ~2 ms in json.encoder). What orjson does not know natively (Decimal, lazy text, ...) is converted as
    DRF's encoder converts it. orjson refuses integers beyond 64 bits, which a response can echo from a query;
    those responses go through DRF's renderer rather than failing."""

    @staticmethod
    def default(obj):
        return _drf_encoder.default(obj)

    def render(self, data, media_type=None, renderer_context=None) -> bytes:
        try:
            return super().render(data, media_type, renderer_context)
        except orjson.JSONEncodeError:
            return DRFJSONRenderer().render(data, media_type, renderer_context)
