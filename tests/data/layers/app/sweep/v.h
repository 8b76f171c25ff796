// Part of app_sweep.
