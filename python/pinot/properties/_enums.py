"""Enum classes of pinot.properties, shaped like OpenVINO's pybind11 enums.

They are not Python `enum.Enum`s on purpose: OpenVINO's are pybind11 enums, so `str()` prints
"PerformanceMode.LATENCY", members are not ints (`PerformanceMode.LATENCY == 1` is False),
aliases such as `Priority.DEFAULT` print as the first member with their value, the class is not
iterable, `Cls(7)` builds a member printing "???", and ordering across enum types is a TypeError.
This module also holds the non-enum helper classes (streams.Num, device.Capability, ...).
"""
import operator

_INT32 = (-(2 ** 31), 2 ** 31 - 1)


def _as_int32(value):
    """pybind11's int caster (convert mode) for a C int; None when the value is refused."""
    if isinstance(value, float):
        return None
    try:
        number = operator.index(value)
    except TypeError:
        kind = type(value)
        if not (hasattr(kind, "__int__") or hasattr(kind, "__float__") or isinstance(value, complex)):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            return None
    if not _INT32[0] <= number <= _INT32[1]:
        return None
    return number


def _invoked_with(args, kwargs):
    parts = [repr(a) for a in args]
    if kwargs:
        parts.append("kwargs: " + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()))
    return ", ".join(parts)


class _EnumType(type):
    """Metaclass: gives enum classes a read-only `__members__` and keeps them non-iterable."""

    @property
    def __members__(cls):
        return dict(cls._entries)


class _Enum(metaclass=_EnumType):
    __slots__ = ("_value",)
    _entries = ()  # (name, member) pairs in declaration order, aliases included

    def __init__(self, *args, **kwargs):
        value = _as_int32(args[0]) if len(args) == 1 and not kwargs else None
        if value is None:
            cls = type(self)
            raise TypeError(
                "__init__(): incompatible constructor arguments. The following argument types are supported:\n"
                f"    1. {cls.__module__}.{cls.__qualname__}(value: typing.SupportsInt | typing.SupportsIndex)\n\n"
                f"Invoked with: {_invoked_with(args, kwargs)}")
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name, value):
        raise AttributeError(f"can't set attribute '{name}'")

    @property
    def value(self):
        return self._value

    @property
    def name(self):
        for entry_name, member in type(self)._entries:
            if member._value == self._value:
                return entry_name
        return "???"

    def __int__(self):
        return self._value

    def __index__(self):
        return self._value

    def __hash__(self):
        return self._value

    def __eq__(self, other):
        return type(other) is type(self) and other._value == self._value

    def __ne__(self, other):
        return not self.__eq__(other)

    def _check(self, other):
        if type(other) is not type(self):
            raise TypeError("Expected an enumeration of matching type!")
        return other._value

    def __lt__(self, other):
        return self._value < self._check(other)

    def __le__(self, other):
        return self._value <= self._check(other)

    def __gt__(self, other):
        return self._value > self._check(other)

    def __ge__(self, other):
        return self._value >= self._check(other)

    def __str__(self):
        return f"{type(self).__name__}.{self.name}"

    def __repr__(self):
        return f"<{type(self).__name__}.{self.name}: {self._value}>"

    def __format__(self, spec):
        return format(str(self), spec)

    def __getstate__(self):
        return self._value

    def __setstate__(self, state):
        object.__setattr__(self, "_value", state)

    def __reduce__(self):
        return (type(self), (self._value,))


def _make_enum(name, module, entries):
    """Build one enum class; `entries` is a list of (member name, int value), aliases included."""
    cls = _EnumType(name, (_Enum,), {"__slots__": (), "__module__": module, "__qualname__": name})
    members = []
    for entry_name, value in entries:
        member = cls(value)
        members.append((entry_name, member))
        type.__setattr__(cls, entry_name, member)
    type.__setattr__(cls, "_entries", tuple(members))
    cls.__doc__ = "Members:\n\n" + "\n\n".join(f"  {entry_name}" for entry_name, _ in entries)
    return cls


_P = "pinot.properties"

# openvino.properties
CacheMode = _make_enum("CacheMode", _P, [("OPTIMIZE_SIZE", 0), ("OPTIMIZE_SPEED", 1)])
CompatibilityCheck = _make_enum("CompatibilityCheck", _P,
                                [("NOT_APPLICABLE", 0), ("SUPPORTED", 1), ("UNSUPPORTED", 2)])
WorkloadType = _make_enum("WorkloadType", _P, [("DEFAULT", 0), ("EFFICIENT", 1)])

# openvino.properties.hint
Priority = _make_enum("Priority", _P + ".hint", [("LOW", 0), ("MEDIUM", 1), ("HIGH", 2), ("DEFAULT", 1)])
SchedulingCoreType = _make_enum("SchedulingCoreType", _P + ".hint",
                                [("ANY_CORE", 0), ("PCORE_ONLY", 1), ("ECORE_ONLY", 2)])
ModelDistributionPolicy = _make_enum("ModelDistributionPolicy", _P + ".hint",
                                     [("TENSOR_PARALLEL", 0), ("PIPELINE_PARALLEL", 1)])
ExecutionMode = _make_enum("ExecutionMode", _P + ".hint", [("PERFORMANCE", 1), ("ACCURACY", 2)])
PerformanceMode = _make_enum("PerformanceMode", _P + ".hint",
                             [("LATENCY", 1), ("THROUGHPUT", 2), ("CUMULATIVE_THROUGHPUT", 3)])

# openvino.properties.device / .log / .intel_auto / .intel_cpu / .intel_npu
DeviceType = _make_enum("Type", _P + ".device", [("INTEGRATED", 0), ("DISCRETE", 1)])
Level = _make_enum("Level", _P + ".log",
                   [("NO", -1), ("ERR", 0), ("WARNING", 1), ("INFO", 2), ("DEBUG", 3), ("TRACE", 4)])
SchedulePolicy = _make_enum("SchedulePolicy", _P + ".intel_auto",
                            [("ROUND_ROBIN", 0), ("DEVICE_PRIORITY", 1), ("DEFAULT", 1)])
TbbPartitioner = _make_enum("TbbPartitioner", _P + ".intel_cpu", [("STATIC", 1), ("AUTO", 2)])
CompilerType = _make_enum("CompilerType", _P + ".intel_npu", [("DRIVER", 1), ("PLUGIN", 0), ("PREFER_PLUGIN", 2)])


class _NoConstructor:
    """A namespace class that, like a pybind11 class without init, refuses instantiation."""

    def __new__(cls, *args, **kwargs):
        raise TypeError(f"{cls.__module__}.{cls.__qualname__}: No constructor defined!")


def _constants(name, module, values, base=_NoConstructor):
    return type(name, (base,), {"__module__": module, "__qualname__": name, **values})


Capability = _constants("Capability", _P + ".device", {
    "FP32": "FP32", "BF16": "BF16", "FP16": "FP16", "INT8": "INT8", "INT16": "INT16",
    "BIN": "BIN", "WINOGRAD": "WINOGRAD", "EXPORT_IMPORT": "EXPORT_IMPORT"})
CapabilityGPU = _constants("CapabilityGPU", _P + ".intel_gpu",
                           {"HW_MATMUL": "GPU_HW_MATMUL", "USM_MEMORY": "GPU_USM_MEMORY"})
MemoryType = _constants("MemoryType", _P + ".intel_gpu", {"buffer": "GPU_BUFFER", "surface": "GPU_SURFACE"})
# intel_gpu.hint.ThrottleLevel is a namespace whose members are hint.Priority values.
ThrottleLevel = _constants("ThrottleLevel", _P + ".intel_gpu.hint", {
    "LOW": Priority.LOW, "MEDIUM": Priority.MEDIUM, "HIGH": Priority.HIGH, "DEFAULT": Priority.DEFAULT})


class Num:
    """Number of streams: `Num()` is AUTO (-1), `Num(n)` n streams; `Num.AUTO`, `Num.NUMA` (-2)."""

    __slots__ = ("_n",)

    def __init__(self, *args, **kwargs):
        if not args and not kwargs:
            self._n = -1
            return
        value = _as_int32(args[0]) if len(args) == 1 and not kwargs else None
        if value is None:
            raise TypeError(
                "__init__(): incompatible constructor arguments. The following argument types are supported:\n"
                f"    1. {_P}.streams.Num()\n"
                f"    2. {_P}.streams.Num(arg0: typing.SupportsInt | typing.SupportsIndex)\n\n"
                f"Invoked with: {_invoked_with(args, kwargs)}")
        self._n = value

    def to_integer(self):
        return self._n


Num.__module__ = _P + ".streams"
Num.AUTO = Num(-1)
Num.NUMA = Num(-2)
