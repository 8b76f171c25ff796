#include "app/sweep/w.h"
// Wrong: the nested layer app/sweep including its parent folder's layer, app.
#include "app/t.h"
