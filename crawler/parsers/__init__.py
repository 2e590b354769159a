"""Pure parsing functions: dict/str/bytes in, item dataclasses out; no I/O."""
