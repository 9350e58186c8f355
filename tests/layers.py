"""The generator's layers read from its imports: which module imports which, and where that
runs against the declared order or closes a circle.

Every import counts, at the top of a module or inside a function or a ``TYPE_CHECKING``
block: a late import still ties the two modules together, it only hides the tie from a
reader. ``from generator.site import routes`` counts as an import of the module
``generator.site.routes``; an import of a package counts as one of its ``__init__``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

#: the layers from the bottom up; a module may import from its own layer and those below.
#: The name of a layer is the first folder (or module) below generator/.
LAYERS: tuple[str, ...] = (
    "infra",
    "places",
    "content",
    "site",
    "pipeline",
    "writer",
    "commands",
)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int


def modules(package: Path) -> dict[str, Path]:
    """Dotted name -> file of every module in ``package`` (a folder named ``generator``)."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if "_tool" in parts or "files" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(package: Path) -> list[Import]:
    """Every import of one generator module by another, wherever in the module it stands."""
    known = modules(package)
    found: list[Import] = []
    for name, path in known.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                while target and target not in known and "." in target:
                    target = target.rpartition(".")[0]
                if target in known and target != name:
                    found.append(Import(name, target, node.lineno))
    return found


def layer(module: str) -> int | None:
    """The index of ``module``'s layer in :data:`LAYERS` (None: the package's own root)."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def against_the_flow(found: list[Import]) -> list[Import]:
    """Imports of a module in a higher layer than the importer's."""
    wrong = []
    for item in found:
        low, high = layer(item.importer), layer(item.imported)
        if low is not None and high is not None and high > low:
            wrong.append(item)
    return wrong


def unplaced(package: Path) -> list[str]:
    """Modules below generator/ in no declared layer (the package's ``__init__`` aside)."""
    return [m for m in modules(package) if m != package.name and layer(m) is None]


def circles(found: list[Import]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan's
    strongly connected components; a group of one is no circle)."""
    graph: dict[str, set[str]] = {}
    for item in found:
        graph.setdefault(item.importer, set()).add(item.imported)
        graph.setdefault(item.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups
