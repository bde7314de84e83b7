"""Compare benchmark runs: every measured and floor median, side by side, with the change from the first run.

.venv/bin/python benchmarks/compare.py benchmarks/results/A.json benchmarks/results/B.json [...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def medians(run: dict[str, Any]) -> dict[tuple[str, str], tuple[float, str]]:
    """``(figure title, row name) -> (median, unit)`` for every measured and floor row of a run."""
    rows: dict[tuple[str, str], tuple[float, str]] = {}
    for figure in run["figures"].values():
        for kind in ("measured", "floors"):
            for name, stat in figure[kind].items():
                label = name.strip() + (" [floor]" if kind == "floors" else "")
                rows[(figure["title"], label)] = (stat["median"], figure["unit"])
    return rows


def main(paths: list[str]) -> int:
    if len(paths) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    runs = [json.loads(Path(path).read_text(encoding="utf-8")) for path in paths]
    tables = [medians(run) for run in runs]
    names = [f"{Path(path).stem} ({run['meta'].get('commit', '?')})" for path, run in zip(paths, runs, strict=True)]
    print("runs: " + "  |  ".join(names))
    title = None
    for key in dict.fromkeys(k for table in tables for k in table):
        if key[0] != title:
            title = key[0]
            print(f"\n{title}")
        cells = []
        base = tables[0].get(key)
        for table in tables:
            value = table.get(key)
            if value is None:
                cells.append(f"{'—':>12}")
                continue
            change = f" ({value[0] / base[0] - 1:+.0%})" if base and base[0] and table is not tables[0] else ""
            cells.append(f"{value[0]:>10,.2f} {value[1]}{change}")
        print(f"    {key[1][:60]:<60} " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
