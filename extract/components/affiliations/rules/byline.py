"""The byline: "Author: staff reporter ZHOU LIN" with "Source: China Today" (read by the layout
step into `doc._.meta`) makes the author a reporter of the source."""

from __future__ import annotations

from cooptool.extract.components.affiliations.collect import AffiliationRun
from cooptool.extract.rules import rule


def _entity_at(ents: dict, span, name: str) -> dict | None:
    # By position first: an alias file may have renamed the entity.
    for e in ents.values():
        if span and any(m[0] == span[0] and m[1] == span[1] for m in e["mentions"]):
            return e
    return next((e for e in ents.values() if e["name"] == name), None)


@rule("affiliation.byline", confidence=0.95, examples=[
    ("Harbour Dredging Resumes\n\n2024-05-02 09:30:00 Source:Tidewater Gazette Author:staff reporter "
     "MARTA OKAFOR\n\nDredging of the harbour resumed on Thursday after a month's pause.\n",
     {"person": "Marta Okafor", "role": "staff reporter", "org": "Tidewater Gazette"}),
])
def byline(run: AffiliationRun) -> list[dict]:
    """The author of the byline at its source."""
    meta = run.ctx.meta
    if not (meta.get("author") and meta.get("source")):
        return []
    ents = run.ents
    person = _entity_at(ents, meta.get("author_span"), meta["author"])
    org = _entity_at(ents, meta.get("source_span"), meta["source"])
    if person is not None and person["label"] != "PERSON":
        person = None
    if person is None or org is None:
        return []
    s, e = meta.get("byline_span") or (None, None)
    # Metadata of a JSON Lines row names the author without a place in the text.
    ps, pe = meta.get("author_span") or (None, None)
    os_, oe = meta.get("source_span") or (None, None)
    name = byline.rule.name
    return [{
        "person": person["name"], "person_id": person["id"], "role": meta.get("author_role") or "author",
        "org": org["name"], "org_id": org["id"], "org_aliases": org["aliases"],
        "evidence": meta.get("byline_text"), "start": s, "end": e,
        "person_start": ps, "person_end": pe, "org_start": os_, "org_end": oe,
        "pattern": name, "confidence": byline.rule.confidence, "status": "current",
    }]
