"""Benchmark floor: the least any Qt canvas can do with a design file.

The floor reads the same JSON with ``json.load`` and puts one ``QGraphicsRectItem`` with a
child ``QGraphicsSimpleTextItem`` per component and one ``QGraphicsPathItem`` cubic bezier
per link in a plain ``QGraphicsScene``. Moving a component moves its rect and recomputes
the paths of its links. For the checker, the floor builds the networkx DiGraph and does
one multi-source search. None of this imports the app (``canvas``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

#: The app's card size, so both canvases cover the same area.
CARD_W, CARD_H = 170.0, 64.0
_COLOURS = ["#1E88E5", "#43A047", "#FB8C00", "#8E24AA", "#E53935", "#00897B", "#6D4C41"]


def load_json(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def bezier(sx: float, sy: float, tx: float, ty: float) -> QPainterPath:
    """From the right middle of one card to the left middle of another (the app's curve,
    without its arrowhead and its dip under level backward links)."""
    dx = tx - sx
    reach = max(dx * 0.5, 30.0) if dx >= 0 else min(max(-dx * 0.35, 60.0), 160.0)
    path = QPainterPath(QPointF(sx, sy))
    path.cubicTo(sx + reach, sy, tx - reach, ty, tx, ty)
    return path


class FloorCanvas:
    """The bare scene of a design file's dict."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.scene = QGraphicsScene()
        self.rects: dict[str, QGraphicsRectItem] = {}
        self.links: dict[str, tuple[QGraphicsPathItem, str, str]] = {}
        self.links_of: dict[str, list[str]] = {}
        brushes: dict[str, QBrush] = {}
        pen = QPen(QColor("#455A64"), 1.5)
        for comp in data["components"]:
            kind = comp["kind"]
            brush = brushes.get(kind)
            if brush is None:
                brush = brushes[kind] = QBrush(QColor(_COLOURS[len(brushes) % len(_COLOURS)]))
            rect = QGraphicsRectItem(0.0, 0.0, CARD_W, CARD_H)
            rect.setPos(comp["position"]["x"], comp["position"]["y"])
            rect.setBrush(brush)
            text = QGraphicsSimpleTextItem(comp["label"], rect)
            text.setPos(10.0, 22.0)
            self.scene.addItem(rect)
            self.rects[comp["id"]] = rect
            self.links_of[comp["id"]] = []
        for link in data["links"]:
            s, t = link["source"], link["target"]
            item = QGraphicsPathItem(self._path(s, t))
            item.setPen(pen)
            self.scene.addItem(item)
            self.links[link["id"]] = (item, s, t)
            self.links_of[s].append(link["id"])
            self.links_of[t].append(link["id"])

    def _path(self, source: str, target: str) -> QPainterPath:
        a, b = self.rects[source].pos(), self.rects[target].pos()
        return bezier(a.x() + CARD_W, a.y() + CARD_H / 2, b.x(), b.y() + CARD_H / 2)

    def move(self, ids: list[str], dx: float, dy: float) -> None:
        """Move cards and recompute the path of every link touching them, once each."""
        touched: dict[str, None] = {}
        for cid in ids:
            rect = self.rects[cid]
            rect.setPos(rect.x() + dx, rect.y() + dy)
            touched.update(dict.fromkeys(self.links_of[cid]))
        for lid in touched:
            item, s, t = self.links[lid]
            item.setPath(self._path(s, t))


def floor_check(data: dict[str, Any]) -> set[str]:
    """The checker's floor: the networkx DiGraph of the links and one multi-source search
    (everything downstream of any model)."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(c["id"] for c in data["components"])
    g.add_edges_from((link["source"], link["target"]) for link in data["links"])
    succ = g._succ  # the raw adjacency: the least a search can cost
    seen = {c["id"] for c in data["components"] if c["kind"] == "model"}
    stack = list(seen)
    while stack:
        for nxt in succ[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
