"""Which builder function each opset exposes.

A family module decorates its builders with ``@opset(since=N)``; an opset
module ``pinot.opsetK`` then holds, for every function name, the builder with
the largest ``since <= K`` (and ``until`` > K when the op was removed). This
mirrors OpenVINO, where ``opset8.softmax`` is Softmax-8 but ``opset1.softmax``
is Softmax-1.
"""
import importlib

_REGISTRY: dict[str, list[tuple[int, int, object]]] = {}

# Family modules under pinot._ops that define builders.
FAMILY_MODULES = (
    "io",
    "convert",
    "binary",
    "unary",
    "softmax",
    "matmul",
    "convolution",
    "pooling",
    "normalization",
    "reduce",
    "reshape",
    "movement",
    "gather",
    "interpolate",
    "quantize",
    "state",
    "grid_sample",
    "reverse_sequence",
    "detection",
    "dft",
    "col2im",
    "control_flow",
    "random",
)

LATEST_OPSET = 16


def opset(since: int, until: int = LATEST_OPSET + 1, name: str | None = None):
    """Register the decorated builder for opsets [since, until)."""

    def register(fn):
        _REGISTRY.setdefault(name or fn.__name__.rstrip("_"), []).append((since, until, fn))
        return fn

    return register


def alias(alias_name: str, target_name: str) -> None:
    """Expose an existing builder under a second name (abs -> absolute)."""
    _ALIASES[alias_name] = target_name


_ALIASES: dict[str, str] = {}
_loaded = False


def _load_families() -> None:
    global _loaded
    if _loaded:
        return
    for module in FAMILY_MODULES:
        try:
            importlib.import_module(f"pinot._ops.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"pinot._ops.{module}":
                raise
    _loaded = True


def functions_for(opset_number: int) -> dict:
    """name -> builder for one opset."""
    _load_families()
    table = {}
    for name, versions in _REGISTRY.items():
        best = None
        for since, until, fn in versions:
            if since <= opset_number < until and (best is None or since > best[0]):
                best = (since, fn)
        if best is not None:
            table[name] = best[1]
    for alias_name, target in _ALIASES.items():
        if target in table:
            table[alias_name] = table[target]
    return table


def populate(namespace: dict, opset_number: int) -> None:
    """Fill an opset module's globals."""
    table = functions_for(opset_number)
    namespace.update(table)
    namespace["__all__"] = sorted(table)
