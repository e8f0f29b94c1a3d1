"""Generate reports whose figures sit in ruled appendix tables, in the layouts offices use.

Each report (our own writing, in the genre's .rpt format of tests/genre/README.md) states its
totals in the text and carries three appendix tables:
  - Biểu 01, the per-unit national form: one row per commune with a two-row merged header
    (Tiếp công dân: Lượt | Người; Đơn tiếp nhận: Tổng số | Thuộc thẩm quyền; Đơn đã giải quyết)
    and a total row;
  - Biểu 02, a per-month table (Tháng 1 ... of the period) with its own total row;
  - Biểu 03, an indicator table (STT | Chỉ tiêu | Đơn vị tính | Kết quả).
The sources are rendered by tools/genre_render.py (docx printed to PDF by LibreOffice, so the
PDFs carry the ruling lines Word and LibreOffice draw), each with a gold file for the scorer.

    .venv/bin/python tools/ruledgen.py --out build/ruled --count 90
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))

import genre_render  # noqa: E402

PART = "ruled"
DISTRICTS = [
    ("Krông Pắc", "Đắk Lắk"),
    ("Châu Thành", "Bến Tre"),
    ("Thăng Bình", "Quảng Nam"),
    ("Cao Lãnh", "Đồng Tháp"),
    ("Mộc Châu", "Sơn La"),
    ("Tiên Du", "Bắc Ninh"),
]
COMMUNES = [
    "Thị trấn Phước An",
    "Xã Ea Phê",
    "Xã Ea Kly",
    "Xã Ea Kênh",
    "Xã Krông Búk",
    "Xã Ea Yông",
    "Xã Hòa An",
    "Xã Ea Kuăng",
    "Xã Hòa Tiến",
    "Xã Tân Tiến",
    "Xã Ea Hiu",
    "Xã Ea Knuếc",
    "Xã Ea Uy",
    "Xã Ea Yiêng",
    "Xã Vụ Bổn",
    "Xã Hòa Đông",
]
PERIODS = [("6 tháng đầu năm {y}", "{y}-H1", 6, 6), ("năm {y}", "{y}", 12, 12)]


def _two(n: int) -> str:
    return f"{n:02d}" if n < 10 else str(n)


def build(seed: int) -> tuple[str, dict]:
    """The .rpt source of one report and its gold."""
    rnd = random.Random(seed)
    # one report per district and year (a half-year or a whole year), as an archive holds them:
    # no two reports of one unit for the same period, which would disagree
    district, province = DISTRICTS[seed % len(DISTRICTS)]
    turn = seed // len(DISTRICTS)
    label, code, months, month = PERIODS[turn % len(PERIODS)]
    year = 2000 + turn
    label, code = label.format(y=year), code.format(y=year)
    number, day = rnd.randint(100, 480), rnd.randint(10, 25)
    communes = sorted(rnd.sample(COMMUNES, rnd.randint(8, 16)), key=COMMUNES.index)
    facts: list[dict] = []
    units = [_unit_row(rnd, name) for name in communes]
    total = [sum(u[i] for u in units) for i in range(5)]
    visits, persons, received, in_jur, resolved = total
    lines = _front(district, province, number, day, month, year, label)
    lines += [
        "# I. CÔNG TÁC TIẾP CÔNG DÂN",
        f"Trong {label}, cấp xã tiếp {visits} lượt/{persons} người. Kết quả từng xã, thị trấn"
        " tại Biểu số 01 kèm theo.",
        "# II. TIẾP NHẬN, XỬ LÝ ĐƠN",
        f"UBND các xã, thị trấn tiếp nhận {received} đơn, thuộc thẩm quyền {in_jur} đơn, đã giải"
        f" quyết {resolved}/{in_jur} đơn.",
        "# PHỤ LỤC",
        "Biểu số 01: Kết quả tiếp công dân, xử lý đơn của các xã, thị trấn",
    ]
    for metric, value in zip(METRICS, total):
        facts.append({"metric": metric, "value": value, "scope": "cấp xã"})
    lines += _unit_table(units, total, facts)
    lines += _month_table(rnd, year, total, months, facts)
    lines += _indicator_table(visits, persons, received, resolved)
    lines += _sign()
    gold = {
        "file": f"ruled_{seed:04d}",
        "document": {
            "doc_type": "bao_cao",
            "province": province,
            "period": code,
            "doc_number": f"{number}/BC-UBND",
            "doc_date": f"{year}-{month:02d}-{day:02d}",
        },
        "facts": facts,
        "flags": [],
    }
    return "\n".join(lines) + "\n", gold


METRICS = (
    "reception.visits",
    "reception.persons",
    "petitions.received",
    "petitions.in_jurisdiction",
    "petitions.resolved",
)


def _unit_row(rnd: random.Random, name: str) -> tuple:
    visits = rnd.randint(15, 60)
    received = rnd.randint(5, 25)
    in_jur = rnd.randint(2, received)
    return (visits, visits + rnd.randint(0, 9), received, in_jur, rnd.randint(1, in_jur), name)


def _front(district, province, number, day, month, year, label) -> list[str]:
    return [
        "---",
        "fallback: no",
        "---",
        "@header",
        "ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"HUYỆN {district.upper()} || Độc lập - Tự do - Hạnh phúc",
        f"Số: {number}/BC-UBND || {district}, ngày {day} tháng {month} năm {year}",
        "@end",
        "@title",
        "BÁO CÁO",
        f"Kết quả công tác tiếp công dân, giải quyết khiếu nại, tố cáo {label}",
        "@end",
        f"Thực hiện Công văn của Thanh tra tỉnh {province}, UBND huyện {district} báo cáo kết quả"
        f" công tác tiếp công dân, giải quyết khiếu nại, tố cáo {label} như sau:",
    ]


def _unit_table(units: list[tuple], total: list[int], facts: list[dict]) -> list[str]:
    lines = [
        "@table header_rows=2 widths=1,4,2,2,2,2,2",
        "| STT | Đơn vị | Tiếp công dân | < | Đơn tiếp nhận | < | Đơn đã giải quyết |",
        "| ^ | ^ | Lượt | Người | Tổng số | Thuộc thẩm quyền | ^ |",
    ]
    for i, row in enumerate(units, start=1):
        *values, name = row
        lines.append(f"| {i} | {name} | " + " | ".join(str(v) for v in values) + " |")
        for metric, value in zip(METRICS, values):
            facts.append({"metric": metric, "value": value, "scope": name})
    lines.append("| | **Tổng cộng** | " + " | ".join(f"**{v}**" for v in total) + " |")
    return lines + ["@end"]


def _month_table(rnd: random.Random, year: int, total: list[int], months: int, facts) -> list[str]:
    """The period's totals spread over its months (the total row equals the text's totals)."""
    visits = _spread(rnd, total[0], months)
    extra = _spread(rnd, total[1] - total[0], months)
    received = _spread(rnd, total[2], months)
    lines = [
        "Biểu số 02: Kết quả tiếp công dân theo tháng",
        "@table header_rows=2 widths=1,3,2,2,2",
        "| STT | Tháng | Tiếp công dân | < | Đơn tiếp nhận mới |",
        "| ^ | ^ | Lượt | Người | ^ |",
    ]
    for m in range(1, months + 1):
        row = (visits[m - 1], visits[m - 1] + extra[m - 1], received[m - 1])
        lines.append(f"| {m} | Tháng {m} | " + " | ".join(str(v) for v in row) + " |")
        period = f"{year}-M{m:02d}"
        for metric, value in zip(METRICS[:3], row):
            facts.append({"metric": metric, "value": value, "period": period})
    sums = (total[0], total[1], total[2])
    lines.append("| | **Cộng** | " + " | ".join(f"**{v}**" for v in sums) + " |")
    return lines + ["@end"]


def _spread(rnd: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rnd.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _indicator_table(visits: int, persons: int, received: int, resolved: int) -> list[str]:
    return [
        "Biểu số 03: Một số chỉ tiêu chủ yếu",
        "@table header_rows=1 widths=1,6,2,2",
        "| STT | Chỉ tiêu | Đơn vị tính | Kết quả |",
        f"| 1 | Số lượt tiếp công dân | lượt | {visits} |",
        f"| 2 | Số người được tiếp | người | {persons} |",
        f"| 3 | Số đơn tiếp nhận | đơn | {received} |",
        f"| 4 | Số đơn đã giải quyết | đơn | {resolved} |",
        "@end",
    ]


def _sign() -> list[str]:
    return [
        "@sign",
        "Nơi nhận: || TM. ỦY BAN NHÂN DÂN",
        "- Thanh tra tỉnh; || KT. CHỦ TỊCH",
        "- Lưu: VT. || PHÓ CHỦ TỊCH",
        "@end",
    ]


def generate(out: Path, count: int) -> list[Path]:
    """Write the sources under out/src/ruled, render them into out/ruled (docx, pdf, gold) and
    return the PDFs. Sources unchanged since the last run are not rendered again."""
    src = out / "src" / PART
    src.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for seed in range(1, count + 1):
        text, gold = build(seed)
        stem = gold["file"]
        wanted.add(stem)
        for path, content in (
            (src / f"{stem}.rpt", text),
            (src / f"{stem}.json", json.dumps(gold, ensure_ascii=False, indent=1)),
        ):
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.write_text(content, encoding="utf-8")
    for old in src.glob("*.rpt"):
        if old.stem not in wanted:
            old.unlink()
            old.with_suffix(".json").unlink(missing_ok=True)
    report = genre_render.render(parts=(PART,), src_root=out / "src", out_root=out)
    if report.errors:
        raise SystemExit("\n".join(report.errors[:5]))
    return sorted(p for p in (out / PART).glob("*.pdf"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("build/ruled"))
    ap.add_argument("--count", type=int, default=90)
    args = ap.parse_args(argv)
    pdfs = generate(args.out, args.count)
    print(f"{len(pdfs)} PDF reports in {args.out / PART}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
