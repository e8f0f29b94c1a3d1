"""What the commands print: the ingest summary and aligned tables."""

from __future__ import annotations


def print_summary(summary, db: str) -> None:
    print(f"Nguồn: {summary.source}  →  kho dữ liệu: {db}")
    print(
        f"  Đã nạp: {len(summary.loaded)} tệp · bỏ qua (không thay đổi): {len(summary.skipped)} tệp"
        f" · lỗi: {len(summary.failed)} tệp"
    )
    _print_lifecycle(summary)
    print(
        f"  Số liệu vừa nạp: {summary.facts} · cảnh báo trong văn bản: {summary.flags}"
        f" · cảnh báo giữa các văn bản: {summary.cross_doc_flags}"
    )
    if summary.ignored:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(summary.ignored.items()))
        print(f"  Không xét các tệp không phải báo cáo: {kinds}")
    print_units(summary)
    if summary.cross_doc_error:
        print(f"  Chưa kiểm tra được mâu thuẫn giữa các văn bản: {summary.cross_doc_error}")
    for rel, reason in summary.failed:
        print(f"  LỖI {rel}: {reason}")
    for rel, reason in summary.unreadable_dirs:
        print(f"  LỖI thư mục {rel}/: không đọc được ({reason}); các tệp trong đó chưa được nạp")
    if summary.stopped:
        print(f"  ĐÃ DỪNG: {len(summary.not_loaded)} tệp chưa được nạp (sẽ nạp ở lần chạy sau)")


def print_units(summary) -> None:
    """Who reported: documents resolved to the unit register, new units, copies, bad CSV rows."""
    units = summary.units
    if units is None:
        return
    print(
        f"  Đơn vị: {units.resolved}/{units.documents} văn bản thuộc đơn vị đã có trong danh mục"
        f" · đơn vị mới: {len(units.new_units)} · bản sao của cùng báo cáo: {summary.copies}"
    )
    if units.new_units:
        shown = "; ".join(units.new_units[:5]) + ("; ..." if len(units.new_units) > 5 else "")
        print(f"  Đơn vị mới (xem v_units, sửa trong data/units.csv nếu cần): {shown}")
    for warning in units.warnings:
        print(f"  Danh mục đơn vị: {warning}")


def _print_lifecycle(summary) -> None:
    if summary.moved:
        print(f"  Đổi tên hoặc chuyển chỗ (cùng nội dung, giữ số liệu): {len(summary.moved)} tệp")
    if summary.removed:
        shown = ", ".join(summary.removed[:5]) + (" ..." if len(summary.removed) > 5 else "")
        print(f"  Không còn trong thư mục (đánh dấu đã gỡ bỏ): {len(summary.removed)} tệp: {shown}")
    if summary.skipped_failed:
        print(
            f"  Không đọc lại {len(summary.skipped_failed)} tệp đã lỗi trước đây (tệp chưa thay"
            " đổi); thêm --retry-failed để đọc lại"
        )
    if summary.kept_removed:
        print(f"  Giữ nguyên {len(summary.kept_removed)} tệp đã gỡ bỏ theo yêu cầu")


def format_table(header: tuple[str, ...], rows: list[tuple], max_width: int = 40) -> str:
    """Aligned columns; the last one (the message) is never cut."""
    widths = [
        min(max_width, max(len(str(r[i] or "")) for r in [header, *rows]))
        for i in range(len(header) - 1)
    ]

    def line(values) -> str:
        cells = [str(v or "")[:w].ljust(w) for v, w in zip(values, widths)]
        return "  ".join(cells + [str(values[-1] or "")])

    rule = "  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1])
    return "\n".join([line(header), rule] + [line(r) for r in rows])
