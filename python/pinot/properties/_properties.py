"""Property objects: module attributes that are the property key and callable to build (key, value).

`props.cache_dir` is a Property, a str equal to "CACHE_DIR"; `props.cache_dir()` returns the key and
`props.cache_dir("./d")` returns ("CACHE_DIR", OVAny("./d")). Each Property wraps a property
function that checks its argument as OpenVINO's pybind11 overloads do and raises the same
"incompatible function arguments" TypeError. A fresh Property is made on each module attribute
access, through the module `__getattr__` that install() puts in place.
"""
import sys

from pinot.properties import _casters, _enums
from pinot.properties._any import OVAny
from pinot.properties._specs import SPECS

_INT_SIG = "typing.SupportsInt | typing.SupportsIndex"
_FLOAT_SIG = "typing.SupportsFloat | typing.SupportsIndex"
_RESULT_SIG = "tuple[str, pinot.OVAny]"


def _pinot_class(name):
    def get():
        import pinot  # noqa: PLC0415 - the package is imported already; this is a dict lookup

        return getattr(pinot, name)
    return get


def _enum_sig(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def _cast_num(value):
    if not isinstance(value, _enums.Num):
        raise _casters.Refused
    return value.to_integer()


def _cast_model(value):
    if value is None:  # a null model pointer, which OpenVINO's holder caster lets through
        return None
    return _casters.instance_caster(_pinot_class("Model"))(value)


def _refuse_all(value):
    raise _casters.Refused


def _overloads(kind):
    """[(signature text, caster)] for one argument kind of _specs.SPECS."""
    simple = {
        "bool": ("bool", _casters.cast_bool),
        "i32": (_INT_SIG, _casters.cast_i32),
        "u32": (_INT_SIG, _casters.cast_u32),
        "i64": (_INT_SIG, _casters.cast_i64),
        "u64": (_INT_SIG, _casters.cast_u64),
        "f32": (_FLOAT_SIG, _casters.cast_f32),
        "str": ("str", _casters.cast_str),
        "Type": ("pinot.Type", _casters.instance_caster(_pinot_class("Type"))),
        "Tensor": ("pinot.Tensor", _casters.instance_caster(_pinot_class("Tensor"))),
        "Model": ("pinot.Model", _cast_model),
        "encryption_callbacks": ("ov::EncryptionCallbacks", _refuse_all),
    }
    if kind in simple:
        return [simple[kind]]
    if kind.startswith("enum:"):
        cls = getattr(_enums, kind[5:])
        return [(_enum_sig(cls), _casters.enum_caster(cls))]
    if kind.startswith("set:"):
        cls = getattr(_enums, kind[4:])
        return [(f"collections.abc.Set[{_enum_sig(cls)}]", _casters.enum_set_caster(cls))]
    num = (_enum_sig(_enums.Num), _cast_num)
    if kind == "num":
        return [("ov::streams::Num", _cast_num)]  # OpenVINO prints the C++ name for this one
    if kind == "streams":
        return [num, (_INT_SIG, _casters.cast_i32)]
    if kind == "map:str,u32":
        return [(f"collections.abc.Mapping[str, {_INT_SIG}]",
                 _casters.map_caster(_casters.cast_str, _casters.cast_u32))]
    if kind == "perf_curve":
        def from_str(value):
            return _casters.parse_perf_curve_table(_casters.cast_str(value))
        inner = _casters.map_caster(_casters.cast_u32, _casters.cast_f32)
        return [("str", from_str),
                (f"collections.abc.Mapping[str, collections.abc.Mapping[{_INT_SIG}, {_FLOAT_SIG}]]",
                 _casters.map_caster(_casters.cast_str, inner))]
    raise ValueError(f"unknown property argument kind {kind!r}")


class PropertyFunction:
    """The callable behind a Property: f() -> key, f(value) -> (key, OVAny(value))."""

    __slots__ = ("__name__", "__qualname__", "key", "kind", "_overloads")

    def __init__(self, name, key, kind):
        self.__name__ = self.__qualname__ = name
        self.key = key
        self.kind = kind
        self._overloads = None

    def _signatures(self):
        sigs = [] if self.kind == "encryption_callbacks" else ["() -> str"]
        if self.kind in ("priorities", "device_properties"):
            sigs.append(f"(*args) -> {_RESULT_SIG}")
        elif self.kind is not None:
            sigs += [f"(arg0: {sig}) -> {_RESULT_SIG}" for sig, _ in self._get_overloads()]
        return sigs

    def _get_overloads(self):
        if self._overloads is None:
            self._overloads = _overloads(self.kind)
        return self._overloads

    def _incompatible(self, args):
        lines = "".join(f"    {i}. {sig}\n" for i, sig in enumerate(self._signatures(), 1))
        invoked = ", ".join(repr(a) for a in args)
        return TypeError(f"{self.__name__}(): incompatible function arguments. "
                         f"The following argument types are supported:\n{lines}\nInvoked with: {invoked}")

    def __call__(self, *args):
        if not args and self.kind != "encryption_callbacks":
            return self.key
        if self.kind == "priorities":
            return self.key, OVAny._wrap(_priorities(args))
        if self.kind == "device_properties":
            return self.key, OVAny._wrap(_device_properties(args))
        if len(args) == 1 and self.kind is not None:
            for _, cast in self._get_overloads():
                try:
                    value = cast(args[0])
                except _casters.Refused:
                    continue
                return self.key, OVAny._wrap(value)
        raise self._incompatible(args)

    def __repr__(self):
        return f"<property function {self.__name__}>"


def _priorities(args):
    for arg in args:
        if not isinstance(arg, str):
            raise TypeError(f"Incorrect passed value: {arg} , expected string values.")
    return "".join(f"{arg}," for arg in args)


def _device_properties(args):
    from pinot.properties._convert import to_any  # noqa: PLC0415 - _convert imports this module

    merged = {}
    for arg in args:
        if not isinstance(arg, dict):
            raise TypeError(f"Incorrect passed value: {arg}, expected dictionary instead of {type(arg).__name__}")
        for key, value in arg.items():
            if not isinstance(key, str):
                raise TypeError(f"Incorrect passed key in value: {key}, expected string instead of "
                                f"{type(key).__name__}")
            merged[str(key)] = to_any(value)
    return dict(sorted(merged.items()))  # an AnyMap is a std::map: keys come back sorted


class Property(str):
    """A property key (a str) that is callable: call() gives the key, call(value) a (key, OVAny) pair."""

    def __new__(cls, prop):
        instance = super().__new__(cls, prop())
        instance.prop = prop
        return instance

    def __call__(self, *args):
        return self.prop(*args)


def functions(module_suffix):
    """{python name: PropertyFunction} for one (sub)module of _specs.SPECS."""
    return {name: PropertyFunction(name, key, kind) for name, key, kind in SPECS[module_suffix]}


def install(module_name, module_suffix):
    """Give a module the `__getattr__` that exposes its property functions as Property objects."""
    module = sys.modules[module_name]
    table = functions(module_suffix)

    def __getattr__(name):  # noqa: N807 - module-level attribute hook
        function = table.get(name)
        if function is None:
            raise AttributeError(f"Module '{module_name}' doesn't have the attribute with name '{name}'.")
        return Property(function)

    def __dir__():  # noqa: N807
        return sorted(set(module.__dict__) | set(table))

    module.__getattr__ = __getattr__
    module.__dir__ = __dir__
