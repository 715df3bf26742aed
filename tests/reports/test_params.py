"""Report parameters against the notebook's parameters cell: unknown names and wrong types are errors.

None of these starts a kernel: the check happens before the run.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from aidfigures.cli.main import main
from aidfigures.errors import ReportError
from aidfigures.reports import run_report
from aidfigures.reports.params import check_declared, effective_parameters, notebook_parameters
from aidfigures.reports.slugs import default_output_dir

REPO = Path(__file__).resolve().parents[2]
PROFILE = REPO / "notebooks" / "country_profile.ipynb"


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


# --- values against annotations ------------------------------------------------------------------

FITS = [  # annotation, value
    ("str", "Peru"), ("int", 2006), ("float", 56.4), ("float", 2006), ("bool", True),
    ("list[int]", [2000, 2025]), ("list[str]", []), ("list", [1, "a"]), ("List[str]", ["Peru"]),
    ("Optional[int]", None), ("Optional[int]", 2024), ('"Optional[str]"', None), ("str | None", "x"),
    ("Union[int, str]", "x"), ("dict[str, int]", {"a": 1}), ("Any", object()), ("typing.Optional[int]", None),
    ("SomeAlias", "anything"),  # an annotation this does not understand is not checked
]
MISFITS = [  # annotation, value
    ("str", 2006), ("int", "2006"), ("int", 20.06), ("int", True), ("float", "1.5"), ("bool", 1),
    ("list[int]", 2006), ("list[int]", [2000, "2025"]), ("list[str]", "Peru"), ("Optional[int]", "2024"),
    ('"Optional[str]"', 5), ("str | None", 5), ("dict[str, int]", {"a": "b"}), ("None", 0),
]


@pytest.mark.parametrize(("annotation", "value"), FITS)
def test_a_value_of_the_declared_type_passes(annotation: str, value: object) -> None:
    check_declared(Path("nb.ipynb"), {"p": {"inferred_type_name": annotation}}, {"p": value})


@pytest.mark.parametrize(("annotation", "value"), MISFITS)
def test_a_value_of_another_type_is_an_error(annotation: str, value: object) -> None:
    if annotation == "None":  # papermill's name for "no annotation": anything goes
        check_declared(Path("nb.ipynb"), {"p": {"inferred_type_name": annotation}}, {"p": value})
        return
    with pytest.raises(ReportError, match=r"nb\.ipynb: parameter 'p' must be "):
        check_declared(Path("nb.ipynb"), {"p": {"inferred_type_name": annotation}}, {"p": value})


UNKNOWN = [  # declared names, given name, expected message part
    (["countries", "years"], "countrys", "unknown parameter 'countrys' (did you mean 'countries'?); declared: "
                                         "countries, years"),
    (["country"], "zzz", "unknown parameter 'zzz'; declared: country"),
    ([], "country", "unknown parameter 'country'; it has no cell tagged 'parameters'"),
]


@pytest.mark.parametrize(("declared", "name", "message"), UNKNOWN)
def test_an_unknown_parameter_is_an_error(declared: list[str], name: str, message: str) -> None:
    with pytest.raises(ReportError, match=f"nb.ipynb: {message}".replace("(", r"\(").replace(")", r"\)")
                       .replace("?", r"\?")):
        check_declared(Path("nb.ipynb"), {n: {"inferred_type_name": "None"} for n in declared}, {name: 1})


def test_output_dir_is_never_unknown() -> None:
    check_declared(Path("nb.ipynb"), {}, {"output_dir": "x"})


# --- the shipped notebooks, through run_report and the command line ------------------------------

def test_run_report_refuses_a_misspelt_parameter_before_running(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="unknown parameter 'countrys'"):
        run_report(PROFILE, {"countrys": ["Peru"]}, tmp_path / "out")
    assert not (tmp_path / "out").exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["-p", "countrys", "[Peru]"], "unknown parameter 'countrys' (did you mean 'country'?)"),
    (["-p", "years", "2006"], "parameter 'years' must be list[int], not the int 2006"),
    (["-p", "base_year", "'2024'"], "parameter 'base_year' must be Optional[int], not the str '2024'"),
    (["-r", "years", "2006"], "parameter 'years' must be list[int], not the str '2006'"),
])
def test_cli_report_exits_2_on_a_bad_parameter(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = _cli(["report", str(PROFILE), *args, "-o", str(tmp_path / "out")])
    assert code == 2 and out == ""
    assert message in err and str(PROFILE) in err
    assert not (tmp_path / "out").exists()


def test_cli_build_fails_the_job_with_a_misspelt_parameter_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "reports.yml").write_text(
        f"jobs:\n  - name: typo\n    notebook: {PROFILE}\n    parameters: {{countrys: [Peru]}}\n"
        f"  - name: wrong-type\n    notebook: {PROFILE}\n    parameters: {{years: 2006}}\n")
    code, out, err = _cli(["build", str(tmp_path / "reports.yml")])
    assert code == 1
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines] == [["FAILED", "typo"], ["FAILED", "wrong-type"]]
    assert "unknown parameter 'countrys'" in lines[0] and "'years' must be list[int]" in lines[1]
    assert not (tmp_path / "reports").exists()


# --- one folder name for the same effective parameters -------------------------------------------

def test_default_folder_is_the_same_whether_a_default_is_given_or_not() -> None:
    declared = notebook_parameters(PROFILE)
    implicit = default_output_dir(PROFILE, effective_parameters(declared, {}))
    explicit = default_output_dir(PROFILE, effective_parameters(declared, {"country": "Peru", "rule": "median"}))
    other = default_output_dir(PROFILE, effective_parameters(declared, {"country": "Chile"}))
    assert implicit == explicit != other
    assert implicit.parent == Path("reports") and implicit.name.startswith("country_profile-peru-2000-2025-")
    assert other.name.startswith("country_profile-chile-")
