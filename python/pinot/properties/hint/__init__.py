"""pinot.properties.hint: performance hints (`performance_mode`, `inference_precision`, ...) and their enums."""
from pinot.properties._enums import (ExecutionMode, ModelDistributionPolicy, PerformanceMode, Priority,
                                     SchedulingCoreType)
from pinot.properties._properties import install as _install

_install(__name__, "hint")
