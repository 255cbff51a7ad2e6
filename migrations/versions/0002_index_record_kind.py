"""Index records by kind, so listing check-ins skips settings and future kinds cheaply.

Revision ID: 0002_index_record_kind
Revises: 0001_create_vault
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002_index_record_kind"
down_revision: str | Sequence[str] | None = "0001_create_vault"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_records_kind", "records", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_records_kind", table_name="records")
