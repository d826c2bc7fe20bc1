"""The rule registry: every pattern that makes a record is a small named function with examples.

    from cooptool.extract.rules import rule

    @rule("affiliation.apposition", confidence=0.9, examples=[
        ("Jane Doe, chief executive of Acme Corp, said profits rose.",
         {"person": "Jane Doe", "role": "chief executive", "org": "Acme Corp"}),
    ])
    def apposition(ctx, person, sent): ...

A rule's name is `<family>.<rule>[.<variant>]`; the family is the record type it makes (affiliation,
claim, fact, event, entity). The record a rule makes carries the rule's name as its `pattern`, so
`cooptool said --format jsonl | jq .pattern` and `benchmarks/rule_report.py` say which rule found
what. Each example is a text and the fields one record of that rule must have (a subset match);
`tests/test_rule_examples.py` runs every example through the whole pipeline, so each rule has
visible, running coverage. An example whose expectation is `None` is a text on which the rule must
make no record (a guard).

Post-passes that reshape records (merging, dropping nested claims, inheritance) are listed in order
by the component that runs them; they register with `@rule` too when they make or rename records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# A text and the fields one record of the rule must have; None: the rule must not fire on it.
Example = tuple[str, dict | None]


@dataclass(frozen=True)
class Rule:
    name: str
    func: Callable
    confidence: float
    examples: tuple[Example, ...] = field(default=())
    summary: str = ""

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]


REGISTRY: dict[str, Rule] = {}

FAMILIES = ("entity", "affiliation", "claim", "fact", "event")


def rule(name: str, *, confidence: float = 0.8, examples: list[Example] | tuple[Example, ...] = ()) -> Callable:
    """Register the decorated function as the rule `name`; the function itself is unchanged."""
    family = name.split(".", 1)[0]
    if family not in FAMILIES or "." not in name:
        raise ValueError(f"rule name {name!r}: expected '<family>.<rule>' with family one of {FAMILIES}")
    if not 0.0 < confidence <= 1.0:
        raise ValueError(f"rule {name!r}: confidence {confidence} is not in (0, 1]")

    def register(func: Callable) -> Callable:
        known = REGISTRY.get(name)
        if known is not None and known.func.__qualname__ != func.__qualname__:
            raise ValueError(f"rule {name!r} is registered twice ({known.func.__qualname__}, {func.__qualname__})")
        doc = (func.__doc__ or "").strip().split("\n")[0]
        REGISTRY[name] = Rule(name, func, confidence, tuple(examples), doc)
        func.rule = REGISTRY[name]
        return func

    return register


def named(name: str) -> Rule:
    """The registered rule `name` (KeyError names the unknown rule)."""
    return REGISTRY[name]


def rules(prefix: str = "") -> list[Rule]:
    """Registered rules whose name starts with `prefix`, by name."""
    return [r for n, r in sorted(REGISTRY.items()) if n.startswith(prefix)]


def confidence(name: str, default: float = 0.8) -> float:
    r = REGISTRY.get(name)
    return r.confidence if r is not None else default
