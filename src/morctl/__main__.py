"""Entry point for ``python -m morctl`` and the ``morctl`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from morctl.cli import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
