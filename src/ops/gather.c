/* Ops of the "gather" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
