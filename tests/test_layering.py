"""The apps depend one way: accounts and api below, talent above them, crm on top."""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
# What each package may import of the project's own packages.
ALLOWED = {
    "accounts": {"accounts"},
    "api": {"api", "accounts"},
    "talent": {"talent", "accounts", "api"},
    "crm": {"crm", "talent", "accounts", "api"},
}
PROJECT = {"accounts", "api", "talent", "crm", "config"}
# The API endpoints of accounts (keys, recruiters, teams) stand on the plumbing like every other endpoint;
# the plumbing itself needs only accounts' models and rules.
WEB_LAYER = {"accounts/views.py": {"api"}}


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & PROJECT


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package):
    offenders = {}
    for path in (BASE_DIR / package).rglob("*.py"):
        name = str(path.relative_to(BASE_DIR))
        extra = _imported_packages(path) - ALLOWED[package] - WEB_LAYER.get(name, set())
        if extra:
            offenders[name] = sorted(extra)
    assert offenders == {}
