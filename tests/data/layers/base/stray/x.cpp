// Wrong: no layer owns base/stray/.
