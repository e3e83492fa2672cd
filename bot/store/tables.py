"""Every table of Viva, imported in one place so SQLModel.metadata (and Alembic's
autogenerate and ``alembic check``) sees them all. Add a line for each new model module."""

import bot.daily.models  # noqa: F401
import bot.interview.models  # noqa: F401
import bot.review.models  # noqa: F401
import bot.scoring.models  # noqa: F401
import bot.store.models  # noqa: F401
