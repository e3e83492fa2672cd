"""scoring: attempt points, confidence and fairness columns; totals, seasons, adjustments

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('hints_used', sa.Integer(), server_default=sa.text('0'),
                                      nullable=False))
        batch_op.add_column(sa.Column('probes_answered', sa.Integer(),
                                      server_default=sa.text('0'), nullable=False))
        batch_op.add_column(sa.Column('points', sa.Integer(), server_default=sa.text('0'),
                                      nullable=False))
        batch_op.add_column(sa.Column('counted', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('daily_post_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_attempts_guild_user_created',
                              ['guild_id', 'user_id', 'created_at'], unique=False)
        batch_op.create_index('ix_attempts_user_daily', ['user_id', 'daily_post_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_user_daily')
        batch_op.drop_index('ix_attempts_guild_user_created')
        batch_op.drop_column('daily_post_id')
        batch_op.drop_column('counted')
        batch_op.drop_column('points')
        batch_op.drop_column('probes_answered')
        batch_op.drop_column('hints_used')
        batch_op.drop_column('confidence')
