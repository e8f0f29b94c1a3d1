"""The fallback-font case of the genre corpus: a main font that lacks the Vietnamese letters.

`ensure_fonts(folder)` subsets a serif font found on the machine (Liberation Serif, metric
twin of Times New Roman, else the DejaVu Serif shipped in tools/fonts) to the Windows-1252
repertoire (ASCII, Latin-1 and the few Windows extras such as dashes and curly quotes: what a
Western-only office font covers) under the family name FAMILY, and writes a private
fontconfig file that adds that folder to the system's fonts. LibreOffice started with
FONTCONFIG_FILE pointing at it draws Vietnamese letters (ă, đ, ơ, ư, ạ, ế ...) from a fallback
font. `pdf_font_use(pdf)` tells which fonts a PDF's characters come from.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

FAMILY = "Genre Latin1 Serif"
TOOLS = Path(__file__).resolve().parent
STYLES = ("Regular", "Bold", "Italic", "Bold Italic")
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
WINDOWS_EXTRAS = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
REPERTOIRE = sorted(
    set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | {ord(c) for c in WINDOWS_EXTRAS}
)
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{folder}</dir>
  <cachedir>{folder}/cache</cachedir>
</fontconfig>
"""


def source_fonts() -> dict[str, Path]:
    """Style -> font file to subset: Liberation Serif when installed, else tools/fonts DejaVu."""
    for base in SYSTEM_FONT_DIRS:
        found = {
            s: next(base.rglob(f"LiberationSerif-{s.replace(' ', '')}.ttf"), None) for s in STYLES
        }
        if base.is_dir() and all(found.values()):
            return found
    shipped = TOOLS / "fonts"
    return {"Regular": shipped / "DejaVuSerif.ttf", "Bold": shipped / "DejaVuSerif-Bold.ttf"}


def rename(font, family: str, style: str) -> None:
    """Give the subset its own family name so it never stands in for the original."""
    name = font["name"]
    ps = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    full = family if style == "Regular" else f"{family} {style}"
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for platform, encoding, lang in ((3, 1, 0x409), (1, 0, 0)):
        for name_id, value in ((1, family), (2, style), (3, f"genre:{ps}"), (4, full), (6, ps)):
            name.setName(value, name_id, platform, encoding, lang)


def build_subset(src: Path, dest: Path, style: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(src))
    options = subset.Options()
    options.name_IDs, options.name_languages = ["*"], ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=REPERTOIRE)
    subsetter.subset(font)
    rename(font, FAMILY, style)
    font.save(str(dest))


def fonts_key(sources: dict[str, Path]) -> str:
    import fontTools

    text = "|".join(f"{k}={v}" for k, v in sorted(sources.items()))
    text += fontTools.version + (TOOLS / "genre_fonts.py").read_text(encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()


def ensure_fonts(folder: Path) -> Path:
    """Build the subset fonts into folder once; return the private fontconfig file."""
    folder = folder.resolve()
    conf, stamp = folder / "fonts.conf", folder / ".stamp"
    sources = source_fonts()
    key = fonts_key(sources)
    if conf.exists() and stamp.exists() and stamp.read_text() == key:
        return conf
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for style, src in sources.items():
        build_subset(src, folder / f"GenreLatin1Serif-{style.replace(' ', '')}.ttf", style)
    conf.write_text(FONTS_CONF.format(folder=folder), encoding="utf-8")
    stamp.write_text(key)
    return conf


def is_vietnamese_only(ch: str) -> bool:
    """A letter of Vietnamese that the Windows-1252 repertoire lacks."""
    return ch.isalpha() and ord(ch) > 0xFF and ord(ch) not in REPERTOIRE


def pdf_font_use(pdf: Path) -> dict[str, dict[str, int]]:
    """Font name (subset prefix dropped) -> {'vietnamese': n, 'other': n} over every page."""
    import pdfplumber

    use: dict[str, dict[str, int]] = {}
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            for ch in page.chars:
                name = ch["fontname"].split("+", 1)[-1]
                kind = "vietnamese" if is_vietnamese_only(ch["text"]) else "other"
                counts = use.setdefault(name, {"vietnamese": 0, "other": 0})
                counts[kind] += 1
    return use


def fallback_ok(pdf: Path) -> bool:
    """True when the Vietnamese-only letters come from fonts other than the main subset."""
    use = pdf_font_use(pdf)
    main = [n for n in use if n.replace("-", "").startswith(FAMILY.replace(" ", ""))]
    others = [n for n in use if n not in main]
    return bool(main and others) and all(use[n]["vietnamese"] == 0 for n in main)
