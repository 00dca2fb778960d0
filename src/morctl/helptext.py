"""`morctl --help` as typer prints it on a terminal of 80 columns or more.

`morctl --help` prints this without importing typer and click, which are most of its
start-up time. tests/test_cli_basics.py checks that it is still what typer prints; after a
change to the commands or to typer, regenerate it with
``MORCTL_REGENERATE=1 pytest tests/test_cli_basics.py``.
"""

MAIN = (
    "Usage: morctl [OPTIONS] COMMAND [ARGS]...\n"
    "\n"
    "  A sales Management Operating Rhythm as code: validate it, put it in\n"
    "  managers' calendars and checklists, and report adherence.\n"
    "\n"
    "Options:\n"
    "  --version   Show the version.\n"
    "  --debug     Show a traceback when something goes wrong.\n"
    "  -h, --help  Show this message and exit.\n"
    "\n"
    "Commands:\n"
    "  validate   Check rhythm.yaml and the roster: schema, references, the...\n"
    "  schema     Print the JSON Schema of rhythm.yaml, for editors...\n"
    "  expand     Every occurrence in a window (both days inclusive):...\n"
    "  calendar   Write one iCalendar feed (PERSON.ics) per person who owns or...\n"
    "  checklist  What each owner has due: GitHub task lines per person and...\n"
    "  show       The rhythm as a week grid (days as columns, activities by...\n"
    "  log        Append one completion to logs/YYYY-MM.csv (the month of...\n"
    "  report     Adherence per manager: what happened, on time or late,...\n"
    "  diff       What a change to a rhythm does: activities added, removed...\n"
    "  init       Create a workspace from a starter rhythm: rhythm.yaml, a...\n"
    "\n"
    "  Example:\n"
    "    morctl validate examples/acme\n"
)
