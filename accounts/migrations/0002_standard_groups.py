# The "Recruiters" and "Reference data curators" groups (accounts.groups).

from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.groups import RECRUITERS, ensure_groups

# Earlier demo data gave its recruiters every permission, reference data included.
LEGACY_DEMO_GROUP = "Demo recruiters"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    ensure_groups(Group, apps.get_model("auth", "Permission"))
    legacy = Group.objects.filter(name=LEGACY_DEMO_GROUP).first()
    if legacy is not None:
        Group.objects.get(name=RECRUITERS).user_set.add(*legacy.user_set.all())
        legacy.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0001_initial"),
        ("crm", "0005_recruiters_moved_to_accounts"),
        ("talent", "0010_candidate_owner_or_team"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
