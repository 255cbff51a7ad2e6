"""The encrypted vault: where every check-in and setting is kept, and how it is erased.

Modules: ``paths`` (the files the app creates), ``crypto`` (Argon2id key derivation and
AES-256-GCM), ``schema`` (the SQLAlchemy tables), ``database`` (engine, PRAGMAs, Alembic
migrations), ``vault`` (the :class:`~moodmirror.storage.vault.Vault` API) and ``wipe``.
This package imports nothing heavy itself; import the module you need.
"""
