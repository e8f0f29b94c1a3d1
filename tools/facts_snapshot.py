"""Write everything the finders read from a set of documents to one JSON file, to compare.

A re-cut of the finders must not change what they find. This writes, for each file of the
dev corpus (../shared/corpus/dev), each rendering of the genre corpus's tuning part
(build/genre/tune, after `make eval` has rendered it) and each case of the genre sentence
suite (tests/fixtures/figures/genre_cases*.toml): the document's fields, every fact with all
its fields and links, the references and the flags the checks raise on them.

    .venv/bin/python tools/facts_snapshot.py /tmp/before.json
    ... change the finders ...
    .venv/bin/python tools/facts_snapshot.py /tmp/after.json --compare /tmp/before.json

Reading a file (PDF layout, OCR) does not depend on the finders, so the read documents are
cached under --cache (by path, size, modification time and the readers' code); --no-cache
reads them again.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
TUNE = ROOT / "build" / "genre" / "tune"
SUFFIXES = (".docx", ".pdf", ".doc")


def _fact_rows(facts: list) -> list[dict]:
    index = {id(f): i for i, f in enumerate(facts)}
    rows = []
    for f in facts:
        row = {k.name: getattr(f, k.name) for k in dataclasses.fields(f) if k.name != "links"}
        row["links"] = [
            [k.relation, index.get(id(k.other), "outside"), k.role, k.complete] for k in f.links
        ]
        rows.append(row)
    return rows


def _flag_rows(flags: list) -> list[dict]:
    rows = []
    for flag in flags:
        row = dataclasses.asdict(flag) if dataclasses.is_dataclass(flag) else vars(flag)
        rows.append(json.loads(json.dumps(row, default=str)))
    return rows


@functools.cache
def _readers_version() -> str:
    """What a read document depends on besides the file: the readers' and normalisers' code (a
    change there reads every file again)."""
    h = hashlib.sha1()
    for base in ("extractors/readers", "normalizers", "model"):
        for p in sorted((ROOT / base).rglob("*.py")):
            h.update(p.read_bytes())
    return h.hexdigest()


def _read(path: Path, cache: Path | None):
    from extractors.readers import read_document

    if cache is None:
        return read_document(path)
    stat = path.stat()
    key = hashlib.sha1(
        f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{_readers_version()}".encode()
    ).hexdigest()
    cached = cache / f"{key}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    doc = read_document(path)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(doc))
    return doc


def snapshot_file(path: Path, cache: Path | None) -> dict:
    from extractors.finders.figures import extract_facts
    from extractors.finders.metadata import extract_metadata
    from extractors.finders.references import extract_references
    from warehouse.checks import check_document

    doc = _read(path, cache)
    meta = extract_metadata(doc)
    facts = extract_facts(doc, meta)
    refs = extract_references(doc)
    flags = check_document(meta, facts, refs)
    return {
        "meta": json.loads(json.dumps(dataclasses.asdict(meta), default=str)),
        "facts": _fact_rows(facts),
        "refs": [dataclasses.asdict(r) for r in refs],
        "flags": _flag_rows(flags),
    }


def snapshot_cases() -> dict:
    sys.path.insert(0, str(ROOT))
    from extractors.finders.figures import extract_facts
    from tests.test_figures_genre import build_document, case_meta, load_cases

    out = {}
    for case in load_cases():
        facts = extract_facts(build_document(case), case_meta(case))
        out[f"case:{case['id']}"] = {"facts": _fact_rows(facts)}
    return out


def snapshot(cache: Path | None) -> dict:
    files = sorted(p for p in DEV.glob("*") if p.suffix in SUFFIXES)
    files += sorted(p for p in TUNE.glob("*") if p.suffix in SUFFIXES)
    out = {str(p.relative_to(p.parent.parent)): snapshot_file(p, cache) for p in files}
    out.update(snapshot_cases())
    return out


def compare(now: dict, before: dict) -> list[str]:
    """What differs, one line per document and part."""
    lines = []
    for name in sorted(set(now) | set(before)):
        a, b = before.get(name), now.get(name)
        if a is None or b is None:
            lines.append(f"{name}: {'new' if a is None else 'gone'}")
            continue
        for part in sorted(set(a) | set(b)):
            if a.get(part) != b.get(part):
                old, new = a.get(part) or [], b.get(part) or []
                lines.append(f"{name} {part}: before {len(old)}, now {len(new)}")
                if isinstance(old, list):
                    gone = [x for x in old if x not in new][:3]
                    came = [x for x in new if x not in old][:3]
                    lines += [f"   - {json.dumps(x, ensure_ascii=False)[:300]}" for x in gone]
                    lines += [f"   + {json.dumps(x, ensure_ascii=False)[:300]}" for x in came]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/facts_snapshot_docs"))
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    data = snapshot(None if args.no_cache else args.cache)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    args.out.write_text(text, encoding="utf-8")
    facts = sum(len(v.get("facts", [])) for v in data.values())
    print(f"{len(data)} documents, {facts} facts -> {args.out}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        diff = compare(json.loads(text), before)
        print("\n".join(diff) if diff else "identical")
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
