"""What ``make canary`` reads and prints (tests/canary.py): the pins, the
version table, JUnit XML from nbval and from plain tests, and the verdict
per notebook. Nothing here installs or runs a notebook."""

import xml.etree.ElementTree as ET

from canary import (
    cases,
    direct_pins,
    module_lines,
    notebook_lines,
    reason,
    version_table,
)

# What nbval's repr_failure reports, colours and all, as pytest's junitxml
# writes it: escape characters as "#x1B", the full report as the element's
# text, and only a short message.
DIFFERS = (
    "#x1B[91mNotebook cell execution failed#x1B[0m\n"
    "#x1B[94mCell 4: Cell outputs differ\n\nInput:\n#x1B[0mprint(1)\n\n"
    "#x1B[94mTraceback:#x1B[0m\n#x1B[94m mismatch 'stdout'#x1B[91m\n"
)
RAISES = (
    "Notebook cell execution failed\n"
    "Cell 2: Cell execution caused an exception\n\nInput:\nimport keras\n"
    "\nTraceback:\n\n#x1B[31m---------#x1B[39m\n"
    "#x1B[31mImportError#x1B[39m: cannot import name 'x' from 'keras'\n"
)


def junit(*cases):
    """A JUnit XML file as pytest writes it: (classname, name, failure)."""
    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="pytest")
    for classname, name, failure in cases:
        case = ET.SubElement(suite, "testcase", classname=classname, name=name)
        if failure:
            message, text = failure
            ET.SubElement(case, "failure", message=message).text = text
    return ET.tostring(root, encoding="unicode")


JUNIT = junit(
    ("notebooks.01_load.ipynb", "Cell 0", None),
    ("01_load.ipynb", "Cell 1", None),  # pytest run in notebooks/
    ("notebooks.02_binary.ipynb", "Cell 10", (RAISES[:40] + "...", RAISES)),
    ("notebooks.02_binary.ipynb", "Cell 4", (DIFFERS[:40] + "...", DIFFERS)),
    ("tests.test_mnist", "test_load", None),
    (
        "tests.test_lint",
        "test_ruff[check]",
        ("AssertionError: E501 Line too long\nassert 1 == 0", "long report"),
    ),
)


def test_pins_are_read_by_name_comments_left_out():
    text = "# The direct pins\nnumpy==2.4.6\n\nscikit-learn==1.9.1\n"
    assert direct_pins(text) == {"numpy": "2.4.6", "scikit-learn": "1.9.1"}


def test_the_table_marks_what_moved_and_what_was_held_back():
    lines = version_table(
        {"numpy": "2.4.6", "scikit-learn": "1.9.1", "keras": "3.15.1"},
        {"numpy": "2.5.0", "scikit-learn": "1.9.1", "keras": "3.15.1"},
        {"keras": "3.16.0"},
    )
    assert lines[0].split() == ["package", "pinned", "canary"]
    assert lines[1].split() == ["numpy", "2.4.6", "2.5.0", "moved"]
    assert lines[2].split() == ["scikit-learn", "1.9.1", "1.9.1"]
    assert lines[3].endswith("3.15.1  newest 3.16.0 held back")
    assert lines[0].index("pinned") == lines[1].index("2.4.6")
    assert lines[0].index("canary") == lines[2].rindex("1.9.1")


def test_a_missing_package_is_said_to_be_missing():
    (line,) = version_table({"nbval": "0.11.0"}, {})[1:]
    assert line.split() == ["nbval", "0.11.0", "missing", "moved"]


def test_reasons():
    assert reason("", DIFFERS) == "output differs (stdout)"
    assert reason("Notebook...", RAISES) == (
        "ImportError: cannot import name 'x' from 'keras'"
    )
    new_stderr = DIFFERS.replace(
        " mismatch 'stdout'",
        "Unexpected output fields from running code: {'stderr'}",
    )
    assert reason("", new_stderr) == "output differs (new {'stderr'})"
    timeout = RAISES.replace(
        "Cell execution caused an exception",
        "Timeout of 300 seconds exceeded executing cell",
    )
    assert reason("", timeout).startswith("Timeout of 300 seconds")
    assert reason("AssertionError: no\nassert 1 == 0", "long report") == (
        "AssertionError: no"
    )
    assert len(reason("x" * 500)) == 120


def test_junit_cases_name_notebooks_by_stem_and_tests_by_path():
    found = cases(JUNIT)
    assert found[0] == ("01_load", "Cell 0", "passed", "")
    assert found[2][:3] == ("02_binary", "Cell 10", "failed")
    assert found[3] == (
        "02_binary",
        "Cell 4",
        "failed",
        "output differs (stdout)",
    )
    assert found[4] == ("tests/test_mnist.py", "test_load", "passed", "")
    assert found[5][0] == "tests/test_lint.py"


def test_a_notebook_breaks_at_its_first_failing_cell():
    lines = notebook_lines(cases(JUNIT), ["01_load", "02_binary", "03_x"])
    assert lines[0].split() == ["01_load", "passed", "(2", "code", "cells)"]
    assert lines[1].endswith("breaks at code cell 4: output differs (stdout)")
    assert "did not run" in lines[2]
    assert lines[3] == "2 of 3 notebooks would break on upgrade"


def test_each_test_module_in_one_line():
    lines = module_lines(
        cases(JUNIT), ["tests/test_mnist.py", "tests/test_lint.py"]
    )
    assert lines == [
        "tests/test_mnist.py: 1 passed",
        "tests/test_lint.py: 1 of 1 failed:"
        " test_ruff[check] (AssertionError: E501 Line too long)",
    ]
