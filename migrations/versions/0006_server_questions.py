"""server-scoped questions: an index on questions.guild_id

A server's own questions live in the existing ``questions`` table: ``guild_id`` set, the
whole question as JSON in ``data``, and the primary key ``g<guild id>.<author's id>``
(see bot/bank/server.py). Shipped ids start with a section name, so keys never collide and
``attempts.question_id`` keeps one foreign key. The only schema change is an index for
listing one server's questions.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:40:00

"""
from typing import Sequence, Union

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401
import sqlmodel.sql.sqltypes  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_guild_id'), ['guild_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_guild_id'))
