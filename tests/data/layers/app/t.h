// Fine: a layer used transitively (app -> app_sweep -> mid -> low), and not socsim's at all.
#include "base/low/a.h"
#include "tests/anything.h"
