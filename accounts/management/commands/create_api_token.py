"""Create an API key from the command line; the key is printed once."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import token_create


class Command(BaseCommand):
    help = "Create a named API key for a user and print it (it is stored hashed and cannot be shown again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help='What uses the key, e.g. "HR sync".')
        parser.add_argument(
            "--scope", choices=[choice.value for choice in ApiToken.Scope], default=ApiToken.Scope.STATUS_READ
        )
        parser.add_argument("--days", type=int, help="Expire after this many days (default: never).")

    def handle(self, *args, username: str, name: str, scope: str, days: int | None, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if days is not None and days <= 0:
            raise CommandError("--days must be a positive number of days.")
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        try:
            token, raw = token_create(user=user, name=name, scope=scope, expires_at=expires_at)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stderr.write(f"Created key {token.name!r} ({token.scope}) for {username}. It will not be shown again:")
        self.stdout.write(raw)
