"""The ``moodmirror`` command line: ``main`` builds the parser, each module adds commands.

Modules here import only light libraries at start-up (so ``moodmirror --help`` is instant);
storage, vision and plotting libraries are imported inside the commands that use them.
"""
