"""Tests for the C++ examples in snippets/cpp (a subpackage of tests, so its conftest
does not clash with the repository-root conftest module)."""
