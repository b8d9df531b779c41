"""pinot.properties.intel_gpu.hint: GPU hint keys and `ThrottleLevel` (members are hint.Priority values)."""
from pinot.properties._enums import ThrottleLevel
from pinot.properties._properties import install as _install

_install(__name__, "intel_gpu.hint")
