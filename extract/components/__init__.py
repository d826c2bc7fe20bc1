"""spaCy components of cooptool. Importing a module registers its factory."""
