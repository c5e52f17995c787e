"""Pages outside the API answer errors with the site's own pages (the API answers JSON: tests/api/test_errors.py)."""

import pytest
from django.template import loader
from django.test import Client
from django.views.defaults import server_error


@pytest.mark.django_db
def test_an_unknown_page_is_the_sites_404_page(settings):
    settings.DEBUG = False
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "Talentbase" in page and "admin/css/base.css" in page


def test_the_500_page_renders_without_a_request_or_a_database(rf):
    # Django renders it with an empty context: it may need nothing but the template and static files.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    for name in ("400.html", "403.html", "404.html"):
        assert "Back to the desk" in loader.get_template(name).render({})
