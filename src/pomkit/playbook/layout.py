"""Diagram layout in pixels: layered (Sugiyama) lanes through grandalf, and an indented tree.

The HTML playbook draws these as inline SVG with no script; the Markdown playbook
turns the same records into Mermaid. Layered layout (ranking, crossing reduction by
barycentre sweeps, Brandes–Köpf coordinates) is grandalf's, a maintained pure-Python
library; this module only sizes the boxes, lays each lane's components side by side and
shortens labels. grandalf is imported when a diagram is first laid out.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pomkit.playbook.view import Diagram, Edge, Lane, Node, Point, Ref

#: Box height, the gap between boxes in a layer and between layers, lane padding.
BOX_HEIGHT = 34.0
GAP = 28.0
LAYER_GAP = 46.0
LANE_PAD = 16.0
LANE_HEAD = 40.0
#: Characters of a label shown in a box or on an arrow; the rest goes to the tooltip.
LABEL_CHARS = 26
EDGE_CHARS = 22
CHAR_WIDTH = 7.0
MIN_WIDTH = 72.0


#: Above these sizes a diagram is not drawn as one Mermaid block (GitHub refuses or
#: garbles big ones); the Markdown playbook draws it in parts or lists it instead.
MERMAID_NODES = 60
MERMAID_EDGES = 150


def fits_mermaid(diagram: Diagram) -> bool:
    """Whether ``diagram`` is small enough for one readable Mermaid block."""
    return len(diagram.nodes) <= MERMAID_NODES and len(diagram.edges) <= MERMAID_EDGES


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def box_width(label: str) -> float:
    return max(MIN_WIDTH, len(label) * CHAR_WIDTH + 22.0)


@dataclass
class NodeSpec:
    """A node to place: its key, text, link, lane and style."""

    key: str
    label: str
    ref: Ref | None = None
    lane: int | None = None
    css: str = ""


@dataclass
class EdgeSpec:
    source: str
    target: str
    label: str = ""
    dashed: bool = False


@dataclass
class _Box:
    spec: NodeSpec
    label: str
    width: float
    height: float = BOX_HEIGHT
    x: float = 0.0
    y: float = 0.0


@dataclass
class _Placed:
    boxes: list[_Box] = field(default_factory=list)
    paths: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


class _Viewer:
    """What grandalf reads and writes on a vertex: its size, then its centre."""

    def __init__(self, w: float, h: float) -> None:
        self.w = w
        self.h = h
        self.xy: tuple[float, float] = (0.0, 0.0)


class _EdgeViewer:
    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []

    def setpath(self, pts: list[tuple[float, float]]) -> None:
        self.points = [(float(x), float(y)) for x, y in pts]


def _components(count: int, edges: list[tuple[int, int, int]]) -> list[list[int]]:
    """The weakly connected components, each in node order, in order of their first node."""
    neighbours: list[list[int]] = [[] for _ in range(count)]
    for _ident, a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    seen = [False] * count
    out = []
    for start in range(count):
        if seen[start]:
            continue
        seen[start] = True
        stack, members = [start], []
        while stack:
            current = stack.pop()
            members.append(current)
            for nxt in neighbours[current]:
                if not seen[nxt]:
                    seen[nxt] = True
                    stack.append(nxt)
        out.append(sorted(members))
    return out


def _path_order(members: list[int], edges: list[tuple[int, int, int]]) -> list[int] | None:
    """The nodes in order when the component is one simple path ``a → b → c``, else None."""
    if len(edges) != len(members) - 1:
        return None
    following: dict[int, int] = {}
    preceding: dict[int, int] = {}
    for _ident, a, b in edges:
        if a in following or b in preceding or a == b:
            return None
        following[a], preceding[b] = b, a
    heads = [m for m in members if m not in preceding]
    if len(heads) != 1:
        return None
    order = [heads[0]]
    while order[-1] in following:
        order.append(following[order[-1]])
    return order if len(order) == len(members) else None


def _star(
    members: list[int], edges: list[tuple[int, int, int]]
) -> tuple[int, list[int], bool] | None:
    """(hub, leaves, inward) when every edge joins one hub and a distinct leaf, all in
    the same direction (``a → hub ← b`` or ``hub → a, hub → b``), with 2 leaves or more."""
    if len(members) < 3 or len(edges) != len(members) - 1:
        return None
    heads = {b for _i, _a, b in edges}
    tails = {a for _i, a, _b in edges}
    if len(heads) == 1 and len(tails) == len(edges):
        hub = next(iter(heads))
        return (hub, sorted(tails), True) if hub not in tails else None
    if len(tails) == 1 and len(heads) == len(edges):
        hub = next(iter(tails))
        return (hub, sorted(heads), False) if hub not in heads else None
    return None


def _star_centres(
    hub: int,
    leaves: list[int],
    inward: bool,
    edges: list[tuple[int, int, int]],
    views: list[_Viewer],
) -> tuple[dict[int, tuple[float, float]], dict[int, list[tuple[float, float]]]]:
    """Leaves in one layer, the hub centred in the next (or the one before, outward)."""
    row_height = max(views[m].h for m in leaves)
    width = sum(views[m].w for m in leaves) + GAP * (len(leaves) - 1)
    width = max(width, views[hub].w)
    leaf_y = row_height / 2 if inward else views[hub].h + LAYER_GAP + row_height / 2
    hub_y = row_height + LAYER_GAP + views[hub].h / 2 if inward else views[hub].h / 2
    centre: dict[int, tuple[float, float]] = {hub: (width / 2, hub_y)}
    x = (width - (sum(views[m].w for m in leaves) + GAP * (len(leaves) - 1))) / 2
    for m in leaves:
        centre[m] = (x + views[m].w / 2, leaf_y)
        x += views[m].w + GAP
    paths: dict[int, list[tuple[float, float]]] = {}
    hub_x, hub_h = centre[hub][0], views[hub].h
    for ident, a, b in edges:
        leaf = a if inward else b
        lx, ly = centre[leaf]
        if inward:
            paths[ident] = [(lx, ly + views[leaf].h / 2), (hub_x, hub_y - hub_h / 2)]
        else:
            paths[ident] = [(hub_x, hub_y + hub_h / 2), (lx, ly - views[leaf].h / 2)]
    return centre, paths


def _centres(
    members: list[int],
    edges: list[tuple[int, int, int]],
    views: list[_Viewer],
) -> tuple[dict[int, tuple[float, float]], dict[int, list[tuple[float, float]]]]:
    """Centres of one component's boxes and its edges' polylines (top to bottom).

    A single box or a simple path is stacked directly (what a layered layout gives for
    it, without its set-up cost); anything else goes through grandalf's Sugiyama layout.
    """
    star = _star(members, edges)
    if star is not None:
        return _star_centres(*star, edges, views)
    order = [members[0]] if len(members) == 1 else _path_order(members, edges)
    if order is not None:
        middle = max(views[m].w for m in order) / 2
        centre: dict[int, tuple[float, float]] = {}
        y = 0.0
        for m in order:
            centre[m] = (middle, y + views[m].h / 2)
            y += views[m].h + LAYER_GAP
        paths = {
            ident: [
                (middle, centre[a][1] + views[a].h / 2),
                (middle, centre[b][1] - views[b].h / 2),
            ]
            for ident, a, b in edges
        }
        return centre, paths
    from grandalf.graphs import Edge as GEdge  # type: ignore[import-untyped]
    from grandalf.graphs import Vertex, graph_core
    from grandalf.layouts import SugiyamaLayout  # type: ignore[import-untyped]
    from grandalf.routing import route_with_lines  # type: ignore[import-untyped]

    vertices = {}
    for m in members:
        vertex = Vertex(m)
        vertex.view = views[m]
        vertices[m] = vertex
    gedges = []
    for ident, a, b in edges:
        edge = GEdge(vertices[a], vertices[b], data=ident)
        edge.view = _EdgeViewer()
        gedges.append(edge)
    layout: Any = SugiyamaLayout(graph_core(list(vertices.values()), gedges))
    layout.xspace = GAP
    layout.yspace = LAYER_GAP
    layout.route_edge = route_with_lines
    layout.init_all()
    layout.draw(3)
    return (
        {m: v.view.xy for m, v in vertices.items()},
        {e.data: e.view.points for e in gedges},
    )


def _layered(
    boxes: list[_Box], edges: list[tuple[int, int, int]], direction: Literal["TB", "LR"]
) -> _Placed:
    """Lay out boxes (indexes into ``boxes``) and edges ``(edge id, source, target)``;
    components side by side."""
    across = direction == "LR"
    # grandalf lays out top to bottom; left to right is the same layout transposed.
    views = [
        _Viewer(box.height, box.width) if across else _Viewer(box.width, box.height)
        for box in boxes
    ]
    placed = _Placed(boxes=boxes)
    offset = 0.0
    components = _components(len(boxes), edges)
    home = {m: n for n, members in enumerate(components) for m in members}
    owned: list[list[tuple[int, int, int]]] = [[] for _ in components]
    for edge in edges:
        owned[home[edge[1]]].append(edge)
    for members, own in zip(components, owned, strict=True):
        centre, paths = _centres(members, own, views)
        left = min(centre[m][0] - views[m].w / 2 for m in members)
        top = min(centre[m][1] - views[m].h / 2 for m in members)
        right = max(centre[m][0] + views[m].w / 2 for m in members)
        bottom = max(centre[m][1] + views[m].h / 2 for m in members)
        for m in members:
            cx, cy = centre[m]
            cx, cy = cx - left + offset, cy - top
            box = boxes[m]
            if across:
                box.x, box.y = cy - box.width / 2, cx - box.height / 2
            else:
                box.x, box.y = cx - box.width / 2, cy - box.height / 2
        for ident, points in paths.items():
            shifted = [(x - left + offset, y - top) for x, y in points]
            placed.paths[ident] = [(y, x) for x, y in shifted] if across else shifted
        offset += right - left + GAP
        extent = bottom - top
        if across:
            placed.width = max(placed.width, extent)
        else:
            placed.height = max(placed.height, extent)
    if across:
        placed.height = max(offset - GAP, 0.0)
    else:
        placed.width = max(offset - GAP, 0.0)
    return placed


def _midpoint(points: Sequence[tuple[float, float]]) -> Point:
    """The point halfway along a polyline (where its label goes)."""
    lengths = [
        ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        for (x0, y0), (x1, y1) in itertools.pairwise(points)
    ]
    half = sum(lengths) / 2
    for (x0, y0), (x1, y1), length in zip(points, points[1:], lengths, strict=False):
        if half <= length and length > 0:
            t = half / length
            return Point(x=round(x0 + (x1 - x0) * t, 1), y=round(y0 + (y1 - y0) * t, 1))
        half -= length
    x, y = points[-1]
    return Point(x=round(x, 1), y=round(y, 1))


def lanes_diagram(
    ident: str,
    kind: Literal["flow", "escalation"],
    title: str,
    lanes: Sequence[tuple[str, Ref | None]],
    nodes: Sequence[NodeSpec],
    edges: Sequence[EdgeSpec],
    direction: Literal["TB", "LR"] = "TB",
) -> Diagram:
    """A layered diagram; with ``lanes``, nodes sit in columns (their ``lane``) laid side by
    side, each column laid out on its own. Edges between lanes are not drawn."""
    boxes = [_Box(spec, shorten(spec.label, LABEL_CHARS), 0.0) for spec in nodes]
    for box in boxes:
        box.width = box_width(box.label)
    index = {box.spec.key: i for i, box in enumerate(boxes)}
    groups: list[list[int]] = [[] for _ in (lanes or [("", None)])]
    for i, box in enumerate(boxes):
        groups[(box.spec.lane or 0) if lanes else 0].append(i)
    out_nodes: list[Node] = []
    out_edges: list[Edge] = []
    out_lanes: list[Lane] = []
    x = 0.0
    height = 0.0
    top = LANE_HEAD + LANE_PAD if lanes else 0.0
    placements: list[tuple[list[int], _Placed, float]] = []
    for members in groups:
        local = {g: n for n, g in enumerate(members)}
        inner = [
            (k, local[index[e.source]], local[index[e.target]])
            for k, e in enumerate(edges)
            if index.get(e.source) in local
            and index.get(e.target) in local
            and e.source != e.target
        ]
        placed = _layered([boxes[g] for g in members], inner, direction) if members else _Placed()
        placements.append((members, placed, x))
        lane_width = placed.width + 2 * LANE_PAD if lanes else placed.width
        if lanes:
            lane_width = max(lane_width, box_width(shorten(lanes[len(placements) - 1][0], 30)))
        x += lane_width + (GAP / 2 if lanes else 0.0)
        height = max(height, placed.height)
    width = x - (GAP / 2 if lanes else 0.0)
    total_height = height + top + (LANE_PAD if lanes else 0.0)
    for n, (members, placed, left) in enumerate(placements):
        pad = LANE_PAD if lanes else 0.0
        if lanes:
            next_left = placements[n + 1][2] if n + 1 < len(placements) else width + GAP / 2
            label, ref = lanes[n]
            out_lanes.append(
                Lane(
                    label=shorten(label, 30),
                    ref=ref,
                    x=round(left, 1),
                    y=0.0,
                    width=round(next_left - left - GAP / 2, 1),
                    height=round(total_height, 1),
                )
            )
        for g in members:
            box = boxes[g]
            out_nodes.append(
                Node(
                    key=box.spec.key,
                    label=box.label,
                    title=" ".join(box.spec.label.split()),
                    ref=box.spec.ref,
                    lane=box.spec.lane if lanes else None,
                    css=box.spec.css,
                    x=round(box.x + left + pad, 1),
                    y=round(box.y + top, 1),
                    width=round(box.width, 1),
                    height=round(box.height, 1),
                )
            )
        for k, path in sorted(placed.paths.items()):
            spec = edges[k]
            points = [(px + left + pad, py + top) for px, py in path]
            out_edges.append(
                Edge(
                    source=spec.source,
                    target=spec.target,
                    label=shorten(spec.label, EDGE_CHARS),
                    title=" ".join(spec.label.split()),
                    points=[Point(x=round(px, 1), y=round(py, 1)) for px, py in points],
                    label_at=_midpoint(points) if spec.label else None,
                    dashed=spec.dashed,
                )
            )
    return Diagram(
        id=ident,
        kind=kind,
        title=title,
        direction=direction,
        width=round(max(width, 0.0), 1),
        height=round(total_height, 1),
        lanes=out_lanes,
        nodes=out_nodes,
        edges=out_edges,
    )


#: Horizontal indent per tree level and vertical step per row of the team tree.
INDENT = 28.0
ROW = BOX_HEIGHT + 12.0


def tree_diagram(
    ident: str, title: str, nodes: Sequence[NodeSpec], parent: dict[str, str | None]
) -> Diagram:
    """An indented tree, one row per node (readable at any size): roots are nodes
    whose parent is ``None`` or unknown, and nodes caught in a parent cycle are shown
    as roots too. ``parent`` maps node key to parent key."""
    by_key = {spec.key: spec for spec in nodes}
    children: dict[str, list[str]] = {}
    for spec in nodes:
        up = parent.get(spec.key)
        if up is not None and up in by_key and up != spec.key:
            children.setdefault(up, []).append(spec.key)
    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(start: str) -> None:
        stack = [(start, 0)]
        while stack:
            key, depth = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            order.append((key, depth))
            stack.extend((c, depth + 1) for c in reversed(children.get(key, [])))

    for spec in nodes:
        up = parent.get(spec.key)
        if up is None or up not in by_key or up == spec.key:
            visit(spec.key)
    for spec in nodes:  # parent cycles: no root leads there
        visit(spec.key)
    out_nodes: list[Node] = []
    out_edges: list[Edge] = []
    where: dict[str, Node] = {}
    width = 0.0
    for row, (key, depth) in enumerate(order):
        spec = by_key[key]
        label = shorten(spec.label, 40)
        node = Node(
            key=key,
            label=label,
            title=" ".join(spec.label.split()),
            ref=spec.ref,
            css=spec.css,
            x=depth * INDENT,
            y=row * ROW,
            width=round(box_width(label), 1),
            height=BOX_HEIGHT,
        )
        where[key] = node
        out_nodes.append(node)
        width = max(width, node.x + node.width)
    for key, _depth in order:
        up = parent.get(key)
        if up in where and up != key and up is not None:
            a, b = where[up], where[key]
            if a.y < b.y:
                elbow = a.x + INDENT / 2
                out_edges.append(
                    Edge(
                        source=up,
                        target=key,
                        points=[
                            Point(x=elbow, y=a.y + a.height),
                            Point(x=elbow, y=b.y + b.height / 2),
                            Point(x=b.x, y=b.y + b.height / 2),
                        ],
                    )
                )
    return Diagram(
        id=ident,
        kind="team-tree",
        title=title,
        direction="TB",
        width=round(width, 1),
        height=round(len(order) * ROW - 12.0 if order else 0.0, 1),
        nodes=out_nodes,
        edges=out_edges,
    )


#: Horizontal gap between the boxes of an escalation chain (room for the arrow).
CHAIN_GAP = 40.0


def chains_diagram(
    ident: str, title: str, rows: Sequence[Sequence[NodeSpec]], loops: Sequence[int | None]
) -> Diagram:
    """One row per chain, left to right, each box linked to the next (linear in the size).

    ``loops[r]`` is where row ``r`` runs into a cycle (the index of the box its last box
    escalates to again), drawn as a dashed arrow back.
    """
    out_nodes: list[Node] = []
    out_edges: list[Edge] = []
    width = 0.0
    looped = any(n is not None for n in loops)
    for r, row in enumerate(rows):
        x = 0.0
        y = r * ROW
        placed: list[Node] = []
        for spec in row:
            label = shorten(spec.label, 48)
            box = Node(
                key=spec.key,
                label=label,
                title=" ".join(spec.label.split()),
                ref=spec.ref,
                css=spec.css,
                x=round(x, 1),
                y=round(y, 1),
                width=round(box_width(label), 1),
                height=BOX_HEIGHT,
            )
            placed.append(box)
            x += box.width + CHAIN_GAP
        for a, b in itertools.pairwise(placed):
            mid = a.y + a.height / 2
            out_edges.append(
                Edge(
                    source=a.key,
                    target=b.key,
                    points=[Point(x=a.x + a.width, y=mid), Point(x=b.x, y=mid)],
                )
            )
        back_to = loops[r]
        if back_to is not None and placed:
            last, back = placed[-1], placed[back_to]
            out_edges.append(
                Edge(
                    source=last.key,
                    target=back.key,
                    label="cycle",
                    title="escalation returns to an earlier tier",
                    points=[
                        Point(x=last.x + last.width / 2, y=last.y + last.height),
                        Point(x=last.x + last.width / 2, y=last.y + last.height + 6),
                        Point(x=back.x + back.width / 2, y=back.y + back.height + 6),
                        Point(x=back.x + back.width / 2, y=back.y + back.height),
                    ],
                    label_at=Point(
                        x=round((last.x + back.x + back.width) / 2, 1),
                        y=round(last.y + last.height + 6, 1),
                    ),
                    dashed=True,
                )
            )
        out_nodes.extend(placed)
        width = max(width, x - CHAIN_GAP)
    return Diagram(
        id=ident,
        kind="escalation",
        title=title,
        direction="LR",
        width=round(max(width, 0.0), 1),
        height=round(len(rows) * ROW - 12.0 + (10.0 if looped else 0.0), 1) if rows else 0.0,
        nodes=out_nodes,
        edges=out_edges,
    )
