"""The ``geo`` command: a thin shell over the Python API.

Each sub-command lives in its own module and only parses options, calls one public
function and turns our errors into a message on stderr and a non-zero exit.
"""

from __future__ import annotations

import click

from geo.cli.extract_cmd import extract_command
from geo.cli.gazetteer_cmd import gazetteer_group
from geo.cli.geoparse_cmd import geoparse_command
from geo.cli.map_cmd import map_command

COMMANDS: list[click.Command] = [gazetteer_group, geoparse_command, extract_command, map_command]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="incident-mapper")
def main() -> None:
    """Map incidents reported in news text: places, counts, sources."""


for _command in COMMANDS:
    main.add_command(_command)
