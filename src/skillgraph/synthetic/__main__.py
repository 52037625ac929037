"""``python -m skillgraph.synthetic STORE --multiple N [--seed S]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SkillgraphError
from .release import write_synthetic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skillgraph.synthetic", description=__doc__)
    parser.add_argument("store", type=Path, help="store folder holding a built study graph")
    parser.add_argument("--multiple", type=int, default=25, help="size as a multiple of the study graph")
    parser.add_argument("--seed", type=int, default=0, help="seed of the links between copies")
    args = parser.parse_args(argv)
    try:
        release, count = write_synthetic(args.store, args.multiple, args.seed)
    except SkillgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"synthetic ×{args.multiple} (seed {args.seed}): {count} quads; release {release.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
