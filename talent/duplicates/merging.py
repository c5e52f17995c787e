"""Merging two records of one person into one, all or nothing.

The survivor keeps its id; the merged-away candidate's rows (aliases,
contacts, stints, windows, schooling, watchers, and every other app's rows
that point at a candidate) move to it, found by walking Candidate's relations
(talent.merge explains the conflict rules and hooks other apps register).
For each of the candidate's own fields the caller chooses whose value wins;
a losing name becomes an alias, and the merged-away candidate's fields as
they were, with the survivor's values that were replaced, are kept on the
tombstone (CandidateMerge), whose id keeps resolving to the survivor.
"""

import json

import pghistory.models
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import ForeignKey, Model, Q

from talent import access
from talent.duplicates.detection import duplicates_refresh_for
from talent.history import recorded
from talent.merge import (
    MergeContext,
    after_merge_hooks,
    conflict_rule_for,
    register_conflict_rule,
)
from talent.models import (
    Candidate,
    CandidateAlias,
    CandidateFacts,
    CandidateMerge,
    CandidateSearch,
    DuplicateKey,
    DuplicatePair,
    EmployerFacts,
)
from talent.names import fold
from talent.search.refresh import candidate_search_refresh
from talent.services.candidates import CANDIDATE_FIELDS

SURVIVOR, MERGED = "survivor", "merged"
# Fields that only make sense with another one: chosen together, under the first one's name.
FIELD_GROUPS = {
    "current_compensation": ("current_compensation", "current_compensation_currency", "current_compensation_period"),
    "expected_compensation": (
        "expected_compensation",
        "expected_compensation_currency",
        "expected_compensation_period",
    ),
    "source": ("source", "source_detail"),
}
# Lists: the survivor gets both candidates' entries.
UNITED_FIELDS = ("expertise",)
_FOLLOWERS = {name for group in FIELD_GROUPS.values() for name in group[1:]}
CHOICE_FIELDS = tuple(sorted(CANDIDATE_FIELDS - _FOLLOWERS - set(UNITED_FIELDS)))
# Losing values of these become aliases of the survivor, of this kind.
NAME_ALIAS_KINDS = {"native_name": CandidateAlias.Kind.OTHER, "english_name": CandidateAlias.Kind.ENGLISH}
# Rows recomputed from the survivor's data after the merge rather than moved.
# The facts are the triggers' (talent migrations 0020 and 0022).
DERIVED = (DuplicateKey, DuplicatePair, CandidateSearch, CandidateFacts, EmployerFacts)

MERGE_REFUSED = "Only someone who answers for both candidates (their owners, team leads, admins) may merge them."


def _fields(choice: str) -> tuple[str, ...]:
    return FIELD_GROUPS.get(choice, (choice,))


def _attname(name: str) -> str:
    return Candidate._meta.get_field(name).attname


def _is_empty(candidate: Candidate, name: str) -> bool:
    field = Candidate._meta.get_field(name)
    value = getattr(candidate, field.attname)
    return value in (None, "", []) or value == field.get_default()


def default_choices(survivor: Candidate, merged: Candidate) -> dict[str, str]:
    """The survivor's value wins unless it is empty (or a flag's default) and the merged one is not."""
    return {
        choice: MERGED if _is_empty(survivor, choice) and not _is_empty(merged, choice) else SURVIVOR
        for choice in CHOICE_FIELDS
    }


def _check_choices(choices: dict) -> None:
    errors = [f"{name}: not a field that can be chosen." for name in choices if name not in CHOICE_FIELDS]
    errors += [
        f"{name}: choose {SURVIVOR!r} or {MERGED!r}."
        for name, value in choices.items()
        if name in CHOICE_FIELDS and value not in (SURVIVOR, MERGED)
    ]
    if errors:
        raise ValidationError({"fields": errors})


def _snapshot(candidate: Candidate, names) -> dict:
    values = {name: getattr(candidate, _attname(name)) for name in names}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def candidate_references() -> list[tuple[type[Model], ForeignKey]]:
    """Every foreign key pointing at Candidate, in any app, many-to-many link tables included.

    History events are not references to move: they record what each record was, the merged-away
    one included, and the merge itself is recorded by the update events of the rows it moves.
    """
    return [
        (relation.related_model, relation.field)
        for relation in Candidate._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
        and not relation.related_model._meta.proxy
        and not issubclass(relation.related_model, pghistory.models.Event)
    ]


def _carry_dismissals(*, survivor_id: int, merged_id: int) -> None:
    """ "X is not the merged person" also says "X is not the survivor": such pairs are dismissed for the survivor."""
    dismissed = DuplicatePair.objects.filter(
        Q(low_id=merged_id) | Q(high_id=merged_id), status=DuplicatePair.Status.DISMISSED
    )
    for pair in dismissed:
        other = pair.high_id if pair.low_id == merged_id else pair.low_id
        if other == survivor_id:
            continue
        DuplicatePair.objects.update_or_create(
            low_id=min(other, survivor_id),
            high_id=max(other, survivor_id),
            defaults={
                "status": DuplicatePair.Status.DISMISSED,
                "dismissed_by_id": pair.dismissed_by_id,
                "dismissed_at": pair.dismissed_at,
            },
        )


def _move_rows(context: MergeContext) -> None:
    for model, field in candidate_references():
        if model in DERIVED:
            model._base_manager.filter(**{field.name: context.merged_id}).delete()
            continue
        rule = conflict_rule_for(model)
        if rule is not None:
            rule(context, field)
        try:
            with transaction.atomic():
                model._base_manager.filter(**{field.name: context.merged_id}).update(
                    **{field.name: context.survivor_id}
                )
        except IntegrityError:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: [
                        f"Both candidates have {model._meta.verbose_name_plural} that cannot be combined; "
                        "resolve them on one of the two candidates first."
                    ]
                }
            ) from None


def _add_alias_names(survivor: Candidate, names: list[tuple[str, str]]) -> list[str]:
    """Add losing names as aliases, unless the survivor already has the name (any case or script)."""
    taken = {fold(name) for name in survivor.aliases.values_list("name", flat=True)}
    taken |= {fold(survivor.native_name), fold(survivor.english_name)}
    added = []
    for name, kind in names:
        if name and fold(name) not in taken:
            CandidateAlias.objects.create(candidate=survivor, name=name, kind=kind)
            taken.add(fold(name))
            added.append(name)
    return added


def _locked_pair(*, actor, survivor_id: int, merged_id: int) -> tuple[Candidate, Candidate]:
    """Both candidates, locked in id order; missing or not cleared for `actor` reads as missing."""
    if survivor_id == merged_id:
        raise ValidationError({"merged": ["A candidate cannot be merged into itself."]})
    locked = {
        c.pk: c for c in Candidate.objects.select_for_update().filter(pk__in=[survivor_id, merged_id]).order_by("pk")
    }
    if len(locked) != 2:
        raise Candidate.DoesNotExist("No such candidate.")
    rights = [access.candidate_rights(actor, locked[pk]) for pk in (survivor_id, merged_id)]
    if not all(r.identity_cleared for r in rights):
        raise Candidate.DoesNotExist("No such candidate.")
    if not all(r.may_manage for r in rights):
        raise PermissionDenied(MERGE_REFUSED)
    return locked[survivor_id], locked[merged_id]


def candidates_may_merge(actor, *candidates: Candidate) -> bool:
    return all(access.candidate_rights(actor, candidate).may_manage for candidate in candidates)


@transaction.atomic
def candidate_merge(*, actor, survivor_id: int, merged_id: int, choices: dict | None = None, now) -> CandidateMerge:
    """Merge candidate `merged_id` into `survivor_id`; returns the tombstone.

    `choices` maps fields (CHOICE_FIELDS) to "survivor" or "merged"; fields not
    named follow default_choices. The caller must answer for both candidates
    (talent.access custodians); a candidate it may not see raises
    Candidate.DoesNotExist, as a missing one does. History records the writes
    as a merge (via "merge", or action "merge" inside an API or admin request).
    """
    with recorded("merge", user=actor, survivor=survivor_id, merged=merged_id):
        return _merge(actor=actor, survivor_id=survivor_id, merged_id=merged_id, choices=choices, now=now)


def _merge(*, actor, survivor_id: int, merged_id: int, choices: dict | None, now) -> CandidateMerge:
    choices = dict(choices or {})
    _check_choices(choices)
    survivor, merged = _locked_pair(actor=actor, survivor_id=survivor_id, merged_id=merged_id)
    choices = default_choices(survivor, merged) | choices
    context = MergeContext(survivor_id=survivor.pk, merged_id=merged.pk, actor=actor, now=now)
    own_fields = [f.name for f in Candidate._meta.concrete_fields]
    merged_values = _snapshot(merged, own_fields)
    taken = [name for choice, whose in choices.items() if whose == MERGED for name in _fields(choice)]
    replaced_values = _snapshot(survivor, taken)
    losing_names = [
        (getattr(merged if choices[name] == SURVIVOR else survivor, name), kind)
        for name, kind in NAME_ALIAS_KINDS.items()
    ]
    owners = {survivor.owner_id, merged.owner_id}

    # Composite keys (a window's stint is its candidate's) hold at the end, not between two moves.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    _carry_dismissals(survivor_id=survivor.pk, merged_id=merged.pk)
    _move_rows(context)
    merged_was_confidential = merged.is_confidential
    merged.delete()

    for name in taken:
        setattr(survivor, _attname(name), getattr(merged, _attname(name)))
    for name in UNITED_FIELDS:
        setattr(survivor, name, list(dict.fromkeys([*getattr(survivor, name), *getattr(merged, name)])))
    survivor.full_clean()
    aliases_added = _add_alias_names(survivor, losing_names)
    survivor.refresh_name_fields()
    survivor.save()
    # Whoever owned the record that lost keeps hearing about the person.
    survivor.watchers.add(*(owner for owner in owners - {survivor.owner_id, None}))
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    tombstone = CandidateMerge.objects.create(
        merged_id=merged_id,
        survivor=survivor,
        merged_was_confidential=merged_was_confidential,
        merged_by=actor if getattr(actor, "pk", None) else None,
        merged_at=now,
        field_choices=choices,
        merged_values=merged_values,
        replaced_values=replaced_values,
        aliases_added=aliases_added,
    )
    duplicates_refresh_for([survivor.pk])
    candidate_search_refresh(candidate_ids=[survivor.pk])
    for hook in after_merge_hooks():
        hook(context)
    return tombstone


def _aliases_fold(context: MergeContext, field: ForeignKey) -> None:
    """An alias both candidates have (any case or script) is one alias."""
    kept = {
        fold(name)
        for name in CandidateAlias.objects.filter(candidate_id=context.survivor_id).values_list("name", flat=True)
    }
    same = [
        pk
        for pk, name in CandidateAlias.objects.filter(candidate_id=context.merged_id).values_list("pk", "name")
        if fold(name) in kept
    ]
    CandidateAlias.objects.filter(pk__in=same).delete()


def _watchers_fold(context: MergeContext, field: ForeignKey) -> None:
    """A recruiter watching both watches the survivor once."""
    through = Candidate.watchers.through
    survivor_watchers = through.objects.filter(candidate_id=context.survivor_id).values("recruiter_id")
    through.objects.filter(candidate_id=context.merged_id, recruiter_id__in=survivor_watchers).delete()


register_conflict_rule(CandidateAlias, _aliases_fold)
register_conflict_rule(Candidate.watchers.through, _watchers_fold)
