"""Alembic migrations: old vaults upgrade on open with their data intact; models match migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from moodmirror.records import CheckIn, Settings
from moodmirror.storage.database import alembic_config, current_revision, head_revision, open_engine
from moodmirror.storage.paths import vault_path
from moodmirror.storage.schema import Base
from moodmirror.storage.vault import Vault

FIRST_REVISION = "0001_create_vault"


def test_a_vault_at_the_first_revision_upgrades_on_open_with_its_data(
    vault_dir: Path, vault_passphrase: str, forge_header_checksum: Callable[[Path], None]
) -> None:
    checkins = [CheckIn(mood=m, note=f"day {m}") for m in (3, 6, 9)]
    with Vault.open(vault_dir, vault_passphrase) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)
        vault.save_settings(Settings(theme="dark"))

    engine = open_engine(vault_path(vault_dir))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), FIRST_REVISION)
    with engine.connect() as connection:
        assert current_revision(connection) == FIRST_REVISION
        assert "ix_records_kind" not in {i["name"] for i in inspect(connection).get_indexes("records")}
    engine.dispose()
    forge_header_checksum(vault_dir)  # the header as MoodMirror at that revision would have stamped it

    with Vault.open(vault_dir, vault_passphrase) as vault:
        assert sorted(vault.list_checkins(), key=lambda c: c.mood) == checkins
        assert vault.load_settings() == Settings(theme="dark")
    engine = open_engine(vault_path(vault_dir))
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision() != FIRST_REVISION
        assert "ix_records_kind" in {i["name"] for i in inspect(connection).get_indexes("records")}
    engine.dispose()


def test_the_migrations_build_exactly_the_orm_schema(vault_dir: Path) -> None:
    engine = open_engine(vault_path(vault_dir))
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()
