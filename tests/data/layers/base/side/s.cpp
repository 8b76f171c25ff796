// Fine: a layer it uses.
#include "base/low/a.h"
// Wrong: sideways (side does not use mid).
#include "base/mid/m.h"
