"""Alembic environment: migrations run on the connection planwatch hands over (see database.upgrade)."""

from alembic import context

from planwatch.store.tables import metadata

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
