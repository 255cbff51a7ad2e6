"""Bringing a history in: Daylio's CSV export (:mod:`.daylio`) and MoodMirror's own CSV (:mod:`.table`).

Each reader turns a whole file into check-ins or raises
:class:`~moodmirror.errors.ImportRejected` naming the first bad row by its line number;
:mod:`.merge` leaves out what the journal already holds and stores the rest in one transaction,
so a file is imported whole or not at all.
"""
