"""Benchmarks for fazhi-kg: a synthetic corpus generator and a harness that measures build,
query, export, memory, incremental rebuild, start-up and page rendering side by side with a peer.

Run ``python -m benchmarks --docs 100`` (or ``--sizes 100,1000``); see ``benchmarks/README.md``.
Nothing here is imported by the ``kg`` package or its correctness tests.
"""
