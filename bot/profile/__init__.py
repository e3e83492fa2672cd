"""A candidate's profile: standing, mastery per section, weakest key points, due reviews,
calibration, and a chart of them (no Discord here)."""
