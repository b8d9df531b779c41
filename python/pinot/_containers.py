"""List-like value containers: Strides, Coordinate, CoordinateDiff, AxisVector,
AxisSet, as openvino's. They compare equal to lists, tuples and numpy arrays
and accept any iterable of ints (numpy arrays included)."""


class _IntList(list):
    __slots__ = ()

    def __init__(self, values=()):
        super().__init__(int(v) for v in values)

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            super().__setitem__(index, [int(v) for v in value])
        else:
            super().__setitem__(index, int(value))

    def __eq__(self, other):
        try:
            return list(self) == [int(v) for v in other]
        except TypeError:
            return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def __str__(self):
        return ", ".join(str(v) for v in self)

    def __repr__(self):
        return f"<{type(self).__name__}: ({', '.join(str(v) for v in self)})>"


class Strides(_IntList):
    """Byte strides of a tensor."""
    __slots__ = ()


class Coordinate(_IntList):
    """A coordinate in a tensor (e.g. ROI begin/end)."""
    __slots__ = ()

    def __repr__(self):
        return "<Coordinate>"


class CoordinateDiff(_IntList):
    """Signed per-axis offsets (e.g. paddings)."""
    __slots__ = ()

    def __repr__(self):
        return "<CoordinateDiff>"


class AxisVector(_IntList):
    """An ordered list of axes."""
    __slots__ = ()


class AxisSet(set):
    """A set of axes."""

    def __init__(self, values=()):
        super().__init__(int(v) for v in values)

    def __repr__(self):
        return f"<AxisSet {{{', '.join(str(v) for v in sorted(self))}}}>"
