"""The command line: a thin Typer shell over the library API. Exit codes live here."""

import gc
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

# pomkit uses no pydantic plugins; looking for them scans every installed package's
# entry points, a tenth of a typical run. A user's explicit setting still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
from typer.core import TyperCommand

from pomkit._version import __version__
from pomkit.output import OutputError, Terminated, write_output

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


class _Command(TyperCommand):
    """A command whose help reads like a man page and whose errors read plainly.

    Usage lines say ``PATH...`` and ``CODE`` rather than Typer's ``{paths}...``; the
    arguments are listed without Python types; a bad value reads "'x' is not one of
    …" rather than pydantic's "Value error, 'x' is not one of …"; an output that must
    not be written is a usage error (exit 2) in every command.
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument" and not getattr(param, "hidden", False):
                pieces.append(_argument_usage(param))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        rows = [
            (_argument_name(p), getattr(p, "help", None) or "")
            for p in self.get_params(ctx)
            if p.param_type_name == "argument" and not getattr(p, "hidden", False)
        ]
        if rows:
            with formatter.section("Arguments"):
                formatter.write_dl(rows)
        options = [
            record
            for p in self.get_params(ctx)
            if p.param_type_name == "option"
            for record in [p.get_help_record(ctx)]
            if record is not None
        ]
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as err:
            err.message = _plain(err.message)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OutputError as err:
            fail(str(err), err.hint)


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name or "").upper()
    return f"{name}..." if param.nargs != 1 else name


def _argument_usage(param: Any) -> str:
    name = _argument_name(param)
    return name if param.required else f"[{name}]"


def _plain(message: str) -> str:
    """A message without the "Value error, " pydantic puts before a validator's words."""
    return message.replace("Value error, ", "")


class _Typer(typer.Typer):
    """Typer whose commands are :class:`_Command` unless one asks for another class."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


app = _Typer(
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
        typer.Argument(
            metavar="PATH",
            help="Model files, directories to search for them, - for stdin, or REV:path.",
            show_default=False,
        ),
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
            "--select",
            metavar="CODE",
            help="Only these rules: a code (POM201), a prefix (POM2, POM2xx), a name "
            "(unknown-role) or ALL; repeat it or separate with commas.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE",
            help="Skip these rules (the same forms as --select).",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Use this configuration file (.pomkit.yaml or a TOML file with [tool.pomkit]) "
            "instead of searching for one.",
        ),
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

    settle()
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
    configs = [config] if config is not None else []
    write_output(REPORTERS[format.value](report, options), output, protected, configs=configs)
    raise typer.Exit(EXIT_FINDINGS if report.failed else EXIT_OK)


def settle() -> None:
    """Keep what the imports built out of every later garbage collection.

    Every command calls this once it has imported what it needs. Importing the
    library builds a few hundred thousand objects that live as long as the process
    (Pydantic's validators and schemas, the vocabularies). Every cyclic collection
    afterwards, during the check and the one at exit, walked them all again: a tenth
    of a typical run. ``gc.freeze()`` moves them to the permanent generation, and the
    collector, off since start-up (``pomkit/__main__.py``), runs again. Only when the
    process is the command line's (:func:`main`): the library, and a test runner that
    invokes the app in its own process, keep their collector as it is.
    """
    if _OWN_PROCESS:
        gc.freeze()
        gc.enable()  # off since start-up (pomkit/__main__.py)


_OWN_PROCESS: list[bool] = []


def _is_terminal() -> bool:
    return sys.stdout.isatty()


class ReportFormat(str, Enum):
    """The --format choices of report."""

    MD = "md"
    HTML = "html"
    JSON = "json"


class DiffFormat(str, Enum):
    """The --format choices of diff; a test keeps them equal to pomkit.changes.formats.FORMATS."""

    TEXT = "text"
    MD = "md"
    JSON = "json"
    GITHUB = "github"


class DiffFailLevel(str, Enum):
    BREAKING = "breaking"
    NOTABLE = "notable"
    INFO = "info"
    NEVER = "never"


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
        typer.Option(
            "--config",
            metavar="FILE",
            help="Use this configuration file (.pomkit.yaml or pyproject.toml) instead of "
            "searching for one.",
        ),
    ] = None,
) -> None:
    """Render a model as a playbook: Markdown for the repository, one offline HTML file
    for everyone else, or JSON (the view model). A model with findings still renders,
    with its findings. Exit 0 when written, 1 when --fail-on says the findings fail,
    2 when the input, the templates or the configuration cannot be used."""
    from pomkit import api
    from pomkit.config import ConfigError
    from pomkit.loader import LoadError
    from pomkit.playbook.render import TemplateProblem

    settle()
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
    if output is not None and rendered.templates is not None:
        # The templates are inputs too: no file in their folder, existing or new, is written.
        folder = os.path.realpath(rendered.templates)
        if Path(os.path.realpath(output)).is_relative_to(folder):
            fail(
                f"--output {output} is inside the templates folder {rendered.templates}",
                "write it elsewhere",
            )
    protected = [rendered.file] + ([model] if model != "-" and Path(model).is_file() else [])
    configs = [config] if config is not None else []
    write_output(rendered.text, output, protected, configs=configs)
    raise typer.Exit(EXIT_FINDINGS if rendered.failed else EXIT_OK)


@app.command("diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The old version: a model file, - for stdin, or git REV:path."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="The new version: a model file, - for stdin, or git REV:path."
        ),
    ],
    format: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", help="Output format [default: text].", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the diff to FILE instead of stdout."
        ),
    ] = None,
    fail_on: Annotated[
        DiffFailLevel | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a change is at or above this level [default: never].",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="CODE", help="Do not report these changes (code, or prefix)."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Use this configuration file (.pomkit.yaml or pyproject.toml) instead of "
            "searching for one.",
        ),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the text format's markers and levels (other formats never are) "
            "[default: on a terminal, unless NO_COLOR is set].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compare two versions of a model: what changed for people, each change classified
    as breaking, notable or info. Exit 0 when nothing at or above the fail level
    changed, 1 when something did, 2 when a side or the configuration cannot be used."""
    from pomkit import api
    from pomkit.changes.formats import render
    from pomkit.config import ConfigError
    from pomkit.loader import LoadError

    settle()
    if config is not None and not config.is_file():
        fail(f"--config {config}: no such file")
    try:
        settings = api.diff_settings(
            new,
            config,
            ignore=ignore or (),
            fail_on=fail_on.value if fail_on else None,
            format=format.value if format else None,
        )
        report = api.diff(old, new, config, settings=settings)
    except ConfigError as err:
        fail(str(err))
    except LoadError as err:
        fail(str(err), err.hint)
    protected = [p for p in (old, new) if p != "-" and Path(p).is_file()]
    text = render(report, settings.format, color=_use_color(color, output))
    write_output(text, output, protected)
    raise typer.Exit(EXIT_FINDINGS if report.failed else EXIT_OK)


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

    settle()

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
    write_output(text, plan.target, flag=None)
    if plan.target is not None:
        print(
            f"pomkit: wrote {plan.target}: model {plan.name!r} from the {plan.example!r} "
            f"example\n  next: pomkit validate {shlex.quote(str(plan.target))}",
            file=sys.stderr,
        )


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

    settle()

    write_output(render(), output)


@app.command("rules")
def list_rules(
    format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CatalogFormat.TEXT,
    changes: Annotated[
        bool, typer.Option("--diff", help="List the change checks of `pomkit diff` instead.")
    ] = False,
) -> None:
    """List the rule catalog: code, name, default severity and summary."""
    from pomkit.catalog import render_catalog, render_change_catalog

    settle()

    render = render_change_catalog if changes else render_catalog
    write_output(render(format.value), None)


@app.command()
def explain(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="A rule or change code (POM201, DIFF012) or name (unknown-role).",
            show_default=False,
        ),
    ],
) -> None:
    """Print a rule's (or change check's) documentation with its examples."""
    from pomkit.catalog import find_rule, render_explanation

    settle()

    found = find_rule(code)
    if isinstance(found, str):
        fail(found, "run `pomkit rules` (or `pomkit rules --diff`) to list them")
    write_output(render_explanation(found), None)


def main() -> None:
    """Console entry point: run the app, never show a traceback."""
    _OWN_PROCESS.append(True)
    try:
        app()
    except KeyboardInterrupt:
        print("pomkit: interrupted", file=sys.stderr)
        sys.exit(130)
    except Terminated as err:
        print(f"pomkit: {err}", file=sys.stderr)
        sys.exit(128 + err.signum)
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
