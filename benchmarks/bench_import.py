"""Time `import clvkit` in fresh interpreters (median of several runs) against `import pandas`.

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def import_time(statement: str, runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    baseline = import_time("pass")
    for label, statement in [("import clvkit", "import clvkit"), ("import pandas", "import pandas"),
                             ("clvkit + first use", "import clvkit; clvkit.load_transactions")]:
        t = import_time(statement) - baseline
        print(f"{label:22s} {t * 1000:7.1f} ms (interpreter start-up subtracted: {baseline * 1000:.1f} ms)")
