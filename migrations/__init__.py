"""Alembic migrations (script_location). Run with ``viva db upgrade``."""
