"""The table of hostile templates and template folders: what each tries, and the message that stops it.

A template may come from anyone (a shared project, a colleague's folder), so each case tries to read, write or
delete a file outside the project, run code, exhaust the machine or leave the folder it was given. Each build
must end with exit 3 and one message naming the template (and its line, where it has one), leave the previous
outputs as they were, and leave a secret file outside the project unread and unchanged.

Collected by tests/compose/test_hostile_templates.py (pytest collects test_*.py files only).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cases import Case, Env
from test_bad_inputs import previous, run_case  # noqa: F401  (previous is a fixture)

SECRET = "SECRET-2b7c-outside-the-project"
OVERVIEW = "sections/default/overview.j2"


def outside(env: Env) -> Path:
    """The secret file beside the project, which no template may read, change or delete."""
    return env.root.parent / f"{env.root.name}-outside.txt"


@dataclass(frozen=True)
class Hostile:
    """A hostile template: `setup` writes it into the project; the build must stop with exit 3 and `message`."""

    id: str
    setup: Callable[[Env], None]
    message: str

    def case(self) -> Case:
        return Case(self.id, self.setup, 3, (self.message,))


def section(body: Callable[[Env], str | bytes] | str) -> Callable[[Env], None]:
    """Write the overview section template (text, or made from the project, to name the secret's path)."""
    def setup(env: Env) -> None:
        env.template(OVERVIEW, body(env) if callable(body) else body)
    return setup


def linked(target: Callable[[Env], Path]) -> Callable[[Env], None]:
    """Make the overview section template a symbolic link to `target`."""
    def setup(env: Env) -> None:
        link = env.templates / OVERVIEW
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target(env))
    return setup


def _fifo(env: Env) -> None:
    path = env.templates / OVERVIEW
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _folder(env: Env) -> None:
    (env.templates / OVERVIEW).mkdir(parents=True)


def _profile_link(env: Env) -> None:
    (env.templates / "audiences").mkdir(parents=True)
    (env.templates / "audiences/full.yaml").symlink_to(outside(env))


def _path_of(env: Env) -> str:
    return str(outside(env))


LINE = r"overview\.j2:\d+: "
UNSAFE = LINE + r"access to attribute '{}' of '{}' object is unsafe"
WORK = LINE + r"the template does too much work"
SIZE = LINE + r"the template builds a value of|the result would exceed"

HOSTILE = [
    # --- reaching the file system or running code through what a template is given --------------------------
    Hostile("read-through-profile-files", section(lambda env: "{{ profile.files[0].joinpath('%s').read_text() }}"
                                                  % _path_of(env)), UNSAFE.format("files", "Profile")),
    Hostile("write-through-profile-files", section("{{ profile.files[0].write_text('x') }}"),
            UNSAFE.format("files", "Profile")),
    Hostile("delete-through-profile-files", section("{{ profile.files[0].unlink() }}"),
            UNSAFE.format("files", "Profile")),
    Hostile("model-method", section("{{ governance[0].model_dump() }}"), UNSAFE.format("model_dump", "Governance")),
    Hostile("model-copy", section("{{ meta.model_copy(update={'title': 'x'}) }}"),
            UNSAFE.format("model_copy", "BriefingMeta")),
    Hostile("model-class-fields", section("{{ meta.model_fields }}"), UNSAFE.format("model_fields", "BriefingMeta")),
    Hostile("dunder-class", section("{{ meta.date.__class__.__mro__ }}"), UNSAFE.format("__class__", "date")),
    Hostile("helper-globals", section("{{ table.__func__.__globals__ }}"), UNSAFE.format("__func__", "method")),
    Hostile("helper-self", section("{{ chart.__self__.blocks }}"), UNSAFE.format("__self__", "method")),
    Hostile("filter-module", section("{{ strongest.__module__ }}"), UNSAFE.format("__module__", "function")),
    Hostile("string-format-method", section("{{ '{0.__class__}'.format(meta) }}"), UNSAFE.format("format", "str")),
    Hostile("date-replace", section("{{ meta.date.replace(year=1) }}"), UNSAFE.format("replace", "date")),
    Hostile("decimal-method", section("{{ governance[0].projects[0].figures[0].value.as_tuple() }}"),
            UNSAFE.format("as_tuple", "Decimal")),
    Hostile("cycler-internals", section("{{ cycler(1, 2).items }}"), UNSAFE.format("items", "Cycler")),
    Hostile("self-context", section("{{ self._TemplateReference__context }}"),
            UNSAFE.format("_TemplateReference__context", "TemplateReference")),
    Hostile("mutate-a-list", section("{% set items = [1] %}{{ items.append(2) }}"), UNSAFE.format("append", "list")),
    Hostile("lipsum-removed", section("{{ lipsum(1000000) }}"), LINE + r"lipsum is not defined"),
    # --- exhausting the machine ---------------------------------------------------------------------------------
    Hostile("nested-range-loops", section("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                                          "{% endfor %}"), WORK),
    Hostile("loop-over-repeated-list", section("{% for i in [0] * 100000 %}{% for j in [0] * 100000 %}"
                                               "{% endfor %}{% endfor %}"), WORK),
    Hostile("recursive-loop", section("{% for i in [[0] * 100000] * 100000 recursive %}{{ loop(i) if i is "
                                      "iterable else '' }}{% endfor %}"), LINE + r".*(items|too much work)"),
    Hostile("huge-range", section("{{ range(10 ** 9) | list }}"), LINE + r"Range too big"),
    Hostile("center-a-gigabyte", section("{{ 'x' | center(10 ** 9) }}"), LINE + r"center: a width of at most"),
    Hostile("indent-a-gigabyte", section("{{ 'a\nb' | indent(10 ** 8) }}"), LINE + r"indent: the result would"),
    Hostile("format-width", section("{{ '%0999999999d' | format(1) }}"), LINE + r"a %-format width"),
    Hostile("percent-operator-width", section("{{ '%*d' % (999999999, 1) }}"), LINE + r"a %-format width"),
    Hostile("replace-growth", section("{{ ('a' * 100000) | replace('a', 'b' * 1000) }}"),
            LINE + r"replace: the result would"),
    Hostile("batch-fill", section("{{ [1] | batch(10 ** 9, 0) | list }}"), LINE + r"batch: a count of at most"),
    Hostile("slice-count", section("{{ [1] | slice(10 ** 9) | list }}"), LINE + r"slice: a count of at most"),
    Hostile("multiply-a-string", section("{{ 'x' * 10 ** 9 }}"), SIZE),
    Hostile("tilde-doubling", section("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                      "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"), SIZE),
    Hostile("plus-doubling", section("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                     "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}"), SIZE),
    Hostile("list-doubling", section("{% set ns = namespace(s=[0]) %}{% for i in range(40) %}"
                                     "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}"), SIZE),
    Hostile("join-growth", section("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                   "{% set ns.s = [ns.s, ns.s] | join %}{% endfor %}{{ ns.s }}"),
            LINE + r"the template builds a value of|the template does too much work"),
    Hostile("power-tower", section("{{ 9 ** (9 ** 9) }}"), LINE + r"the power is too large"),
    Hostile("squaring-integers", section("{% set ns = namespace(n=10) %}{% for i in range(40) %}"
                                         "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}"),
            LINE + r"the product is too large"),
    Hostile("output-flood", section("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}"),
            r"overview\.j2: the template writes more than 10,000,000 characters"),
    Hostile("macro-flood", section("{% macro m() %}{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}"
                                   "{% endmacro %}{% for i in range(100) %}{{ m() }}{% endfor %}"),
            LINE + r"the template builds a value of|the template does too much work"),
    Hostile("include-itself", section("{% include 'default/overview.j2' %}"), LINE + r"a macro or include calls itself without end"),
    # --- leaving the template folder ------------------------------------------------------------------------------
    Hostile("include-parent-path", section("{% include '../../../../../../etc/hostname' %}"),
            r"template '\.\./\.\./\.\./\.\./\.\./\.\./etc/hostname' not found"),
    Hostile("include-absolute-path", section(lambda env: "{%% include '%s' %%}" % _path_of(env)),
            r"template '/[^']*-outside\.txt' not found"),
    Hostile("extends-builtin-parent", section("{% extends 'builtin:../../audiences/full.yaml' %}"),
            r"template 'builtin:\.\./\.\./audiences/full\.yaml' not found"),
    Hostile("symlink-out-of-folder", linked(outside), r"overview\.j2: a link to .*-outside\.txt, outside the folder"),
    Hostile("symlink-dangling", linked(lambda env: env.root / "nowhere.j2"), r"overview\.j2: a link that leads nowhere"),
    Hostile("template-is-a-pipe", _fifo, r"overview\.j2: not a regular file"),
    Hostile("template-is-a-folder", _folder, r"overview\.j2: not a regular file"),
    Hostile("template-over-1mb", section("{# " + "x" * 1_000_001 + " #}"), r"overview\.j2: 1,000,0\d\d bytes; a "
                                                                             r"template is at most 1,000,000 bytes"),
    Hostile("template-not-utf8", section(lambda env: "# 概况\n".encode("gb18030")),
            r"overview\.j2: not valid UTF-8 \(byte 0x\w\w\); save the template as UTF-8"),
    Hostile("profile-symlink-out", _profile_link, r"full\.yaml: a link to .*-outside\.txt, outside the folder"),
    # --- profiles carrying what no document should -------------------------------------------------------------
    Hostile("profile-control-character", lambda env: env.profile("description: 完整版简报与汇报材料（全部成果与数据）",
                                                                   'description: "\\e完整版"'),
            r"full\.yaml:\d+: description: .*control character U\+001B"),
    Hostile("profile-bidi-override", lambda env: env.profile("mark: ", "mark: \u202e"),
            r"full\.yaml:\d+: mark: .*U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"),
    Hostile("profile-zero-width-recipient", lambda env: env.profile("copies: 120", "copies: 120\nrecipients:\n  报: [\"省委\u200b\"]"),
            r"full\.yaml:\d+: recipients\.(报|report_to): .*U\+200B \(ZERO WIDTH SPACE\)"),
    Hostile("profile-unknown-chart-theme", lambda env: env.profile("chart_theme: official", "chart_theme: neon"),
            r"full\.yaml:\d+: chart_theme: .*'official' or 'modern'"),
]
CASES = [hostile.case() for hostile in HOSTILE]


def test_the_table_is_long_enough():
    assert len(CASES) >= 45
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_template(case: Case, tmp_path: Path, previous: Path):  # noqa: F811
    secret = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    secret.write_text(SECRET, encoding="utf-8")
    result, before, after = run_case(case, tmp_path, previous)
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output and SECRET not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.output
    assert re.search(case.messages[0], result.output), (case.messages[0], result.output)
    assert after == before  # previous outputs unchanged, nothing written into the project
    assert secret.read_text(encoding="utf-8") == SECRET  # the file outside is still there, unchanged
