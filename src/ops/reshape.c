/* Ops of the "reshape" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
