"""cooptool's command line: thin Typer commands over `cooptool.extract`."""
