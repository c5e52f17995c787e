from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = "Recruiting"

    def ready(self) -> None:
        # What a candidate merge must do for crm's rows (talent.merge).
        from crm import merge_rules

        merge_rules.register()
        # The candidate's history page in the admin gathers crm's rows too (talent.history).
        from crm.history.admin import candidate_history_page
        from talent.history import register_history_page

        register_history_page(candidate_history_page)
        # Erasing a person also blanks the raw spreadsheet cells that named them (crm.privacy.erasure).
        from crm.imports.services import erase_import_rows
        from crm.privacy.erasure import register_eraser

        register_eraser(erase_import_rows)
