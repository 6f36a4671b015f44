"""One font policy: which typeface each role uses in the briefing and the deck."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

#: Role → East Asian typeface of the official (GB/T 9704) briefing, as offices name them. "latin" is the typeface
#: of Latin letters and digits. An audience profile may override any role (`fonts:`), e.g. body: 仿宋.
DOCX_FONTS = MappingProxyType({
    "latin": "Times New Roman",
    "body": "仿宋_GB2312",
    "masthead": "方正小标宋简体",
    "mark": "黑体",
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "heading3": "仿宋_GB2312",
    "heading4": "仿宋_GB2312",
    "page_number": "宋体",
    "table": "仿宋_GB2312",
    "table_header": "黑体",
    "caption": "黑体",
    "chart": "黑体",
    "source": "楷体_GB2312",
    "colophon": "仿宋_GB2312",
})
#: The `modern` briefing: one clean sans face throughout, for external readers.
MODERN_DOCX_FONTS = MappingProxyType({
    **dict.fromkeys(DOCX_FONTS, "微软雅黑"),
    "latin": "Arial",
})
FONT_ROLES = tuple(DOCX_FONTS)
#: The name Word tries when a font is missing (w:altName): modern Windows has 仿宋 and 楷体, not the _GB2312 ones.
ALT_NAMES = MappingProxyType({
    "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK", "黑体": "SimHei", "宋体": "SimSun",
    "微软雅黑": "Microsoft YaHei",
})
DECK_FONTS = MappingProxyType({"title": "微软雅黑", "body": "微软雅黑"})
DECK_LATIN = "Arial"

#: Office font names → the open font LibreOffice and charts use in their place (family, bold).
OPEN_SERIF, OPEN_SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
OPEN_ALIASES = MappingProxyType({
    **dict.fromkeys(("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "楷体_GB2312", "楷体", "KaiTi",
                     "KaiTi_GB2312", "方正仿宋_GBK", "方正楷体_GBK", "宋体", "SimSun", "新宋体", "NSimSun"),
                    (OPEN_SERIF, False)),
    **dict.fromkeys(("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "方正小标宋简体_GBK"),
                    (OPEN_SERIF, True)),
    **dict.fromkeys(("黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "方正黑体_GBK"), (OPEN_SANS, False)),
})


def docx_fonts(style: str = "official", overrides: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """Return the role → typeface map of a briefing `style`, with an audience's `overrides` applied."""
    base = MODERN_DOCX_FONTS if style == "modern" else DOCX_FONTS
    unknown = sorted(set(overrides or {}) - set(base))
    if unknown:
        raise ValueError(f"unknown font role {', '.join(unknown)} (expected one of: {', '.join(base)})")
    return MappingProxyType({**base, **(overrides or {})})


#: Noto Sans CJK as Debian's fonts-noto-cjk and other distributions install it (used when the wheel is absent).
SYSTEM_SANS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)


def open_sans_path() -> Path | None:
    """Return the open CJK sans font that charts draw with and slides are measured with: Noto Sans SC from the
    pylopdf-fonts-zh-cn wheel (a dependency), else system Noto Sans CJK; None when neither is there."""
    try:
        import pylopdf_fonts_zh_cn

        candidates = [Path(pylopdf_fonts_zh_cn.sans_path()), *map(Path, SYSTEM_SANS)]
    except ImportError:
        candidates = list(map(Path, SYSTEM_SANS))
    return next((path for path in candidates if path.is_file()), None)


def fontconfig_xml() -> str:
    """Return a fontconfig file that maps every Office font name of the font policy to an open CJK font."""
    rules = []
    for name, (family, bold) in OPEN_ALIASES.items():
        weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if bold else ""
        rules.append(f'  <match target="pattern"><test name="family" qual="any"><string>{name}</string></test>'
                     f'<edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>'
                     f'{weight}</match>')
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' + "\n".join(rules) + "\n</fontconfig>\n")


def libreoffice_env(folder: Path) -> dict[str, str]:
    """Return the environment for LibreOffice with the alias file written into `folder` (FONTCONFIG_FILE)."""
    path = folder / "fonts.conf"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(fontconfig_xml(), encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(path)}
