"""The progress ledger (台账) an office circulates and the units send back.

:mod:`kg.ledger.layout` holds the columns; :mod:`kg.ledger.export` writes the workbook for a plan
from the read model; :mod:`kg.ledger.dates` reads the dates units type; :mod:`kg.ledger.returns`
reads filled workbooks, checks every row against the plan and turns each return into a named
graph; :mod:`kg.ledger.status` says, per task and unit, what the latest return says and what
needs chasing.  Nothing here prints.
"""
