"""Recruiters and teams: who works the desk, where, and how they are reminded."""

import zoneinfo

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from accounts.models import Recruiter, Team

TIMEZONE_CHOICES = [(zone, zone) for zone in sorted(zoneinfo.available_timezones())]


class RecruiterForm(forms.ModelForm):
    # A list of IANA zones rather than free text; the model validator still has the last word.
    timezone = forms.ChoiceField(choices=TIMEZONE_CHOICES, initial="Asia/Shanghai")

    class Meta:
        model = Recruiter
        fields = "__all__"


@admin.register(Recruiter)
class RecruiterAdmin(admin.ModelAdmin):
    form = RecruiterForm
    list_display = ["__str__", "username", "team", "timezone", "city", "reminder_milestones", "email_reminders"]
    list_filter = ["team", "email_reminders", "in_app_reminders"]
    list_select_related = ["user", "team"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "city"]
    autocomplete_fields = ["user", "team"]
    fieldsets = [
        (None, {"fields": ["user", "team", "timezone", "city"]}),
        ("Reminders", {"fields": ["reminder_milestones", "email_reminders", "in_app_reminders"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Recruiter]:
        # __str__ reads the user, so autocomplete and list filters elsewhere need it joined.
        return super().get_queryset(request).select_related("user", "team")

    @admin.display(description="username", ordering="user__username")
    def username(self, recruiter: Recruiter) -> str:
        return recruiter.user.get_username()


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "lead", "member_count"]
    search_fields = ["name"]
    autocomplete_fields = ["lead"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Team]:
        return super().get_queryset(request).select_related("lead__user").annotate(member_count=Count("members"))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, team: Team) -> int:
        return team.member_count


class RecruiterFieldListFilter(admin.RelatedFieldListFilter):
    """The stock related filter, with the users joined so listing recruiters is one query."""

    def field_choices(self, field, request, model_admin) -> list[tuple[int, str]]:
        ordering = self.field_admin_ordering(field, request, model_admin) or ["user__username"]
        return [
            (recruiter.pk, str(recruiter)) for recruiter in Recruiter.objects.select_related("user").order_by(*ordering)
        ]
