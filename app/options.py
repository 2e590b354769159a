"""The command-line options every command shares, declared once.

Each command module imports its options from here (never from ``cli.py``), so an
option keeps one name, one help text and one default everywhere, and the command
modules do not import the CLI that registers them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from selfaudit.config import CONFIG_NAME

__all__ = ["PASSWORD_ENV", "AppointmentOption", "ConfigOption", "DataOption", "DemoDataOption", "DemoHtmlOption", "DemoPasswordOption", "EmbedderOption",
           "FastOption", "HtmlOption", "InitAppointmentOption", "PackOption", "PasswordOption",
           "PdfOption"]

PASSWORD_ENV = "SELFAUDIT_PDF_PASSWORD"

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help=f"Configuration file (default: ./{CONFIG_NAME}, else your user config folder).",
                 show_default=False),
]
DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Data folder holding the private database and the reports (default: from the config, "
                 "else your user data folder).", show_default=False),
]
DemoDataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Data folder for the demo (default: a 'demo' folder in your user data folder).",
                 show_default=False),
]
AppointmentOption = Annotated[
    str | None,
    typer.Option("--appointment-date", help="The date you joined the UN (YYYY-MM-DD): sets pre/post-appointment timing "
                 "and is marked on the charts (default: from the config).", show_default=False),
]
InitAppointmentOption = Annotated[
    str, typer.Option("--appointment-date", help="The date you joined the UN (YYYY-MM-DD), written into the new file."),
]
PackOption = Annotated[
    str | None,
    typer.Option("--pack", help="Policy pack id or path (default: from the config, else un-secretariat).", show_default=False),
]
EmbedderOption = Annotated[
    str | None,
    typer.Option("--embedder", help="Embedding model: default, use-m3, minilm, use-m3+minilm or st:<model>.",
                 show_default=False),
]
FastOption = Annotated[
    bool, typer.Option("--fast", help="Lift the polite crawl delays (only for your own test servers)."),
]
HtmlOption = Annotated[
    Path | None,
    typer.Option("--html", help="Where to write the HTML report (default: [report] html from the config, "
                 "selfaudit-report.html, inside the data folder).", show_default=False),
]
DemoHtmlOption = Annotated[
    Path | None,
    typer.Option("--html", help="Report path (default: selfaudit-demo-report.html inside the demo data folder; the PDF "
                 "goes next to it).", show_default=False),
]
PdfOption = Annotated[
    Path | None,
    typer.Option("--pdf", help="Also write a PDF of the same report here (default: [report] pdf from the config, "
                 "inside the data folder; none when unset).", show_default=False),
]
PasswordOption = Annotated[
    str | None,
    typer.Option("--password", envvar=PASSWORD_ENV, show_default=False,
                 help=f"Encrypt the PDF (AES-256) with this password. Without it, you are asked on a terminal (leave "
                 f"empty for none); off a terminal the PDF is written unencrypted and the output says so. Prefer the "
                 f"prompt or ${PASSWORD_ENV}: a password on the command line shows in the process list and your "
                 f"shell history."),
]

DemoPasswordOption = Annotated[
    str | None,
    typer.Option("--password", envvar=PASSWORD_ENV, show_default=False,
                 help=f"Encrypt the demo PDF with this password (or ${PASSWORD_ENV}); never asked, the demo's posts "
                 f"are invented."),
]

