/* Ops of the "convert" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
