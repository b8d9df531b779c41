"""pinot.properties.intel_auto: AUTO device properties and the `SchedulePolicy` enum."""
from pinot.properties._enums import SchedulePolicy
from pinot.properties._properties import install as _install

_install(__name__, "intel_auto")
