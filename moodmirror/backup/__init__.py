"""Backups: the whole journal in one encrypted, versioned file, and restoring it.

Importing this package costs nothing; import the module you need. The CLI (``moodmirror backup
/ restore``), the app's Backup and Restore screens and :func:`moodmirror.journal.unlock` call the
same functions::

    from moodmirror.backup.archive import check_restore_target, read_backup, restore_backup, write_backup
    from moodmirror.backup.automatic import maybe_auto_backup

    write_backup(vault, path, password, uses_vault_passphrase=True)       # -> BackupResult
    contents = read_backup(path, password)   # BackupDamaged / BackupWrongPassword / UnsupportedBackup
    check_restore_target(data_dir)           # RestoreTargetNotEmpty unless empty or missing
    restore_backup(contents, data_dir, passphrase)    # a new vault holding everything
    maybe_auto_backup(vault, settings, now, passphrase)  # moodmirror.journal.unlock does: Path, or None

Modules: ``format`` (the file format; keys come from
:func:`moodmirror.storage.crypto.password_keys`), ``archive`` (making, reading and restoring a
backup), ``automatic`` (periodic automatic backups to a folder).
"""
