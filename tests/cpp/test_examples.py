"""Every C++ example compiles, and does exactly what its page says.

- programs (snippets/cpp/NAME.cpp): stdout == NAME.out; bug demos must fail under
  their sanitizer with the report in NAME.report, and their fixed twin runs clean;
- compile-error snippets (snippets/cpp/errors/): must not compile, with the
  expected diagnostic on the line marked "// error";
- assembly snippets (snippets/cpp/asm/): the generated instructions.

Every check runs with the compiler named by CXX (default g++): CI runs this file
with g++, clang++-19 and clang++-19 -stdlib=libc++. Programs are built and run
with the command their header shows. The table is snippets/cpp/manifest.toml;
building and caching is in cppbuild.py.
"""

from __future__ import annotations

import difflib
import os
import platform
import re
import signal
import subprocess

import pytest

from tests.cpp import cppbuild
from tests.cpp.cppbuild import REPO

MANIFEST = cppbuild.load_manifest()
PROGRAMS = sorted(MANIFEST.programs)
BUG_DEMOS = sorted(n for n, p in MANIFEST.programs.items() if p.expect == "fail")
ERROR_SNIPPETS = sorted(MANIFEST.errors)
ASM_SNIPPETS = sorted(MANIFEST.asm)


# --------------------------------------------------------------------------- helpers


def require_gxx(toolchain: cppbuild.Toolchain | None) -> cppbuild.Toolchain:
    if toolchain is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(cppbuild.GXX_MISSING + " (CI=true, so a missing compiler is an error)", pytrace=False)
        pytest.skip(cppbuild.GXX_MISSING)
    return toolchain


def require_reference_gxx(toolchain: cppbuild.Toolchain) -> None:
    """The pages show g++ 12's own texts (they say so); other compilers get the regex checks."""
    if toolchain.compiler != "gcc" or toolchain.major != MANIFEST.reference_gxx:
        pytest.skip(
            f"the recorded compiler text is g++ {MANIFEST.reference_gxx}'s and the page says so; "
            f"this is {toolchain.label}: only the regex checks apply"
        )


def rel(path) -> str:
    return path.relative_to(REPO).as_posix()


def fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


def tail(text: str, limit: int = 6000) -> str:
    return text if len(text) <= limit else "[...]\n" + text[-limit:]


def built(builds: dict, kind: str, name: str, source):
    result = builds[(kind, name)]
    if isinstance(result, Exception):
        fail(f"{rel(source)}: could not be compiled: {result!r}")
    return result


def built_program(builds: dict, program: cppbuild.Program) -> cppbuild.Build:
    b = built(builds, "program", program.name, program.source)
    if not b.ok:
        fail(f"{rel(program.source)} does not compile:\n$ {b.command}\n{b.stderr}")
    return b


_runs: dict = {}


def run(program: cppbuild.Program, binary) -> cppbuild.Run:
    if binary not in _runs:
        sanitized = any(f.startswith("-fsanitize") for f in program.flags)
        try:
            _runs[binary] = cppbuild.run_binary(binary, sanitized, dict(program.shown.env))
        except subprocess.TimeoutExpired:
            fail(f"{rel(program.source)}: did not finish within {cppbuild.RUN_TIMEOUT} s (deadlock? endless loop?)")
        except RuntimeError as exc:
            fail(f"{rel(program.source)}: {exc}")
    return _runs[binary]


def aslr_note(result: cppbuild.Run) -> str:
    return " (re-run with ASLR disabled: the sanitizer could not start otherwise)" if result.aslr_disabled else ""


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def where(program: cppbuild.Program, stderr: str) -> str:
    """snippets/cpp/NAME.cpp, with :LINE when a report points into the file."""
    loc = cppbuild.first_location(stderr, program.name)
    return rel(program.source) + (loc[len(program.name) + 4:] if loc else "")


def check_stdout(program: cppbuild.Program, result: cppbuild.Run, tc: cppbuild.Toolchain) -> None:
    out_file = program.out_file(tc)
    expected = out_file.read_text()
    if result.stdout == expected:
        return
    exp_lines, got_lines = expected.splitlines(True), result.stdout.splitlines(True)
    first = next(
        (i for i, (a, b) in enumerate(zip(exp_lines, got_lines), 1) if a != b),
        min(len(exp_lines), len(got_lines)) + 1,
    )
    diff = "".join(difflib.unified_diff(
        exp_lines, got_lines, fromfile=rel(out_file), tofile=f"actual stdout of {program.name}"
    ))
    fail(
        f"{rel(program.source)}: stdout differs from {rel(out_file)} with {tc.label} "
        f"(first difference at line {first} of the output)\n{diff}"
    )


def check_clean(program: cppbuild.Program, result: cppbuild.Run, flags, context: str = "") -> None:
    if result.returncode != 0 or result.stderr:
        fail(
            f"{where(program, result.stderr)}: {describe_exit(result.returncode)}"
            f"{' and output on stderr' if result.stderr else ''}; expected a clean run{context}"
            f"{aslr_note(result)}\ncompiled with: {' '.join(flags)}\nstderr:\n{tail(result.stderr)}"
        )


# --------------------------------------------------------------------------- no compiler needed


def test_manifest_matches_files():
    problems = cppbuild.manifest_problems(MANIFEST)
    assert not problems, "snippets/cpp is inconsistent:\n" + "\n".join(problems)


def test_readme_lists_every_example():
    path = cppbuild.SNIPPETS / "README.md"
    assert path.exists(), "snippets/cpp/README.md is missing (one line per example)"
    readme = path.read_text()
    names = [*PROGRAMS, *(f"errors/{n}" for n in ERROR_SNIPPETS), *(f"asm/{n}" for n in ASM_SNIPPETS)]
    missing = [n for n in names if not re.search(rf"(?<![\w/]){re.escape(n)}\.cpp\b", readme)]
    assert not missing, "snippets/cpp/README.md does not describe: " + ", ".join(f"{n}.cpp" for n in missing)


def test_cache_entries_are_kept_apart_by_toolchain(tmp_path) -> None:
    """Two toolchains never share (or prune) a cache entry: key and file name differ."""
    source = tmp_path / "x.cpp"
    source.write_text("int main() {}\n")
    gxx = cppbuild.Toolchain(("g++",), "g++ 12", 12, "gcc", "libstdc++")
    clang = cppbuild.Toolchain(("clang++-19",), "clang 19", 19, "clang", "libstdc++")
    libcxx = cppbuild.Toolchain(("clang++-19", "-stdlib=libc++"), "clang 19", 19, "clang", "libc++")
    same_words = cppbuild.Toolchain(("clang++-19",), "clang 19", 19, "clang", "libc++")
    toolchains = [gxx, clang, libcxx, same_words]
    keys = {cppbuild._key(tc, source, ["program", "x.cpp"]) for tc in toolchains}
    assert len(keys) == len(toolchains)
    assert len({tc.tag for tc in toolchains}) == len(toolchains)
    assert libcxx.variants == ("libcxx", "clang") and clang.variants == ("clang",) and gxx.variants == ()


# --------------------------------------------------------------------------- programs


def check_warning_free(program: cppbuild.Program, build: cppbuild.Build) -> None:
    if build.stderr:
        fail(f"{rel(program.source)}: the compiler printed warnings (every example must build "
             f"warning-free with the flags it shows)\n$ {build.command}\n{build.stderr}")


@pytest.mark.parametrize("name", PROGRAMS)
def test_program(name, toolchain, builds):
    tc = require_gxx(toolchain)
    p = MANIFEST.programs[name]
    flags = cppbuild.program_flags(MANIFEST, p)
    build = built_program(builds, p)
    check_warning_free(p, build)
    result = run(p, build.binary)

    if p.expect == "pass":
        check_clean(p, result, flags)
        check_stdout(p, result, tc)
        return

    # A bug demo: it must fail, and the report must say why.
    if result.returncode == 0:
        fail(
            f"{rel(p.source)}: exited with status 0, but this bug demo must fail "
            f"(compiled with {' '.join(p.flags)}, report /{p.report}/){aslr_note(result)}\nstderr:\n{tail(result.stderr)}"
        )
    if not re.search(p.report, result.stderr):
        fail(
            f"{where(p, result.stderr)}: {describe_exit(result.returncode)}, but stderr does not match "
            f"/{p.report}/ (manifest.toml)\nstderr:\n{tail(result.stderr)}"
        )
    report_file = p.report_file(tc)
    headline = report_file.read_text().strip()
    lines = [line.rstrip() for line in cppbuild.normalize_report(result.stderr).splitlines()]
    if headline not in lines:
        fail(
            f"{rel(report_file)}: the line {headline!r} is not in the report with {tc.label} "
            f"(its headline is now {cppbuild.report_headline(result.stderr)!r})\n"
            f"stderr:\n{tail(result.stderr)}"
        )
    check_stdout(p, result, tc)

    # The corrected twin, built with the same flags, runs clean under the same sanitizer.
    twin = MANIFEST.programs[p.fixed]
    twin_result = run(twin, built_program(builds, twin).binary)
    check_clean(twin, twin_result, cppbuild.program_flags(MANIFEST, twin), f" (it is the fix for {name})")


# --------------------------------------------------------------------------- compile errors


@pytest.mark.parametrize("name", ERROR_SNIPPETS)
def test_compile_error(name, toolchain, builds):
    tc = require_gxx(toolchain)
    e = MANIFEST.errors[name]
    diagnostic = e.diagnostic_for(tc)
    res = built(builds, "error", name, e.source)
    marked = cppbuild.marker_lines(e.source)
    if len(marked) != 1:
        fail(f"{rel(e.source)}: mark exactly one line with '// error' (found {len(marked)})")
    line = marked[0]
    if res.returncode == 0:
        fail(f"{rel(e.source)}:{line}: compiled without error, but must fail with /{diagnostic}/\n$ {res.command}")
    own_errors = re.findall(rf"^{re.escape(name)}\.cpp:(\d+):\d+: error: .*$", res.stderr, re.MULTILINE)
    stray = sorted({int(n) for n in own_errors} - {line})
    if stray:
        fail(
            f"{rel(e.source)}:{stray[0]}: unexpected error(s) on line(s) {stray}; a compile-error snippet "
            f"must fail only on its '// error' line ({line})\n$ {res.command}\n{res.stderr}"
        )
    on_line = [d for d in res.stderr.splitlines() if re.match(rf"{re.escape(name)}\.cpp:{line}:\d+: error: ", d)]
    if not any(re.search(diagnostic, d) for d in on_line):
        fail(
            f"{rel(e.source)}:{line}: expected an error matching /{diagnostic}/ on this line"
            f"{'; errors there: ' + repr(on_line) if on_line else ', got none there'}\n"
            f"$ {res.command}\n{res.stderr}"
        )


@pytest.mark.parametrize("name", ERROR_SNIPPETS)
def test_compile_error_text(name, toolchain, builds):
    """errors/NAME.err (shown on the page) is what this g++ prints."""
    require_reference_gxx(require_gxx(toolchain))
    e = MANIFEST.errors[name]
    res = built(builds, "error", name, e.source)
    expected = e.err_file.read_text()
    if res.stderr != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), res.stderr.splitlines(True), fromfile=rel(e.err_file), tofile="g++ output"
        ))
        fail(f"{rel(e.source)}: compiler output differs from {rel(e.err_file)} "
             f"(regenerate: python tests/cpp/cppbuild.py --update {name})\n{diff}")


# --------------------------------------------------------------------------- assembly


def _asm(name, toolchain, builds) -> tuple[cppbuild.AsmSnippet, cppbuild.Compiled]:
    require_gxx(toolchain)
    a = MANIFEST.asm[name]
    if platform.machine() != a.arch:
        pytest.skip(f"the assembly checks are written for {a.arch}; this machine is {platform.machine()}")
    res = built(builds, "asm", name, a.source)
    if res.returncode != 0:
        fail(f"{rel(a.source)} does not compile:\n$ {res.command}\n{res.stderr}")
    return a, res


@pytest.mark.parametrize("name", ASM_SNIPPETS)
def test_asm(name, toolchain, builds):
    a, res = _asm(name, toolchain, builds)
    functions = cppbuild.asm_functions(res.stdout)
    problems = []
    for fn, checks in a.functions.items():
        if fn not in functions:
            problems.append(f"{fn}: not found in the assembly")
            continue
        body = "\n".join(functions[fn])
        if not re.search(checks["match"], body):
            problems.append(f"{fn}: no instruction matches /{checks['match']}/:\n    " + body.replace("\n", "\n    "))
        if "absent" in checks and re.search(checks["absent"], body):
            problems.append(f"{fn}: /{checks['absent']}/ must not appear:\n    " + body.replace("\n", "\n    "))
    if problems:
        fail(f"{rel(a.source)} ($ {res.command}):\n" + "\n".join(problems))


@pytest.mark.parametrize("name", ASM_SNIPPETS)
def test_asm_listing_text(name, toolchain, builds):
    """asm/NAME.s (shown on the page) is what this g++ generates."""
    a, res = _asm(name, toolchain, builds)
    require_reference_gxx(toolchain)
    got = cppbuild.asm_listing(res.stdout, a.functions)
    expected = a.listing_file.read_text()
    if got != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), got.splitlines(True), fromfile=rel(a.listing_file), tofile="g++ -S"
        ))
        fail(f"{rel(a.source)}: assembly differs from {rel(a.listing_file)} "
             f"(regenerate: python tests/cpp/cppbuild.py --update {name})\n{diff}")


# --------------------------------------------------------------------------- what the optimizer does to the race


@pytest.mark.parametrize("level", ["-O1", "-O2"])
def test_racy_loop_is_folded_without_the_sanitizer(level, toolchain):
    """docs/cpp/concurrency.md: without TSan, at -O1/-O2, each thread of threads_race_bug
    reads and writes `counter` once (at -O2 a single `addl $100000`): why it usually
    prints 400000 although the race is undefined behaviour."""
    tc = require_gxx(toolchain)
    if platform.machine() != "x86_64":
        pytest.skip("the page states this for x86-64")
    p = MANIFEST.programs["threads_race_bug"]
    flags = [f for f in p.flags if not f.startswith("-fsanitize") and not re.fullmatch(r"-O\d", f) and f != "-g"]
    argv = [*flags, level, "-S", "-o", "-", p.source.name]
    proc = cppbuild._cached_compile(tc, p.source, argv, " ".join(argv), f"fold{level}")
    assert proc.returncode == 0, proc.stderr
    accesses = [ins for name, body in cppbuild.asm_functions(proc.stdout).items() if name != "main"
                for ins in body if re.search(r"\bcounter\(%rip\)", ins)]
    assert 1 <= len(accesses) <= 2, f"{tc.label} {level}: the threads access counter as {accesses}"
    if level == "-O2":
        assert any(re.match(r"addl\s+\$100000, counter\(%rip\)", ins) for ins in accesses), accesses


def test_no_program_relies_on_parenthesized_aggregate_init(toolchain):
    """C++20's `T(args)` for an aggregate T (make_shared<T>("a") on a struct without a
    constructor) needs clang 16 or newer; Apple clang and Debian 12's clang 14 reject it.
    Compiled as C++17, such a call fails with a telling message. Only programs that build
    objects through a forwarding function (make_shared, make_unique, emplace*) are compiled:
    that is where such a call hides."""
    tc = require_gxx(toolchain)
    telling = re.compile(r"no matching constructor for initialization of '(\w+)'"
                         r"|no matching function for call to '(\w+)::\2\(")
    import concurrent.futures

    def check(p: cppbuild.Program):
        argv = ["-std=c++17", "-fsyntax-only", p.source.name]
        return p.name, telling.search(cppbuild._cached_compile(tc, p.source, argv, " ".join(argv), "cxx17").stderr)

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        forwarding = re.compile(r"\bmake_(?:shared|unique)\s*<|\bemplace(?:_back|_front|_hint)?\s*\(")
        candidates = [p for p in MANIFEST.programs.values() if forwarding.search(p.source.read_text())]
        assert candidates
        results = list(pool.map(check, candidates))
    found = {name: m.group(1) or m.group(2) for name, m in results if m}
    assert not found, f"give these types a constructor: {found}"


def test_thread_sanitizer_carries_on_by_default(toolchain, builds):
    """docs/cpp/concurrency.md: without halt_on_error=1, TSan reports and lets the program run
    to its end, then exits with status 66; with it (the shown command), it stops at once."""
    require_gxx(toolchain)
    p = MANIFEST.programs["threads_race_bug"]
    binary = built_program(builds, p).binary
    default = cppbuild.run_binary(binary, True, {})
    assert default.returncode == 66, describe_exit(default.returncode)
    assert "WARNING: ThreadSanitizer: data race" in default.stderr
    assert "counter = " in default.stdout, "the program should have run to its end"
    halted = run(p, binary)
    assert halted.returncode == 66 and "counter = " not in halted.stdout


@pytest.mark.parametrize("level", ["-O1", "-O2"])
def test_an_unused_malloc_is_removed_by_clang_only(level, toolchain, tmp_path):
    """docs/cpp/language.md: with its result unused, clang removes malloc(2^62)/free and
    treats it as successful; g++ 12 does not. (new_vs_malloc.cpp keeps the result alive.)"""
    tc = require_gxx(toolchain)
    source = tmp_path / "unused_malloc.cpp"
    source.write_text(
        "#include <cstdio>\n#include <cstdlib>\n"
        "volatile std::size_t n = std::size_t{1} << 62;\n"
        "int main() { void* m = std::malloc(n); std::puts(m ? \"memory\" : \"NULL\"); std::free(m); }\n")
    binary = tmp_path / "unused_malloc"
    proc = subprocess.run([*tc.cxx, "-std=c++20", level, "-o", str(binary), str(source)],
                          capture_output=True, text=True, env=cppbuild._env(), timeout=cppbuild.COMPILE_TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    out = subprocess.run([str(binary)], capture_output=True, text=True, timeout=cppbuild.RUN_TIMEOUT).stdout
    assert out == ("memory\n" if tc.compiler == "clang" else "NULL\n"), f"{tc.label} {level}: {out!r}"


def test_the_delete_mismatch_is_seen_through_sized_deallocation(toolchain, tmp_path):
    """docs/cpp/inheritance.md: AddressSanitizer finds new-delete-type-mismatch through the
    size passed to operator delete; built without sized deallocation (older clang's default)
    the same undefined behaviour goes unreported."""
    tc = require_gxx(toolchain)
    p = MANIFEST.programs["virtual_dtor_bug"]
    binary = tmp_path / p.name
    argv = [*cppbuild.compile_argv(tc, p, str(binary)), "-fno-sized-deallocation"]
    proc = subprocess.run(argv, cwd=p.source.parent, capture_output=True, text=True, env=cppbuild._env(),
                          timeout=cppbuild.COMPILE_TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    result = cppbuild.run_binary(binary, True, dict(p.shown.env))
    assert "new-delete-type-mismatch" not in result.stderr and result.returncode == 0, result.stderr[-2000:]
