"""Print a document's blocks (kind, page, text) — a developer's look at what readers produce.

.venv/bin/python tools/dev_blocks.py ../shared/corpus/dev/003_sa_dec_6thang_2023.docx
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extractors.readers import read_document  # noqa: E402

for arg in sys.argv[1:]:
    doc = read_document(Path(arg))
    for b in doc.blocks:
        refs = f" refs={b.footnote_refs}" if b.footnote_refs else ""
        label = f" [{b.label}]" if b.label else ""
        print(f"#{b.index} {b.kind} p{b.page}{label}{refs}: {b.text}")
        print()
