#include "app/t.h"
#include "app/sweep/w.h"
// Wrong: no such file.
#include "base/low/missing.h"
