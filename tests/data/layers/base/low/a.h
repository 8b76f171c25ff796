// Bottom layer. Fine: its own folder.
#include "base/low/b.h"
#include <vector>
