"""Benchmarks of the app at scale; run them as modules, e.g. ``python -m bench.dashboard_scale``."""
