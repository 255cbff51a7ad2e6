"""Training of the emotion model on FER+ (needs the ``train`` extra: torch).

Nothing in the app imports this package; it exists so anyone can reproduce and audit the
shipped model in ``models/``.
"""
