"""Admin for this area (to be filled)."""
