"""daily question: schedules, posts (unique per server and local date), entries, credits

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:40:00

"""
from typing import Sequence, Union

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401
import sqlmodel.sql.sqltypes  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('daily_credits',
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('opted_in', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('daily_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guild_id', sa.BigInteger(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('question_id', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('question_hash', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('channel_id', sa.BigInteger(), nullable=True),
    sa.Column('message_id', sa.BigInteger(), nullable=True),
    sa.Column('thread_id', sa.BigInteger(), nullable=True),
    sa.Column('error_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('scheduled_for', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reveal_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reveal_state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reveal_claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_count', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('guild_id', 'local_date', name='uq_daily_posts_guild_date')
    )
    with op.batch_alter_table('daily_posts', schema=None) as batch_op:
        batch_op.create_index('ix_daily_posts_reveal', ['reveal_state', 'reveal_at'], unique=False)

    op.create_table('daily_schedules',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('channel_id', sa.BigInteger(), nullable=False),
    sa.Column('hour', sa.Integer(), nullable=False),
    sa.Column('minute', sa.Integer(), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('sections', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('weekdays', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('answer_window_minutes', sa.Integer(), nullable=True),
    sa.Column('grace_minutes', sa.Integer(), nullable=True),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('active_since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notice_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('notice_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guild_id'], ['guilds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('guild_id')
    )
    op.create_table('daily_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('hints_used', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('band', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['daily_posts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('post_id', 'user_id', name='uq_daily_entries_post_user')
    )


def downgrade() -> None:
    op.drop_table('daily_entries')
    op.drop_table('daily_schedules')
    with op.batch_alter_table('daily_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_daily_posts_reveal')

    op.drop_table('daily_posts')
    op.drop_table('daily_credits')
