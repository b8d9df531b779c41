"""OVAny: the value half of a property tuple, `props.cache_dir("d")[1]` (OpenVINO's `ov.OVAny`).

It holds a value already converted by _convert.to_any and exposes it as `.value` / `.get()`;
`==` compares with plain values (`props.cache_dir("d")[1] == "d"`), and `astype`/`aslist`
convert the way OpenVINO's Any does for the common types. str() and repr() print
"<OVAny class>" like OpenVINO.
"""


def _same(a, b):
    if a is None or b is None:
        return False
    return type(a) is type(b) and a == b


_TRUE_STRINGS = ("YES", "TRUE", "1")
_FALSE_STRINGS = ("NO", "FALSE", "0", "")


class OVAny:
    __slots__ = ("_value",)

    def __init__(self, *args, **kwargs):
        if len(args) != 1 or kwargs:
            invoked = ", ".join([repr(a) for a in args] + (
                ["kwargs: " + ", ".join(f"{k}={v!r}" for k, v in kwargs.items())] if kwargs else []))
            raise TypeError("__init__(): incompatible constructor arguments. The following argument types are "
                            f"supported:\n    1. pinot.OVAny(arg0: object)\n\nInvoked with: {invoked}")
        from pinot.properties._convert import to_any  # noqa: PLC0415 - _convert imports this module

        self._value = to_any(args[0])

    @classmethod
    def _wrap(cls, value):
        """An OVAny around an already converted value (no second conversion)."""
        any_ = cls.__new__(cls)
        any_._value = value
        return any_

    @property
    def value(self):
        return self._value

    def get(self):
        return self._value

    def set(self, value):
        from pinot.properties._convert import to_any  # noqa: PLC0415

        self._value = to_any(value)

    def astype(self, target):
        value = self._value
        if target is str:
            if hasattr(value, "name") and hasattr(value, "value") and hasattr(type(value), "__members__"):
                return value.name  # enums print their bare name, as Any::as<std::string>
            if hasattr(value, "to_string"):
                return value.to_string()  # Type
            return str(value)
        if target is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.upper() in _TRUE_STRINGS + _FALSE_STRINGS:
                return value.upper() in _TRUE_STRINGS
            raise RuntimeError(f"Bad as from: {type(value).__name__} to: bool")
        if target is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                raise RuntimeError(f'Could not convert to: int from "{value}"') from None
        if target is float:
            try:
                return float(value)
            except (TypeError, ValueError):
                raise RuntimeError(f'Could not convert to: float from "{value}"') from None
        if target is dict and isinstance(value, dict):
            return {k: OVAny._wrap(v) for k, v in value.items()}
        raise RuntimeError(f"Unsupported data type : '{target}' is passed as an argument.")

    def aslist(self, target=None):
        value = self._value
        items = value.split() if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []
        if target is None:
            return list(items) if isinstance(value, (list, tuple)) else []
        return [OVAny._wrap(item).astype(target) for item in items]

    def __getitem__(self, key):
        return self._value[key]

    def __setitem__(self, key, value):
        self._value[key] = value

    def __len__(self):
        return len(self._value)

    def __eq__(self, other):
        if isinstance(other, OVAny):
            return _same(self._value, other._value)
        from pinot.properties._convert import to_any  # noqa: PLC0415

        try:
            return _same(self._value, to_any(other))
        except (RuntimeError, TypeError, ValueError):
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        try:
            return hash(self._value)
        except TypeError:
            return id(self)

    def __repr__(self):
        return "<OVAny class>"

    __str__ = __repr__
