"""Hand-made stores for the show/graph/export tests: records written here, offsets computed from
texts written here (no model, no ../shared)."""

from __future__ import annotations

from pathlib import Path

from cooptool.extract.records import doc_id, dumps, entity_id, make

TEXT_A = (
    "Solenne signs a deal\n\n"
    "Ana Ruiz, chief executive of Solenne Power Co., Ltd., said the supply chain would move to Lyon. "
    "Tom Bell, an analyst at Kestrel Bank, said profits rose 5% <fast>.\n\n"
    "Solenne and Kestrel Bank held a summit in Lyon.\n"
)
TEXT_B = (
    "Kestrel Bank hires\n\n"
    "Tom Bell, an analyst at Kestrel Bank, warned that rates would rise. Solenne was not named.\n"
)


def _at(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    i = text.index(piece, after)
    return i, i + len(piece)


def _entity(doc: str, text: str, label: str, name: str, forms: list[str], aliases: list[str] | None = None) -> dict:
    mentions = []
    for form in forms:
        start = 0
        while True:
            i = text.find(form, start)
            if i < 0:
                break
            # Skip a shorter form inside a longer one already taken ("Solenne" in "Solenne Power ...").
            if not any(m["start"] <= i < m["end"] for m in mentions):
                mentions.append({"start": i, "end": i + len(form), "text": form})
            start = i + len(form)
    mentions.sort(key=lambda m: m["start"])
    return make("entity", doc, id=entity_id(label, name), name=name, label=label, aliases=aliases or [],
                mentions=mentions)


def _sentence(text: str, inside: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, inside) + 2, text.rfind("\n", 0, inside) + 1)
    end = min(i for i in (text.find(". ", inside), text.find(".\n", inside)) if i >= 0) + 1
    return start, end


def records_a() -> list[dict]:
    t, d = TEXT_A, doc_id(TEXT_A)
    org = "Solenne Power Co., Ltd."
    recs = [
        _entity(d, t, "PERSON", "Ana Ruiz", ["Ana Ruiz"]),
        _entity(d, t, "ORG", org, [org, "Solenne"], ["Solenne"]),
        _entity(d, t, "PERSON", "Tom Bell", ["Tom Bell"]),
        _entity(d, t, "ORG", "Kestrel Bank", ["Kestrel Bank"]),
        _entity(d, t, "GPE", "Lyon", ["Lyon"]),
    ]
    for person, role, org_name, org_aliases in (("Ana Ruiz", "chief executive", org, ["Solenne"]),
                                                ("Tom Bell", "analyst", "Kestrel Bank", [])):
        ps, pe = _at(t, person)
        os_, oe = _at(t, org_name, ps)
        s, e = _sentence(t, ps)
        recs.append(make("affiliation", d, person=person, person_id=entity_id("PERSON", person), role=role,
                         org=org_name, org_id=entity_id("ORG", org_name), org_aliases=org_aliases,
                         evidence=t[s:e], start=s, end=e, person_start=ps, person_end=pe, org_start=os_,
                         org_end=oe, pattern="apposition", confidence=0.9))
    for speaker, content, role, org_name in (("Ana Ruiz", "the supply chain would move to Lyon", "chief executive", org),
                                             ("Tom Bell", "profits rose 5% <fast>", "analyst", "Kestrel Bank")):
        ss, se = _at(t, speaker)
        cs, ce = _at(t, content, ss)
        qs, qe = _at(t, "said", ss)
        s, e = _sentence(t, ss)
        recs.append(make("claim", d, speaker=speaker, speaker_id=entity_id("PERSON", speaker), speaker_type="PERSON",
                         speaker_aliases=[], speaker_mention=speaker, role=role, org=org_name, org_aliases=[],
                         text=content, direct=False, cue="said", evidence=t[s:e], confidence=0.8,
                         pattern="reported", start=cs, end=ce, pieces=[[cs, ce]], speaker_start=ss,
                         speaker_end=se, cue_start=qs, cue_end=qe))
    fs, fe = _at(t, "5%")
    s, e = _sentence(t, fs)
    recs.append(make("fact", d, subject="Kestrel Bank", subject_id=entity_id("ORG", "Kestrel Bank"),
                     subject_aliases=[], subject_via="sentence", kind="percent", value=5, value_max=None,
                     currency=None, unit="%", approx=None, change="up", text="5%", about="profits", place=None,
                     date=None, date_text=None, converted=[], evidence=t[s:e], start=s, end=e,
                     text_start=fs, text_end=fe))
    ns, ne = _at(t, "a summit")
    s, e = _sentence(t, ns)
    recs.append(make("event", d, name="summit", aliases=[], date=None, date_text=None, place="Lyon",
                     organizers=[org, "Kestrel Bank"], participants=[], actor_aliases=["Solenne"],
                     evidence=t[s:e], start=s, end=e, name_start=ns, name_end=ne))
    return recs


def records_b() -> list[dict]:
    t, d = TEXT_B, doc_id(TEXT_B)
    ps, pe = _at(t, "Tom Bell")
    os_, oe = _at(t, "Kestrel Bank", ps)
    s, e = _sentence(t, ps)
    cs, ce = _at(t, "rates would rise")
    qs, qe = _at(t, "warned")
    return [
        _entity(d, t, "ORG", "Kestrel Bank", ["Kestrel Bank"]),
        _entity(d, t, "PERSON", "Tom Bell", ["Tom Bell"]),
        _entity(d, t, "ORG", "Solenne", ["Solenne"]),
        make("affiliation", d, person="Tom Bell", person_id=entity_id("PERSON", "Tom Bell"), role="analyst",
             org="Kestrel Bank", org_id=entity_id("ORG", "Kestrel Bank"), org_aliases=[], evidence=t[s:e],
             start=s, end=e, person_start=ps, person_end=pe, org_start=os_, org_end=oe, pattern="apposition",
             confidence=0.9),
        make("claim", d, speaker="Tom Bell", speaker_id=entity_id("PERSON", "Tom Bell"), speaker_type="PERSON",
             speaker_aliases=[], speaker_mention="Tom Bell", role="analyst", org="Kestrel Bank", org_aliases=[],
             text="rates would rise", direct=False, cue="warned", evidence=t[s:e], confidence=0.8,
             pattern="reported", start=cs, end=ce, pieces=[[cs, ce]], speaker_start=ps, speaker_end=pe,
             cue_start=qs, cue_end=qe),
    ]


def document_record(text: str, path: str | None) -> dict:
    return make("document", doc_id(text), path=path, title=text.split("\n", 1)[0], published="2024-01-02",
                source="Wire", author=None, words=len(text.split()), chars=len(text), headings=[], captions=[])


def write_store(folder: Path, *, second: bool = False, text_files: bool = True) -> Path:
    """A store of document A (and B with `second`); the texts are saved beside it as a.txt/b.txt."""
    store = folder / "store.jsonl"
    blocks = []
    for name, text, recs in (("a.txt", TEXT_A, records_a()), ("b.txt", TEXT_B, records_b()))[: 2 if second else 1]:
        if text_files:
            (folder / name).write_text(text, encoding="utf-8")
        blocks.append(b"".join(dumps(r) for r in [*recs, document_record(text, str(folder / name))]))
    store.write_bytes(b"".join(blocks))
    return store


def append_block(store: Path, text: str, recs: list[dict], path: str | None) -> None:
    with open(store, "ab") as fh:
        fh.write(b"".join(dumps(r) for r in [*recs, document_record(text, path)]))
