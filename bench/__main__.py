"""`python -m bench` runs the reminder benchmark; `http`, `sweep` and `plans` the HTTP, Celery and query-plan ones (bench/README.md)."""

import sys

if sys.argv[1:2] == ["http"]:
    del sys.argv[1]
    from bench.http import main
elif sys.argv[1:2] == ["plans"]:
    del sys.argv[1]
    from bench.plans import main
elif sys.argv[1:2] == ["sweep"]:
    del sys.argv[1]
    from bench.sweep import main
else:
    from bench.reminders import main

main()
