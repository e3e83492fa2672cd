"""Spaced review (FSRS memory state per user and question), reminders and calibration."""
