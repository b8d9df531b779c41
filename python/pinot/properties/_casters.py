"""Argument casters for the property functions, following pybind11's conversion rules.

OpenVINO's property functions are pybind11 overloads such as `enable_profiling(arg0: bool)`, so what
they accept is what pybind11's casters accept in "convert" mode: a bool parameter takes anything
with `__bool__` (1/0, 2.5, numpy scalars, None -> False) but not str; an int parameter refuses
float but takes numpy scalars and range-checks the C type; a float parameter is a C float (the
value is rounded to float32); a str parameter also takes utf-8 bytes. A caster returns the
converted value or raises Refused, which makes the call fall through to the next overload.
"""
import operator
import struct


class Refused(Exception):
    """The argument does not fit this overload."""


def _number_check(value):
    """PyNumber_Check: the object has __index__, __int__ or __float__, or is complex."""
    kind = type(value)
    return (hasattr(kind, "__index__") or hasattr(kind, "__int__") or hasattr(kind, "__float__")
            or isinstance(value, complex))


def int_caster(low, high):
    def cast(value):
        if isinstance(value, float):
            raise Refused
        try:
            number = operator.index(value)
        except TypeError:
            if not _number_check(value):
                raise Refused from None
            try:
                number = int(value)
            except (TypeError, ValueError, OverflowError):
                raise Refused from None
        if not low <= number <= high:
            raise Refused
        return number
    return cast


cast_i32 = int_caster(-(2 ** 31), 2 ** 31 - 1)
cast_u32 = int_caster(0, 2 ** 32 - 1)
cast_i64 = int_caster(-(2 ** 63), 2 ** 63 - 1)
cast_u64 = int_caster(0, 2 ** 64 - 1)


def to_float32(number):
    """Round a Python float to the nearest C float (overflow gives +-inf, like a C cast)."""
    try:
        return struct.unpack("f", struct.pack("f", number))[0]
    except OverflowError:
        return float("inf") if number > 0 else float("-inf")


def cast_double(value):
    """PyFloat_AsDouble in convert mode: __float__ or __index__; str/bytes and overflow refused."""
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (str, bytes, bytearray)):
        raise Refused
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise Refused from None


def cast_f32(value):
    return to_float32(cast_double(value))


def cast_bool(value):
    if value is True or value is False:
        return value
    if value is None:
        return False
    if not hasattr(type(value), "__bool__"):
        raise Refused
    try:
        return bool(value)
    except Exception:  # noqa: BLE001 - pybind11 clears any error from nb_bool and refuses
        raise Refused from None


def cast_str(value):
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")  # UnicodeDecodeError propagates, as in pybind11
    raise Refused


def instance_caster(get_class):
    """Accept instances of a class resolved lazily (pinot.Type, pinot.Tensor, an enum...)."""
    def cast(value):
        if not isinstance(value, get_class()):
            raise Refused
        return value
    return cast


def enum_caster(cls):
    def cast(value):
        if type(value) is not cls:
            raise Refused
        return value
    return cast


def enum_set_caster(cls):
    def cast(value):
        if not isinstance(value, (set, frozenset)):
            raise Refused
        for item in value:
            if type(item) is not cls:
                raise Refused
        return set(value)
    return cast


def _is_mapping(value):
    return hasattr(value, "keys") and hasattr(value, "__getitem__") and not isinstance(value, (str, bytes, type))


def map_caster(key_cast, value_cast):
    def cast(value):
        if not _is_mapping(value):
            raise Refused
        return {key_cast(k): value_cast(value[k]) for k in value.keys()}
    return cast


_CURVE_ENTRY = r"\s*([^:{},]+?)\s*:\s*\{([^{}]*)\}\s*"


def parse_perf_curve_table(text):
    """Parse "{DeviceName:{util:score,...},...}" as OpenVINO's Any map reader does."""
    import re  # noqa: PLC0415 - rarely used; keeps `import pinot.properties` fast

    error = RuntimeError(f"PERF_CURVE_TABLE: failed to parse string '{text}'. "
                         "Expected format: {DeviceName:{util:score,...},...}.")
    body = text.strip()
    if not (body.startswith("{") and body.endswith("}")):
        raise error
    body = body[1:-1]
    if not re.fullmatch(f"{_CURVE_ENTRY}(?:,{_CURVE_ENTRY})*", body):
        raise error
    table = {}
    for device, inner in re.findall(_CURVE_ENTRY, body):
        scores = {}
        for pair in inner.split(","):
            util, sep, score = pair.partition(":")
            if not sep:
                raise error
            try:
                scores[int(util)] = float(score)
            except ValueError:
                raise error from None
        table[device] = scores
    return table
