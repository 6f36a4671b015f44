"""The peer of the benchmark: the pipeline an office would assemble by hand for the same briefing and deck.

It is given everything reportgen composes — the same projects, paragraphs, tables and charts, written as one
Markdown file and one list of chart specs — and then does the timed part the way such a script does: matplotlib
draws every chart to a PNG, and pandoc turns the Markdown with those pictures into a .docx and a .pptx. Reading and
checking the data is not timed for the peer at all, so every ratio is in the peer's favour.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from reportgen.charts.spec import ChartSpec
from reportgen.document import BulletList, Chart, Document, Paragraph, Section, Table


def prepare(document: Document, folder: Path) -> None:
    """Write `folder`/briefing.md (the document as Markdown, each chart as a picture) and `folder`/charts.pickle
    (the chart specs the pictures are drawn from, in order)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"% {document.meta.title}", f"% {document.meta.issuer}", f"% {document.meta.date_text}", ""]
    specs: list[ChartSpec] = []
    for block in document.walk():
        match block:
            case Section():
                lines += [f"{'#' * block.level} {block.heading}", ""]
            case Paragraph():
                lines += ["".join(f"**{r.text}**" if r.strong else r.text for r in block.runs), ""]
            case BulletList():
                lines += [*(f"- {item}" for item in block.items), ""]
            case Table():
                lines += [f"Table: {block.title}", "", "| " + " | ".join(block.header) + " |",
                          "|" + "---|" * len(block.header), *("| " + " | ".join(row) + " |" for row in block.rows),
                          "", f"数据来源：{block.source}" if block.source else "", ""]
            case Chart():
                specs.append(block.spec)
                lines += [f"![{block.title}](chart{len(specs)}.png)", "", f"数据来源：{block.source}", ""]
    (folder / "briefing.md").write_text("\n".join(lines), encoding="utf-8")
    (folder / "charts.pickle").write_bytes(pickle.dumps(specs))


def commands(folder: Path) -> list[list[str]]:
    """Return the peer's timed steps, run one after the other in `folder`: draw the charts, then pandoc twice."""
    return [[sys.executable, "-m", "reportgen.bench_peer", str(folder.resolve())],
            ["pandoc", "briefing.md", "-o", "briefing.docx"],
            ["pandoc", "briefing.md", "-o", "deck.pptx"]]


def draw(folder: Path) -> None:
    """Draw every chart of `folder`/charts.pickle to chartN.png with matplotlib."""
    from reportgen.charts.render import draw_chart
    from reportgen.charts.theme import theme_for

    theme = theme_for("official")
    for k, spec in enumerate(pickle.loads((folder / "charts.pickle").read_bytes()), 1):
        (folder / f"chart{k}.png").write_bytes(draw_chart(spec, theme))


def run(folder: Path) -> None:
    """Run the peer's steps in `folder`; raise CalledProcessError when one fails."""
    for command in commands(folder):
        subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


if __name__ == "__main__":
    draw(Path(sys.argv[1]))
