"""UI layer: the scene's link routes — the core's router kept in step with the cards.

:class:`LinkRoutes` holds one :class:`~canvas.core.routing.LinkRouter` for the scene. The
scene tells it what changed (a card moved, grew, came or went; a link came or went) and
calls :meth:`LinkRoutes.flush` once per edit (and when a drag ends); the routes that
changed come back through :meth:`RouteHost.show_route`. Card rectangles are read from the
items (a card's size is the item's business), never assumed.

Small jobs — a design of up to :data:`SYNC_LINKS` links, the links of the cards an edit
moved — are routed at once. A bigger one (opening a design of thousands, Tidy Up of one)
is done on the GUI thread in slices of a few milliseconds between events (the router is
pure Python: a worker thread would fight the GUI for the interpreter lock and slow every
paint), starting after the view's first paint; until a link's route arrives it keeps the
plain curve the scene drew it with. The routes a job finds are shown a few times a second,
not after every slice: each showing repaints the view, and a fitted view of thousands of
cards takes longer to paint than a slice to route. An edit made meanwhile is routed and
shown at once all the same, ahead of the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from canvas.core.geometry import Point, Rect
from canvas.core.link_path import point_at_half
from canvas.core.routing import LinkEnds, LinkRouter, Route

#: Designs with at most this many links, and edits touching at most this many, are routed
#: at once (about 0.3 ms a link: a tenth of a second at the most).
SYNC_LINKS = 450
#: How long one slice of a big job may run before the event loop gets its turn (s).
SLICE_SECONDS = 0.012
#: How often a big job shows the routes it has found so far (ms).
SHOW_EVERY_MS = 400
#: Cards filed, and links routed, between two looks at the clock.
_FILE_BATCH = 100
_ROUTE_BATCH = 16


class RouteHost(Protocol):
    """What the routes need of the scene."""

    def card_rect_of(self, component_id: str) -> Rect | None:
        """The card's rectangle in scene coordinates (None: no such card)."""
        ...

    def link_ends_of(self, link_id: str) -> LinkEnds | None:
        """The link's two cards (None: no such link drawn)."""
        ...

    def show_route(self, link_id: str, route: Route) -> None:
        """Draw this link along ``route``."""
        ...


class LinkRoutes(QObject):
    """The routes of one scene's links, kept current as cards and links change."""

    #: Every link has its route (a big job is done, or a small one was).
    routed = Signal()

    def __init__(self, host: RouteHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.router = LinkRouter({}, [])
        #: The cards and links the router has been given (kept here: the router's own
        #: stores are its business).
        self._cards: dict[str, Rect] = {}
        self._links: dict[str, LinkEnds] = {}
        #: Cards and links a big job still has to hand the router (it reads each when it does).
        self._cards_to_file: dict[str, None] = {}
        self._links_to_file: dict[str, None] = {}
        #: Links whose cards changed since the last flush; links a big job still has to route.
        self._dirty: dict[str, None] = {}
        self._backlog: dict[str, None] = {}
        #: Links drawn as plain curves during a drag, whose route is to be shown again.
        self._plain: set[str] = set()
        #: Routes a big job has found and not shown yet.
        self._arrived: dict[str, Route] = {}
        self._waiting_for_paint = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_EVERY_MS)
        self._show_timer.timeout.connect(self._show_arrived)

    # --- state -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether a big job is still routing or has routes not yet shown (some links show
        plain curves meanwhile)."""
        return bool(self._cards_to_file or self._links_to_file or self._backlog or self._dirty or self._arrived)

    def route(self, link_id: str) -> Route | None:
        """The link's current route (None: not routed yet, or its cards are gone)."""
        return self.router.routes.get(link_id)

    # --- what changed ----------------------------------------------------------------------
    def reset(self, card_ids: Iterable[str], link_ids: Iterable[str], *, wait_for_paint: bool) -> None:
        """Start over with these cards and links (a design was opened or rebuilt): route
        them now if there are few, else in slices after the next paint (``wait_for_paint``)
        or at once."""
        self._timer.stop()
        self._show_timer.stop()
        self._dirty.clear()
        self._backlog.clear()
        self._plain.clear()
        self._arrived.clear()
        cards, links = dict.fromkeys(card_ids), dict.fromkeys(link_ids)
        if len(links) <= SYNC_LINKS:
            self._cards_to_file, self._links_to_file = {}, {}
            self._cards = {cid: r for cid in cards if (r := self.host.card_rect_of(cid)) is not None}
            self._links = {lid: e for lid in links if (e := self.host.link_ends_of(lid)) is not None}
            self.router = LinkRouter(self._cards, self._links.values())
            self._show(self.router.route_all())
            self.routed.emit()
            return
        self.router = LinkRouter({}, [])
        self._cards, self._links = {}, {}
        self._cards_to_file, self._links_to_file = cards, links
        self._waiting_for_paint = wait_for_paint
        if not wait_for_paint:
            self._timer.start()

    def painted(self) -> None:
        """A view has painted the scene: a big job waiting for that starts."""
        if self._waiting_for_paint:
            self._waiting_for_paint = False
            self._timer.start()

    def card_changed(self, component_id: str) -> None:
        """A card moved, grew, appeared or went away: its links are routed at the next flush."""
        rect = self.host.card_rect_of(component_id)
        if self._cards.get(component_id) == rect:
            return
        self._file_card(component_id, rect)
        self._dirty.update(dict.fromkeys(self.router.links_of([component_id])))

    def link_added(self, link_id: str) -> None:
        ends = self.host.link_ends_of(link_id)
        if ends is not None:
            self._links[link_id] = ends
            self.router.add_link(ends)
            self._dirty[link_id] = None

    def link_removed(self, link_id: str) -> None:
        self._links.pop(link_id, None)
        self.router.remove_link(link_id)
        for pending in (self._dirty, self._backlog, self._arrived):
            pending.pop(link_id, None)
        self._plain.discard(link_id)

    def drawn_plainly(self, link_ids: Iterable[str]) -> None:
        """These links were drawn as plain curves (a drag): show their routes again at the
        next flush, re-routed if their cards have moved."""
        self._plain.update(link_ids)

    # --- routing ---------------------------------------------------------------------------
    def flush(self) -> None:
        """Route what changed since the last flush: at once if it is little, else in slices
        (most of the design moved: the router starts over, so old routes cannot steer new ones)."""
        dirty, self._dirty = self._dirty, {}
        plain, self._plain = self._plain, set()
        if self._cards_to_file or self._links_to_file:  # still being built: the job routes them
            self._backlog.update(dirty)
            return
        if len(dirty) <= SYNC_LINKS:
            for lid in dirty:
                self._backlog.pop(lid, None)
            if dirty and len(dirty) * 2 > len(self._links):
                self._show(self.router.route_all())
                self._backlog.clear()
            elif dirty:
                self._show(self.router.reroute(dirty))
            self._show_again(plain - dirty.keys())
            if not self._backlog:
                self.routed.emit()
            return
        self._show_again(plain - dirty.keys())
        if len(dirty) * 2 > len(self._links):
            self.reset(list(self._cards), list(self._links), wait_for_paint=False)
            return
        self._backlog.update(dirty)
        self._timer.start()

    def finish(self) -> None:
        """Do all that is pending now (an export, a test)."""
        self._waiting_for_paint = False
        self.flush()
        while self._timer.isActive():
            self._work(None)

    def _slice(self) -> None:
        self._work(time.perf_counter() + SLICE_SECONDS)

    def _work(self, deadline: float | None) -> None:
        """File cards, then links, then route the backlog, until ``deadline`` (None: all)."""
        router, host = self.router, self.host
        while deadline is None or time.perf_counter() < deadline:
            if self._cards_to_file:
                for cid in _take(self._cards_to_file, _FILE_BATCH):
                    rect = host.card_rect_of(cid)
                    if rect is not None:
                        self._file_card(cid, rect)
            elif self._links_to_file:
                for lid in _take(self._links_to_file, _FILE_BATCH):
                    ends = host.link_ends_of(lid)
                    if ends is not None and lid not in self._links:
                        self._links[lid] = ends
                        router.add_link(ends)
                        self._backlog[lid] = None
            elif self._backlog:
                self._arrived.update(router.reroute(_take(self._backlog, _ROUTE_BATCH)))
                if not self._show_timer.isActive():
                    self._show_timer.start()
            else:
                self._timer.stop()
                self._show_arrived()
                self.routed.emit()
                return

    def _file_card(self, component_id: str, rect: Rect | None) -> None:
        if rect is None:
            self._cards.pop(component_id, None)
        else:
            self._cards[component_id] = rect
        self.router.move_card(component_id, rect)

    def _show(self, routes: dict[str, Route]) -> None:
        show = self.host.show_route
        arrived = self._arrived
        for lid, route in routes.items():
            arrived.pop(lid, None)  # an older route a big job found is superseded
            show(lid, route)

    def _show_arrived(self) -> None:
        self._show_timer.stop()
        arrived, self._arrived = self._arrived, {}
        self._show(arrived)

    def _show_again(self, link_ids: Iterable[str]) -> None:
        routes = self.router.routes
        show = self.host.show_route
        for lid in link_ids:
            route = routes.get(lid)
            if route is not None:
                show(lid, route)


def _take(pending: dict[str, None], n: int) -> list[str]:
    """The first ``n`` keys of ``pending``, removed from it."""
    taken = list(islice(pending, n))
    for key in taken:
        del pending[key]
    return taken


def label_spot(points: Sequence[Point], size: tuple[float, float], covered: Callable[[Rect], bool]) -> Point:
    """Where a route's label of ``size`` goes: half-way along, unless a card is there
    (``covered``); else the first clear place along the longest segments; else half-way."""
    w, h = size
    half = point_at_half(points)
    pairs = list(zip(points, points[1:], strict=False))
    segments = sorted(pairs, key=lambda ab: -abs(ab[1][0] - ab[0][0]) - abs(ab[1][1] - ab[0][1]))
    along = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in segments for t in _ALONG]
    for x, y in [half, *along]:
        if not covered(Rect(x - w / 2, y - h / 2, w, h)):
            return (x, y)
    return half


#: Where along a segment a label is tried, in order.
_ALONG = (0.5, 0.3, 0.7, 0.15, 0.85)
