"""Clients, mandates and the pipeline: services, conflict checks, the funnel, and their API."""
