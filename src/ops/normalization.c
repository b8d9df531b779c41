/* Ops of the "normalization" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
