"""The review page's part of the consolidated appendix: the same tables for the period, and
a trend view (each unit's figures across the same kind of period over the years, from
`v_change`), as one self-contained HTML section from catalog/templates/tong_hop_section.html.

    consolidation_section(con, consolidation) -> str     a <section> to put in any page
    write_page(con, consolidation, path)                  the section alone as a page

The section carries its own scoped styles (class prefix `th-`) and no script, so the review
page (warehouse/exports.py) can place it as it is, e.g. under a heading per period.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

import catalog
from warehouse.consolidate.table import Consolidation, Sheet
from warehouse.consolidate.word import vn_number

SECTION = "tong_hop_section.html"


def consolidation_section(con, c: Consolidation) -> str:
    form = catalog.consolidation()
    template = catalog.template(SECTION).read_text(encoding="utf-8")
    tables = "\n".join(_table(s) for s in c.sheets)
    span = c.period[5:]
    span_label = c.period_label.replace(c.period[:4], "").replace("năm", "").strip() or "năm"
    fill = {
        "{{PERIOD}}": html.escape(c.period),
        "{{UNIT_ID}}": html.escape(c.unit_id),
        "{{TITLE}}": html.escape(form["title"].format(period_label=c.period_label).upper()),
        "{{ATTACHED}}": html.escape(c.unit_name),
        "{{TABLES}}": tables,
        "{{TREND_TITLE}}": html.escape(form["page"]["trend_title"].format(span=span_label)),
        "{{TREND}}": _trend(con, c, span),
    }
    for key, value in fill.items():
        template = template.replace(key, value)
    return template


def write_page(con, c: Consolidation, path: Path) -> Path:
    title = catalog.consolidation()["page"]["page_title"].format(period_label=c.period_label)
    page = (
        f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}</title></head><body>\n{consolidation_section(con, c)}\n"
        "</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def _table(sheet: Sheet) -> str:
    esc = html.escape
    groups, start = [], 0
    for i in range(1, len(sheet.columns) + 1):
        if i == len(sheet.columns) or sheet.columns[i].group != sheet.columns[start].group:
            groups.append((sheet.columns[start].group, i - start))
            start = i
    form = catalog.consolidation()
    head = f'<tr><th rowspan="2">{esc(form["stt"])}</th><th rowspan="2">{esc(form["unit"])}</th>'
    head += "".join(f'<th colspan="{n}">{esc(g)}</th>' for g, n in groups)
    head += f'<th rowspan="2">{esc(form["source"])}</th></tr><tr>'
    head += "".join(f"<th>{esc(c.header)}</th>" for c in sheet.columns) + "</tr>"
    body = []
    for row in sheet.rows:
        cells = [f"<td>{esc(row.stt)}</td>", f'<td class="d{row.depth}">{esc(row.label)}</td>']
        for col in sheet.columns:
            flags = row.flags.get(col.key)
            text = vn_number(row.values.get(col.key), col.kind != "count")
            if flags and text:
                severity = "error" if any(s == "error" for s, _ in flags) else "warning"
                tip = esc("\n".join(m for _, m in flags))
                cells.append(f'<td class="n flag-{severity}" title="{tip}">{text}</td>')
            else:
                cells.append(f'<td class="n">{text}</td>')
        cells.append(f"<td>{esc(row.source)}</td>")
        body.append(f'<tr class="{row.kind}">' + "".join(cells) + "</tr>")
    return f"<h3>{esc(sheet.title)}</h3>\n<table>{head}\n" + "\n".join(body) + "</table>"


def _trend(con, c: Consolidation, span: str) -> str:
    """Each unit's figures for the same kind of period over the years, oldest first."""
    form = catalog.consolidation()["page"]
    units = [c.unit_id] + [r.unit_id for s in c.sheets[:1] for r in s.rows if r.unit_id]
    metrics = [col.metric for s in c.sheets for col in s.columns if col.kind != "computed"]
    rows = con.execute(
        "SELECT unit_id, unit_name, metric, label_vi, period, value, previous_period,"
        " previous_value, change_pct FROM v_change WHERE unit_id IN (SELECT unnest(?))"
        " AND metric IN (SELECT unnest(?)) AND substr(period, 5) = ?",
        [units, metrics, f"-{span}" if span else ""],
    ).fetchall()
    series: dict[tuple, dict[str, float]] = defaultdict(dict)
    names: dict[tuple, tuple[str, str]] = {}
    latest: dict[tuple, tuple[str, float | None]] = {}
    for uid, name, metric, label, period, value, prev_period, prev_value, pct in rows:
        key = (uid, metric)
        names[key] = (name, label or metric)
        series[key][period], series[key][prev_period] = value, prev_value
        if key not in latest or period > latest[key][0]:
            latest[key] = (period, pct)
    if not series:
        return f"<p>{html.escape(form['no_trend'])}</p>"
    periods = sorted({p for s in series.values() for p in s})
    order = {u: i for i, u in enumerate(units)}
    head = f"<tr><th>{form['trend_unit']}</th><th>{form['trend_metric']}</th>"
    head += "".join(f"<th>{html.escape(p)}</th>" for p in periods)
    head += f"<th>{form['trend_change']}</th></tr>"
    body = []
    for key in sorted(series, key=lambda k: (order.get(k[0], 99), metrics.index(k[1]))):
        name, label = names[key]
        rate = catalog.kind(key[1]) == "rate"
        cells = "".join(
            f'<td class="n">{vn_number(series[key].get(p), rate)}</td>' for p in periods
        )
        pct = latest[key][1]
        arrow = "" if pct is None else ("th-up" if pct >= 0 else "th-down")
        change = "" if pct is None else f"{'▲' if pct >= 0 else '▼'} {vn_number(abs(pct), True)}%"
        body.append(
            f"<tr><td>{html.escape(name)}</td><td>{html.escape(label)}</td>{cells}"
            f'<td class="n {arrow}">{change}</td></tr>'
        )
    return "<table>" + head + "\n" + "\n".join(body) + "</table>"
