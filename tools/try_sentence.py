"""Print the facts the prose finder reads from sentences given on the command line.

.venv/bin/python tools/try_sentence.py "Ban Tiếp công dân huyện đã tiếp 45 lượt/52 người."
HEADING="4. Giải quyết kiến nghị" .venv/bin/python tools/try_sentence.py "..."   # under a heading
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extractors.finders.cues import load_catalog  # noqa: E402
from extractors.finders.prose import Sentence, sentence_facts  # noqa: E402
from model import DocMeta  # noqa: E402

meta = DocMeta(doc_type="bao_cao", period=os.environ.get("PERIOD", "2023"), doc_date="2023-12-15")
for text in sys.argv[1:]:
    print(text)
    heading = os.environ.get("HEADING", "")
    sentence = Sentence(text, 0, 0, None, "text", 0)
    context = os.environ.get("CONTEXT", "")
    for f in sentence_facts(sentence, load_catalog(), meta, 2023, context, heading=heading):
        print(
            f"   {f.metric:40} {f.value!s:>10} {f.unit or '':8} {f.qualifier} scope={f.scope} "
            f"period={f.period} detail={f.detail}"
        )
        for link in f.links:
            print(f"      {link}")
