"""One module per screen, each with its .kv rules beside it; loaded on first use."""
