/* ReadValue and Assign (stateful models): placeholder until the executor
 * supports variable state. */
#include "graph/graph-impl.h"
