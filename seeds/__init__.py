"""The bundled seed corpus: `cooptool extract` with no path reads the .txt files here."""
