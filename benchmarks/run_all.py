"""Run every benchmark script (bench_*.py) in its own process and print their tables.

Run from the repository root: `python -m benchmarks.run_all` (what `make bench` does).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    failures = 0
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        module = f"benchmarks.{script.stem}"
        failures += subprocess.run([sys.executable, "-m", module], check=False).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
