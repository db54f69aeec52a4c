"""Count the outcomes of the bad-input sweep (tests/test_bad_input_sweep.py): calls and bad outcomes.

    .venv/bin/python tools/sweep_counts.py
"""

import inspect
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import test_bad_input_sweep as sweep  # noqa: E402


def main():
    calls, bad, causes = 0, 0, Counter()
    for key in sorted(sweep.CALLABLES):
        if key not in sweep.VALID_CALLS:
            continue
        for param, description, value in sweep._cases(key):
            calls += 1
            with warnings.catch_warnings(), sweep.time_limit(5):
                warnings.simplefilter("error")
                try:
                    sweep._call(key, param.name, value)
                except (TypeError, ValueError) as exc:
                    if param.name in str(exc):
                        continue
                    cause = "error not naming the argument"
                except Exception as exc:  # noqa: BLE001
                    cause = type(exc).__name__
                else:
                    if param.default is not inspect.Parameter.empty and sweep._same(value, param.default):
                        continue
                    cause = "accepted silently"
            bad += 1
            causes[cause] += 1
    print(f"public callables: {len(sweep.CALLABLES)}, with a valid call: {len(sweep.VALID_CALLS)}")
    print(f"calls: {calls}, bad outcomes: {bad}")
    for cause, n in causes.most_common():
        print(f"  {n:5d}  {cause}")


if __name__ == "__main__":
    main()
