"""Importing candidates from CSV and XLSX files: mapping, dry run, batched resumable runs, the error file."""

from crm.imports.services import (
    error_csv_lines,
    forget_import_rows,
    import_counts,
    import_job_create,
    import_job_queue,
    import_job_step,
    import_job_work,
    imports_resume,
)

__all__ = [
    "error_csv_lines",
    "forget_import_rows",
    "import_counts",
    "import_job_create",
    "import_job_queue",
    "import_job_step",
    "import_job_work",
    "imports_resume",
]
