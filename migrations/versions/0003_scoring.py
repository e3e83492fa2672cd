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

    op.create_table('role_grants',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('role_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('guild_id', 'user_id', 'role_id')
    )
    op.create_table('role_rewards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=False),
    sa.Column('role_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('guild_id', 'role_id', name='uq_role_rewards_role')
    )
    op.create_table('score_totals',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('period_key', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('points', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('answers', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('reached_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('guild_id', 'period', 'period_key', 'section', 'user_id')
    )
    with op.batch_alter_table('score_totals', schema=None) as batch_op:
        batch_op.create_index('ix_score_totals_board', ['guild_id', 'period', 'period_key', 'section', 'points', 'reached_at', 'user_id'], unique=False)

    op.create_table('scoring_settings',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('season_length', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('season_weeks', sa.Integer(), nullable=False),
    sa.Column('season_anchor', sa.Date(), nullable=True),
    sa.Column('updated_by', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('guild_id')
    )
    op.create_table('seasons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('guild_id', 'starts_at', name='uq_seasons_guild_start')
    )
    with op.batch_alter_table('seasons', schema=None) as batch_op:
        batch_op.create_index('ix_seasons_guild_ends', ['guild_id', 'ends_at'], unique=False)

    op.create_table('score_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('admin_id', sa.BigInteger(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=True),
    sa.Column('week_key', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['admin_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('score_adjustments', schema=None) as batch_op:
        batch_op.create_index('ix_score_adjustments_guild_user', ['guild_id', 'user_id', 'created_at'], unique=False)

    op.create_table('season_winners',
    sa.Column('season_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('rank', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['season_id'], ['seasons.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('season_id', 'rank')
    )


def downgrade() -> None:
    op.drop_table('season_winners')
    with op.batch_alter_table('score_adjustments', schema=None) as batch_op:
        batch_op.drop_index('ix_score_adjustments_guild_user')

    op.drop_table('score_adjustments')
    with op.batch_alter_table('seasons', schema=None) as batch_op:
        batch_op.drop_index('ix_seasons_guild_ends')

    op.drop_table('seasons')
    op.drop_table('scoring_settings')
    with op.batch_alter_table('score_totals', schema=None) as batch_op:
        batch_op.drop_index('ix_score_totals_board')

    op.drop_table('score_totals')
    op.drop_table('role_rewards')
    op.drop_table('role_grants')

    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_user_daily')
        batch_op.drop_index('ix_attempts_guild_user_created')
        batch_op.drop_column('daily_post_id')
        batch_op.drop_column('counted')
        batch_op.drop_column('points')
        batch_op.drop_column('probes_answered')
        batch_op.drop_column('hints_used')
        batch_op.drop_column('confidence')
