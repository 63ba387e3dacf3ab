"""Print a pip constraints file pinning every direct dependency (and test extra) of
pyproject.toml to the lower bound of its range, so CI can test the oldest versions we claim."""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(__file__).resolve().parent.parent.joinpath("pyproject.toml").read_text())["project"]
specs = list(project["dependencies"])
for extra in project.get("optional-dependencies", {}).values():
    specs += extra
for spec in specs:
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)", spec)
    name, ranges = m.group(1), m.group(2)
    low = re.search(r">=\s*([0-9][^,;\s]*)", ranges)
    if low is None:
        sys.exit(f"{name}: no lower bound in '{spec}'; every dependency needs one")
    print(f"{name}=={low.group(1)}")
