"""Recruiters, teams and API keys in the admin, and its sign-in form."""

from django.contrib import admin

from accounts.signin import AdminSignInForm

from . import recruiters, tokens  # noqa: F401

# Says so when an address is locked out after too many failed sign-ins.
admin.site.login_form = AdminSignInForm
