"""Python <-> property value conversion for Core/CompiledModel set_property, config and get_property.

to_any(value) is OpenVINO's `py_object_to_any` (API.md §19.4), producing plain Python values
instead of a C++ Any: str -> str, bytes -> str (utf-8), bool -> bool (tested before int), float
-> float, int -> int (int64 range), None -> None, a list of one kind (str/int/float/PartialShape)
-> list (bools count as ints, so [True, False] -> [1, 0] as in OpenVINO), a 2- or 3-tuple of
unsigned ints -> tuple, a dict with str keys -> dict of converted values, OVAny -> its value,
streams.Num -> int; enums, Type, PartialShape, Tensor and any other object pass through.
Deliberate difference: numpy bool/int/float scalars become bool/int/float (OpenVINO converts only
numpy.float32 and keeps the others as opaque objects that the CPU plugin then misreads).

normalize_config(config) turns a config dict (or (key, value) pairs) into {str key: to_any(value)}.
from_any(key, value) gives the Python form get_property returns for a key (API.md §19.5), e.g.
"THROUGHPUT" -> hint.PerformanceMode.THROUGHPUT for PERFORMANCE_HINT, 1/"YES" -> True for a bool key.
"""
import sys

from pinot.properties import _casters, _enums
from pinot.properties._any import OVAny
from pinot.properties._specs import EXTRA_KINDS, READ_ONLY_KINDS, SPECS

MIXED_TYPES_MESSAGE = "Incorrect attribute. Mixed types in the container are not allowed."
UNSUPPORTED_TYPE_MESSAGE = "Unsupported attribute type."

__all__ = ["to_any", "normalize_config", "from_any", "property_kind", "MIXED_TYPES_MESSAGE",
           "UNSUPPORTED_TYPE_MESSAGE"]


def _numpy_generic(value):
    """numpy.generic if `value` is a numpy scalar (numpy is only looked at if already imported)."""
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.generic):
        return numpy
    return None


def _cast_error(value, cpp_type):
    return RuntimeError(f"Unable to cast Python instance of type {type(value)} to C++ type '{cpp_type}'")


def _partial_shape_class():
    from pinot._pinot import PartialShape  # noqa: PLC0415 - cheap: the extension is loaded with pinot

    return PartialShape


def _list_item_kind(item, partial_shape):
    if isinstance(item, str):
        return "str"
    if isinstance(item, int):  # bool included: OpenVINO checks int first, so bools make an int list
        return "int"
    if isinstance(item, float):
        return "float"
    if isinstance(item, partial_shape):
        return "partial_shape"
    numpy = _numpy_generic(item)
    if numpy is not None:
        if isinstance(item, (numpy.bool_, numpy.integer)):
            return "int"
        if isinstance(item, numpy.floating):
            return "float"
    return None


_VECTOR_TYPES = {"str": "std::vector<std::string>", "int": "std::vector<int64_t>", "float": "std::vector<double>",
                 "partial_shape": "std::vector<ov::PartialShape>"}


def _list_to_any(items):
    partial_shape = _partial_shape_class()
    kind = None
    for item in items:
        item_kind = _list_item_kind(item, partial_shape)
        if item_kind is None:
            continue
        if kind is not None and item_kind != kind:
            raise RuntimeError(MIXED_TYPES_MESSAGE)
        kind = item_kind
    if not items:
        return []
    if kind is None:
        raise RuntimeError(UNSUPPORTED_TYPE_MESSAGE)
    result = []
    for item in items:
        try:
            if kind == "str":
                result.append(_casters.cast_str(item))
            elif kind == "int":
                result.append(_casters.cast_i64(item))
            elif kind == "float":
                result.append(_casters.cast_double(item))
            elif isinstance(item, partial_shape):
                result.append(item)
            else:
                raise _casters.Refused
        except _casters.Refused:
            raise _cast_error(items, _VECTOR_TYPES[kind]) from None
    return result


def _tuple_to_any(items):
    if len(items) not in (2, 3):
        raise RuntimeError("Unsupported tuple size")
    result = []
    for item in items:
        try:
            result.append(_casters.cast_u32(item))
        except _casters.Refused:
            raise _cast_error(item, "unsigned int") from None
    return tuple(result)


def to_any(value):
    """Convert a Python property value as OpenVINO's set_property/config do (see module doc)."""
    if isinstance(value, str):
        return str(value)  # also turns a Property or numpy.str_ into a plain str
    if isinstance(value, bool):
        return value
    if isinstance(value, bytes):
        return bytes(value).decode("utf-8")
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int):
        try:
            return _casters.cast_i64(value)
        except _casters.Refused:
            raise _cast_error(value, "int64_t") from None
    if value is None:
        return None
    if isinstance(value, list):
        return _list_to_any(value)
    if isinstance(value, tuple):
        return _tuple_to_any(value)
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):  # an AnyMap (a std::map): sorted by key
            return {str(key): to_any(value[key]) for key in sorted(value)}
        return dict(value)
    if isinstance(value, OVAny):
        return value.value
    if isinstance(value, _enums.Num):
        return value.to_integer()
    if isinstance(value, (set, frozenset)):
        return set(value)
    numpy = _numpy_generic(value)
    if numpy is not None:
        if isinstance(value, numpy.bool_):
            return bool(value)
        if isinstance(value, numpy.integer):
            return to_any(int(value))
        if isinstance(value, numpy.floating):
            return float(value)
    return value  # enums, Type, PartialShape, Tensor, Output, Layout, ...: passed as they are


def _config_key(key):
    if isinstance(key, str):
        return str(key)
    if isinstance(key, bytes):
        return key.decode("utf-8")
    raise TypeError(f"Incorrect passed key in config: {key!r}, expected string values as property names.")


def normalize_config(config):
    """{str key: to_any(value)} from a dict (or Mapping), one (key, value) pair or a list of pairs."""
    if config is None:
        return {}
    if isinstance(config, tuple) and len(config) == 2 and isinstance(config[0], (str, bytes)):
        config = [config]
    if hasattr(config, "keys") and hasattr(config, "__getitem__"):
        pairs = [(key, config[key]) for key in config.keys()]
    elif isinstance(config, (list, tuple)):
        pairs = []
        for pair in config:
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise TypeError(f"Incorrect passed config entry: {pair!r}, expected a (property name, value) tuple.")
            pairs.append(pair)
    else:
        raise TypeError(f"Incorrect passed config: {config!r}, expected a dict of property names and values.")
    return {_config_key(key): to_any(value) for key, value in pairs}


# ------------------------------------------------------------------------------------- from_any
_KINDS = None


def property_kind(key):
    """The value kind of a property key ("bool", "u32", "enum:PerformanceMode", ...) or None."""
    global _KINDS
    if _KINDS is None:
        kinds = dict(READ_ONLY_KINDS)
        kinds.update(EXTRA_KINDS)
        for rows in SPECS.values():
            for _, row_key, kind in rows:
                if kind is not None:
                    kinds[row_key] = kind
        _KINDS = kinds
    return _KINDS.get(str(key))


_BOOL_STRINGS = {"YES": True, "TRUE": True, "1": True, "NO": False, "FALSE": False, "0": False, "": False}
_TYPE_ALIASES = {"FP32": "f32", "FP16": "f16", "BF16": "bf16", "FP64": "f64", "I8": "i8", "U8": "u8",
                 "UNDEFINED": "dynamic", "": "dynamic"}
_LOG_LEVEL_STRINGS = {"LOG_NONE": "NO", "LOG_ERROR": "ERR", "LOG_WARNING": "WARNING", "LOG_INFO": "INFO",
                      "LOG_DEBUG": "DEBUG", "LOG_TRACE": "TRACE"}


def _wrong(key, value, expected=""):
    detail = f" Expected only {expected}" if expected else ""
    return RuntimeError(f"Wrong value {value} for property key {key}.{detail}")


def _to_bool(key, value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value.upper() in _BOOL_STRINGS:
            return _BOOL_STRINGS[value.upper()]
        raise _wrong(key, value, "true/false")
    try:
        return _casters.cast_bool(value)
    except _casters.Refused:
        raise _wrong(key, value, "true/false") from None


def _to_int(key, value, low, high):
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise _wrong(key, value, "integer numbers") from None
    try:
        number = _casters.int_caster(low, high)(value)
    except _casters.Refused:
        raise _wrong(key, value, "integer numbers") from None
    return number


def _to_type(key, value):
    from pinot._pinot import Type  # noqa: PLC0415

    if isinstance(value, Type):
        return value
    if isinstance(value, str):
        name = _TYPE_ALIASES.get(value.upper(), value)
        found = getattr(Type, name, None)
        if isinstance(found, Type):
            return found
    raise _wrong(key, value, "element type names such as f32, bf16, f16, u8")


def _to_enum(key, value, cls):
    if type(value) is cls:
        return value
    if isinstance(value, str):
        name = _LOG_LEVEL_STRINGS.get(value, value) if cls is _enums.Level else value
        member = cls.__members__.get(name)
        if member is not None:
            return cls(int(member))
    names = "/".join(name for name in cls.__members__ if name != "DEFAULT")
    namespace = cls.__module__.replace("pinot.properties", "ov").replace(".", "::")
    raise _wrong(key, value, f"{namespace}::{cls.__name__}::{names}.")


def _to_enum_set(key, value, cls):
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, (set, frozenset, list, tuple)):
        return {_to_enum(key, item, cls) for item in value}
    raise _wrong(key, value, f"a set of {cls.__name__}")


def _to_streams(key, value):
    if isinstance(value, _enums.Num):
        return value.to_integer()
    if isinstance(value, str):
        special = {"AUTO": -1, "NUMA": -2}
        if value.strip() in special:
            return special[value.strip()]
        try:
            return int(value.strip())
        except ValueError:
            raise RuntimeError(f"Could not read number of streams from str: {value}") from None
    return _to_int(key, value, -(2 ** 31), 2 ** 31 - 1)


_INT_RANGES = {"i32": (-(2 ** 31), 2 ** 31 - 1), "u32": (0, 2 ** 32 - 1),
               "i64": (-(2 ** 63), 2 ** 63 - 1), "u64": (0, 2 ** 64 - 1)}


def from_any(key, value):
    """The Python value get_property returns for `key` given a stored value (see module doc).

    Unknown keys return to_any(value). A value that cannot be the key's type raises RuntimeError
    "Wrong value ... for property key ...", like OpenVINO's CPU plugin.
    """
    key = str(key)
    if isinstance(value, OVAny):
        value = value.value
    kind = property_kind(key)
    if kind is None or kind in ("any", "map", "device_properties", "priorities", "Tensor", "Model",
                                "encryption_callbacks"):
        return to_any(value) if not isinstance(value, dict) else {k: to_any(v) for k, v in value.items()}
    if kind == "bool":
        return _to_bool(key, value)
    if kind in _INT_RANGES:
        return _to_int(key, value, *_INT_RANGES[kind])
    if kind == "f32":
        if isinstance(value, str):
            try:
                return _casters.to_float32(float(value))
            except ValueError:
                raise _wrong(key, value, "floating point numbers") from None
        try:
            return _casters.cast_f32(value)
        except _casters.Refused:
            raise _wrong(key, value, "floating point numbers") from None
    if kind == "str":
        return to_any(value) if isinstance(value, (str, bytes)) else str(value)
    if kind == "Type":
        return _to_type(key, value)
    if kind.startswith("enum:"):
        return _to_enum(key, value, getattr(_enums, kind[5:]))
    if kind.startswith("set:"):
        return _to_enum_set(key, value, getattr(_enums, kind[4:]))
    if kind in ("num", "streams"):
        return _to_streams(key, value)
    if kind == "list":
        if isinstance(value, str):
            return [part for part in value.replace(",", " ").split() if part]
        return [to_any(item) for item in value]
    if kind in ("range2", "range3"):
        items = tuple(int(item) for item in value)
        if len(items) != int(kind[-1]):
            raise _wrong(key, value, f"a tuple of {kind[-1]} unsigned integers")
        return items
    if kind == "supported":
        if isinstance(value, dict):
            return {str(name): str(access) for name, access in value.items()}
        return {str(name): "RW" for name in value}
    if kind == "map:str,u32":
        return {str(k): _to_int(key, v, 0, 2 ** 32 - 1) for k, v in dict(value).items()}
    if kind == "perf_curve":
        return _casters.parse_perf_curve_table(value) if isinstance(value, str) else dict(value)
    return to_any(value)
