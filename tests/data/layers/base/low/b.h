// Bottom layer, included by a.h.
