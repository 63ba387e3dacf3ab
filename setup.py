"""Which packages go into the wheel: every package under kg/ (found, so none is forgotten) and
the top-level ontology/ folder as kg/ontology, so `demo` and extraction work from an installed
package.  Everything else about the project is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["kg", "kg.*"]) + ["kg.ontology"],
    package_dir={"kg.ontology": "ontology"},
)
