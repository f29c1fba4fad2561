"""``python -m reader`` is the same as ``yomu``."""

from reader.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
