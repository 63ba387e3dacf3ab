"""Where triples live: embedded Oxigraph on disk (default), rdflib in memory, or any SPARQL 1.1
endpoint over HTTP — one module per kind, all behind :class:`~kg.store.base.BaseStore`.  Every
store call of the project goes through this package; the ``--store`` value is parsed by
:mod:`kg.store.spec` only.  :mod:`kg.store.locking` says who may use the embedded store when (one
writer, readers let in between its writes); :mod:`kg.store.endpoint` where an endpoint URL sends
requests, with which credentials and timeouts.

May import: :mod:`kg.errors`, :mod:`kg.vocab`, :mod:`kg.rdf` (terms and the N-Quads writer).
"""

from kg.store.base import BaseStore, Quad, Solutions, Term
from kg.store.memory import MemoryStore
from kg.store.http import HttpStore
from kg.store.oxigraph import OxigraphStore
from kg.store.spec import DEFAULT_STORE, StoreSpec, open_store, parse_spec, query_with_timeout

__all__ = ["BaseStore", "Quad", "Solutions", "Term", "MemoryStore", "HttpStore", "OxigraphStore",
           "DEFAULT_STORE", "StoreSpec", "open_store", "parse_spec", "query_with_timeout"]
