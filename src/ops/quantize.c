/* Ops of the "quantize" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
