"""Runtime info (rt_info) of models: RTMap, a dict of OVAny values, nested by
path. Kept with the Python model object and copied by clone()."""
from typing import Any, Union


class RTMap(dict):
    """A dict of rt_info values (OpenVINO's RTMap); values read back as OVAny."""

    def __getitem__(self, key: str):
        from pinot.properties._any import OVAny  # noqa: PLC0415 - keeps import pinot light

        value = dict.__getitem__(self, key)
        return value if isinstance(value, (RTMap, OVAny)) else OVAny._wrap(value)

    def __repr__(self) -> str:
        return "<RTMap>"


def _path(path: Union[str, list]) -> list:
    return [path] if isinstance(path, str) else list(path)


def _missing(path: list) -> RuntimeError:
    return RuntimeError(f"Check 'rt_info.find(name) != rt_info.end()' failed: rt_info has no entry "
                        f"'{'/'.join(path)}'")


def get(root: RTMap, path: Union[str, list, None]):
    if path is None:
        return root
    node: Any = root
    keys = _path(path)
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise _missing(keys)
        node = dict.__getitem__(node, key)
    if isinstance(node, RTMap):
        return node
    from pinot.properties._any import OVAny  # noqa: PLC0415

    return OVAny._wrap(node)


def has(root: RTMap, path: Union[str, list]) -> bool:
    node: Any = root
    for key in _path(path):
        if not isinstance(node, dict) or key not in node:
            return False
        node = dict.__getitem__(node, key)
    return True


def put(root: RTMap, value: Any, path: Union[str, list]) -> None:
    keys = _path(path)
    node = root
    for key in keys[:-1]:
        if not isinstance(dict.get(node, key), RTMap):
            dict.__setitem__(node, key, RTMap())
        node = dict.__getitem__(node, key)
    if isinstance(value, dict) and not isinstance(value, RTMap):
        converted = RTMap()
        for k, v in value.items():
            put(converted, v, [str(k)])
        value = converted
    dict.__setitem__(node, keys[-1], value)


def copy(root: RTMap) -> RTMap:
    out = RTMap()
    for key, value in root.items():
        dict.__setitem__(out, key, copy(value) if isinstance(value, RTMap) else value)
    return out
