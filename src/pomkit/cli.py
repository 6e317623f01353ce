"""The command line: a thin Typer shell over the library API. Exit codes live here."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pomkit import __version__

#: Exit codes: nothing at the fail level / findings at or above it / unusable input.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class OutputFormat(str, Enum):
    """The --format choices of validate; a test keeps them equal to the reporter registry."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"


class FailLevel(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


class CatalogFormat(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


app = typer.Typer(
    name="pomkit",
    help="Keep a Product Operating Model as code: validate it, report it, diff it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, hint: str | None = None) -> NoReturn:
    """Print a usage or input error to stderr and exit 2."""
    text = f"pomkit: error: {message}"
    if hint:
        text += f"\n  hint: {hint}"
    print(text, file=sys.stderr)
    raise typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        print(f"pomkit {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """pomkit: validate, report and diff Product Operating Models kept as YAML."""


def write_output(text: str, output: Path | None, inputs: list[str] = ()) -> None:  # type: ignore[assignment]
    """Write to ``output`` atomically (temp file + rename), or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.resolve()
    if any(target == Path(p).resolve() for p in inputs):
        fail(f"--output {output} is one of the input files", "write the report elsewhere")
    directory = target.parent
    if not directory.is_dir():
        fail(f"--output {output}: directory {directory} does not exist")
    temp = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        # mkstemp makes the file private; give it the mode a plain write would.
        os.chmod(temp, _created_mode(target))
        os.replace(temp, target)
    except OSError as err:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)
        fail(f"cannot write {output}: {err.strerror}")


def _created_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _use_color(flag: bool | None, output: Path | None) -> bool:
    if flag is not None:
        return flag
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@app.command()
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(help="Model files, or directories to search for them.", show_default=False),
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout."
        ),
    ] = None,
    fail_on: Annotated[
        FailLevel | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this level [default: error].",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", metavar="CODE", help="Only these rules (code, or prefix like POM2)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="CODE", help="Skip these rules (code, or prefix like POM2)."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Configuration file (.pomkit.yaml or pyproject.toml)."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the finding lines (text format).")
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the text output [default: on a terminal, unless NO_COLOR is set].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check model files: structure, references and the organisation. Exit 0 when
    nothing is at or above the fail level, 1 when something is, 2 when the input,
    the flags or the configuration cannot be used."""
    from pomkit import api
    from pomkit.config import ConfigError
    from pomkit.loader import LoadError
    from pomkit.reporters import REPORTERS, RenderOptions

    if config is not None and not config.is_file():
        fail(f"--config {config}: no such file")
    try:
        report = api.validate_paths(
            paths,
            config,
            select=select or (),
            ignore=ignore or (),
            fail_on=fail_on.value if fail_on else None,
        )
    except ConfigError as err:
        fail(str(err))
    except LoadError as err:
        fail(str(err), err.hint)
    colored = _use_color(color, output) and format is OutputFormat.TEXT
    options = RenderOptions(color=colored, quiet=quiet)
    for note in report.notes:
        print(f"pomkit: note: {note}", file=sys.stderr)
    protected = [result.file for result in report.files] + [
        p for p in paths if p != "-" and Path(p).is_file()
    ]
    write_output(REPORTERS[format.value](report, options), output, protected)
    raise typer.Exit(EXIT_FINDINGS if report.failed else EXIT_OK)


def _is_terminal() -> bool:
    return sys.stdout.isatty()


class ReportFormat(str, Enum):
    """The --format choices of report."""

    MD = "md"
    HTML = "html"
    JSON = "json"


#: --output suffixes that choose the report's format when --format is not given.
REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".json": "json", ".md": "md"}


@app.command()
def report(
    model: Annotated[
        str, typer.Argument(metavar="MODEL", help="The model file (or -, or REV:path).")
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html or json (the view model) [default: from --output's extension, else md].",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout."
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="Templates that override the shipped ones by file name.",
        ),
    ] = None,
    fail_on: Annotated[
        FailLevel | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this level [default: the "
            "configuration's fail_on, else never].",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Configuration file (.pomkit.yaml or pyproject.toml)."),
    ] = None,
) -> None:
    """Render a model as a playbook: Markdown for the repository, one offline HTML file
    for everyone else, or JSON (the view model). A model with findings still renders,
    with its findings. Exit 0 when written, 1 when --fail-on says the findings fail,
    2 when the input, the templates or the configuration cannot be used."""
    from pomkit import api
    from pomkit.config import ConfigError
    from pomkit.loader import LoadError
    from pomkit.report.render import TemplateProblem

    chosen = format.value if format is not None else None
    if chosen is None:
        suffix = output.suffix.lower() if output is not None else ""
        chosen = REPORT_SUFFIXES.get(suffix, "md")
    if chosen == "html" and output is None and _is_terminal():
        fail(
            "an HTML report is one large file: it is not printed on a terminal",
            "write it to a file with --output playbook.html (or pipe it)",
        )
    if config is not None and not config.is_file():
        fail(f"--config {config}: no such file")
    if templates is not None and not templates.is_dir():
        fail(f"--templates {templates}: no such directory")
    try:
        rendered = api.render_report(
            model,
            format=chosen,
            templates=templates,
            config=config,
            fail_on=fail_on.value if fail_on else None,
        )
    except ConfigError as err:
        fail(str(err))
    except LoadError as err:
        fail(str(err), err.hint)
    except TemplateProblem as err:
        fail(str(err), "fix the template, or remove it to use the shipped one")
    protected = [rendered.file] + ([model] if model != "-" and Path(model).is_file() else [])
    write_output(rendered.text, output, protected)
    raise typer.Exit(EXIT_FINDINGS if rendered.failed else EXIT_OK)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the schema to FILE instead of stdout."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the model file (for editors and check-jsonschema)."""
    from pomkit.schema import render

    write_output(render(), output)


@app.command()
def init(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="The model file to write, a directory for NAME.yaml, or - for stdout "
            "[default: operating-model/NAME.yaml].",
            show_default=False,
        ),
    ] = None,
    archetype: Annotated[
        str | None,
        typer.Option(
            "--archetype",
            "-a",
            metavar="NAME",
            help="Start from this archetype's example: agile, lean-startup, design-thinking, "
            "platform, continuous-delivery or product-led-growth [default: agile].",
            show_default=False,
        ),
    ] = None,
    example: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="EXAMPLE",
            help="Start from any shipped example by name, e.g. centralized-enterprise.",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="ID",
            help="metadata.name, kebab-case [default: the file name, else the example's].",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="metadata.title [default: from the name].",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a complete, valid starting model from a shipped example, with your
    name, title, version 0.1 and today's date. Never replaces a file unless --force."""
    import datetime
    import shlex

    from pomkit import scaffold

    try:
        plan = scaffold.plan(
            path, archetype=archetype, example=example, name=name, title=title, force=force
        )
        text = scaffold.render(
            plan.example, name=plan.name, title=plan.title, today=datetime.date.today()
        )
        if plan.target is not None and plan.creates_directory:
            scaffold.make_directory(plan.target)
            print(f"pomkit: created directory {plan.target.parent}", file=sys.stderr)
    except scaffold.ScaffoldError as err:
        fail(str(err), err.hint)
    write_output(text, plan.target)
    if plan.target is not None:
        print(
            f"pomkit: wrote {plan.target}: model {plan.name!r} from the {plan.example!r} "
            f"example\n  next: pomkit validate {shlex.quote(str(plan.target))}",
            file=sys.stderr,
        )


@app.command("rules")
def list_rules(
    format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CatalogFormat.TEXT,
) -> None:
    """List the rule catalog: code, name, default severity and summary."""
    from pomkit.catalog import render_catalog

    write_output(render_catalog(format.value), None)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A rule code (POM201) or name (unknown-role).")],
) -> None:
    """Print a rule's documentation with a failing and a passing example."""
    from pomkit.catalog import find_rule, render_explanation

    found = find_rule(code)
    if isinstance(found, str):
        fail(found, "run `pomkit rules` to list the rules")
    write_output(render_explanation(found), None)


def main() -> None:
    """Console entry point: run the app, never show a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        print("pomkit: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as err:  # a bug in pomkit, not in the input
        if os.environ.get("POMKIT_DEBUG"):
            raise
        print(
            f"pomkit: internal error: {type(err).__name__}: {err}\n"
            "  hint: this is a bug in pomkit; rerun with POMKIT_DEBUG=1 and report the "
            "traceback",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)
