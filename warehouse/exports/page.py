"""bao_cao_kiem_tra.html: the review page, one self-contained file that opens offline.

The page is the templates under warehouse/templates/ (review.html, review.css, review.js)
with the data embedded as JSON. Document text reaches the page only inside that JSON, with
every `<`, `>`, `&` and U+2028/U+2029 escaped, so no sentence can close the script block or
open a comment in it; the script builds every element with the DOM (text nodes, never
parsed HTML), and a Content-Security-Policy lets only the page's own script run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import catalog
from warehouse.exports.data import ReportData
from warehouse.exports.summary import Summary

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def script_json(value) -> str:
    """JSON safe inside an HTML <script> element, whatever text it carries."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {{NAME}} placeholders in one pass (inserted text is never searched again)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_page(data: ReportData, summary: Summary, path: Path, consolidated: str = "") -> Path:
    script = (TEMPLATES / "review.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    page = fill(
        (TEMPLATES / "review.html").read_text(encoding="utf-8"),
        {
            "CSS": (TEMPLATES / "review.css").read_text(encoding="utf-8"),
            "DATA": script_json(payload(data, summary)),
            "JS": script,
            "SCRIPT_HASH": f"sha256-{digest}",
            "CONSOLIDATED": consolidated or '<p class="empty">Chưa đủ báo cáo để tổng hợp.</p>',
        },
    )
    path.write_text(page, encoding="utf-8")
    return path


def payload(data: ReportData, summary: Summary) -> dict:
    """What the page's script reads: documents, figures, flags, labels, the comparison."""
    periods = {d["period"] for d in data.docs} | {f["period"] for f in data.facts}
    periods |= {r.period for r in summary.rows}
    used = {f["metric"] for f in data.facts} | {g["metric"] for g in data.flags}
    used |= set(summary.metrics)
    return {
        "docs": [_doc(d) for d in data.docs],
        "facts": [_fact(f) for f in data.facts],
        "flags": [_flag(g, data.flag_cells.get(g["flag_id"])) for g in data.flags],
        "metrics": {m: _metric(m) for m in sorted(x for x in used if x)},
        "labels": {
            "families": catalog.code_labels("families"),
            "rules": catalog.code_labels("rules"),
            "severities": catalog.code_labels("severities"),
            "reviews": catalog.code_labels("review_statuses"),
            "qualifiers": catalog.code_labels("qualifiers"),
            "periods": {p: catalog.period_label(p) for p in periods if p},
        },
        "compare": {
            "metrics": summary.metrics,
            "rows": [
                {"unit": r.unit, "province": r.province, "period": r.period, "values": r.values}
                for r in summary.rows
                if not r.subtotal
            ],
        },
    }


def _metric(m: str) -> list:
    info = catalog.metric_labels().get(m)
    family = info.family if info else catalog.family(m)
    return [catalog.metric_label(m), family, info.unit if info else "", catalog.kind(m)]


def _doc(d: dict) -> dict:
    return {
        "id": d["doc_id"],
        "file": d["file_name"],
        "status": d["status"],
        "error": d["error"],
        "type": catalog.code_label("doc_types", d["doc_type"]) if d["doc_type"] else None,
        "issuer": d["issuer"],
        "province": d["province"],
        "period": d["period"],
        "number": d["doc_number"],
        "date": d["doc_date"].strftime("%d/%m/%Y") if d["doc_date"] else None,
    }


def _fact(f: dict) -> dict:
    return {
        "d": f["doc_id"],
        "m": f["metric"],
        "v": f["value"],
        "x": f["value_extracted"],
        "c": bool(f["corrected"]),
        "u": f["unit"],
        "q": f["qualifier"],
        "s": f["scope"],
        "p": f["period"],
        "pg": f["page"],
        "e": f["evidence"],
        "r": f["raw"],
    }


def _flag(g: dict, cells: list[tuple[str, str]] | None) -> dict:
    return {
        "d": g["doc_id"],
        "rule": g["rule"],
        "sev": g["severity"],
        "m": g["metric"],
        "msg": g["message"],
        "e": g["evidence"],
        "pg": g["page"],
        "st": g["status"],
        "n": g["note"],
        "by": g["reviewer"],
        "cells": cells or [],
    }
