"""The benchmark suite (not part of the test suite): ``python -m benchmarks.run``."""
