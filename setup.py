"""Which packages go into the wheel: every folder under kg/ (found, so none is forgotten — data
folders without an __init__.py too: the samples `demo` reads, the named queries, the pages'
static files) and the top-level ontology/ folder as kg/ontology, so `demo`, extraction and the
named queries work from an installed package.  Everything else about the project is in
pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=find_namespace_packages(include=["kg", "kg.*"], exclude=["*.__pycache__"]) + ["kg.ontology"],
    package_dir={"kg.ontology": "ontology"},
)
