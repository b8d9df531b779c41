/* Ops of the "interpolate" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
