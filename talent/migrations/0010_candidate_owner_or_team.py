# Every candidate has someone who answers for it: an owner, a responsible team, or both.
# Candidates that had neither (created in the admin) go to an "Unassigned" team with no
# members: until an admin hands them on, only admins see a confidential one by name.

import django.db.models.deletion
from django.db import migrations, models

UNASSIGNED_TEAM = "Unassigned"


def assign_unowned(apps, schema_editor):
    Candidate = apps.get_model("talent", "Candidate")
    Team = apps.get_model("accounts", "Team")
    unowned = Candidate.objects.filter(owner__isnull=True, team__isnull=True)
    if unowned.exists():
        team, _ = Team.objects.get_or_create(name=UNASSIGNED_TEAM)
        unowned.update(team=team)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("talent", "0009_recruiters_moved_to_accounts"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="team",
            field=models.ForeignKey(
                blank=True,
                help_text="The desk responsible for the candidate when it has no owner, or besides the owner's own team.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="candidates",
                to="accounts.team",
            ),
        ),
        migrations.AlterField(
            model_name="candidate",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="owned_candidates",
                to="accounts.recruiter",
            ),
        ),
        migrations.RunPython(assign_unowned, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("owner__isnull", False), ("team__isnull", False), _connector="OR"),
                name="candidate_has_owner_or_team",
                violation_error_message="Give the candidate an owner or a responsible team.",
            ),
        ),
    ]
