/* Ops of the "convolution" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
