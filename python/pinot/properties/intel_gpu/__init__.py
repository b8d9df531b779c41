"""pinot.properties.intel_gpu: GPU device property keys. As in OpenVINO, `.hint` loads on import only."""
from pinot.properties._enums import CapabilityGPU, MemoryType
from pinot.properties._properties import install as _install

_install(__name__, "intel_gpu")
