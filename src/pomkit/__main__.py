"""The command line's own process: ``python -m pomkit``, and the ``pomkit`` script.

Start-up builds a few hundred thousand objects that live as long as the process
(the modules, Pydantic's validators, the vocabularies), and no garbage: cyclic
collections while they are built only walk them again, a twentieth of a typical
run. The collector is off until the command has imported what it needs;
:func:`pomkit.cli.settle` then freezes all of it and turns the collector back on.
The library and a test runner's process keep their collector as it is.
"""

import gc

gc.disable()

from pomkit.cli import main  # noqa: E402  (after the collector is off)

if __name__ == "__main__":
    main()
