"""Every property-based test is reproducible: the same examples on every run."""

import importlib
import inspect
from pathlib import Path

import pytest
from hypothesis.internal.detection import is_hypothesis_test

TESTS = Path(__file__).resolve().parent.parent


def _modules_using_hypothesis() -> list[str]:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        if path != Path(__file__).resolve() and "@given" in path.read_text(encoding="utf-8"):
            relative = path.relative_to(TESTS.parent).with_suffix("")
            found.append(".".join(relative.parts))
    return found


def _hypothesis_tests() -> list[tuple[str, object]]:
    tests = []
    for name in _modules_using_hypothesis():
        module = importlib.import_module(name)
        for attribute, value in inspect.getmembers(module, inspect.isfunction):
            if attribute.startswith("test_") and is_hypothesis_test(value):
                tests.append((f"{name}.{attribute}", value))
    return tests


HYPOTHESIS_TESTS = _hypothesis_tests()


def test_the_fuzz_tests_are_found():
    assert len(HYPOTHESIS_TESTS) >= 6


@pytest.mark.parametrize(
    "test", [t for _, t in HYPOTHESIS_TESTS], ids=[n for n, _ in HYPOTHESIS_TESTS]
)
def test_property_based_test_is_derandomized(test):
    # The settings a test runs with, as @settings applied them (hypothesis keeps them there).
    assert test._hypothesis_internal_use_settings.derandomize
