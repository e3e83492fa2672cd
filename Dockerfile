# Viva bot image. Build: docker build -t viva .   Run: docker run --env-file .env viva
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY cogs ./cogs
COPY questions ./questions
COPY migrations ./migrations
COPY bench ./bench
RUN pip install --no-cache-dir . && useradd --create-home viva && mkdir /data && chown viva /data

USER viva
# SQLite by default lives on the /data volume; set DATABASE_URL for PostgreSQL.
ENV DATABASE_URL=sqlite+aiosqlite:////data/viva.db
VOLUME ["/data"]
STOPSIGNAL SIGTERM
# Migrations run on start; `viva db upgrade` can also be run as a one-off before a rollout.
CMD ["viva", "run"]
