"""``python -m bench``: the speed suite (see :mod:`bench.suite`)."""

from bench.suite import main

main()
