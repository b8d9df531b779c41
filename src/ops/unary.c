/* Ops of the "unary" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
