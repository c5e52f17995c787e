"""API keys in the admin: create one (its key is shown once), revoke, never edit."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.models import ApiToken
from accounts.services import token_create, token_revoke


class ApiTokenCreateForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "scope", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "scope", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["user", "name", "scope", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    actions = ["revoke"]

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request: HttpRequest, obj=None):
        return self.readonly_fields if obj is not None else ApiTokenCreateForm.Meta.fields

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            return
        try:
            token, raw = token_create(user=obj.user, name=obj.name, scope=obj.scope, expires_at=obj.expires_at)
        except ValidationError as error:
            form.add_error(None, error)
            raise
        obj.pk = token.pk
        obj.prefix, obj.key_hash, obj.created_at = token.prefix, token.key_hash, token.created_at
        messages.warning(request, f"The key for {token.name!r} is {raw} — copy it now; it will not be shown again.")

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset) -> None:
        revoked = sum(token_revoke(token=token) for token in queryset)
        self.message_user(request, f"Revoked {revoked} key(s).", messages.SUCCESS)
