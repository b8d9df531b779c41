"""pinot.properties: property keys, enums and helpers, as `openvino.properties`.

Each property is a module attribute made on access (`props.cache_dir` == "CACHE_DIR", callable:
`props.cache_dir("./d")` -> ("CACHE_DIR", OVAny("./d"))); see _properties.py. The conversion
layer Core/CompiledModel use is in _convert.py and the CPU device's property table in _cpu.py.
Like OpenVINO, intel_npu is not imported here: `import pinot.properties.intel_npu` loads it.
"""
from pinot.properties._enums import CacheMode, CompatibilityCheck, WorkloadType
from pinot.properties._properties import install as _install

_install(__name__, "")

from pinot.properties import device, hint, intel_auto, intel_cpu, intel_gpu, log, streams  # noqa: E402
