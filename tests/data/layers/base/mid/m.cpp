#include "base/mid/m.h"
// Wrong: pointing up (mid does not use app).
#include "app/t.h"
