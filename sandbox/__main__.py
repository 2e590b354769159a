"""``python -m selfaudit.sandbox [--port N] [--seed N] [--scale N] [--faults SPEC]`` without the full CLI."""

from __future__ import annotations

import argparse

from selfaudit.sandbox.runner import run


def main() -> None:
    """Parse arguments and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m selfaudit.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=int, default=None)
    parser.add_argument("--faults", default="none")
    args = parser.parse_args()
    run(port=args.port, seed=args.seed, scale=args.scale, faults=args.faults, echo=print)


if __name__ == "__main__":
    main()
