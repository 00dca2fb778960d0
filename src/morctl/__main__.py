"""Entry point for ``python -m morctl`` and the ``morctl`` console script."""

from __future__ import annotations

import os
import sys


def main() -> None:
    # pydantic looks up plugins through package metadata on the first model it builds, a
    # noticeable share of a small command's start-up; a command-line tool needs none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from morctl.cli import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
