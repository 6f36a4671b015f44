"""One font policy: which typeface each role uses in the briefing and the deck."""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType

#: Role → East Asian typeface, as offices name them. Latin text uses LATIN.
DOCX_FONTS = MappingProxyType({
    "body": "仿宋_GB2312",
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "heading3": "仿宋_GB2312",
    "heading4": "仿宋_GB2312",
    "page_number": "宋体",
    "table": "仿宋_GB2312",
    "table_header": "黑体",
    "source": "楷体_GB2312",
})
DECK_FONTS = MappingProxyType({"title": "微软雅黑", "body": "微软雅黑"})
LATIN = "Times New Roman"
DECK_LATIN = "Arial"

#: Office font names → the open font LibreOffice and charts use in their place (family, bold).
OPEN_SERIF, OPEN_SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
OPEN_ALIASES = MappingProxyType({
    **dict.fromkeys(("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "楷体_GB2312", "楷体", "KaiTi",
                     "KaiTi_GB2312", "宋体", "SimSun", "新宋体", "NSimSun"), (OPEN_SERIF, False)),
    **dict.fromkeys(("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋"), (OPEN_SERIF, True)),
    **dict.fromkeys(("黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "方正黑体_GBK"), (OPEN_SANS, False)),
})


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
