"""Run the whole service from one terminal: web, Celery worker and scheduler.

`make run` calls this. Ctrl-C (or SIGTERM) stops all three; if one of them
exits on its own, the others are stopped too, so nothing is left half-running.
Each child gets its own session, so the terminal's Ctrl-C reaches only this
supervisor, which then shuts the children down in order.
"""

import os
import signal
import subprocess
import sys
import time

ADDRESS = os.environ.get("TALENTBASE_ADDRESS", "127.0.0.1:8000")
GRACE_SECONDS = 15

COMMANDS = {
    "web": [sys.executable, "manage.py", "runserver", ADDRESS, "--noreload"],
    "worker": [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"],
    "scheduler": [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO"],
}


def stop_all(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for name, process in processes.items():
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            print(f"{name} did not stop in {GRACE_SECONDS}s; killing it.", file=sys.stderr)
            process.kill()
            process.wait()


def main() -> int:
    stopping = False

    def request_stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    processes = {name: subprocess.Popen(command, start_new_session=True) for name, command in COMMANDS.items()}
    print(f"Web on http://{ADDRESS}/admin/ and /api/docs/, Celery worker and scheduler running. Ctrl-C stops all.")
    exit_code = 0
    try:
        while not stopping:
            exited = [name for name, process in processes.items() if process.poll() is not None]
            if exited:
                print(f"{', '.join(exited)} exited; stopping the rest.", file=sys.stderr)
                exit_code = 1
                break
            time.sleep(0.5)
    finally:
        stop_all(processes)
    print("Stopped. The data stays in var/ (make stop-db stops the embedded database).")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
