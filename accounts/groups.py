"""The standard permission groups: what a recruiter and a reference-data curator may do in the admin.

Who may see and change a *candidate* is decided row by row in talent.access;
these groups grant the model-level rights on top (the admin shows a model only
to those who hold a permission for it). Reference data — companies, their
aliases, ladders, levels, equivalences and bands — is curated by the research
desk, not by every recruiter: recruiters may only view it, in the admin and
through the API (talent.permissions.CuratesReferenceData).

A data migration (accounts 0002) creates the groups; `seed_demo` puts demo users in them.
"""

RECRUITERS = "Recruiters"
CURATORS = "Reference data curators"

REFERENCE_MODELS = ["talent.company", "talent.companyalias", "talent.levelladder", "talent.level",
                    "talent.levelequivalence", "talent.band"]  # fmt: skip
CANDIDATE_MODELS = ["talent.candidate", "talent.candidatealias", "talent.contactchannel", "talent.education",
                    "talent.employment", "talent.noncompete", "crm.outreachnote"]  # fmt: skip
READ_ONLY_MODELS = ["crm.notification", "crm.reminder", "accounts.recruiter", "accounts.team"]


def _codes(models: list[str], actions: list[str]) -> list[str]:
    return [f"{model.split('.')[0]}.{action}_{model.split('.')[1]}" for model in models for action in actions]


GROUPS: dict[str, list[str]] = {
    RECRUITERS: [
        *_codes(CANDIDATE_MODELS, ["view", "add", "change", "delete"]),
        *_codes(REFERENCE_MODELS, ["view"]),
        *_codes(READ_ONLY_MODELS, ["view"]),
    ],
    CURATORS: _codes(REFERENCE_MODELS, ["view", "add", "change", "delete"]),
}


def ensure_groups(group_model, permission_model) -> None:
    """Create the groups and set their permissions (works with historical models in migrations too)."""
    for name, codes in GROUPS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted += permission_model.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.set(wanted)
