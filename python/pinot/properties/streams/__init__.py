"""pinot.properties.streams: `num` (NUM_STREAMS) and `Num` (Num.AUTO, Num.NUMA, Num(n))."""
from pinot.properties._enums import Num
from pinot.properties._properties import install as _install

_install(__name__, "streams")
