#!/usr/bin/env bash
# System packages the pipeline uses when present: Tesseract with its Vietnamese model (OCR of
# scanned PDFs), LibreOffice Writer and Calc (old .doc files; the workbook's PDF test) and
# Chromium (the review page test); Liberation Serif, the metric twin of Times New Roman with the
# Vietnamese letters (the genre corpus PDFs, tools/genre_render.py).
# Installed with apt-get when missing and when this runs as root; otherwise says what to run.
# Never fails the build.
set -u
need=()
command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie || need+=(tesseract-ocr tesseract-ocr-vie)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
for pkg in libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Thiếu gói hệ thống: ${need[*]}. Cài bằng: sudo apt-get install ${need[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "${need[@]}" >/tmp/sysdeps-install.log 2>&1; }
install || { apt-get update -q >/tmp/sysdeps-update.log 2>&1; install; } ||
  echo "Không cài được ${need[*]} (xem /tmp/sysdeps-install.log); các tệp quét sẽ được ghi nhận là lỗi." >&2
exit 0
