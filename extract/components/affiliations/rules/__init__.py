"""Affiliation rules, one module per kind of wording; `cooptool.extract.components.affiliations`
runs them in the order it lists."""
