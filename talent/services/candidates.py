"""Writes of candidates: names and search text, aliases, contacts, watchers, and who answers for them."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.roles import recruiter_of
from talent import access, contacts
from talent.duplicates import duplicates_refresh_for
from talent.models import Candidate, CandidateAlias, ContactChannel
from talent.search.refresh import candidate_search_refresh
from talent.services.base import assign_validated, check_fields

if TYPE_CHECKING:
    from accounts.models import Recruiter, Team


def candidate_refresh_names(*, candidate: Candidate) -> None:
    """Recompute pinyin, search text and search tokens after a name, alias or expertise tag changed."""
    candidate.refresh_name_fields()
    Candidate.objects.filter(pk=candidate.pk).update(pinyin=candidate.pinyin, search_text=candidate.search_text)
    candidate_search_refresh(candidate_ids=[candidate.pk])


def contact_taken_message(*, actor, kind: str, value: str, holder: Candidate | None = None) -> str:
    """Why a contact cannot be added: who holds it, named only to those cleared to see that person."""
    label = ContactChannel.Kind(kind).label
    if holder is not None and access.candidate_rights(actor, holder).identity_cleared:
        return f"{label} {value} already belongs to {holder.display_name} (candidate #{holder.pk})."
    return f"{label} {value} is already taken by another candidate."


@transaction.atomic
def contact_add(
    *, actor, candidate: Candidate, kind: str, value: str, label: str = "", is_primary: bool = False
) -> ContactChannel:
    """Attach a contact, normalised; refuses one that belongs to someone else."""
    normalized = contacts.normalize_contact(kind, value)
    holder = ContactChannel.objects.filter(kind=kind, value=normalized).select_related("candidate").first()
    if holder is not None:
        message = contact_taken_message(actor=actor, kind=kind, value=normalized, holder=holder.candidate)
        raise ValidationError({"value": message})
    try:
        with transaction.atomic():
            contact = ContactChannel.objects.create(
                candidate=candidate, kind=kind, value=normalized, label=label, is_primary=is_primary
            )
    except IntegrityError:
        raise ValidationError({"value": contact_taken_message(actor=actor, kind=kind, value=normalized)}) from None
    duplicates_refresh_for([candidate.pk])
    return contact


CANDIDATE_FIELDS = frozenset(
    f.name for f in Candidate._meta.concrete_fields if f.editable and f.name not in {"id", "created_at"}
) - {"updated_at"}


def _candidate_set_aliases(*, candidate: Candidate, aliases: list[dict]) -> None:
    candidate.aliases.all().delete()
    names = [alias["name"].strip() for alias in aliases]
    if len({name.casefold() for name in names}) != len(names):
        raise ValidationError({"aliases": "Each alias may appear only once."})
    CandidateAlias.objects.bulk_create(
        CandidateAlias(
            candidate=candidate,
            name=alias["name"].strip(),
            kind=alias.get("kind") or CandidateAlias.Kind.NICKNAME,
            company=alias.get("company"),
        )
        for alias in aliases
    )


def _candidate_set_contacts(*, actor, candidate: Candidate, contacts_: list[dict]) -> None:
    candidate.contacts.all().delete()
    for contact in contacts_:
        try:
            contact_add(
                actor=actor,
                candidate=candidate,
                kind=contact["kind"],
                value=contact["value"],
                label=contact.get("label", ""),
                is_primary=contact.get("is_primary", False),
            )
        except ValidationError as error:
            raise ValidationError({"contacts": error.messages}) from None


@transaction.atomic
def candidate_create(
    *,
    actor,
    owner: "Recruiter | None" = None,
    team: "Team | None" = None,
    aliases: list[dict] | None = None,
    contacts: list[dict] | None = None,
    watchers: list | None = None,
    **fields,
) -> Candidate:
    """Create a candidate with aliases, contacts and watchers.

    The owner defaults to the creating recruiter; an admin without a recruiter
    profile names an owner or a team (talent.access decides who may).
    """
    check_fields(fields, CANDIDATE_FIELDS - {"owner", "team"}, "candidate")
    if owner is None and team is None:
        owner = recruiter_of(actor)
    access.check_custody_on_create(actor, owner=owner, team=team)
    candidate = Candidate(owner=owner, team=team, **fields)
    candidate.refresh_name_fields(aliases=[a["name"] for a in aliases or []])
    candidate.full_clean()
    candidate.save()
    if aliases:
        _candidate_set_aliases(candidate=candidate, aliases=aliases)
    if contacts:
        _candidate_set_contacts(actor=actor, candidate=candidate, contacts_=contacts)
    if watchers:
        candidate.watchers.set(watchers)
    candidate_refresh_names(candidate=candidate)
    duplicates_refresh_for([candidate.pk])
    return candidate


@transaction.atomic
def candidate_update(
    *,
    actor,
    candidate: Candidate,
    aliases: list[dict] | None = None,
    contacts: list[dict] | None = None,
    watchers: list | None = None,
    **fields,
) -> Candidate:
    """Change a candidate; aliases, contacts and watchers are replaced when given.

    Changes that decide who may see the candidate are checked against
    talent.access before anything is written.
    """
    check_fields(fields, CANDIDATE_FIELDS, "candidate")
    access.check_custody_change(actor, candidate, fields)
    assign_validated(candidate, fields=fields, allowed=CANDIDATE_FIELDS, what="candidate")
    candidate.save()
    if aliases is not None:
        _candidate_set_aliases(candidate=candidate, aliases=aliases)
    if contacts is not None:
        _candidate_set_contacts(actor=actor, candidate=candidate, contacts_=contacts)
    if watchers is not None:
        candidate.watchers.set(watchers)
    candidate_refresh_names(candidate=candidate)
    duplicates_refresh_for([candidate.pk])
    return candidate


@transaction.atomic
def candidate_delete(*, actor, candidate: Candidate) -> None:
    if not access.candidate_rights(actor, candidate).may_manage:
        raise PermissionDenied("Only the candidate's owner, the owner's team lead and admins may delete it.")
    candidate.delete()
