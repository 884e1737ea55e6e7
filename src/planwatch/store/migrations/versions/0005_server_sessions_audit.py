"""server: revocable web sessions; audit rows name the object they are about

- ``web_sessions``: one row per signed-in browser (the SHA-256 of a random session id, the user,
  expiry). Logout deletes the row; disabling a user or changing their password deletes all of theirs,
  so a copied cookie stops working at once.
- ``audit_log.object_key``: the natural key of the row an audit entry is about (an indicator code, a
  target ``indicator@region``, a project, task or user name), so that ``planwatch history`` can show
  the changes of any object, not only of observations.

Revision ID: 0005_server
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_server'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_sessions',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_web_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_web_sessions'))
    )
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('object_key', sa.String(length=200), nullable=True))
    op.create_index('ix_audit_log_object_key', 'audit_log', ['object_key'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_object_key', table_name='audit_log')
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_column('object_key')
    op.drop_table('web_sessions')
