"""Generate realistic synthetic reports (DOCX and PDF) with known figures.

The texts are our own writing in the genre of Vietnamese periodic reports on citizen
reception, petitions, grassroots mediation and administrative-procedure reform. Each
report comes with a gold file in the format of ../shared/eval/score.py, so the same
scorer measures the pipeline's round-trip accuracy on them. Some reports carry injected
inconsistencies (a wrong rate, parts that do not add up, an appendix that disagrees).

    .venv/bin/python tools/samplegen.py --out data/samples --count 4          # samples
    .venv/bin/python tools/samplegen.py --out /tmp/bench --count 500 --pdf-only
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or imported

from sampledata import FILLER, same_period_last_year, unit_and_period  # noqa: E402
from samplewrite import write_docx, write_pdf  # noqa: E402


def vn_int(n: int) -> str:
    """1234567 → '1.234.567'."""
    return f"{n:,}".replace(",", ".")


def vn_pct(x: float, decimals: int = 2) -> str:
    return f"{x:.{decimals}f}".replace(".", ",")


def trunc(x: float, decimals: int = 2) -> float:
    f = 10**decimals
    return int(x * f) / f


@dataclass
class Report:
    seed: int
    stem: str
    parent: str
    issuer: str
    province: str
    place: str
    short_name: str
    period_label: str
    period: str
    year: int
    doc_number: str
    doc_date: str  # ISO
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    table: list[list[str]] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    footnote: str | None = None

    def fact(self, metric: str, value: float, **extra) -> None:
        self.facts.append({"metric": metric, "value": value, **extra})

    def gold(self) -> dict:
        return {
            "file": self.stem,
            "document": {
                "doc_type": "bao_cao",
                "province": self.province,
                "period": self.period,
                "doc_number": self.doc_number,
                "doc_date": self.doc_date,
            },
            "facts": self.facts,
            "flags": self.flags,
        }


def _resolved_of(seed: int) -> int:
    return next(f["value"] for f in build_report(seed).facts if f["metric"] == "petitions.resolved")


def _new_report(seed: int, rnd: random.Random, inject: bool | None) -> tuple[Report, bool]:
    """The report's header fields (drawing from `rnd` in a fixed order: the seeds of the
    round-trip tests and the bench depend on it)."""
    parent, issuer, province, place, short, year, (plabel, pcode, month) = unit_and_period(seed)
    day = rnd.randint(10, 25)
    inject = rnd.random() < 0.4 if inject is None else inject
    code = (
        "BC-UBND"
        if "UBND" in issuer
        else ("BC-BDV" if "DÂN VẬN" in issuer else "BC-SNV" if "NỘI VỤ" in issuer else "BC-TTr")
    )
    num = rnd.randint(12, 480)
    r = Report(
        seed,
        f"bao_cao_{seed:04d}",
        parent,
        issuer,
        province,
        place,
        short,
        plabel.format(y=year),
        pcode.format(y=year),
        year,
        f"{num}/{code}",
        f"{year}-{month}-{day:02d}",
    )
    return r, inject


def build_report(seed: int, inject: bool | None = None, extra_filler: int = 0) -> Report:
    """A report with random but consistent figures; `inject` adds known inconsistencies."""
    rnd = random.Random(seed)
    r, inject = _new_report(seed, rnd, inject)
    title = (
        "Kết quả công tác tiếp công dân, giải quyết khiếu nại, tố cáo và cải cách hành chính "
        f"{r.period_label}"
    )
    r.paragraphs.append(("title", "BÁO CÁO"))
    r.paragraphs.append(("subtitle", title))
    r.paragraphs.append(
        (
            "p",
            f"Thực hiện Kế hoạch số {rnd.randint(10, 300)}/KH-UBND ngày "
            f"{rnd.randint(2, 28)}/{rnd.randint(1, 3)}/{r.year} "
            f"của Ủy ban nhân dân tỉnh {r.province}, {r.short_name} báo cáo kết quả thực hiện "
            f"{r.period_label} như sau:",
        )
    )
    r.paragraphs.append(("h", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"))
    r.paragraphs += [("p", f) for f in rnd.sample(FILLER, 5)]
    r.paragraphs.append(("h", "II. KẾT QUẢ THỰC HIỆN"))
    r.paragraphs.append(("h", "1. Công tác tiếp công dân"))
    _reception(r, rnd)
    r.paragraphs.append(("p", rnd.choice(FILLER)))
    r.paragraphs.append(("h", "2. Công tác tiếp nhận, xử lý đơn thư"))
    _petitions(r, rnd, inject)
    r.paragraphs.append(("h", "3. Công tác hòa giải ở cơ sở"))
    _mediation(r, rnd)
    r.paragraphs.append(("h", "4. Cải cách thủ tục hành chính"))
    _tthc(r, rnd, inject)
    r.paragraphs += [("p", f) for f in rnd.sample(FILLER, 6)]
    r.paragraphs += [("p", rnd.choice(FILLER)) for _ in range(extra_filler)]
    r.paragraphs.append(("h", "III. PHƯƠNG HƯỚNG NHIỆM VỤ THỜI GIAN TỚI"))
    r.paragraphs.append(
        (
            "p",
            "Phấn đấu giải quyết đạt trên 90% số đơn thuộc thẩm quyền; tỷ lệ hồ sơ giải quyết "
            "đúng hạn đạt 100% theo chỉ tiêu được giao.",
        )
    )
    r.paragraphs += [("p", rnd.choice(FILLER)) for _ in range(3)]
    return r


def _reception(r: Report, rnd: random.Random) -> None:
    regular = rnd.randint(40, 900)
    leader = rnd.randint(5, 120)
    visits = regular + leader
    persons = visits + rnd.randint(0, 60)
    sessions = rnd.randint(4, 24)
    groups = rnd.randint(0, 6)
    forms = [
        f"Trong kỳ, toàn đơn vị đã tiếp {vn_int(visits)} lượt công dân với {vn_int(persons)} "
        "người; trong đó "
        f"tiếp thường xuyên {vn_int(regular)} lượt, lãnh đạo tiếp định kỳ và đột xuất "
        f"{vn_int(leader)} lượt.",
        f"Tổng số lượt tiếp công dân: {vn_int(visits)} lượt/{vn_int(persons)} người (tiếp thường "
        "xuyên "
        f"{vn_int(regular)} lượt; thủ trưởng tiếp định kỳ, đột xuất {vn_int(leader)} lượt).",
        f"Các cơ quan, đơn vị đã tổ chức tiếp {vn_int(visits)} lượt, {vn_int(persons)} người đến "
        "kiến nghị, "
        f"phản ánh, gồm: tiếp thường xuyên {vn_int(regular)} lượt và tiếp định kỳ, đột xuất của "
        f"lãnh đạo {vn_int(leader)} lượt.",
    ]
    r.paragraphs.append(("p", rnd.choice(forms)))
    group_text = "không có đoàn đông người" if groups == 0 else f"có {groups:02d} đoàn đông người"
    r.paragraphs.append(
        ("p", f"Chủ tịch UBND đã tiếp định kỳ {sessions:02d} kỳ theo quy định; {group_text}.")
    )
    r.fact("reception.visits", visits)
    r.fact("reception.persons", persons)
    r.fact("reception.regular.visits", regular)
    r.fact("reception.leader.visits", leader)
    r.fact("reception.leader.sessions", sessions, scope="Chủ tịch UBND")
    r.fact("reception.delegations", groups)
    r.table.append(["1", "Số lượt tiếp công dân", "lượt", vn_int(visits)])
    r.table.append(["2", "Số người được tiếp", "người", vn_int(persons)])


def _petitions(r: Report, rnd: random.Random, inject: bool) -> None:
    carried = rnd.randint(0, 25)
    new = rnd.randint(60, 600)
    received = carried + new
    k, t = rnd.randint(5, 60), rnd.randint(0, 20)
    rec = rnd.randint(10, 200)
    juris = k + t + rec
    resolved = rnd.randint(juris // 2, juris)
    rate = trunc(resolved / juris * 100)
    stated_juris = juris
    if inject and rnd.random() < 0.5:
        stated_juris = juris + rnd.randint(2, 9)  # parts no longer add up
        r.flags.append({"rule": "sum_mismatch", "metric": "petitions.in_jurisdiction"})
        rate = trunc(resolved / stated_juris * 100)
    stated_rate = rate
    if inject and rnd.random() < 0.6:
        stated_rate = round(rate - rnd.choice([3.0, 5.5, 7.25]), 2)
        r.flags.append({"rule": "rate_mismatch", "metric": "petitions.resolution_rate"})
    r.paragraphs.append(
        (
            "p",
            f"Tổng số đơn tiếp nhận trong kỳ là {vn_int(received)} đơn ({carried:02d} đơn kỳ trước "
            "chuyển sang, "
            f"tiếp nhận mới {vn_int(new)} đơn). Số đơn thuộc thẩm quyền {vn_int(stated_juris)} "
            "đơn, gồm: khiếu nại "
            f"{k} đơn, tố cáo {t} đơn, kiến nghị, phản ánh {rec} đơn.",
        )
    )
    r.paragraphs.append(
        (
            "p",
            f"Đã giải quyết {vn_int(resolved)}/{vn_int(stated_juris)} đơn thuộc thẩm quyền, đạt tỷ "
            f"lệ {vn_pct(stated_rate)}% "
            f"({_change_phrase(r.seed, resolved, rnd)} so với cùng kỳ năm {r.year - 1}).",
        )
    )
    r.fact("petitions.received", received)
    r.fact("petitions.carried_over", carried)
    r.fact("petitions.in_jurisdiction", stated_juris)
    r.fact("petitions.complaints", k)
    r.fact("petitions.denunciations", t)
    r.fact("petitions.recommendations", rec)
    r.fact("petitions.resolved", resolved)
    r.fact("petitions.resolution_rate", stated_rate)
    table_received = received
    if inject and rnd.random() < 0.5:
        table_received = received + rnd.randint(1, 12)
        r.flags.append({"rule": "value_conflict", "metric": "petitions.received"})
        r.fact("petitions.received", table_received)
    r.table.append(["3", "Tổng số đơn tiếp nhận", "đơn", vn_int(table_received)])
    r.table.append(["4", "Số đơn đã giải quyết", "đơn", vn_int(resolved)])


def _change_phrase(seed: int, resolved: int, rnd: random.Random) -> str:
    """The change against the same period last year: the true difference when this unit's report
    for that period is generated too, so the corpus never contradicts itself across documents."""
    earlier = same_period_last_year(seed)
    change = resolved - _resolved_of(earlier) if earlier else -rnd.randint(2, 30)
    if change == 0:
        return "tương đương"
    return f"{'tăng' if change > 0 else 'giảm'} {vn_int(abs(change))} đơn"


def _mediation(r: Report, rnd: random.Random) -> None:
    cases = rnd.randint(10, 150)
    ok = rnd.randint(cases // 2, cases)
    rate = round(ok / cases * 100, 2)
    forms = [
        f"Các tổ hòa giải ở cơ sở đã tiếp nhận {cases} vụ việc, hòa giải thành {ok} vụ, đạt tỷ lệ "
        f"{vn_pct(rate)}%.",
        f"Kết quả hòa giải: thụ lý {cases} vụ, hòa giải thành {ok}/{cases} vụ, "
        f"đạt {vn_pct(rate)}%.",
    ]
    r.paragraphs.append(("p", rnd.choice(forms)))
    r.fact("mediation.cases", cases)
    r.fact("mediation.successful", ok)
    r.fact("mediation.success_rate", rate)


def _tthc(r: Report, rnd: random.Random, inject: bool) -> None:
    total = rnd.randint(250, 1900)
    online = rnd.randint(total // 3, total)
    share = round(online / total * 100, 2)
    dossiers = rnd.randint(2000, 90000)
    on_time = round(rnd.uniform(95, 99.9), 2)
    r.paragraphs.append(
        (
            "p",
            f"Toàn đơn vị hiện có {vn_int(total)} thủ tục hành chính; trong đó cung cấp "
            f"{vn_int(online)} dịch vụ công "
            f"trực tuyến, chiếm {vn_pct(share)}% tổng số thủ tục.",
        )
    )
    r.paragraphs.append(
        (
            "p",
            f"Trong kỳ đã tiếp nhận {vn_int(dossiers)} hồ sơ; tỷ lệ hồ sơ giải quyết trước hạn và "
            "đúng hạn đạt "
            f"{vn_pct(on_time)}%. Kế hoạch số {rnd.randint(400, 499)}/KH-UBND ngày 15/01/{r.year} "
            "được triển khai đầy đủ.",
        )
    )
    r.fact("tthc.total", total)
    r.fact("tthc.online_services", online)
    r.fact("tthc.online_services.share", share)
    r.fact("dossiers.received", dossiers)
    r.fact("dossiers.on_time_rate", on_time)
    r.table.append(["5", "Tổng số thủ tục hành chính", "thủ tục", vn_int(total)])
    r.table.append(["6", "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn", "%", vn_pct(on_time)])


# --------------------------------------------------------------------------- writers


def generate(
    out: Path,
    count: int,
    start_seed: int = 1,
    formats: tuple[str, ...] = ("pdf", "docx"),
    gold_dir: Path | None = None,
    extra_filler: int = 0,
) -> list[Path]:
    """Write `count` reports (alternating formats) and their gold files; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    gold_dir = gold_dir or out / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        seed = start_seed + i
        r = build_report(seed, extra_filler=extra_filler)
        fmt = formats[i % len(formats)]
        path = out / f"{r.stem}.{fmt}"
        (write_pdf if fmt == "pdf" else write_docx)(r, path)
        (gold_dir / f"{r.stem}.json").write_text(
            json.dumps(r.gold(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", default="data/samples")
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf-only", action="store_true")
    ap.add_argument("--gold", default=None, help="where gold files go (default OUT/gold)")
    ap.add_argument(
        "--extra-filler", type=int, default=0, help="more text paragraphs (longer reports)"
    )
    args = ap.parse_args()
    formats = ("pdf",) if args.pdf_only else ("pdf", "docx")
    paths = generate(
        Path(args.out),
        args.count,
        args.seed,
        formats,
        Path(args.gold) if args.gold else None,
        args.extra_filler,
    )
    print(f"{len(paths)} báo cáo mẫu đã được tạo trong {args.out}")


if __name__ == "__main__":
    main()
