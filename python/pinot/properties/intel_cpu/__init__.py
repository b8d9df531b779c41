"""pinot.properties.intel_cpu: CPU device properties and the `TbbPartitioner` enum."""
from pinot.properties._enums import TbbPartitioner
from pinot.properties._properties import install as _install

_install(__name__, "intel_cpu")
