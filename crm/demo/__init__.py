"""Synthetic demo data: the AI talent market, invented people, their careers and non-competes.

Used by `manage.py seed_demo`. Everything here is made up except the company
names, which are the real employers of the market so that search and
level ladders behave as they will with real data.
"""
