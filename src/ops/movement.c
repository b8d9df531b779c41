/* Ops of the "movement" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
