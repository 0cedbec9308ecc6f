"""Runs every reference script and says which, if any, disagree with its tests.

  python3 tools/reference/all.py
"""

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SCRIPTS = ["wasserstein.py", "embedding_distances.py", "weighted_least_squares.py", "kernel_shap.py",
           "sampling_laws.py", "rank_and_percentile.py", "stability_faithfulness.py", "metrics.py",
           "shapley_estimators.py", "image_distances.py", "scenario_tables.py"]

failed = []
for script in SCRIPTS:
    if subprocess.run([sys.executable, str(HERE / script)]).returncode != 0:
        failed.append(script)
    print()
if failed:
    print("disagree with their tests: " + ", ".join(failed), file=sys.stderr)
    sys.exit(1)
print(f"all {len(SCRIPTS)} reference scripts agree with their tests")
