"""Short invented news articles for the reliability tests (no corpus text)."""

from __future__ import annotations

from pathlib import Path

PEOPLE = ["Ana Ruiz", "Tom Bell", "Mara Okafor", "Piet Janssen", "Lena Vogt", "Ravi Menon", "Sofia Lind",
          "Omar Haddad", "Grace Mbeki", "Ivan Petrov", "Chen Hua", "Nora Quist"]
ORGS = ["Solenne Power", "Kestrel Bank", "Harbor Logistics", "Veltro Motors", "Orchid Telecom",
        "Brightwater Foods", "Calder Mining", "Norwind Airlines", "Tessaly Pharma", "Quillon Media",
        "Marrow Steel", "Lumen Retail"]
ROLES = ["chief executive", "finance director", "head of research", "chairman", "chief economist",
         "spokeswoman", "managing director", "senior analyst"]
CITIES = ["Lisbon", "Nairobi", "Oslo", "Manila", "Toronto", "Lyon"]


def article(i: int) -> str:
    """A short article whose people, organisations and numbers differ with `i`."""
    p, q = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 5) % len(PEOPLE)]
    o, o2 = ORGS[i % len(ORGS)], ORGS[(i + 7) % len(ORGS)]
    role, city = ROLES[i % len(ROLES)], CITIES[i % len(CITIES)]
    return (
        f"{o} reports record quarter number {i}\n\n"
        f"{o} said on Tuesday that profits rose {10 + i} per cent in the three months to June.\n\n"
        f"{p}, {role} of {o}, told reporters in {city} that demand had been strong.\n\n"
        f"\u201cWe expect another good year,\u201d {p} said.\n\n"
        f"{q}, an analyst at {o2}, said the figures were better than expected but warned that "
        f"costs could rise by {i + 2} million dollars next year.\n"
    )


def write_articles(folder: Path, start: int, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"article_{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths
