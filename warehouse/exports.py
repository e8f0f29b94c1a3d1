"""What users look at after an ingest: an Excel workbook, an offline review page, files for tools.

so_lieu_tong_hop.xlsx   comparison table, all facts, flags, documents (printable A4 landscape)
bao_cao_kiem_tra.html   one self-contained page: per document its figures and flags, charts,
                        filters; opens by double-click with no network
facts.parquet, flags.csv
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

from warehouse.compare import MAIN_METRICS, create_compare_views

XLSX_NAME = "so_lieu_tong_hop.xlsx"
HTML_NAME = "bao_cao_kiem_tra.html"
PARQUET_NAME = "facts.parquet"
FLAGS_CSV_NAME = "flags.csv"

FACT_COLUMNS = (
    "file_name",
    "metric",
    "value",
    "unit",
    "qualifier",
    "scope",
    "period",
    "evidence",
    "page",
)
FLAG_COLUMNS = (
    "file_name",
    "rule",
    "severity",
    "metric",
    "message",
    "evidence",
    "rel_path",
    "doc_id",
)
DOC_COLUMNS = (
    "file_name",
    "status",
    "error",
    "doc_type",
    "issuer",
    "province",
    "period",
    "doc_number",
    "doc_date",
)

# The review page joins facts and flags to their document by doc_id, never by file name (two
# offices name their files alike), and charts count each unit's primary copy once.
PAGE_DOC_SQL = """SELECT d.file_name, d.status, d.error, d.doc_type, d.issuer, d.province, d.period,
  d.doc_number, d.doc_date, d.rel_path, d.doc_id, d.unit_id, d.primary_doc_id,
  coalesce(u.name, d.issuer, d.rel_path) AS unit_name
  FROM v_documents d LEFT JOIN units u USING (unit_id) ORDER BY d.rel_path"""
PAGE_FACT_COLUMNS = FACT_COLUMNS + ("doc_id",)

RULE_LABELS = {
    "rate_mismatch": "Tỷ lệ không khớp",
    "sum_mismatch": "Tổng không khớp",
    "part_exceeds_total": "Phần lớn hơn tổng",
    "value_conflict": "Số liệu mâu thuẫn trong văn bản",
    "cross_doc_conflict": "Số liệu mâu thuẫn giữa các văn bản",
    "period_rollup": "Số liệu kỳ ngắn lớn hơn kỳ dài",
    "invalid_date": "Ngày không hợp lệ",
    "reference_conflict": "Văn bản dẫn chiếu mâu thuẫn",
    "malformed_number": "Số viết sai",
    "implausible_value": "Giá trị bất thường",
    "copy_conflict": "Hai bản của cùng báo cáo ghi khác nhau",
}


def _rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def _labels(con) -> dict[str, dict]:
    return {
        m: {"label": lab, "unit": unit, "family": fam, "kind": kind}
        for m, lab, unit, fam, kind in _rows(
            con, "SELECT metric, label_vi, unit, family, kind FROM metric_labels"
        )
    }


def write_reports(con, out_dir: Path) -> list[Path]:
    """Write the four outputs from an open warehouse connection; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    create_compare_views(con)
    paths = [write_excel(con, out_dir / XLSX_NAME), write_html(con, out_dir / HTML_NAME)]
    parquet = out_dir / PARQUET_NAME
    con.execute(f"COPY (SELECT * FROM v_facts) TO '{_sql_path(parquet)}' (FORMAT PARQUET)")
    paths.append(parquet)
    flags_csv = out_dir / FLAGS_CSV_NAME
    with flags_csv.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(FLAG_COLUMNS)
        w.writerows(
            _rows(con, f"SELECT {', '.join(FLAG_COLUMNS)} FROM v_flags ORDER BY rel_path, rule")
        )
    paths.append(flags_csv)
    return paths


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


# --------------------------------------------------------------------------- Excel


def write_excel(con, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    labels = _labels(con)
    wb = Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    error_fill = PatternFill("solid", fgColor="F8CBAD")
    warn_fill = PatternFill("solid", fgColor="FFF2CC")

    def sheet(
        ws,
        header: list[str],
        rows: list[tuple],
        widths: list[int],
        formats: dict[int, str] | None = None,
    ):
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in rows:
            ws.append(list(row))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        for col, fmt in (formats or {}).items():
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = fmt
        ws.freeze_panes = "B2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"

    # 1. Comparison table
    ws = wb.active
    ws.title = "Tổng hợp"
    metric_cols = ", ".join(f'"{m}"' for m in MAIN_METRICS)
    compare = _rows(
        con,
        f"SELECT unit_name, period, {metric_cols} FROM v_compare ORDER BY period, unit_name",
    )
    header = ["Đơn vị", "Kỳ báo cáo"] + [
        f"{labels.get(m, {}).get('label', m)} ({labels.get(m, {}).get('unit', '')})"
        for m in MAIN_METRICS
    ]
    formats = {
        i + 3: ("0.00" if labels.get(m, {}).get("unit") == "%" else "#,##0")
        for i, m in enumerate(MAIN_METRICS)
    }
    sheet(ws, header, compare, [34, 11] + [14] * len(MAIN_METRICS), formats)
    ws.row_dimensions[1].height = 60
    if compare:
        total = ["Tổng cộng", ""]
        for i, m in enumerate(MAIN_METRICS):
            if labels.get(m, {}).get("kind") == "count":
                col = get_column_letter(i + 3)
                total.append(f"=SUM({col}2:{col}{len(compare) + 1})")
            else:
                total.append(None)
        ws.append(total)
        for cell in ws[ws.max_row]:
            cell.font = bold
        for i in range(len(MAIN_METRICS)):
            ws.cell(ws.max_row, i + 3).number_format = formats[i + 3]

    # 2. Facts
    ws = wb.create_sheet("Số liệu")
    facts = _rows(
        con,
        """SELECT f.rel_path, f.metric, coalesce(l.label_vi, f.metric), f.value, f.unit, f.qualifier,
                                  f.scope, f.period, f.page, f.evidence
                           FROM v_facts f LEFT JOIN metric_labels l USING (metric) ORDER BY f.rel_path, f.metric""",
    )
    sheet(
        ws,
        [
            "Tệp",
            "Mã chỉ tiêu",
            "Chỉ tiêu",
            "Giá trị",
            "Đơn vị",
            "Mức độ",
            "Phạm vi",
            "Kỳ",
            "Trang",
            "Trích dẫn",
        ],
        facts,
        [28, 30, 36, 12, 9, 10, 24, 10, 7, 90],
        {4: "#,##0.##"},
    )

    # 3. Flags
    ws = wb.create_sheet("Cảnh báo")
    flags = _rows(
        con,
        """SELECT rel_path, rule, severity, metric, message, evidence FROM v_flags
                          ORDER BY severity, rel_path, rule""",
    )
    sheet(
        ws,
        ["Tệp", "Quy tắc", "Mức độ", "Chỉ tiêu", "Nội dung", "Trích dẫn"],
        flags,
        [28, 20, 9, 30, 70, 70],
    )
    for row in ws.iter_rows(min_row=2):
        fill = error_fill if row[2].value == "error" else warn_fill
        for cell in row:
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    # 4. Documents
    ws = wb.create_sheet("Văn bản")
    doc_cols = ", ".join(("rel_path",) + DOC_COLUMNS[1:])
    docs = _rows(con, f"SELECT {doc_cols} FROM v_documents ORDER BY rel_path")
    sheet(
        ws,
        ["Tệp", "Trạng thái", "Lỗi", "Loại", "Cơ quan ban hành", "Tỉnh", "Kỳ", "Số hiệu", "Ngày"],
        docs,
        [30, 10, 40, 10, 34, 14, 10, 16, 12],
        {9: "dd/mm/yyyy"},
    )
    for row in ws.iter_rows(min_row=2):
        if row[1].value == "failed":
            for cell in row:
                cell.fill = error_fill
    wb.save(path)
    return path


# --------------------------------------------------------------------------- HTML


def write_html(con, path: Path) -> Path:
    labels = _labels(con)
    cursor = con.execute(PAGE_DOC_SQL)
    names = [c[0] for c in cursor.description]
    docs = [dict(zip(names, r)) for r in cursor.fetchall()]
    facts = [
        dict(zip(PAGE_FACT_COLUMNS, r))
        for r in _rows(
            con, f"SELECT {', '.join(PAGE_FACT_COLUMNS)} FROM v_facts ORDER BY rel_path, metric"
        )
    ]
    flags = [
        dict(zip(FLAG_COLUMNS, r))
        for r in _rows(
            con, f"SELECT {', '.join(FLAG_COLUMNS)} FROM v_flags ORDER BY rel_path, severity, rule"
        )
    ]
    for d in docs:
        d["doc_date"] = str(d["doc_date"]) if d["doc_date"] is not None else None
    data = {
        "docs": docs,
        "facts": facts,
        "flags": flags,
        "labels": labels,
        "rules": RULE_LABELS,
        "main": list(MAIN_METRICS),
    }
    payload = json.dumps(data, ensure_ascii=False, default=str).replace("</", "<\\/")
    path.write_text(
        _PAGE.replace("__DATA__", payload).replace(
            "__TITLE__", html.escape("Kiểm tra số liệu báo cáo")
        ),
        encoding="utf-8",
    )
    return path


_PAGE = r"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
body{font-family:"Times New Roman",serif;margin:0;background:#f6f7f9;color:#222}
header{background:#1f4e79;color:#fff;padding:12px 20px}header h1{margin:0;font-size:22px}
#filters{padding:10px 20px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:2}
#filters label{margin-right:16px}select{font-size:14px}
main{padding:10px 20px}section.doc{background:#fff;border:1px solid #ddd;border-radius:6px;margin:12px 0;padding:10px 16px}
section.doc h2{font-size:17px;margin:4px 0}.meta{color:#555;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#ddebf7;text-align:left}td.num{text-align:right;white-space:nowrap}
.flag{border-left:5px solid #c00;background:#fde9e7;margin:6px 0;padding:6px 10px}
.flag.warning{border-color:#d9a400;background:#fff7dd}.flag .msg{font-weight:bold}
mark{background:#ffe066;padding:0 2px}.ev{color:#333;font-style:italic}
.failed{color:#c00}.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #ddd;padding:8px;border-radius:6px}
.chart h3{font-size:14px;margin:2px 0 6px}.empty{color:#777}
</style></head><body>
<header><h1>Kiểm tra số liệu báo cáo</h1><div id="summary"></div></header>
<div id="filters">
<label>Kỳ báo cáo <select id="f-period"><option value="">Tất cả</option></select></label>
<label>Lĩnh vực <select id="f-family"><option value="">Tất cả</option></select></label>
<label>Mức độ cảnh báo <select id="f-severity"><option value="">Tất cả</option><option value="error">Lỗi</option><option value="warning">Cần xem lại</option><option value="none">Không có cảnh báo</option></select></label>
</div>
<main><h2>Biểu đồ so sánh các đơn vị</h2><div class="charts" id="charts"></div><div id="docs"></div></main>
<script id="data" type="application/json">__DATA__</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const FAMILY_VI = {reception:"Tiếp công dân",petitions:"Khiếu nại, tố cáo, kiến nghị",mediation:"Hòa giải ở cơ sở",tthc:"Thủ tục hành chính",index:"Chỉ số",inspection:"Kiểm tra",governance:"Lãnh đạo, chỉ đạo",econ:"Kinh tế - xã hội"};
function esc(s){return String(s==null?"":s).replace(/[&<>"]/g,c=>({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));}
function vn(v){if(v==null)return "";const neg=v<0;v=Math.abs(v);let [i,d]=String(Math.round(v*100)/100).split(".");i=i.replace(/\B(?=(\d{3})+(?!\d))/g,".");return (neg?"-":"")+i+(d?","+d:"");}
function highlight(ev,v){const t=esc(ev);if(v==null)return t;const forms=[vn(v)];if(Number.isInteger(v)){forms.push(String(v).padStart(2,"0"));forms.push(String(v));}
 for(const f of forms){const re=new RegExp("(^|[^0-9.,])("+f.replace(/[.]/g,"\\.")+")(?![0-9])");if(re.test(t))return t.replace(re,"$1<mark>$2</mark>");}return t;}
function fam(m){return (D.labels[m]||{}).family||m.split(".")[0];}
function label(m){return (D.labels[m]||{}).label||m;}
const periods=[...new Set(D.docs.map(d=>d.period).filter(Boolean))].sort();
for(const p of periods){const o=document.createElement("option");o.value=p;o.textContent=p;document.getElementById("f-period").appendChild(o);}
const fams=[...new Set(D.facts.map(f=>fam(f.metric)))].sort();
for(const f of fams){const o=document.createElement("option");o.value=f;o.textContent=FAMILY_VI[f]||f;document.getElementById("f-family").appendChild(o);}
function render(){
 const per=document.getElementById("f-period").value, fa=document.getElementById("f-family").value, sev=document.getElementById("f-severity").value;
 const nErr=D.flags.filter(f=>f.severity==="error").length;
 document.getElementById("summary").textContent=D.docs.length+" văn bản · "+D.facts.length+" số liệu · "+D.flags.length+" cảnh báo ("+nErr+" lỗi)";
 let html="";
 for(const d of D.docs){
  if(per&&d.period!==per)continue;
  const flags=D.flags.filter(f=>f.doc_id===d.doc_id&&(!fa||!f.metric||fam(f.metric)===fa));
  if(sev==="none"&&flags.length)continue;
  if(sev&&sev!=="none"&&!flags.some(f=>f.severity===sev))continue;
  const facts=D.facts.filter(f=>f.doc_id===d.doc_id&&(!fa||fam(f.metric)===fa));
  html+='<section class="doc"><h2>'+esc(d.rel_path)+'</h2><div class="meta">'+esc([d.issuer,d.province,d.period,d.doc_number,d.doc_date].filter(Boolean).join(" · "))+'</div>';
  if(d.status!=="ok")html+='<p class="failed">Không đọc được: '+esc(d.error)+'</p>';
  for(const f of flags){const shown=(sev&&sev!=="none")?f.severity===sev:true;if(!shown)continue;
   html+='<div class="flag '+esc(f.severity)+'"><div class="msg">'+esc((D.rules[f.rule]||f.rule)+": "+f.message)+'</div><div class="ev">'+esc(f.evidence)+'</div></div>';}
  if(facts.length){html+='<table><tr><th>Chỉ tiêu</th><th>Giá trị</th><th>Đơn vị</th><th>Phạm vi</th><th>Kỳ</th><th>Trang</th><th>Trích dẫn</th></tr>';
   for(const f of facts)html+='<tr><td>'+esc(label(f.metric))+'</td><td class="num">'+(f.qualifier&&f.qualifier!=="exact"?({more_than:"&gt; ",less_than:"&lt; ",about:"~ "}[f.qualifier]||""):"")+esc(vn(f.value))+'</td><td>'+esc(f.unit)+'</td><td>'+esc(f.scope)+'</td><td>'+esc(f.period)+'</td><td>'+esc(f.page)+'</td><td class="ev">'+highlight(f.evidence,f.value)+'</td></tr>';
   html+='</table>';} else html+='<p class="empty">Không có số liệu.</p>';
  html+='</section>';}
 document.getElementById("docs").innerHTML=html||'<p class="empty">Không có văn bản phù hợp bộ lọc.</p>';
 renderCharts(per,fa);}
function renderCharts(per,fa){
 const byId=Object.fromEntries(D.docs.map(d=>[d.doc_id,d]));
 let out="";
 for(const m of D.main){if(fa&&fam(m)!==fa)continue;
  const vals={};for(const f of D.facts){if(f.metric!==m||f.scope||f.value==null)continue;if(per&&f.period!==per)continue;const d=byId[f.doc_id];if(!d||d.primary_doc_id!==d.doc_id)continue;const k=d.unit_name+(d.province&&d.unit_name.indexOf(d.province)<0?" – "+d.province:"")+" ("+f.period+")";vals[k]=Math.max(vals[k]||0,f.value);}
  const keys=Object.keys(vals);if(!keys.length)continue;const max=Math.max(...Object.values(vals))||1;const h=18*keys.length+10;const lw=Math.max(190,6*Math.max(...keys.map(k=>k.length)));
  let svg='<svg width="'+(lw+330)+'" height="'+h+'" role="img" aria-label="'+esc(label(m))+'">';
  keys.forEach((k,i)=>{const w=Math.max(1,250*vals[k]/max);svg+='<text x="0" y="'+(14+18*i)+'" font-size="11">'+esc(k)+'</text><rect x="'+lw+'" y="'+(4+18*i)+'" width="'+w+'" height="13" fill="#2e75b6"></rect><text x="'+(lw+4+w)+'" y="'+(14+18*i)+'" font-size="11">'+esc(vn(vals[k]))+'</text>';});
  out+='<div class="chart"><h3>'+esc(label(m))+'</h3>'+svg+'</svg></div>';}
 document.getElementById("charts").innerHTML=out||'<p class="empty">Chưa có số liệu để so sánh.</p>';}
for(const id of ["f-period","f-family","f-severity"])document.getElementById(id).addEventListener("change",render);
render();
</script></body></html>
"""
