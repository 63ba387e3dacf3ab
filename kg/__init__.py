"""fazhi-kg: Chinese rule-of-law plans and reports as a knowledge graph of units, tasks and obligations.

The library works without the command line (typer is only imported by :mod:`kg.cli`).
Heavy libraries (jieba, rdflib, pdf and html readers) are imported where they are used.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = __version__
