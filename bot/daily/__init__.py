"""The daily question: per-server schedules, one post and one reveal per server and local
day, claimed through a unique row so it happens exactly once (no Discord here).

- ``models``: schedule, post, entry (one per user and post) and credit rows;
- ``timing``: slots in a server's time zone (weekdays, DST), reveal times;
- ``select``: which question a server gets next;
- ``ports``: what the core asks an adapter to send (the ``Poster`` protocol);
- ``posting`` / ``reveal``: claim, send, record, catch up after a restart;
- ``answers``: grading an answer to a post, hints, the live count;
- ``schedules``: setup, pause, resume, skip, status;
- ``scheduler``: APScheduler jobs rebuilt from rows, for the servers this process owns.
"""
