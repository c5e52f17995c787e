"""HTTP benchmark: the API under gunicorn, measured with wrk on loopback, beside a bare floor view.

    python -m bench http                       # the database of DATABASE_URL, already seeded
    python -m bench http --duration 10 --only status,floor

Needs `wrk` (Debian/Ubuntu: `apt-get install -y wrk`) and a seeded database
(`manage.py seed_scale --candidates 100000`). Starts gunicorn with 2 sync workers
and production settings (DEBUG off, persistent connections) plus the bench-only
floor view (bench.urls), measures each endpoint at 8 connections (req/s) and at 1
connection (p50/p95/p99), prints the table with each endpoint's share of the floor
and writes it to bench/results/http-<timestamp>.md.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SAMPLE_SIZE = 2000


@dataclass(frozen=True)
class Endpoint:
    name: str
    paths: list[str]
    key: str  # "status" or "recruiter" or "" (the floor needs none)


@dataclass(frozen=True)
class Figures:
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def _keys() -> dict[str, str]:
    """A status:read key and a recruiter key for a team lead of the demo firm (not an admin)."""
    from django.contrib.auth import get_user_model

    from accounts.services import token_create

    user = get_user_model().objects.get(username="jing.chen")
    _, status_key = token_create(user=user, name=f"bench status {time.time_ns()}", scope="status:read")
    _, recruiter_key = token_create(user=user, name=f"bench recruiter {time.time_ns()}", scope="recruiter")
    return {"status": status_key, "recruiter": recruiter_key, "": ""}


def _sample_ids() -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM talent_candidate")
        (top,) = cursor.fetchone()
        cursor.execute(
            "SELECT id FROM talent_candidate WHERE id IN (SELECT (random() * %s)::bigint FROM generate_series(1, %s))",
            [top, SAMPLE_SIZE * 2],
        )
        return [row[0] for row in cursor.fetchall()][:SAMPLE_SIZE]


def _search_forms() -> dict[str, str]:
    """Each name form of the issue, taken from one seeded person with a three-character name, an English
    name and a 花名."""
    from talent.models import Candidate, CandidateAlias
    from talent.names import person_pinyin

    alias = (
        CandidateAlias.objects.filter(kind="huaming", candidate__is_confidential=False)
        .exclude(candidate__english_name="")
        .select_related("candidate")
        .filter(candidate__native_name__regex=r"^.{3}$")
        .first()
    )
    candidate: Candidate = alias.candidate
    syllables = person_pinyin(candidate.native_name)
    return {
        "two Chinese characters": candidate.native_name[1:3],
        "full pinyin": syllables,
        "pinyin initials": "".join(s[0] for s in syllables.split()),
        "English name": candidate.english_name,
        "alias (花名)": alias.name,
        "company alias (字节)": "字节",
    }


def _feed_cursors(base: str, key: str, pages: int = 20) -> list[str]:
    """Paths of successive changes-feed pages of 100, following `next` from the start."""
    paths, path = [], "/api/v1/status/changes/?limit=100"
    for _ in range(pages):
        paths.append(path)
        body = _get(base + path, key)
        following = body.get("next") or ""
        if not following:
            break
        path = following.split("://", 1)[-1].split("/", 1)[-1]
        path = "/" + path if not path.startswith("/") else path
    return paths


def _get(url: str, key: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"} if key else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _endpoints(base: str, keys: dict[str, str], ids: list[int], only: set[str]) -> list[Endpoint]:
    from urllib.parse import quote

    chunks = [ids[i : i + 100] for i in range(0, len(ids) - 99, 100)]
    endpoints = [
        Endpoint("floor", [f"/bench/floor/{pk}/" for pk in ids], ""),
        Endpoint("status by id", [f"/api/v1/status/{pk}/" for pk in ids], "status"),
        Endpoint("bulk status, 100 ids", [f"/api/v1/status/?ids={','.join(map(str, c))}" for c in chunks], "status"),
        Endpoint("changes feed, page of 100", [], "status"),
        Endpoint("candidate list, page of 50", ["/api/v1/candidates/?page_size=50"], "recruiter"),
        Endpoint(
            "list: availability + band + company",
            ["/api/v1/candidates/?page_size=50&availability=in_noncompete&band_min=staff&company=%E5%AD%97%E8%8A%82"],
            "recruiter",
        ),
    ]
    for form, term in _search_forms().items():
        endpoints.append(
            Endpoint(f"search: {form} ({term})", [f"/api/v1/candidates/?search={quote(term)}"], "recruiter")
        )
    selected = [e for e in endpoints if not only or any(word in e.name for word in only) or e.name == "floor"]
    return [
        Endpoint(e.name, _feed_cursors(base, keys["status"]), e.key) if e.name.startswith("changes feed") else e
        for e in selected
    ]


def _server_environment(port: int) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_PRODUCTION="1",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=environment.get("DJANGO_SECRET_KEY", "bench-" + "x" * 50),
        TALENTBASE_SUPPRESSION_KEY=environment.get("TALENTBASE_SUPPRESSION_KEY", "bench-suppression-key"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS.
        DJANGO_SECURE_SSL_REDIRECT="0",
        API_RATE_RECRUITER="100000000/hour",
        API_RATE_STATUS_READ="100000000/hour",
        API_RATE_USER="100000000/hour",
        API_RATE_ANON="100000000/hour",
    )
    return environment


def _start_server(port: int, workers: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config",
        "config/gunicorn.py",
        "config.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=_server_environment(port))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/1/", timeout=5).read()
            return server
        except OSError:  # refused, reset or timed out while the workers start
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def _wrk(base: str, endpoint: Endpoint, key: str, connections: int, duration: int) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths:
        paths.write("\n".join(endpoint.paths) + "\n")
    threads = min(connections, 2)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
    command += ["-s", str(BENCH_DIR / "wrk.lua"), base, "--", paths.name, key]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(paths.name)
    line = next(line for line in output.splitlines() if line.startswith("{"))
    result = json.loads(line)
    return Figures(
        requests=result["requests"],
        requests_per_second=result["requests"] / (result["duration_us"] / 1e6),
        p50_ms=result["p50_us"] / 1000,
        p95_ms=result["p95_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        errors=result["status_errors"] + result["socket_errors"],
    )


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}, load {load:.1f} at start"


def _candidate_count() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM talent_candidate")
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench http", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run (default 10).")
    parser.add_argument("--connections", type=int, default=8, help="Connections of the throughput run (default 8).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2).")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="", help="Comma-separated words: run only endpoints whose name has one.")
    parser.add_argument("--out", type=Path, help="Where to write the table (default bench/results/http-<time>.md).")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    _setup_django()
    keys = _keys()
    ids = _sample_ids()
    candidates = _candidate_count()
    machine = _machine()
    base = f"http://127.0.0.1:{args.port}"
    server = _start_server(args.port, args.workers)
    try:
        endpoints = _endpoints(base, keys, ids, {w.strip() for w in args.only.split(",") if w.strip()})
        rows = []
        for endpoint in endpoints:
            key = keys[endpoint.key]
            _wrk(base, endpoint, key, 2, 2)  # warm both workers' caches and connections
            busy = _wrk(base, endpoint, key, args.connections, args.duration)
            single = _wrk(base, endpoint, key, 1, args.duration)
            rows.append((endpoint.name, busy, single))
            print(
                f"{endpoint.name:55} {busy.requests_per_second:8.1f} req/s   "
                f"p50 {single.p50_ms:7.1f}  p95 {single.p95_ms:7.1f}  p99 {single.p99_ms:7.1f} ms"
                + (f"   {busy.errors + single.errors} errors" if busy.errors + single.errors else ""),
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    table = _table(rows, candidates=candidates, machine=machine, args=args)
    out = args.out or BENCH_DIR / "results" / f"http-{dt.datetime.now():%Y%m%d-%H%M%S}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table)
    print()
    print(table)
    print(f"Written to {out}")


def _table(rows: list[tuple[str, Figures, Figures]], *, candidates: int, machine: str, args) -> str:
    floor = next((busy for name, busy, _ in rows if name == "floor"), None)
    lines = [
        f"HTTP benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {candidates:,} candidates; {machine}.",
        f"gunicorn {args.workers} sync workers, DEBUG off, wrk on loopback, {args.duration} s per run; "
        f"req/s at {args.connections} connections, latency at 1 connection.",
        "",
        "| endpoint | req/s | share of the floor | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, busy, single in rows:
        if not single.requests:
            lines.append(f"| {name} | {busy.requests_per_second:,.1f} | — | no answer within the 10 s timeout | | | |")
            continue
        share = (
            f"1/{floor.requests_per_second / busy.requests_per_second:.1f}"
            if floor and busy.requests_per_second
            else "—"
        )
        lines.append(
            f"| {name} | {busy.requests_per_second:,.1f} | {share} | {single.p50_ms:.1f} | {single.p95_ms:.1f} "
            f"| {single.p99_ms:.1f} | {busy.errors + single.errors} |"
        )
    return "\n".join(lines) + "\n"
