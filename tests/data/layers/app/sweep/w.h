// Fine: its own layer, and a file beside it named without its folder.
#include "app/sweep/v.h"
#include "v.h"
