"""pinot.properties.intel_npu: NPU device property keys and the `CompilerType` enum."""
from pinot.properties._enums import CompilerType
from pinot.properties._properties import install as _install

_install(__name__, "intel_npu")
