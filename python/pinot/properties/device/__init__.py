"""pinot.properties.device: device identity properties, `priorities(...)`, `properties({...})`, Type, Capability."""
from pinot.properties._enums import Capability
from pinot.properties._enums import DeviceType as Type
from pinot.properties._properties import install as _install

_install(__name__, "device")
