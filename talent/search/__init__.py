"""Candidate search on stock PostgreSQL: tokens built in Python, stored GIN-indexed, matched with `&&`.

tokens.py builds them (pure), refresh.py stores them (every write path calls
it), query.py searches them with the clearance rule of talent.access.
"""
