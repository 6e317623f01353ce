"""Start-up: a validate run imports only what it uses (issue 6: the everyday case is small).

pre-commit and CI run ``pomkit validate`` on one typical model many times a day, and
there importing libraries costs more than checking. Speed itself is measured by
``bench/run.py`` (never timed here); this keeps heavy imports out of the path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import EXAMPLES, ROOT

#: Imported by other commands (report, diff) or only when needed (did-you-mean,
#: colour), never by validating a clean model with plain output.
NOT_FOR_VALIDATE = ("networkx", "rich", "jinja2", "rapidfuzz", "pomkit.changes", "pomkit.playbook")


def test_validating_a_clean_model_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pomkit.cli import main\n"
        f"sys.argv = ['pomkit', 'validate', '-q', {str(EXAMPLES / 'agile.yaml')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        f"loaded = sorted(m for m in sys.modules if m.startswith({NOT_FOR_VALIDATE!r}))\n"
        "print(loaded)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
