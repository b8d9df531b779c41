"""pinot.properties.log: `level` (LOG_LEVEL) and the `Level` enum."""
from pinot.properties._enums import Level
from pinot.properties._properties import install as _install

_install(__name__, "log")
