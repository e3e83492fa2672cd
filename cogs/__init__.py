"""Discord adapters: the bot class, the single error path, and one extension per feature.

Cogs parse interactions, call the core in ``bot/`` and render embeds and views.
No SQL and no sympy here.
"""

EXTENSIONS = ("cogs.question", "cogs.interview", "cogs.bank", "cogs.review", "cogs.profile",
              "cogs.daily", "cogs.scoring", "cogs.scoring_admin")
