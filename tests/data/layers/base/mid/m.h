// Fine: a layer it uses.
#include "base/low/a.h"
