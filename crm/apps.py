from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = "Recruiting"

    def ready(self) -> None:
        # What a candidate merge must do for crm's rows (talent.merge).
        from crm import merge_rules

        merge_rules.register()
