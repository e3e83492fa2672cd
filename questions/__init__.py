"""The shipped question bank: one YAML file per section (see bot/bank/schema.py)."""
