"""The one line breaker: 避头尾, whole Latin words, a chart label's last line never one character, linear time."""

import pytest

from reportgen.charts import plot
from reportgen.charts.plot import LABEL_EMS, text_units, wrap_label
from reportgen.textfit import NO_LINE_END, NO_LINE_START, Metrics, balanced_wrap, load_metrics, wrap

EMS = Metrics({}, "test: CJK 1 em, other 0.5 em", other=0.5)
SAMPLE = "全省查处（含移送）问题7100余个，“百城百区”活动覆盖90%以上；Noto Sans字体。"


@pytest.mark.parametrize("width", [2, 3, 4, 5, 7, 11])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    lines = wrap(SAMPLE * 3, width, 1.0, EMS)
    assert "".join(lines) == SAMPLE * 3
    assert not any(line[0] in NO_LINE_START for line in lines[1:])
    assert not any(line[-1] in NO_LINE_END for line in lines[:-1])


def test_latin_words_and_numbers_stay_whole_and_newlines_start_lines():
    assert wrap("问题7100余个", 2.5, 1.0, EMS) == ["问题", "7100", "余个"]
    assert wrap("Noto Sans", 3, 1.0, EMS) == ["Noto ", "Sans"]
    assert wrap("甲乙\n\n丙", 10, 1.0, EMS) == ["甲乙", "", "丙"]


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line():
    assert wrap("甲乙丙，丁", 3, 1.0, EMS) == ["甲乙", "丙，丁"]
    assert wrap("甲乙（丙", 3, 1.0, EMS) == ["甲乙", "（丙"]


def test_a_chart_label_never_ends_with_one_character_alone():
    assert wrap("举办系列活动", 5, 1.0, EMS) == ["举办系列活", "动"]
    assert wrap("举办系列活动", 5, 1.0, EMS, lone_last=False) == ["举办系列", "活动"]
    assert wrap_label("举办系列活动", 5) == "举办系列\n活动"
    assert wrap_label("举办，动", 3) == "举办，\n动"  # the closing mark cannot start the last line
    assert wrap_label("甲乙", 1) == "甲\n乙"  # one character would be left on the line before


def test_chart_labels_count_a_digit_as_055_em():
    assert text_units("7100余个") == LABEL_EMS.width("7100余个", 1.0) == pytest.approx(4.2)


class CountingMetrics(Metrics):
    """Metrics that count the characters measured: the work wrapping does, independent of the machine's speed."""

    def width(self, text: str, size: float) -> float:
        self.widths.setdefault(-1, 0)
        self.widths[-1] += len(text)
        return super().width(text, size)


def _measured(wrapper, text: str, monkeypatch) -> int:
    """Return how many characters `wrapper` measures to wrap `text`."""
    counting = CountingMetrics({}, "counting", other=0.55)
    monkeypatch.setattr(plot, "LABEL_EMS", counting)
    wrapper(text, counting)
    return counting.widths[-1]


def _text(length: int) -> str:
    """Return `length` characters of mixed text ending in a run of commas a tenth as long (no line can hold it)."""
    unit = SAMPLE + "（" * 30 + "x" * 40 + "\n"
    return (unit * (length // len(unit) + 1))[:length - length // 10] + "，" * (length // 10)


@pytest.mark.parametrize("wrapper", [lambda text, metrics: wrap(text, 200.0, 12.0, metrics),
                                     lambda text, metrics: plot.wrap_label(text, 14)], ids=["textfit", "chart label"])
def test_wrapping_work_grows_linearly_with_the_text(wrapper, monkeypatch):
    short, long = _measured(wrapper, _text(20_000), monkeypatch), _measured(wrapper, _text(200_000), monkeypatch)
    assert short >= 20_000 and long < 12 * short  # ten times the text: ten times the work, not a hundred


def test_a_balanced_title_keeps_its_line_count_and_ends_on_no_short_line():
    title = "湘西州重点整治群众身边不正之风和腐败问题"  # 20 characters: at 19 a line, the last holds one
    assert wrap(title, 19, 1.0, EMS) == [title[:19], title[19:]]
    lines = balanced_wrap(title, 19, 1.0, EMS)
    assert "".join(lines) == title and [len(line) for line in lines] == [11, 9]  # 10 + 10 would split 身|边
    assert balanced_wrap("关于试点工作的情况报告", 19, 1.0, EMS) == ["关于试点工作的情况报告"]


@pytest.mark.parametrize(("title", "kept"), [
    ("湘西州重点整治群众身边不正之风和腐败问题工作成果", "身边"),
    ("2025年昌吉市12345政务服务便民热线运行分析报告（4月1日-4月30日）", "热线"),
    ("万州区2024年区级重点民生实事项目完成情况", "情况"),
])
def test_a_balanced_title_breaks_between_words(title, kept):
    metrics = load_metrics()
    lines = balanced_wrap(title, 300, 22, metrics)
    assert len(lines) >= 2 and "".join(lines) == title
    assert any(kept in line for line in lines)  # the word stands whole on one line
    assert all(len(line) >= 3 for line in lines)
