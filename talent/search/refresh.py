"""Keeping stored search tokens current, set-based.

Every path that changes an input of a candidate's tokens calls one of these
after its writes, in the same transaction:

- ``candidate_search_refresh(*, candidate_ids, using="default") -> int``: recompute the tokens of these
  candidates in five queries whatever their number (four reads, one upsert); returns the rows written.
  Ids of deleted candidates are skipped.
- ``company_people_search_refresh(*, company_ids, batch_size=BATCH_SIZE, using="default") -> int``: after a
  company's name, native name or aliases changed, refresh everyone who ever worked there, in batches.
- ``candidate_search_rebuild(*, batch_size=BATCH_SIZE, progress=None, using="default") -> int``: every
  candidate, in batches of ids; ``progress(done, total)`` is called after each batch.

Plain SQL on purpose: migration 0016 calls the rebuild, and a migration must
not depend on today's models.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connections

from talent.search.tokens import SEPARATOR, candidate_tokens

BATCH_SIZE = 5000

_CANDIDATES = """
SELECT id, native_name, english_name, pseudonym, expertise FROM talent_candidate WHERE id = ANY(%s)
"""
_ALIASES = "SELECT candidate_id, name FROM talent_candidatealias WHERE candidate_id = ANY(%s) ORDER BY id"
_STINTS = "SELECT candidate_id, company_id, title FROM talent_employment WHERE candidate_id = ANY(%s) ORDER BY id"
_COMPANIES = """
SELECT company.id, company.name, company.native_name,
       ARRAY(SELECT alias.name FROM talent_companyalias AS alias WHERE alias.company_id = company.id ORDER BY alias.id)
  FROM talent_company AS company
 WHERE company.id IN (SELECT company_id FROM talent_employment WHERE candidate_id = ANY(%s))
"""
_UPSERT = f"""
INSERT INTO talent_candidatesearch (candidate_id, tokens)
SELECT written.id, string_to_array(written.tokens, E'\\x{ord(SEPARATOR):02x}')
  FROM unnest(%s::bigint[], %s::text[]) AS written (id, tokens)
    ON CONFLICT (candidate_id) DO UPDATE SET tokens = EXCLUDED.tokens
 WHERE talent_candidatesearch.tokens IS DISTINCT FROM EXCLUDED.tokens
"""


def candidate_search_refresh(*, candidate_ids: Iterable[int], using: str = "default") -> int:
    ids = sorted(set(candidate_ids))
    if not ids:
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(_CANDIDATES, [ids])
        candidates = cursor.fetchall()
        cursor.execute(_ALIASES, [ids])
        aliases = defaultdict(list)
        for candidate_id, name in cursor.fetchall():
            aliases[candidate_id].append(name)
        cursor.execute(_STINTS, [ids])
        stints = defaultdict(list)
        for candidate_id, company_id, title in cursor.fetchall():
            stints[candidate_id].append((company_id, title))
        cursor.execute(_COMPANIES, [ids])
        companies = {pk: [name, native_name, *alias_names] for pk, name, native_name, alias_names in cursor}
        written_ids, written_tokens = [], []
        for pk, native_name, english_name, pseudonym, expertise in candidates:
            tokens = candidate_tokens(
                native_name=native_name,
                english_name=english_name,
                pseudonym=pseudonym,
                aliases=aliases[pk],
                companies=[companies[company_id] for company_id in {c for c, _ in stints[pk]}],
                titles=[title for _, title in stints[pk]],
                expertise=expertise or [],
            )
            written_ids.append(pk)
            written_tokens.append(SEPARATOR.join(tokens))
        cursor.execute(_UPSERT, [written_ids, written_tokens])
        return cursor.rowcount


def _in_batches(
    select_ids: str,
    params: list,
    *,
    column: str,
    batch_size: int,
    using: str,
    progress: Callable[[int, int], None] | None,
) -> int:
    """Refresh the candidates `select_ids` returns: a query of ids in `column`, ordered, with `after` and `limit`."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({select_ids.format(after='', limit='')}) AS counted", params)
        total = cursor.fetchone()[0]
    done, written, last = 0, 0, None
    while True:
        after = "" if last is None else f"AND {column} > {int(last)}"
        with connections[using].cursor() as cursor:
            cursor.execute(select_ids.format(after=after, limit=f"LIMIT {int(batch_size)}"), params)
            ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return written
        written += candidate_search_refresh(candidate_ids=ids, using=using)
        done, last = done + len(ids), ids[-1]
        if progress is not None:
            progress(done, total)


def company_people_search_refresh(
    *, company_ids: Iterable[int], batch_size: int = BATCH_SIZE, using: str = "default"
) -> int:
    select_ids = (
        "SELECT DISTINCT candidate_id FROM talent_employment WHERE company_id = ANY(%s) {after} "
        "ORDER BY candidate_id {limit}"
    )
    return _in_batches(
        select_ids, [list(company_ids)], column="candidate_id", batch_size=batch_size, using=using, progress=None
    )


def candidate_search_rebuild(
    *, batch_size: int = BATCH_SIZE, progress: Callable[[int, int], None] | None = None, using: str = "default"
) -> int:
    select_ids = "SELECT id FROM talent_candidate WHERE TRUE {after} ORDER BY id {limit}"
    return _in_batches(select_ids, [], column="id", batch_size=batch_size, using=using, progress=progress)
