/* Ops of the "softmax" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
