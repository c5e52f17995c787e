"""Candidate status and its changes feed."""
