"""Render the view model: Jinja templates from the top-level templates/ folder, or JSON.

The only module of pomkit that imports Jinja, and only when a report is rendered.
Templates are looked up by file name in the user's ``--templates`` folder first, then
in the shipped ones (a ``ChoiceLoader``), so any page part can be replaced. The model's
text is data: it is never compiled as a template, HTML templates escape every value
(autoescape is on for every template name, whatever its extension), and Markdown
templates pass every value through :func:`pomkit.markdown.md_inline` unless a filter
already formatted it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import traceback
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from pomkit.markdown import clean, clean_surrogates, md_inline
from pomkit.playbook.layout import fits_mermaid
from pomkit.playbook.text import anchor, mermaid_label
from pomkit.playbook.view import Diagram, Playbook, Point, Ref

_ANCHOR_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The page each format starts from.
ENTRY = {"html": "playbook.html.j2", "md": "playbook.md.j2"}
#: Extensions whose templates HTML-escape every value. ``select_autoescape`` matches the
#: end of the name, so ``html.j2`` must be listed besides ``html``; any other name
#: escapes too (``default=True``), and only Markdown templates do not.
HTML_EXTENSIONS = ("html", "htm", "xml", "svg", "html.j2", "htm.j2", "xml.j2", "svg.j2")
MD_EXTENSIONS = ("md", "md.j2", "markdown", "markdown.j2")


class TemplateProblem(Exception):
    """A template that cannot be used (a user's override with a mistake, a missing file)."""


def shipped_templates() -> Path:
    """The folder of the shipped templates: ``pomkit/_templates`` in a wheel, else the
    top-level ``templates/`` of a source checkout (an editable install or PYTHONPATH=src,
    where setuptools cannot map a folder without ``__init__.py`` into the package)."""
    packaged = resources.files("pomkit").joinpath("_templates")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    raise TemplateProblem(
        f"this installation of pomkit has no templates (looked in {packaged} and {checkout}); "
        "reinstall pomkit"
    )


def _loader(templates: str | os.PathLike[str] | None) -> jinja2.BaseLoader:
    folders: list[str] = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise TemplateProblem(f"templates folder {templates}: no such directory")
        folders.append(str(folder))
    folders.append(str(shipped_templates()))
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(f) for f in folders])


def _md_finalize(value: Any) -> Any:
    """Every value a Markdown template prints is escaped, unless a filter made it Markup."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return md_inline(value)


# --------------------------------------------------------------------------- filters


def html_link(ref: Ref | None) -> Markup:
    """A link to the item's section (an undefined id is marked, not linked)."""
    if ref is None:
        return Markup("")
    # Anchors are made by pomkit.playbook.text.anchor (letters, digits, hyphens only).
    if ref.anchor is None:
        return Markup(
            f'<span class="undefined" title="not defined in the model">{escape(ref.label)}</span>'
        )
    return Markup(f'<a href="#{escape(ref.anchor)}">{escape(ref.label)}</a>')


def html_links(refs: Iterable[Ref], empty: str = "", sep: str = ", ") -> Markup:
    items = [html_link(r) for r in refs]
    return Markup(escape(sep)).join(items) if items else Markup(escape(empty))


@cache
def _cells(cells: tuple[str, ...]) -> Markup:
    return Markup("".join(f'<td class="r{escape(c[:1])}">{escape(c)}</td>' for c in cells))


def html_cells(cells: Iterable[str]) -> Markup:
    """A RACI row's letter cells (rows repeat a lot: each pattern is formatted once)."""
    return _cells(tuple(cells))


@cache
def _md_cells(cells: tuple[str, ...]) -> Markup:
    return Markup("".join(f" {md_inline(c)} |" for c in cells))


def md_cells(cells: Iterable[str]) -> Markup:
    return _md_cells(tuple(cells))


def md_link(ref: Ref | None) -> Markup:
    if ref is None:
        return Markup("")
    if ref.anchor is None:
        return Markup(f"{md_inline(ref.label)} (undefined)")
    return Markup(f"[{md_inline(ref.label)}](#{ref.anchor})")


def md_links(refs: Iterable[Ref], empty: str = "", sep: str = ", ") -> Markup:
    items = [md_link(r) for r in refs]
    return Markup(md_inline(sep).join(items) if items else md_inline(empty))


def anchor_id(value: object) -> Markup:
    """A section id as generated by the builder (letters, digits and hyphens only)."""
    text = str(value)
    return Markup(text if _ANCHOR_ID.fullmatch(text) else anchor("x", text))


def anchor_tag(value: object) -> Markup:
    """``<a id="role-pm"></a>``: a stable target before a Markdown heading or in a cell."""
    if value is None or value == "":
        return Markup("")
    return Markup(f'<a id="{anchor_id(value)}"></a>')


def code(value: object) -> Markup:
    """Text for inside a Markdown code span: no backtick or line break can close it."""
    return Markup(" ".join(clean(str(value)).replace("`", "'").split()))


def fits(diagram: Diagram) -> bool:
    """Whether a diagram is small enough for one Mermaid block (the builder decides the
    same way where a section draws parts or a list instead)."""
    return fits_mermaid(diagram)


def svg_points(points: Iterable[Point]) -> str:
    return " ".join(f"{p.x:g},{p.y:g}" for p in points)


def mark(met: bool | None) -> str:
    """A tri-state as a sign: met, unmet, undecided."""
    return "✓" if met is True else ("✗" if met is False else "?")


def mermaid(diagram: Diagram) -> Markup:
    """A diagram as Mermaid flowchart text (node ids generated, labels escaped)."""
    lines = ["flowchart " + ("LR" if diagram.lanes or diagram.kind == "escalation" else "TB")]
    by_lane: dict[int | None, list[str]] = {}
    for n in diagram.nodes:
        by_lane.setdefault(n.lane, []).append(f'    {n.key}["{mermaid_label(n.title, 48)}"]')
    for i, lane in enumerate(diagram.lanes):
        lines.append(f'  subgraph L{i}["{mermaid_label(lane.label, 48)}"]')
        lines.append("    direction TB")
        lines.extend(by_lane.get(i, []))
        lines.append("  end")
    lines.extend(line[2:] for line in by_lane.get(None, []))
    for e in diagram.edges:
        arrow = "-.->" if e.dashed else "-->"
        label = f'|"{mermaid_label(e.title, 40)}"|' if e.title else ""
        lines.append(f"  {e.source} {arrow}{label} {e.target}")
    return Markup("\n".join(lines))


def _common(env: jinja2.Environment) -> None:
    env.filters["anchor_id"] = anchor_id
    env.filters["anchor_tag"] = anchor_tag
    env.filters["code"] = code
    env.filters["fits"] = fits
    env.filters["mark"] = mark
    env.filters["svg_points"] = svg_points
    env.filters["mermaid"] = mermaid


@cache
def _environment(kind: str, templates: str | None) -> jinja2.Environment:
    if kind == "html":
        env = jinja2.Environment(
            loader=_loader(templates),
            autoescape=jinja2.select_autoescape(
                enabled_extensions=HTML_EXTENSIONS,
                disabled_extensions=(),
                default_for_string=True,
                default=True,
            ),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["link"] = html_link
        env.filters["links"] = html_links
        env.filters["cells"] = html_cells
    else:
        env = jinja2.Environment(
            loader=_loader(templates),
            autoescape=False,
            finalize=_md_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["link"] = md_link
        env.filters["links"] = md_links
        env.filters["cells"] = md_cells
    _common(env)
    return env


def environment(kind: str, templates: str | os.PathLike[str] | None = None) -> jinja2.Environment:
    """The Jinja environment of ``html`` or ``md`` templates, the user's folder first."""
    return _environment(kind, None if templates is None else str(Path(templates).resolve()))


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _run(step: Callable[[], str]) -> str:
    """Run a template step; a mistake in a template becomes a :class:`TemplateProblem`
    naming the template file and line (user templates are code, and can fail)."""
    try:
        return step()
    except jinja2.TemplateSyntaxError as err:
        where = f"{err.filename or err.name}:{err.lineno}"
        raise TemplateProblem(f"{where}: template syntax error: {err.message}") from None
    except jinja2.TemplateNotFound as err:
        raise TemplateProblem(f"template {err.name!r} not found") from None
    except Exception as err:  # user templates are code: any error is theirs to fix
        where = _template_frame(err)
        raise TemplateProblem(
            f"{where}error while rendering: {type(err).__name__}: {err}"
        ) from None


def _template_frame(err: BaseException) -> str:
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename.endswith((".css", ".js")):
            return f"{frame.filename}:{frame.lineno}: "
    return ""


def render_html(view: Playbook, templates: str | os.PathLike[str] | None = None) -> str:
    env = environment("html", templates)
    style = _run(lambda: env.get_template("playbook.css").render())
    script = _run(lambda: env.get_template("playbook.js").render())
    csp = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src {csp_hash(style)}; script-src {csp_hash(script)}"
    )
    return _run(
        lambda: env.get_template(ENTRY["html"]).render(
            view=view, style=Markup(style), script=Markup(script), csp=csp
        )
    )


def render_markdown(view: Playbook, templates: str | os.PathLike[str] | None = None) -> str:
    env = environment("md", templates)
    return _run(lambda: env.get_template(ENTRY["md"]).render(view=view))


def render_json(view: Playbook) -> str:
    return view.model_dump_json(indent=2) + "\n"


def render(
    view: Playbook, format: str = "html", templates: str | os.PathLike[str] | None = None
) -> str:
    """The playbook in ``format`` (``html``, ``md`` or ``json``), as text that can be
    written as UTF-8 (a lone surrogate that slipped into the model becomes U+FFFD)."""
    if format == "json":
        text = render_json(view)
    elif format == "md":
        text = render_markdown(view, templates)
    elif format == "html":
        text = render_html(view, templates)
    else:
        raise ValueError(f"unknown report format {format!r}")
    return clean_surrogates(text)


__all__ = ["ENTRY", "TemplateProblem", "environment", "render", "shipped_templates"]
