"""Run the command line: python -m reportgen."""

import sys

try:
    from reportgen.cli import run
except KeyboardInterrupt:  # Ctrl-C while starting: nothing was written yet
    sys.exit(130)

run()
