"""The per-document summary counts written beside the facts (see :class:`Tally`)."""

from __future__ import annotations

from kg.rdf.terms import A, fz, integer, iri


class Tally:
    """The document's summary: counts the build writes into the document's own graph, beside the
    facts they count, so that they are replaced and removed with them (one graph, one
    transaction).  Queries that aggregate the whole corpus add these up instead of reading every
    participation or deadline (ontology/fazhi.ttl, "summary"; tests/test_summary.py checks them
    against the facts).

    - fz:UnitTally per unit named in an assignment: tasks it leads / is responsible for /
      cooperates on, and its assignments (participation records);
    - fz:LeadPairTally per two units that lead a task together: the tasks they share, the pair
      in the order of their names (then IRIs), as co-lead-pairs lists it;
    - fz:leadUnitCount on each task with a lead: its distinct lead units."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # unit node → its name
        self.roles: dict[str, dict[str, set[str]]] = {}  # unit node → role → tasks
        self.assignments: dict[str, int] = {}  # unit node → participation records
        self.pairs: dict[tuple[str, str], int] = {}  # (first, second) lead → shared tasks

    def name(self, node: str, name: str) -> None:
        self.names.setdefault(node, name)

    def task(self, out, task: str, records: list[tuple[str, str]]) -> None:
        for role, unit in records:
            self.roles.setdefault(unit, {}).setdefault(role, set()).add(task)
            self.assignments[unit] = self.assignments.get(unit, 0) + 1
        leads = sorted({unit for role, unit in records if role == "lead"},
                       key=lambda u: (self.names.get(u, ""), u[1:-1]))
        if leads:
            out.add(task, fz("leadUnitCount"), integer(len(leads)))
        for i, a in enumerate(leads):
            for b in leads[i + 1:]:
                self.pairs[(a, b)] = self.pairs.get((a, b), 0) + 1

    def write(self, out, doc: str) -> None:
        base = doc[1:-1] + "/tally"
        for i, unit in enumerate(sorted(self.roles), start=1):
            node = iri(f"{base}/unit/{i}")
            counts = self.roles[unit]
            out.add(node, A, fz("UnitTally"))
            out.add(node, fz("tallyOf"), doc)
            out.add(node, fz("tallyUnit"), unit)
            out.add(node, fz("leadCount"), integer(len(counts.get("lead", ()))))
            out.add(node, fz("responsibleCount"), integer(len(counts.get("responsible", ()))))
            out.add(node, fz("cooperatingCount"), integer(len(counts.get("cooperating", ()))))
            out.add(node, fz("assignmentCount"), integer(self.assignments[unit]))
        for i, (a, b) in enumerate(sorted(self.pairs), start=1):
            node = iri(f"{base}/lead-pair/{i}")
            out.add(node, A, fz("LeadPairTally"))
            out.add(node, fz("tallyOf"), doc)
            out.add(node, fz("firstUnit"), a)
            out.add(node, fz("secondUnit"), b)
            out.add(node, fz("sharedTasks"), integer(self.pairs[(a, b)]))
