"""Core layer: rules about what monitors watch and what triggers retraining (ch. 8–9).

A signal is *operational* when, normalised, it equals a term of the catalogue's
operational list (latency, throughput, errors, CPU …): lower-cased; punctuation replaced
by a space, but a dot between digits removed (``p99.9`` -> ``p999``); percentile tokens
(``p50``, ``p99``, ``p999``) dropped wherever they stand; repeated spaces collapsed; then
a trailing ``utilisation``, ``utilization``, ``usage``, ``rate`` or ``per`` + one word
dropped. The whole signal must match, never a substring: "word error rate" and "prediction
drift" stay ML signals. A *drift* signal contains "drift", "shift" or "distribution"; a
*quality* signal is neither operational nor drift (accuracy, calibration, business metric).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from canvas.core.catalog import OPERATIONAL_SIGNALS
from canvas.core.rules.base import Context, RawFinding
from canvas.core.wording import listing

_DECIMAL_DOT = re.compile(r"(?<=\d)\.(?=\d)")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_PERCENTILE = re.compile(r"p\d+")
_TRAILING = ("utilisation", "utilization", "usage", "rate")
_DRIFT_WORDS = ("drift", "shift", "distribution")


def normalised(signal: str) -> str:
    text = _PUNCTUATION.sub(" ", _DECIMAL_DOT.sub("", signal.lower()))
    words = [w for w in text.split() if not _PERCENTILE.fullmatch(w)]
    if words and words[-1] in _TRAILING:
        words = words[:-1]
    elif len(words) >= 2 and words[-2] == "per":
        words = words[:-2]
    return " ".join(words)


def is_operational(signal: str) -> bool:
    return normalised(signal) in OPERATIONAL_SIGNALS


def is_drift(signal: str) -> bool:
    text = signal.lower()
    return any(word in text for word in _DRIFT_WORDS)


def is_quality(signal: str) -> bool:
    """Neither operational nor drift — and saying something once normalised (a lone "p95"
    names no quality)."""
    return bool(normalised(signal)) and not is_operational(signal) and not is_drift(signal)


def signals_of(ctx: Context, cid: str) -> list[str]:
    """A monitor's ``signals`` (empty when unset or not a list of strings)."""
    value = ctx.props(cid).get("signals")
    if not isinstance(value, list):
        return []
    return [s for s in value if isinstance(s, str) and s.strip()]


def operational_only(ctx: Context) -> Iterator[RawFinding]:
    for mon in ctx.g.of_kind("monitoring"):
        signals = signals_of(ctx, mon)
        if signals and all(is_operational(s) for s in signals):
            shown = listing([f"'{s}'" for s in signals])
            yield RawFinding(
                f"Monitor {ctx.name(mon)} watches only operational signals ({shown}): a model whose inputs "
                "drift or whose accuracy decays keeps answering fast and without errors, so this monitor "
                "would see nothing wrong.",
                (mon,),
            )


def trigger_unwatched(ctx: Context) -> Iterator[RawFinding]:
    g = ctx.g
    for cl in g.of_kind("continual_learning"):
        trigger = ctx.props(cl).get("trigger", "schedule")
        if trigger not in ("drift", "performance"):
            continue
        inputs = g.in_file_order(g.flow.pred[cl])
        if not inputs or any(g.kind[n] != "monitoring" for n in inputs):
            continue
        signals = {n: signals_of(ctx, n) for n in inputs}
        if not all(signals.values()):
            continue  # a monitor that lists no signals gets the benefit of the doubt
        test, wanted = (is_drift, "drift") if trigger == "drift" else (is_quality, "model quality")
        if any(test(s) for found in signals.values() for s in found):
            continue
        yield RawFinding(
            f"{ctx.name(cl)} retrains on {trigger}, but {ctx.names(inputs)}, which "
            f"{'triggers' if len(inputs) == 1 else 'trigger'} it, "
            f"{'watches' if len(inputs) == 1 else 'watch'} no {wanted} signal: the trigger can never fire.",
            (cl, *inputs),
        )
