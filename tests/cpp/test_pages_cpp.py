"""The C++ chapter's pages against the examples in snippets/cpp (no compiler needed).

- every example (program, bug report, compile-error snippet, assembly) is shown on some
  page, in both languages, and each source is followed by what it produces;
- the pages only ever include code, they never paste it;
- build flags of sanitizer / debug-mode demos are stated in the prose;
- numbers the prose quotes from a program's output are in that program's .out file;
- the C++ errata entries cite tests that exist, and the pages' links reach them.

The outputs themselves are checked against the programs by tests/cpp/test_examples.py.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sitebuild import DOCS_DIR, REPO_ROOT
from sitebuild.codeblocks import included_file, scan_file
from sitebuild.questions import questions_in
from tests.cpp import cppbuild
from tests.pages import LANGUAGES, counterpart, errata_references, page_text, relative, visible_text

MANIFEST = cppbuild.load_manifest()
CHAPTER = DOCS_DIR / "cpp"
ZH_PAGES = sorted(p for p in CHAPTER.glob("*.md") if ".en." not in p.name)
ALL_PAGES = sorted([*ZH_PAGES, *(counterpart(p) for p in ZH_PAGES)])
SNIPPET_ROOT = "snippets/cpp/"


def rel(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


def companions() -> dict[str, list[str]]:
    """Each example source -> the files that must be shown right after it."""
    shown: dict[str, list[str]] = {}
    for p in MANIFEST.programs.values():
        # Each toolchain's own output (NAME.libcxx.out, ...) is shown too.
        after = [p.out_file(), *sorted(cppbuild.SNIPPETS.glob(f"{p.name}.*.out"))]
        if p.expect == "fail":
            after += [p.report_file(), *sorted(cppbuild.SNIPPETS.glob(f"{p.name}.*.report"))]
        shown[rel(p.source)] = [rel(f) for f in after]
    for e in MANIFEST.errors.values():
        shown[rel(e.source)] = [rel(e.err_file)]
    for a in MANIFEST.asm.values():
        shown[rel(a.source)] = [rel(a.listing_file)]
    return shown


COMPANIONS = companions()
EXAMPLE_FILES = sorted({*COMPANIONS, *(f for files in COMPANIONS.values() for f in files)})


def includes(page: Path) -> list[str]:
    """The snippets/cpp files a page includes, in page order."""
    found = []
    for block in scan_file(page):
        found += [included_file(t) for t in block.includes if t.startswith(SNIPPET_ROOT)]
    return found


def pages_of(language: str) -> list[Path]:
    return ZH_PAGES if language == "zh" else [counterpart(p) for p in ZH_PAGES]


# --------------------------------------------------------------------------- includes


def test_the_chapter_has_its_pages() -> None:
    names = {p.stem for p in ZH_PAGES}
    assert {"index", "basics", "classes", "lock-free", "modern", "smart-pointers", "polymorphism", "inheritance", "keywords",
            "language", "stl", "concurrency"} <= names
    assert all(p.is_file() for p in ALL_PAGES), "every page needs its English counterpart"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_is_shown_on_some_page(language: str) -> None:
    shown = {f for page in pages_of(language) for f in includes(page)}
    orphans = [f for f in EXAMPLE_FILES if f not in shown]
    assert not orphans, f"not included by any {language} page of docs/cpp: " + ", ".join(orphans)


@pytest.mark.parametrize("page", ALL_PAGES, ids=relative)
def test_each_source_is_followed_by_what_it_produces(page: Path) -> None:
    """NAME.cpp, then its .out (and .report) / .err / .s before the next source."""
    order = includes(page)
    sources = [i for i, f in enumerate(order) if f.endswith(".cpp")]
    problems = []
    for n, i in enumerate(sources):
        if order[i] not in COMPANIONS:
            problems.append(f"{order[i]} is not an example listed in manifest.toml")
            continue
        until = sources[n + 1] if n + 1 < len(sources) else len(order)
        for needed in COMPANIONS[order[i]]:
            if needed not in order[i + 1:until]:
                problems.append(f"{order[i]} is not followed by {needed}")
    produced_by = {f: src for src, files in COMPANIONS.items() for f in files}
    for i, f in enumerate(order):
        if f in produced_by and produced_by[f] not in order[:i]:
            problems.append(f"{f} is shown without its source {produced_by[f]} before it")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", ZH_PAGES, ids=relative)
def test_both_languages_include_the_same_files_in_the_same_order(page: Path) -> None:
    assert includes(page) == includes(counterpart(page))


@pytest.mark.parametrize("page", ALL_PAGES, ids=relative)
def test_code_is_included_never_pasted(page: Path) -> None:
    pasted = [b.where() for b in scan_file(page) if not b.is_include_only]
    assert not pasted, "code blocks on the C++ pages must only include snippets: " + ", ".join(pasted)


@pytest.mark.parametrize("page", ALL_PAGES, ids=relative)
def test_special_build_flags_are_stated(page: Path) -> None:
    """Flags beyond the common ones (sanitizers, debug modes) are explained in the prose too."""
    prose = visible_text(page.read_text(encoding="utf-8"))
    missing = []
    for name in {Path(f).stem for f in includes(page) if f.endswith(".cpp")}:
        program = MANIFEST.programs.get(name)
        if program is None:
            continue
        special = [f for f in program.flags if f not in MANIFEST.common_flags]
        missing += [f"{name}: {flag}" for flag in special if flag not in prose]
    assert not missing, "flags not stated in the prose: " + ", ".join(sorted(missing))


@pytest.mark.parametrize("page", ALL_PAGES, ids=relative)
def test_programs_are_shown_whole_with_their_command(page: Path) -> None:
    """A program is included whole, so its 'Build and run:' header is on the page."""
    partial = [t for block in scan_file(page) for t in block.includes
               if t.startswith(SNIPPET_ROOT) and ".cpp:" in t]
    assert not partial, f"programs included in part (their build command would be hidden): {partial}"
    for f in includes(page):
        name = Path(f).stem
        if f.endswith(".cpp") and name in MANIFEST.programs:
            assert cppbuild.BUILD_HEADER in (REPO_ROOT / f).read_text(), f"{f} shows no build command"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compile_error_command_is_stated(language: str) -> None:
    """The command the index page states for errors/*.cpp is the one the tests run."""
    e = next(iter(MANIFEST.errors.values()))
    command = " ".join(cppbuild.error_command(MANIFEST, e)).replace(f"{e.name}.cpp", "NAME.cpp")
    assert command in visible_text(page_text("cpp/index.md", language))


@pytest.mark.parametrize("page", ALL_PAGES, ids=relative)
def test_pages_end_with_three_to_six_interview_questions(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = questions_in(text)
    if page.stem.startswith("index"):
        assert not found
        return
    assert 3 <= len(found) <= 6, f"{len(found)} questions"
    last_heading = re.findall(r"^## (.+)$", text, re.MULTILINE)[-1]
    assert last_heading in {"面试题", "Interview questions"}
    assert text.index(last_heading) < text.index("??? question"), "questions come after the last heading"


# --------------------------------------------------------------------------- numbers in prose

# (page, program, what the prose states). Each string must appear, whitespace collapsed,
# in the program's .out file and in the visible text of the page in both languages.
FACTS = [
    ("cpp/smart-pointers.md", "smart_shared_ptr", "use_count = 5"),
    ("cpp/smart-pointers.md", "smart_shared_ptr", "use_count = 2"),
    ("cpp/smart-pointers.md", "smart_weak_cycle", "use_count: a = 2, b = 2"),
    ("cpp/smart-pointers.md", "smart_weak_cycle", "a.use_count = 1"),
    ("cpp/smart-pointers.md", "smart_weak_cycle", "use_count: parent = 1, child = 2"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(void*) = 8"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(Empty) = 1"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(EmptyWithVirtual) = 8"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(Plain) = 4"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(WithVirtual) = 16"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(ManyVirtuals) = 16"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(Derived) = 16"),
    ("cpp/polymorphism.md", "poly_sizeof", "sizeof(TwoBases) = 24"),
    ("errata.md", "poly_sizeof", "sizeof(TwoBases) = 24"),
    ("cpp/polymorphism.md", "virtual_inheritance", "ids 1 2"),
    ("cpp/polymorphism.md", "virtual_inheritance", "id 3"),
    ("cpp/polymorphism.md", "virtual_inheritance", "sizeof(Fusion) = 8"),
    ("cpp/polymorphism.md", "virtual_inheritance", "sizeof(VFusion) = 24"),
    ("cpp/keywords.md", "static_members", "count_calls: 1 2 3"),
    ("cpp/keywords.md", "const_and_constexpr", "n = 16, cells = 9"),
    ("cpp/language.md", "new_vs_malloc", "2^62"),
    ("cpp/language.md", "memory_regions", "const, run-time init: zero-initialised data (bss)"),
    ("cpp/language.md", "move_noexcept_vector", "relocated 4 elements with 4 copies and 0 moves"),
    ("cpp/stl.md", "vector_basics", "size 0, capacity 1000"),
    ("cpp/stl.md", "sort_good_comparator", "sorted: 1 1 2 3 3"),
    ("cpp/stl.md", "iter_invalidation_bug", "size 4, capacity 4"),
    ("cpp/stl.md", "iter_invalidation_fixed", "result: 1 2 3 4 20 40"),
    ("cpp/concurrency.md", "threads_race_bug", "4 threads x 100000"),
    ("cpp/concurrency.md", "threads_atomic", "counter = 400000"),
    ("cpp/concurrency.md", "threads_mutex", "counter = 400000"),
    ("cpp/concurrency.md", "threads_shared_mutex", "reads: 3000, inconsistent snapshots: 0"),
    ("cpp/concurrency.md", "threads_producer_consumer", "consumed 3000 items, sum 1501500"),
    ("cpp/concurrency.md", "threads_scoped_lock", "a = 4000, b = 6000, total = 10000"),
    ("cpp/basics.md", "macros_vs_constexpr", "SQUARE(1 + 2) = 5"),
    ("cpp/basics.md", "macros_vs_constexpr", "MAX(i++, j) = 6, then i = 7"),
    ("cpp/basics.md", "macros_vs_constexpr", "max_of(i++, j) = 5, then i = 6"),
    ("cpp/basics.md", "macros_vs_constexpr", "sizeof(Mode) = 1"),
    ("cpp/basics.md", "struct_padding", "Careless size 32"),
    ("cpp/basics.md", "struct_padding", "Sorted size 16"),
    ("cpp/basics.md", "spinlock", "counter = 40000"),
    ("cpp/classes.md", "rule_of_five", "b = Buffer(5): copies 0, moves 0"),
    ("cpp/classes.md", "rule_of_five", "Frame moved: copies 0, moves 1"),
    ("cpp/classes.md", "rule_of_five", 'Logged "moved": copies 1, moves 0'),
    ("cpp/classes.md", "rule_of_five", "Buffer is nothrow move constructible: true"),
    ("cpp/classes.md", "exception_safety", "offsets now 10 2 3"),
    ("cpp/classes.md", "exception_safety", "offsets now 1 2 3"),
    ("cpp/classes.md", "exception_safety", "objects alive 0, mutex free true"),
    ("cpp/classes.md", "shared_from_this_bug", "use_count seen by s: 1"),
    ("cpp/classes.md", "shared_from_this_fixed", "use_count seen by s: 2"),
    ("cpp/modern.md", "placement_new", "alignof(std::max_align_t) = 16"),
    ("cpp/modern.md", "placement_new", "new CacheLineBlock is 64-byte aligned: true"),
    ("cpp/modern.md", "crtp_vs_virtual", "sizeof(Halve) = 1"),
    ("cpp/modern.md", "crtp_vs_virtual", "sizeof(VirtualHalve) = 8"),
    ("cpp/lock-free.md", "pmr_frame", "heap allocations on the hot path: 0"),
]


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("page", "program", "fact"), FACTS, ids=[f"{p}:{f}" for p, _, f in FACTS])
def test_numbers_in_prose_come_from_the_output(page: str, program: str, fact: str) -> None:
    out = MANIFEST.programs[program].out_file().read_text()
    assert collapsed(fact) in collapsed(out), f"{fact!r} is not in {program}.out"
    for language in LANGUAGES:
        prose = collapsed(visible_text(page_text(page, language)))
        assert collapsed(fact) in prose, f"{page} ({language}) does not state {fact!r}"


def test_bare_totals_in_prose_match_the_output() -> None:
    """'400000' is also written on its own ('often below 400000'): it is the atomic total."""
    assert "counter = 400000" in MANIFEST.programs["threads_atomic"].out_file().read_text()
    for language in LANGUAGES:
        prose = visible_text(page_text("cpp/concurrency.md", language))
        assert set(re.findall(r"\b4000\d\d\b", prose)) == {"400000"}


# --------------------------------------------------------------------------- errata

ENTRY = re.compile(r"^### C(?P<number>\d+) · .+ \{#cpp-c(?P=number)\}$", re.MULTILINE)
NODE = re.compile(r"^(?P<path>tests/[\w/]+\.py)(?:::(?P<name>\w+)(?:\[(?P<param>[\w-]+)\])?)?$")


def entries(language: str) -> dict[int, list[str]]:
    return errata_references(language, "cpp", ENTRY, "C")


def test_errata_entries_are_numbered_and_match_across_languages() -> None:
    zh, en = entries("zh"), entries("en")
    assert list(zh) == list(range(1, len(zh) + 1)) and len(zh) >= 20
    assert zh == en, "both languages must cite the same proofs for the same entries"
    assert all(zh.values()), "every entry needs a proof"


def parameters(function) -> set[str] | None:
    """The ids a @pytest.mark.parametrize over one argument gives a test, or None."""
    for mark in getattr(function, "pytestmark", []):
        if mark.name == "parametrize":
            return {str(value) for value in mark.args[1]}
    return None


def every_reference() -> list[str]:
    return sorted({ref for refs in entries("zh").values() for ref in refs})


@pytest.mark.parametrize("reference", every_reference())
def test_every_errata_proof_exists(reference: str) -> None:
    node = NODE.match(reference)
    assert node, f"{reference} is not a test node id"
    path = REPO_ROOT / node["path"]
    assert path.is_file(), f"no test file {node['path']}"
    if not node["name"]:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert node["name"] in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, \
        f"{reference}: no such test"
    if node["param"]:
        module = __import__(node["path"][:-3].replace("/", "."), fromlist=[node["name"]])
        ids = parameters(getattr(module, node["name"]))
        assert ids is not None and node["param"] in ids, f"{reference}: no such parameter"


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_from_the_cpp_pages_reach_errata_entries(language: str) -> None:
    numbers = set(entries(language))
    linked = set()
    for page in pages_of(language):
        linked |= {int(n) for n in re.findall(r"errata\.md#cpp-c(\d+)", page.read_text(encoding="utf-8"))}
    assert linked <= numbers, f"links to missing entries: {sorted(linked - numbers)}"
    assert linked == numbers, f"entries no page refers to: {sorted(numbers - linked)}"


# --------------------------------------------------------------------------- review findings (issue 9)

# (page, zh, en): a sentence the page must state, so that the review's finding stays fixed.
STATED = [
    # a data race needs only one non-atomic access
    ("cpp/concurrency.md", "至少一个不是原子操作", "at least one of the accesses is not atomic"),
    # the race is UB even when the total is right; both compilers fold the loop
    ("cpp/concurrency.md", "往往**恰好是 400000**", "often **exactly 400000**"),
    ("cpp/concurrency.md", "`addl $100000`", "`addl $100000`"),
    # TSan stops at the first report only when told to
    ("cpp/concurrency.md", "`TSAN_OPTIONS=halt_on_error=1`", "`TSAN_OPTIONS=halt_on_error=1`"),
    ("cpp/concurrency.md", "退出码 66", "exits with status 66"),
    ("cpp/concurrency.md", "**伪共享**（false sharing）：结果是对的", "exactly **false sharing**"),
    ("cpp/concurrency.md", "C++26 把它列为弃用", "C++26 deprecates it"),
    ("cpp/concurrency.md", "标准只保证 `std::atomic_flag` 无锁", "The standard guarantees only `std::atomic_flag`"),
    ("cpp/inheritance.md", "`-fsized-deallocation`", "`-fsized-deallocation`"),
    ("cpp/language.md", "clang 在 `-O1` 和 `-O2` 下会把这对 `malloc`/`free` 整个删掉",
     "clang removes the `malloc`/`free` pair altogether at `-O1` and `-O2`"),
    ("cpp/language.md", "可以调用任何没有前提条件的成员函数", "used with any member function that has no preconditions"),
    ("cpp/language.md", "**常量初始化**的静态存储期 `const` 对象", "**constant-initialized** `const` objects"),
    ("cpp/language.md", "平凡析构的类型通常没有这个记录", "a trivially destructible type such as `int` usually gets no such count"),
    ("cpp/keywords.md", "C++11 起，任何字面类型", "Since C++11, a `constexpr` static member of any literal type"),
    ("cpp/stl.md", "只拿区间里的第一个元素试一次 `comp(x, x)`", "tries `comp(x, x)` only once, on the first element"),
    ("cpp/stl.md", "lambda 加上 `mutable` 之后它才不是 `const` 的", "only a lambda declared `mutable` gets a non-`const` one"),
    ("cpp/polymorphism.md", "向上转换（派生类转成可访问的基类）在编译期就确定了，不要求多态",
     "An upcast (derived to an accessible base) is settled at compile time, needs no polymorphism"),
]

# (page, zh, en): the wrong sentences the review found; they must not come back.
RETRACTED = [
    ("cpp/concurrency.md", "两者都不是原子操作", "not both accesses are atomic"),
    ("cpp/concurrency.md", "总数往往小于 400000", "often with a total below 400000"),
    ("cpp/concurrency.md", "本页的例子都用它", "the examples on this page all use it"),
    ("cpp/concurrency.md", "| 不加锁的原子读写", "| lock-free atomic reads"),
    ("cpp/language.md", "只能给它赋新值或者销毁它", "it may only be assigned to or destroyed"),
    ("cpp/polymorphism.md", "所以只能用于多态类", "so it only works on polymorphic classes"),
    ("cpp/stl.md", "`operator() const`。", "`operator() const` is the lambda's body"),
    ("cpp/stl.md", "会在排序前检查比较函数", "checks the comparison before sorting"),
]


@pytest.mark.parametrize(("page", "zh", "en"), STATED, ids=[f"{p}:{e[:30]}" for p, _, e in STATED])
def test_review_findings_are_stated(page: str, zh: str, en: str) -> None:
    for language, sentence in (("zh", zh), ("en", en)):
        assert collapsed(sentence) in collapsed(visible_text(page_text(page, language))), \
            f"{page} ({language}) must say {sentence!r}"


@pytest.mark.parametrize(("page", "zh", "en"), RETRACTED, ids=[f"{p}:{e[:30]}" for p, _, e in RETRACTED])
def test_review_findings_do_not_come_back(page: str, zh: str, en: str) -> None:
    for language, sentence in (("zh", zh), ("en", en)):
        assert sentence not in page_text(page, language), f"{page} ({language}) says {sentence!r} again"


def test_no_example_comment_claims_sharing_free_slots() -> None:
    """'one slot per consumer: no sharing' was false sharing; examples use std::thread, not jthread."""
    sources = {p.name: p.read_text() for p in cppbuild.SNIPPETS.glob("*.cpp")}
    assert not [n for n, s in sources.items() if "no sharing" in s]
    assert "false sharing" in sources["threads_producer_consumer.cpp"]
    assert not [n for n, s in sources.items() if "jthread" in s], \
        "libc++ 19 has std::jthread only with -fexperimental-library, which g++ rejects"


def test_tsan_bug_demos_stop_at_the_first_report() -> None:
    """The page shows one report and the output before it: the shown run line must say halt_on_error=1."""
    demos = [p for p in MANIFEST.programs.values() if p.expect == "fail" and "-fsanitize=thread" in p.flags]
    assert demos
    for p in demos:
        options = dict(p.shown.env).get("TSAN_OPTIONS", "")
        assert "halt_on_error=1" in options.split(":"), f"{p.name}: run line {p.shown.lines[1]!r}"


# (zh page, term): the other usual Chinese name of a concept, given where the page introduces
# it, so that a reader who searches the common term finds the page.
CHINESE_TERMS = [
    ("cpp/smart-pointers.md", "**拷贝构造函数**"),
    ("cpp/language.md", "复制构造函数（拷贝构造函数）"),
    ("cpp/language.md", "**万能引用**"),
    ("cpp/language.md", "**拷贝省略**"),
    ("cpp/stl.md", "**仿函数**"),
    ("cpp/polymorphism.md", "**重写**"),
    ("cpp/polymorphism.md", "**虚表**"),
    ("cpp/polymorphism.md", "钻石继承"),
    ("cpp/concurrency.md", "**互斥锁**"),
    ("cpp/concurrency.md", "**竞态条件**（race condition）"),
]


@pytest.mark.parametrize(("page", "term"), CHINESE_TERMS, ids=[t for _, t in CHINESE_TERMS])
def test_chinese_pages_give_the_usual_names(page: str, term: str) -> None:
    assert term in page_text(page, "zh")


# --------------------------------------------------------------------------- Chinese code comments


def test_every_comment_of_the_cpp_examples_has_a_chinese_translation() -> None:
    """Each comment of a C++ file a page shows has an entry in snippets/cpp/comments.zh.toml,
    the translation leaves the code and the shown build commands as they are, and no entry
    is left over."""
    import html

    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    from sitebuild.code_comments import COMMENT, load_catalogue, translate_page

    catalogue = load_catalogue([cppbuild.SNIPPETS / "comments.zh.toml"])
    def strip(page: str) -> list[str]:
        """The code without comments, line by line (a translation may have more or fewer lines)."""
        code = html.unescape(re.sub(r"<[^>]+>", "", COMMENT.sub("", page)))
        return [line.rstrip() for line in code.splitlines() if line.strip()]

    missing: set[str] = set()
    used: set[str] = set()
    shown = sorted({f for page in ZH_PAGES for f in includes(page) if f.endswith(".cpp")})
    assert shown
    for f in shown:
        source = (REPO_ROOT / f).read_text()
        page = f"<pre><code>{highlight(source, get_lexer_by_name('cpp'), HtmlFormatter(nowrap=True))}</code></pre>"
        translated = translate_page(page, catalogue, missing, used)
        assert strip(translated) == strip(page), f"{f}: the translation changed code"
        name = Path(f).stem
        if name in MANIFEST.programs:
            text = html.unescape(re.sub(r"<[^>]+>", "", translated))
            assert all(line in text for line in MANIFEST.programs[name].shown.lines), \
                f"{f}: the Chinese page must show the same build and run command"
    assert not missing, "comments without a Chinese translation:\n" + "\n".join(sorted(missing))
    assert set(catalogue) <= used, "unused entries: " + ", ".join(sorted(set(catalogue) - used))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_assembly_command_is_stated(language: str) -> None:
    """The command the concurrency page states for asm/*.cpp is the one the tests run."""
    for a in MANIFEST.asm.values():
        command = " ".join(["g++", *a.flags, "-S"])
        assert f"`{command}`" in visible_text(page_text("cpp/concurrency.md", language))
