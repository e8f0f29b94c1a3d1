"""The words of tools/samplegen.py's reports: issuing bodies, periods, sub-units, communes and
filler paragraphs (our own writing in the genre), and which unit and period each seed gets."""

import random
from functools import lru_cache

# (parent line, issuing body, province, place in the date line, short name)
UNITS = [
    ("UBND TỈNH AN GIANG", "SỞ NỘI VỤ", "An Giang", "An Giang", "Sở Nội vụ tỉnh An Giang"),
    ("TỈNH ỦY NGHỆ AN", "BAN DÂN VẬN", "Nghệ An", "Vinh", "Ban Dân vận Tỉnh ủy Nghệ An"),
    (
        "UBND TỈNH QUẢNG NAM",
        "UBND HUYỆN THĂNG BÌNH",
        "Quảng Nam",
        "Thăng Bình",
        "UBND huyện Thăng Bình",
    ),
    ("UBND HUYỆN CHÂU THÀNH", "UBND XÃ AN HIỆP", "Bến Tre", "An Hiệp", "UBND xã An Hiệp"),
    ("UBND TỈNH THÁI BÌNH", "THANH TRA TỈNH", "Thái Bình", "Thái Bình", "Thanh tra tỉnh Thái Bình"),
    (
        "UBND TỈNH LÂM ĐỒNG",
        "UBND THÀNH PHỐ BẢO LỘC",
        "Lâm Đồng",
        "Bảo Lộc",
        "UBND thành phố Bảo Lộc",
    ),
]
PERIODS = [
    ("6 tháng đầu năm {y}", "{y}-H1", "06"),
    ("năm {y}", "{y}", "12"),
    ("9 tháng đầu năm {y}", "{y}-9M", "09"),
]
SUB_UNITS = [
    "xã Tân Hòa",
    "xã Bình Thạnh",
    "thị trấn Phú Lộc",
    "xã Long Điền",
    "phường 2",
    "xã Mỹ Thọ",
]

FILLER = [
    "Công tác lãnh đạo, chỉ đạo thực hiện nhiệm vụ được triển khai kịp thời, đồng bộ; người đứng "
    "đầu "
    "các cơ quan, đơn vị thường xuyên quan tâm, kiểm tra, đôn đốc việc thực hiện nhiệm vụ được "
    "giao.",
    "Đội ngũ cán bộ, công chức tiếp tục nâng cao tinh thần trách nhiệm, thái độ phục vụ Nhân dân; "
    "thực hiện nghiêm quy tắc ứng xử nơi công sở, lắng nghe và giải đáp kịp thời kiến nghị của "
    "người dân.",
    "Việc phối hợp giữa chính quyền với Mặt trận Tổ quốc và các đoàn thể được duy trì nền nếp, góp "
    "phần "
    "giữ vững ổn định chính trị, trật tự an toàn xã hội trên địa bàn.",
    "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế: một số nơi chưa chủ động nắm tình hình, "
    "việc "
    "cập nhật hồ sơ trên hệ thống thông tin giải quyết thủ tục hành chính có lúc chưa kịp thời.",
    "Thời gian tới, tiếp tục tăng cường kỷ luật, kỷ cương hành chính; đẩy mạnh chuyển đổi số trong "
    "giải quyết thủ tục hành chính, bảo đảm công khai, minh bạch, thuận lợi cho người dân và doanh "
    "nghiệp.",
    "Các cơ quan, đơn vị quán triệt đầy đủ quan điểm lấy người dân làm trung tâm, xem sự hài lòng "
    "của "
    "tổ chức, cá nhân là thước đo chất lượng phục vụ của bộ máy hành chính.",
]

COMMUNES = [
    "AN HIỆP",
    "TÂN HÒA",
    "BÌNH THẠNH",
    "LONG ĐIỀN",
    "MỸ THỌ",
    "PHÚ LỘC",
    "HÒA AN",
    "TÂN PHÚ",
    "AN NHƠN",
    "PHƯỚC HƯNG",
    "VĨNH THẠNH",
    "THẠNH LỢI",
    "HƯNG PHÚ",
    "MỸ HIỆP",
    "BÌNH AN",
    "TÂN THÀNH",
    "PHÚ HÒA",
    "AN LỘC",
    "HÒA BÌNH",
    "TÂN AN",
]


def _units() -> list[tuple[str, str, str, str, str]]:
    """Every issuing unit: the listed bodies and the communes of each one's area, each once."""
    units, seen = [], set()
    for parent, issuer, province, place, short in UNITS:
        candidates = [(parent, issuer, province, place, short)]
        candidates += [
            (
                f"UBND HUYỆN {place.upper()}",
                f"UBND XÃ {name}",
                province,
                name.title(),
                f"UBND xã {name.title()}",
            )
            for name in COMMUNES
        ]
        for unit in candidates:
            if (unit[1], unit[2]) not in seen:
                seen.add((unit[1], unit[2]))
                units.append(unit)
    return units


@lru_cache(maxsize=1)
def _combos() -> list:
    combos = [(unit, y) for unit in _units() for y in (2020, 2021, 2022, 2023, 2024)]
    random.Random(7).shuffle(combos)
    return combos


def unit_and_period(seed: int):
    """A distinct issuer and year for every seed up to several hundred, each with one period, so
    generated reports never state one unit's figures twice for one year (two values for one period
    would be a real conflict; random half-year figures above the full year a real rollup error)."""
    combos = _combos()
    unit, year = combos[(seed - 1) % len(combos)]
    parent, issuer, province, place, short = unit
    period = PERIODS[random.Random(f"{issuer}{province}{year}").randrange(len(PERIODS))]
    return parent, issuer, province, place, short, year, period


def same_period_last_year(seed: int) -> int | None:
    """The seed of the same unit's report for the same period a year earlier, if one exists."""
    combos = _combos()
    unit, year = combos[(seed - 1) % len(combos)]
    if (unit, year - 1) not in combos:
        return None
    earlier = combos.index((unit, year - 1)) + 1
    return earlier if unit_and_period(earlier)[6] == unit_and_period(seed)[6] else None
