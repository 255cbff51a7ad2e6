"""Alembic environment for the vault database.

MoodMirror runs migrations itself when a vault is opened (``moodmirror.storage.database``):
it passes an open SQLAlchemy connection in ``config.attributes["connection"]`` and the
migrations run inside that connection's transaction, so an upgrade is all-or-nothing.
Batch mode is on so future revisions can alter SQLite tables (copy-and-move).
"""

from __future__ import annotations

from alembic import context

from moodmirror.storage.schema import Base

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("MoodMirror migrations run on an open connection; see moodmirror.storage.database")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
