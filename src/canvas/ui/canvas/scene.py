"""UI layer: the scene that displays a Document — one item per component and per link.

The scene listens to the document's fine-grained signals and touches only the items that
changed; ``design_replaced`` rebuilds everything in bulk. It never edits the design.
Links are routed around cards by :attr:`DesignScene.routes` (:mod:`link_routes`), once per
edit and when a drag ends; during a drag the dragged cards' links follow as plain curves.
Links are indexed per component, so a moved card re-routes only its own links, and a drag
of many cards re-routes each touched link once per mouse move. Cards keep a device pixmap
cache except when the view is zoomed out to coloured blocks (building thousands of tiny
pixmaps costs more than the blocks), and the items' bounds are cached between changes.
The scene is each item's :class:`~canvas.ui.canvas.items.host.ItemHost`.

A big design opened on screen (:data:`BUILD_IN_SLICES_FROM` components or more) is first
painted as a :class:`~canvas.ui.canvas.sketch.DesignSketch` drawn from the model; its items
are then built, hidden, in slices of the event loop and shown together when all are there.
Any edit, and anyone asking for an item, completes the build first (:meth:`complete_build`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator, Mapping

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QStyleOptionGraphicsItem,
    QToolTip,
)

from canvas.core.geometry import Rect
from canvas.core.routing import LinkEnds, Route
from canvas.ui.canvas.align_guides import AlignGuides
from canvas.ui.canvas.annotation_layer import AnnotationLayer
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.link_item import LinkItem
from canvas.ui.canvas.items.style import GRID, PORT_RADIUS, Theme, palette_is_dark, theme_for
from canvas.ui.canvas.link_routes import LinkRoutes, label_spot
from canvas.ui.canvas.sketch import DesignSketch
from canvas.ui.document import Document

#: Smallest on-screen distance between grid dots, in pixels.
_MIN_DOT_SPACING = 16.0

#: A design of at least this many components, opened in a scene on screen, is sketched
#: first and its items are built in slices after that first paint.
BUILD_IN_SLICES_FROM = 2000
#: How long one slice of that build may hold the event loop, in seconds.
_SLICE_SECONDS = 0.03

FindingMark = tuple[str | None, int, str]


class DesignScene(QGraphicsScene):
    """Items for a :class:`Document`'s design, kept in sync through its signals."""

    #: Items were created, removed or moved by the model (not during a drag): views may
    #: want to grow their scrollable area.
    layout_changed = Signal()
    #: The scene was rebuilt from scratch (``design_replaced``).
    rebuilt = Signal()

    def __init__(
        self, document: Document, parent: QObject | None = None, *, dark: bool | None = None, cache_items: bool = True
    ) -> None:
        super().__init__(parent)
        self.document = document
        #: Snap step for dragged cards (0 = free); the view sets it.
        self.snap_step = 0.0
        self.grid_visible = True
        self.theme: Theme = theme_for(False)
        self._follow_palette = dark is None
        self._cache_items = cache_items
        self._coarse = False  # a view shows the scene as coloured blocks (see set_coarse)
        self._components: dict[str, ComponentItem] = {}
        self._links: dict[str, LinkItem] = {}
        self._links_of: dict[str, set[str]] = {}
        self._dragged: set[str] = set()
        #: Links of the cards the current edit moved, drawn again when it is over.
        self._moved_links: dict[str, None] = {}
        self._drag_start: list[tuple[ComponentItem, float, float]] | None = None
        self._bounds: QRectF | None = None
        self._flagged_components: set[str] = set()
        self._flagged_links: set[str] = set()
        #: The last findings marks, applied again to items built after they came.
        self._marks: tuple[Mapping[str, FindingMark], Mapping[str, FindingMark]] = ({}, {})
        #: While a big design is built in slices: its sketch, and the items still to build.
        self._sketch: DesignSketch | None = None
        self._to_build: Iterator[None] = iter(())
        self._build_waits_for_paint = False
        self._build_timer = QTimer(self)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_slice)
        # An edit completes a build in slices before anything else of the scene sees it
        # (connected first: the notes' and frames' layer follows the same signals).
        for signal in (
            document.component_added,
            document.component_removed,
            document.component_changed,
            document.component_moved,
            document.link_added,
            document.link_removed,
            document.link_changed,
            document.note_added,
            document.note_removed,
            document.note_changed,
            document.group_added,
            document.group_removed,
            document.group_changed,
        ):
            signal.connect(self.complete_build)
        #: The notes and group frames (their items, and frames following their members).
        self.annotations = AnnotationLayer(self)
        #: The links' routes around the cards (this scene is their :class:`RouteHost`).
        self.routes = LinkRoutes(self, self)
        self.routes.routed.connect(self._routes_arrived)
        #: Snapping to other cards' edges and centres while dragging, with guide lines.
        self.guides = AlignGuides(self)
        self._link_style = document.design.settings.link_style
        self.set_dark(dark)
        document.component_added.connect(self._on_component_added)
        document.component_removed.connect(self._on_component_removed)
        document.component_changed.connect(self._on_component_changed)
        document.component_moved.connect(self._on_component_moved)
        document.link_added.connect(self._on_link_added)
        document.link_removed.connect(self._on_link_removed)
        document.link_changed.connect(self._on_link_changed)
        document.design_replaced.connect(self.rebuild)
        document.design_changed.connect(self._on_design_changed)
        self.rebuild()

    # --- public API ----------------------------------------------------------------------
    def component_item(self, component_id: str) -> ComponentItem | None:
        self.complete_build()
        return self._components.get(component_id)

    def link_item(self, link_id: str) -> LinkItem | None:
        self.complete_build()
        return self._links.get(link_id)

    def component_items(self) -> list[ComponentItem]:
        self.complete_build()
        return list(self._components.values())

    def link_items(self) -> list[LinkItem]:
        self.complete_build()
        return list(self._links.values())

    def link_ids_of(self, component_id: str) -> set[str]:
        """Ids of the links touching a component (from the scene's index, no scan)."""
        self.complete_build()
        return set(self._links_of.get(component_id, ()))

    @property
    def building(self) -> bool:
        """Whether a big design's items are still being built (its sketch is shown)."""
        return self._sketch is not None

    def paint_sketch(self, painter: QPainter) -> None:
        """Draw the sketch of the design being built (nothing once it is built)."""
        if self._sketch is not None:
            self._sketch.paint(painter, self.theme)

    def selected_component_ids(self) -> list[str]:
        """Selected components, in the design's order."""
        chosen = {i.component_id for i in self.selectedItems() if isinstance(i, ComponentItem)}
        if len(chosen) <= 1:
            return list(chosen)
        return [cid for cid in self.document.design.components if cid in chosen]

    def selected_link_ids(self) -> list[str]:
        chosen = {i.link_id for i in self.selectedItems() if isinstance(i, LinkItem)}
        if len(chosen) <= 1:
            return list(chosen)
        return [lid for lid in self.document.design.links if lid in chosen]

    def selected_note_ids(self) -> list[str]:
        """Selected notes, in the design's order."""
        return self.annotations.selected_note_ids()

    def selected_group_ids(self) -> list[str]:
        """Groups whose frame is selected, in the design's order."""
        return self.annotations.selected_group_ids()

    def select_ids(
        self,
        component_ids: Iterable[str],
        link_ids: Iterable[str] = (),
        note_ids: Iterable[str] = (),
        group_ids: Iterable[str] = (),
    ) -> None:
        """Replace the selection; ``selectionChanged`` is emitted once."""
        self.complete_build()
        items: list[QGraphicsItem] = [self._components[c] for c in component_ids if c in self._components]
        items += [self._links[lid] for lid in link_ids if lid in self._links]
        items += [i for i in map(self.annotations.note_item, note_ids) if i is not None]
        items += [i for i in map(self.annotations.frame, group_ids) if i is not None]
        self._select_items(items)

    def select_all(self) -> None:
        self.complete_build()
        self._select_items([*self._components.values(), *self._links.values(), *self.annotations.items()])

    def items_bounds(self) -> QRectF:
        """The scene rectangle covering every component and link (null when empty);
        computed once per change, with plain numbers (no Qt call per item)."""
        if self._bounds is None:
            self._bounds = self._compute_bounds()
        return QRectF(self._bounds)

    def invalidate_bounds(self) -> None:
        """Something drawn moved or changed size: compute :meth:`items_bounds` again."""
        self._bounds = None

    def _compute_bounds(self) -> QRectF:
        if not self._components and not self._links and self._sketch is None:
            return self.annotations.bounds()
        # Plain numbers through builtins: cards where the model has them (a card being
        # dragged, or one the model lost in an edit still being signalled: where its item
        # is), links by the extent each keeps.
        components, dragged = self.document.design.components, self._dragged
        xs, ys = [], []
        for cid, item in self._components.items():
            c = components.get(cid)
            if c is None or cid in dragged:
                xs.append(item.x())
                ys.append(item.y())
            else:
                xs.append(c.position.x)
                ys.append(c.position.y)
        if self._sketch is not None:  # cards not built yet are where the model has them
            for cid, c in components.items():
                if cid not in self._components:
                    xs.append(c.position.x)
                    ys.append(c.position.y)
        card = ComponentItem.bounds()
        extents = [link.extent for link in self._links.values()]
        lefts, tops, rights, bottoms = zip(*extents, strict=True) if extents else ((),) * 4
        left = min(min(xs, default=math.inf) + card.left(), min(lefts, default=math.inf))
        top = min(min(ys, default=math.inf) + card.top(), min(tops, default=math.inf))
        right = max(max(xs, default=-math.inf) + card.right(), max(rights, default=-math.inf))
        bottom = max(max(ys, default=-math.inf) + card.bottom(), max(bottoms, default=-math.inf))
        return QRectF(left, top, right - left, bottom - top).united(self.annotations.bounds())

    def set_coarse(self, coarse: bool) -> None:
        """Called by a view when its zoom crosses the coloured-block level: cards drop their
        pixmap cache there (cheaper to fill than to cache) and take it back above."""
        if coarse == self._coarse:
            return
        self._coarse = coarse
        mode = self._card_cache_mode()
        for item in self._components.values():
            item.setCacheMode(mode)

    def _cached(self) -> bool:
        """Whether cards keep a pixmap cache: in the editor's scene shown in detail, not in
        an export (drawn once, and vector output needs real paths) nor zoomed out to blocks."""
        return self._cache_items and not self._coarse

    def _card_cache_mode(self) -> QGraphicsItem.CacheMode:
        if self._cached():
            return QGraphicsItem.CacheMode.DeviceCoordinateCache
        return QGraphicsItem.CacheMode.NoCache

    def set_dark(self, dark: bool | None) -> None:
        """Use the dark or light theme; ``None`` follows the application palette."""
        self._follow_palette = dark is None
        resolved = palette_is_dark() if dark is None else dark
        self.theme = theme_for(resolved)
        self.setBackgroundBrush(QBrush(self.theme.background))
        for item in (*self._components.values(), *self._links.values()):
            item.update()
        self.annotations.update_items()

    def palette_changed(self) -> None:
        """Call when the application palette changes; re-themes if following it."""
        if self._follow_palette:
            self.set_dark(None)

    def set_grid_visible(self, visible: bool) -> None:
        self.grid_visible = visible
        self._background_changed()

    def set_findings(
        self, components: Mapping[str, FindingMark], links: Mapping[str, FindingMark] | None = None
    ) -> None:
        """Mark items with ``(severity, count, tooltip)``; items not named are cleared."""
        links = links or {}
        for cid in self._flagged_components - components.keys():
            if cid in self._components:
                self._components[cid].set_findings(None, 0, "")
        for lid in self._flagged_links - links.keys():
            if lid in self._links:
                self._links[lid].set_findings(None, 0, "")
        for cid, mark in components.items():
            if cid in self._components:
                self._components[cid].set_findings(*mark)
        for lid, mark in links.items():
            if lid in self._links:
                self._links[lid].set_findings(*mark)
        if links or self._flagged_links:
            self._bounds = None  # a link's halo and badge widen its extent
        self._flagged_components = set(components)
        self._flagged_links = set(links)
        self._marks = (components, links)

    def take_dragged(self) -> set[str]:
        """Ids of the cards the user moved since the last call (the view commits them)."""
        moved, self._dragged = self._dragged, set()
        self.guides.end()
        for cid in moved:  # the cards are where the drag left them: route their links now
            self.routes.card_changed(cid)
        self.routes.flush()
        return moved

    # --- building ------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Drop every item and build them again from the document's design, in bulk."""
        # The BSP index stays on: new items are indexed lazily in one batch anyway, and
        # switching to NoIndex and back left a degenerate tree after the second rebuild
        # (every hit test and repaint then scanned all items: 5x slower drags).
        self._rebuild()
        self.rebuilt.emit()
        self.layout_changed.emit()

    def _rebuild(self) -> None:
        self._stop_build()
        self.clearSelection()
        self.annotations.clear()
        # Newest first: Qt keeps top-level items in a list, so removing from its end is
        # cheap and the whole teardown stays linear (front-first removal is quadratic).
        for item in (*reversed(self._links.values()), *reversed(self._components.values())):
            self.removeItem(item)
        self._components.clear()
        self._links.clear()
        self._links_of.clear()
        self._dragged.clear()
        self._moved_links.clear()
        self._drag_start = None
        self.guides.end()
        self._bounds = None
        self._flagged_components.clear()
        self._flagged_links.clear()
        self._marks = ({}, {})
        design = self.document.design
        if self.views() and len(design.components) >= BUILD_IN_SLICES_FROM:
            self.routes.reset((), (), wait_for_paint=False)
            self._sketch = DesignSketch(design)
            self._to_build = self._build_steps()
            self._build_waits_for_paint = True
            self._background_changed()
            return
        for _ in self._build_steps():
            pass
        self._items_built()

    def _build_steps(self) -> Iterator[None]:
        """Build the design's items one by one (hidden while a sketch stands for them)."""
        design = self.document.design
        hidden = self._sketch is not None
        for cid in list(design.components):
            if cid not in design.components:
                continue  # removed by an edit that completes the build
            item = self._add_component_item(cid)
            if hidden:
                item.setVisible(False)
            yield
        for lid in list(design.links):
            if lid not in design.links:
                continue
            link_item = self._add_link_item(lid)
            if hidden and link_item is not None:
                link_item.setVisible(False)
            yield

    def _items_built(self) -> None:
        self._link_style = self.document.design.settings.link_style  # set when the items are all built
        self.routes.reset(self._components, self._links, wait_for_paint=bool(self.views()))
        self.annotations.build()

    def _build_slice(self) -> None:
        """Build items for a few milliseconds; show them all when the last is built."""
        deadline = time.perf_counter() + _SLICE_SECONDS
        for count, _ in enumerate(self._to_build, 1):
            if count % 64 == 0 and time.perf_counter() >= deadline:
                return
        self._show_built()

    def complete_build(self, *_signal_args: object) -> None:
        """Build at once whatever a build in slices has left (an edit or a caller needs
        every item)."""
        if self._sketch is None:
            return
        for _ in self._to_build:
            pass
        self._show_built()

    def _show_built(self) -> None:
        self._stop_build()
        for item in (*self._components.values(), *self._links.values()):
            item.setVisible(True)
        self._items_built()
        self.set_findings(*self._marks)
        self._bounds = None
        self._background_changed()
        self.layout_changed.emit()

    def _stop_build(self) -> None:
        self._build_timer.stop()
        self._sketch = None
        self._to_build = iter(())
        self._build_waits_for_paint = False

    def _background_changed(self) -> None:
        for view in self.views():
            view.resetCachedContent()  # views cache the background, where the sketch is drawn
        self.update()

    def _add_component_item(self, cid: str) -> ComponentItem:
        item = ComponentItem(self.document.design.components[cid], cache=self._cached(), host=self)
        self._components[cid] = item
        self._links_of.setdefault(cid, set())
        self.addItem(item)
        self._bounds = None
        return item

    def _add_link_item(self, lid: str) -> LinkItem | None:
        design = self.document.design
        link = design.links[lid]
        src, tgt = self._components.get(link.source), self._components.get(link.target)
        if src is None or tgt is None:
            return None  # a dangling link: the checker reports it, the canvas cannot draw it
        item = LinkItem(link, src.kind, host=self)
        item.reroute(src.output_port_pos(), tgt.input_port_pos())
        self._links[lid] = item
        self._links_of[link.source].add(lid)
        self._links_of[link.target].add(lid)
        self.addItem(item)
        self._bounds = None
        return item

    def _remove_link_item(self, lid: str) -> None:
        item = self._links.pop(lid, None)
        if item is None:
            return
        for end in (item.source_id, item.target_id):
            self._links_of.get(end, set()).discard(lid)
        self._flagged_links.discard(lid)
        self.routes.link_removed(lid)
        self.removeItem(item)
        self._bounds = None

    def _select_items(self, items: list[QGraphicsItem]) -> None:
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            for item in items:
                item.setSelected(True)
        finally:
            self.blockSignals(blocked)
        self.selectionChanged.emit()

    # --- document signals ----------------------------------------------------------------
    def _on_component_added(self, cid: str) -> None:
        if cid not in self._components and cid in self.document.design.components:
            self._add_component_item(cid)
            self.routes.card_changed(cid)
            self.layout_changed.emit()

    def _on_component_removed(self, cid: str) -> None:
        for lid in list(self._links_of.get(cid, ())):
            self._remove_link_item(lid)
        self._links_of.pop(cid, None)
        self._dragged.discard(cid)
        self._drag_start = None  # a drag in progress loses its grab (and its release) with the card
        self._flagged_components.discard(cid)
        item = self._components.pop(cid, None)
        if item is not None:
            self.removeItem(item)
            self.routes.card_changed(cid)
            self._bounds = None
            self.layout_changed.emit()

    def _on_component_changed(self, cid: str) -> None:
        item = self._components.get(cid)
        if item is not None:
            item.update_from_model(self.document.design.components[cid])
            self.routes.card_changed(cid)  # a card may grow with its label

    def _on_component_moved(self, cid: str) -> None:
        item = self._components.get(cid)
        if item is not None:
            pos = self.document.design.components[cid].position
            item.set_model_pos(pos.x, pos.y)  # re-routes through item_moved if it changed
            self.routes.card_changed(cid)
            self._bounds = None
            self.layout_changed.emit()

    def _on_link_added(self, lid: str) -> None:
        if lid not in self._links and lid in self.document.design.links:
            self._add_link_item(lid)
            self.routes.link_added(lid)

    def _on_link_removed(self, lid: str) -> None:
        self._remove_link_item(lid)

    def _on_link_changed(self, lid: str) -> None:
        item = self._links.get(lid)
        if item is None:
            return
        link = self.document.design.links[lid]
        if (link.source, link.target) != (item.source_id, item.target_id):  # re-attached: a new item
            selected = item.isSelected()
            self._remove_link_item(lid)
            self._on_link_added(lid)
            if selected and lid in self._links:
                self._links[lid].setSelected(True)
            return
        item.update_from_model(link)
        route = self.routes.route(lid)
        if route is not None:
            self.show_route(lid, route)  # a new label finds its place along the route
        self._bounds = None  # its label may have grown

    def _on_design_changed(self) -> None:
        """After each edit: restyle the links if the design's link style changed, and
        route what the edit moved."""
        if self._sketch is not None:
            # Still being built: an edit of cards, links, notes or groups would have completed
            # the build; what else changes (the link style) is read when it is complete.
            return
        if self._moved_links:
            moved, self._moved_links = self._moved_links, {}
            self._reroute(lid for lid in moved if lid in self._links)
            self._bounds = None
        style = self.document.design.settings.link_style
        if style != self._link_style:
            self._link_style = style
            for lid in self._links:
                route = self.routes.route(lid)
                if route is not None:
                    self.show_route(lid, route)
        self.routes.flush()

    # --- the routes' host ------------------------------------------------------------------
    def card_rect_of(self, component_id: str) -> Rect | None:
        item = self._components.get(component_id)
        if item is None:
            return None
        r = item.card_rect()
        return Rect(r.x(), r.y(), r.width(), r.height())

    def link_ends_of(self, link_id: str) -> LinkEnds | None:
        item = self._links.get(link_id)
        return None if item is None else LinkEnds(link_id, item.source_id, item.target_id)

    def show_route(self, link_id: str, route: Route) -> None:
        item = self._links.get(link_id)
        target = self._components.get(item.target_id) if item is not None else None
        if item is None or target is None:
            return
        inset = 0.0
        if route.target_side == "left":  # arriving at the input port: stop the tip clear of it
            port = target.input_port_pos()
            if abs(route.points[-1][1] - port.y()) < PORT_RADIUS and route.points[-1][0] == port.x():
                inset = PORT_RADIUS + 0.5
        label_at = label_spot(route.points, item.label_size(), self._covered) if item.label else None
        item.show_route(route.points, self._link_style, inset, label_at)
        self._bounds = None

    def _covered(self, r: Rect) -> bool:
        """Whether a card lies (partly) in the rectangle."""
        return any(isinstance(i, ComponentItem) for i in self.items(QRectF(r.x, r.y, r.w, r.h)))

    def _routes_arrived(self) -> None:
        self._bounds = None
        self.layout_changed.emit()  # routes may reach past the cards: views grow their area

    # --- items -> scene ------------------------------------------------------------------
    def item_moved(self, item: ComponentItem) -> None:
        """Called by a card the model moved: its links, and only them, follow at the end of
        the edit (a link between two moved cards is drawn once)."""
        self._bounds = None
        self._moved_links.update(dict.fromkeys(self._links_of.get(item.component_id, ())))

    def drag_items(self, grabbed: QGraphicsItem, press: QPointF, now: QPointF) -> None:
        """A mouse drag: move the grabbed card, note or frame (its members) and everything
        selected by the mouse's offset since the press (snapped when the view snaps), then
        re-route each touched link once; the frames of moved cards follow. The view
        commits the moves on release (:meth:`take_dragged`)."""
        if self._drag_start is None:
            selected = self.selectedItems()
            items = [i for i in selected if isinstance(i, ComponentItem)]
            if isinstance(grabbed, ComponentItem) and grabbed not in items:
                items.append(grabbed)
            members, notes = self.annotations.drag_parts(selected, grabbed)
            chosen = {i.component_id for i in items}
            items += [c for m in members if m not in chosen and (c := self._components.get(m)) is not None]
            self._drag_start = [(i, i.x(), i.y()) for i in items]
            self.annotations.begin_drag([i.component_id for i in items], notes)
            grabbed.setSelected(True)
            views = self.views()
            region = views[0].mapToScene(views[0].viewport().rect()).boundingRect() if views else None
            if items:  # notes alone align with nothing
                self.guides.begin(items, views[0].transform().m11() if views else 1.0, region)
        dx, dy = now.x() - press.x(), now.y() - press.y()
        gx, gy = self.guides.snap(dx, dy, self.theme.selection)  # onto another card's line: not the grid
        step = self.snap_step
        touched: dict[str, None] = {}
        links_of = self._links_of
        moved = False
        for item, x, y in self._drag_start:
            x, y = x + (dx if gx is None else gx), y + (dy if gy is None else gy)
            if step:
                x = x if gx is not None else round(x / step) * step
                y = y if gy is not None else round(y / step) * step
            x, y = round(x), round(y)  # where the model puts it on release (no second re-route then)
            if x != item.x() or y != item.y():
                item.setPos(x, y)
                moved = True
                cid = item.component_id
                self._dragged.add(cid)
                touched.update(dict.fromkeys(links_of.get(cid, ())))
        if moved:
            self._bounds = None
        if touched:
            self._reroute(touched)
        # Dragged notes go by the cards' own offset (a guide's snap included).
        ex, ey = dx if gx is None else gx, dy if gy is None else gy
        grid = step if gx is None and gy is None else 0.0
        self.annotations.drag_step(ex, ey, grid, grabbed.component_id if isinstance(grabbed, ComponentItem) else None)

    def end_drag(self) -> None:
        """The mouse button was released: the next drag starts from where cards are."""
        self._drag_start = None
        self.guides.end()
        self.annotations.finish_drag()

    def _reroute(self, link_ids: Iterable[str]) -> None:
        """Plain curves between the ports (a drag, a move): routes follow at the next flush."""
        components, links = self._components, self._links
        drawn = []
        for lid in link_ids:
            link = links[lid]
            _, ox, oy = components[link.source_id].port_xy()
            ix, _, iy = components[link.target_id].port_xy()
            link.reroute_to(ox, oy, ix, iy)
            drawn.append(lid)
        self.routes.drawn_plainly(drawn)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips built on demand: storing one per item costs more than the whole build."""
        for item in self.items(event.scenePos()):
            text = ""
            if isinstance(item, ComponentItem):
                text = item.tooltip_text()
            elif isinstance(item, LinkItem):
                comps = self.document.design.components
                src, tgt = comps.get(item.source_id), comps.get(item.target_id)
                text = item.tooltip_text(src.label if src else item.source_id, tgt.label if tgt else item.target_id)
            else:
                continue
            QToolTip.showText(event.screenPos(), text, event.widget())
            event.accept()
            return
        super().helpEvent(event)

    def render(
        self,
        painter: QPainter,
        target: QRectF | QRect = QRectF(),  # noqa: B008 - Qt's own defaults, never mutated
        source: QRectF | QRect = QRectF(),  # noqa: B008
        mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio,
    ) -> None:
        """Render like Qt, but into SVG, PDF or a printer with vector cards: a cached card
        would otherwise be embedded as a bitmap."""
        cached = self._card_cache_mode()
        if isinstance(painter.device(), (QImage, QPixmap)) or cached == QGraphicsItem.CacheMode.NoCache:
            super().render(painter, target, source, mode)
            return
        for item in self._components.values():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            super().render(painter, target, source, mode)
        finally:
            for item in self._components.values():
                item.setCacheMode(cached)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        if self._build_waits_for_paint:  # a big design's items are built once it is on screen
            self._build_waits_for_paint = False
            self._build_timer.start()
        self.routes.painted()  # a big design's routing starts once it is on screen

    # --- background ----------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawBackground(painter, rect)
        if self.grid_visible:
            self._draw_grid(painter, QRectF(rect))
        self.paint_sketch(painter)

    def _draw_grid(self, painter: QPainter, rect: QRectF) -> None:
        scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if scale <= 0:
            return
        step = GRID
        while step * scale < _MIN_DOT_SPACING:
            step *= 2
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        xs = [left + i * step for i in range(int((rect.right() - left) // step) + 1)]
        ys = [top + j * step for j in range(int((rect.bottom() - top) // step) + 1)]
        if len(xs) * len(ys) > 40_000:
            return
        pen = QPen(self.theme.grid_dot, 2.0)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints(QPolygonF([QPointF(x, y) for y in ys for x in xs]))
