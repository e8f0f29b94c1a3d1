"""Scans made from text PDFs: every page rendered to a picture, as a scanner would give it.

Each page is rendered with pdfium at the scanner's resolution, turned grey, tilted a little,
softened, speckled and saved as JPEG inside an image-only PDF (no text layer), so the pipeline
has to read it by OCR. The same seed gives the same scan. A scan of `x.pdf` is `x_scan.pdf`,
which the scorer matches to the gold of `x`.

    .venv/bin/python tools/scangen.py build/genre/tune/tcd_huyen_quy.pdf --out /tmp/scans
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

DPI = 200  # what offices scan at
SKEW = 0.8  # degrees either way at most
BLUR = 0.6  # Gaussian blur radius (pixels)
NOISE = 10.0  # standard deviation of the speckle (grey levels)
JPEG_QUALITY = 75


def scan_pdf(source: Path, target: Path, seed: int = 0, dpi: int = DPI) -> Path:
    """Write an image-only copy of `source` at `target` and return it."""
    import pypdfium2 as pdfium

    rng = random.Random(f"{seed}:{source.name}")
    pdf = pdfium.PdfDocument(str(source))
    pages = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            finally:
                page.close()
            pages.append(_scanned(image.convert("L"), rng))
    finally:
        pdf.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return target


def _scanned(image, rng: random.Random):
    """A clean page made to look scanned: tilted, soft, speckled, JPEG-compressed."""
    import numpy as np
    from PIL import Image, ImageFilter

    angle = rng.uniform(-SKEW, SKEW)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(BLUR))
    noise = np.random.default_rng(rng.randrange(2**32)).normal(
        0, NOISE, (image.height, image.width)
    )
    arr = np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(arr).save(buffer, "JPEG", quality=JPEG_QUALITY)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def scan_name(source: Path) -> str:
    return f"{source.stem}_scan.pdf"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dpi", type=int, default=DPI)
    args = ap.parse_args(argv)
    for source in args.pdfs:
        target = scan_pdf(source, args.out / scan_name(source), args.seed, args.dpi)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
