"""Compile, cache and run the C++ examples in snippets/cpp.

Used by tests/cpp (conftest.py, test_examples.py). The table of programs and
their flags is snippets/cpp/manifest.toml.

The compiler is taken from the environment variable CXX, as build tools do
(default `g++`; e.g. CXX=clang++-19 or CXX="clang++-19 -stdlib=libc++").

Each program states how to build and run it in its own header comment:

    // Build and run:
    //   g++ -std=c++20 ... NAME.cpp -o NAME
    //   TSAN_OPTIONS=halt_on_error=1 ./NAME

The tests run exactly that: the compile line with `g++` replaced by $CXX (and the
binary written to the cache instead of `-o NAME`), then the binary with the
environment variables the run line sets and no other sanitizer options.

Expected outputs: NAME.out, or a toolchain's own NAME.<variant>.out where its
output legitimately differs (variants: "clang" for clang with any library,
"libcxx" for LLVM's libc++; the most specific existing file wins). The same
for NAME.report.

Binaries and compiler outputs are cached under <repo>/.cache/cpp/, keyed by the
SHA-256 of (source bytes, compile command with the compiler's words, the
compiler's `--version` output and its standard library), and named after the
toolchain, so warm runs of several toolchains do not evict each other.

Run as a script to (re)write the recorded outputs after changing a snippet:

    .venv/bin/python tests/cpp/cppbuild.py --update [NAME ...]
    CXX="clang++-19 -stdlib=libc++" .venv/bin/python tests/cpp/cppbuild.py --update [NAME ...]

It rewrites NAME.out / NAME.report (programs), errors/NAME.err and asm/NAME.s
from what the current compiler produces (a toolchain other than the reference
g++ writes its own variant file, and only where its output differs). Review
the diff before committing.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[2]
SNIPPETS = REPO / "snippets" / "cpp"
ERRORS = SNIPPETS / "errors"
ASM = SNIPPETS / "asm"
MANIFEST = SNIPPETS / "manifest.toml"
CACHE = REPO / ".cache" / "cpp"

GXX_MISSING = (
    "no C++ compiler: the C++ examples are compiled only where the compiler named by "
    "CXX (default g++) is installed; CI installs g++ and clang-19"
)

# Bump to invalidate every cached artefact when the way things are built changes.
HARNESS_VERSION = "2"
COMPILE_TIMEOUT = 300
RUN_TIMEOUT = 20  # every example finishes in well under a second

# A program runs with the environment of the test run minus every sanitizer
# option variable, plus the variables its shown run line sets.
SANITIZER_OPTIONS = re.compile(r"^[A-Z]+SAN_OPTIONS$")
# Variant files a toolchain may have (NAME.<variant>.out / .report).
VARIANTS = ("clang", "libcxx")
BUILD_HEADER = "// Build and run:"
# A sanitizer runtime that cannot set up its shadow memory (high-entropy ASLR on
# some kernels) says one of these; the binary is then re-run with ASLR disabled.
SANITIZER_LAYOUT_FAILURE = re.compile(
    r"unexpected memory mapping"
    r"|Shadow memory range interleaves with an existing memory mapping"
    r"|shadow (?:memory )?was supposed to be located"
    r"|failed to (?:allocate|mmap|reserve) .{0,60}shadow"
    r"|memory layout is incompatible"
    r"|AddressSanitizer:DEADLYSIGNAL",
    re.IGNORECASE,
)
# Harmless lines some sanitizer runtimes print even for clean programs.
BENIGN_STDERR = re.compile(
    r"^ThreadSanitizer: memory layout is incompatible.*Re-?exec.*$\n?", re.MULTILINE | re.IGNORECASE
)

ERROR_MARKER = re.compile(r"//\s*error\b")


# --------------------------------------------------------------------------- manifest


class ManifestError(ValueError):
    pass


@dataclasses.dataclass(frozen=True)
class Shown:
    """The build-and-run command a program shows in its header comment."""
    compile: tuple[str, ...]  # argv, starting with "g++"
    env: tuple[tuple[str, str], ...]  # VAR=value assignments of the run line
    lines: tuple[str, str]  # the two lines as printed

    @property
    def flags(self) -> tuple[str, ...]:
        """The compile line without the compiler, the source and `-o NAME`."""
        args, out = list(self.compile[1:]), []
        while args:
            a = args.pop(0)
            if a == "-o":
                args.pop(0)
            elif not a.endswith(".cpp"):
                out.append(a)
        return tuple(out)


def shown_command(source: Path) -> Shown:
    """Parse the `// Build and run:` header of a program (ValueError if malformed)."""
    name = source.stem
    lines = source.read_text().splitlines()
    try:
        i = lines.index(BUILD_HEADER)
    except ValueError:
        raise ManifestError(f"{source.name}: no '{BUILD_HEADER}' line") from None
    shown = [line.removeprefix("//").strip() for line in lines[i + 1:i + 3]]
    if len(shown) != 2 or not all(line.startswith("//   ") for line in lines[i + 1:i + 3]):
        raise ManifestError(f"{source.name}: '{BUILD_HEADER}' must be followed by two '//   ' lines")
    compile_argv = shlex.split(shown[0])
    if compile_argv[:1] != ["g++"] or f"{name}.cpp" not in compile_argv:
        raise ManifestError(f"{source.name}: the compile line must be 'g++ ... {name}.cpp -o {name}'")
    if "-o" not in compile_argv or compile_argv[compile_argv.index("-o") + 1:][:1] != [name]:
        raise ManifestError(f"{source.name}: the compile line must write the binary with '-o {name}'")
    run_argv = shlex.split(shown[1])
    if not run_argv or run_argv[-1] != f"./{name}":
        raise ManifestError(f"{source.name}: the run line must end with './{name}'")
    env = []
    for word in run_argv[:-1]:
        var, eq, value = word.partition("=")
        if not eq or not re.fullmatch(r"[A-Z_][A-Z0-9_]*", var):
            raise ManifestError(f"{source.name}: the run line may only set VAR=value before ./{name}, got {word!r}")
        env.append((var, value))
    return Shown(tuple(compile_argv), tuple(env), (shown[0], shown[1]))


@dataclasses.dataclass(frozen=True)
class Program:
    name: str
    expect: str  # "pass" or "fail"
    report: str | None
    fixed: str | None

    @property
    def source(self) -> Path:
        return SNIPPETS / f"{self.name}.cpp"

    @property
    def shown(self) -> Shown:
        return shown_command(self.source)

    @property
    def flags(self) -> tuple[str, ...]:
        return self.shown.flags

    def out_file(self, tc: "Toolchain | None" = None) -> Path:
        return variant_file(SNIPPETS, self.name, ".out", tc)

    def report_file(self, tc: "Toolchain | None" = None) -> Path:
        return variant_file(SNIPPETS, self.name, ".report", tc)


def variant_file(directory: Path, name: str, suffix: str, tc: "Toolchain | None") -> Path:
    """NAME.<variant><suffix> for the most specific variant of tc that exists, else NAME<suffix>."""
    for variant in (tc.variants if tc else ()):
        candidate = directory / f"{name}.{variant}{suffix}"
        if candidate.exists():
            return candidate
    return directory / f"{name}{suffix}"


@dataclasses.dataclass(frozen=True)
class ErrorSnippet:
    name: str
    flags: tuple[str, ...]
    diagnostic: str  # g++'s
    clang_diagnostic: str

    def diagnostic_for(self, tc: "Toolchain") -> str:
        return self.clang_diagnostic if tc.compiler == "clang" else self.diagnostic

    @property
    def source(self) -> Path:
        return ERRORS / f"{self.name}.cpp"

    @property
    def err_file(self) -> Path:
        return ERRORS / f"{self.name}.err"


@dataclasses.dataclass(frozen=True)
class AsmSnippet:
    name: str
    flags: tuple[str, ...]  # complete flag list
    arch: str
    functions: dict  # function name -> {"match": re, "absent": re}

    @property
    def source(self) -> Path:
        return ASM / f"{self.name}.cpp"

    @property
    def listing_file(self) -> Path:
        return ASM / f"{self.name}.s"


@dataclasses.dataclass(frozen=True)
class Manifest:
    common_flags: tuple[str, ...]  # every shown compile line has them
    error_flags: tuple[str, ...]  # added for compile-error snippets
    reference_gxx: int
    programs: dict[str, Program]
    errors: dict[str, ErrorSnippet]
    asm: dict[str, AsmSnippet]


def load_manifest(path: Path = MANIFEST) -> Manifest:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    known = {"reference_gxx", "common", "program", "error", "asm"}
    if unknown := set(data) - known:
        raise ManifestError(f"{path}: unknown top-level keys {sorted(unknown)}")

    programs = {}
    for name, entry in data.get("program", {}).items():
        if unknown := set(entry) - {"expect", "report", "fixed"}:
            raise ManifestError(f"{path}: [program.{name}] has unknown keys {sorted(unknown)}")
        expect = entry.get("expect", "pass")
        if expect not in ("pass", "fail"):
            raise ManifestError(f"{path}: [program.{name}] expect must be 'pass' or 'fail', not {expect!r}")
        programs[name] = Program(
            name=name,
            expect=expect,
            report=entry.get("report"),
            fixed=entry.get("fixed"),
        )
    errors = {}
    for name, entry in data.get("error", {}).items():
        if unknown := set(entry) - {"flags", "diagnostic", "clang_diagnostic"}:
            raise ManifestError(f"{path}: [error.{name}] has unknown keys {sorted(unknown)}")
        if "diagnostic" not in entry or "clang_diagnostic" not in entry:
            raise ManifestError(f"{path}: [error.{name}] needs 'diagnostic' (g++) and 'clang_diagnostic' regexes")
        errors[name] = ErrorSnippet(name, tuple(entry.get("flags", ())), entry["diagnostic"],
                                    entry["clang_diagnostic"])
    asm = {}
    for name, entry in data.get("asm", {}).items():
        if unknown := set(entry) - {"flags", "arch", "functions"}:
            raise ManifestError(f"{path}: [asm.{name}] has unknown keys {sorted(unknown)}")
        asm[name] = AsmSnippet(name, tuple(entry["flags"]), entry["arch"], dict(entry["functions"]))
    return Manifest(
        common_flags=tuple(data["common"]["flags"]),
        error_flags=tuple(data["common"]["error_flags"]),
        reference_gxx=int(data["reference_gxx"]),
        programs=programs,
        errors=errors,
        asm=asm,
    )


def manifest_problems(m: Manifest) -> list[str]:
    """Consistency between the manifest and the files on disk (no compiler needed)."""
    problems = []
    rel = lambda p: p.relative_to(REPO)  # noqa: E731

    def compare(kind: str, directory: Path, names) -> None:
        on_disk = {p.stem for p in directory.glob("*.cpp")}
        for n in sorted(on_disk - set(names)):
            problems.append(f"{rel(directory / (n + '.cpp'))}: no [{kind}.{n}] entry in manifest.toml")
        for n in sorted(set(names) - on_disk):
            problems.append(f"manifest.toml: [{kind}.{n}] but {rel(directory / (n + '.cpp'))} does not exist")

    compare("program", SNIPPETS, m.programs)
    compare("error", ERRORS, m.errors)
    compare("asm", ASM, m.asm)

    known_variants = {f"{v}{s}" for v in VARIANTS for s in (".out", ".report")}
    for f in SNIPPETS.glob("*.*.*"):
        name, _, rest = f.name.partition(".")
        if name in m.programs and rest not in known_variants:
            problems.append(f"{rel(f)}: unknown variant (known: {', '.join(VARIANTS)})")
    for p in m.programs.values():
        try:
            shown = p.shown
        except (ManifestError, OSError) as exc:
            problems.append(str(exc))
            continue
        if missing := [f for f in m.common_flags if not satisfied(f, shown.flags)]:
            problems.append(f"{rel(p.source)}: the shown compile line lacks the common flags {missing}")
        if not p.out_file().exists():
            problems.append(f"{rel(p.out_file())} is missing (expected stdout of {p.name}.cpp)")
        if p.expect == "pass":
            if p.report or p.fixed:
                problems.append(f"[program.{p.name}]: 'report'/'fixed' only make sense with expect = 'fail'")
            if p.report_file().exists():
                problems.append(f"{rel(p.report_file())} exists but {p.name} is not a bug demo")
            continue
        if not p.report:
            problems.append(f"[program.{p.name}]: expect = 'fail' needs a 'report' regex")
        else:
            try:
                re.compile(p.report)
            except re.error as e:
                problems.append(f"[program.{p.name}]: bad report regex: {e}")
        if not p.report_file().exists():
            problems.append(f"{rel(p.report_file())} is missing (the one-line report the page shows)")
        for report in SNIPPETS.glob(f"{p.name}*.report"):
            lines = report.read_text().splitlines()
            if len(lines) != 1 or not lines[0].strip():
                problems.append(f"{rel(report)} must hold exactly one non-empty line")
        twin = m.programs.get(p.fixed or "")
        if twin is None:
            problems.append(f"[program.{p.name}]: 'fixed' must name the corrected program, got {p.fixed!r}")
        elif twin.expect != "pass" or twin.flags != p.flags:
            problems.append(
                f"[program.{p.name}]: its fixed twin {twin.name} must be expect = 'pass' "
                f"with the same flags {list(p.flags)} (has {list(twin.flags)})"
            )

    for e in m.errors.values():
        try:
            re.compile(e.diagnostic)
        except re.error as exc:
            problems.append(f"[error.{e.name}]: bad diagnostic regex: {exc}")
        if e.source.exists():
            marked = marker_lines(e.source)
            if len(marked) != 1:
                problems.append(
                    f"{rel(e.source)}: exactly one line must carry the '// error' marker (found {len(marked)})"
                )
        if not e.err_file.exists():
            problems.append(f"{rel(e.err_file)} is missing (the compiler output the page shows)")

    for a in m.asm.values():
        if not a.listing_file.exists():
            problems.append(f"{rel(a.listing_file)} is missing (the assembly listing the page shows)")
        for fn, checks in a.functions.items():
            if set(checks) - {"match", "absent"} or "match" not in checks:
                problems.append(f"[asm.{a.name}] functions.{fn}: needs 'match' (and optionally 'absent')")
    return problems


def marker_lines(source: Path) -> list[int]:
    return [i for i, line in enumerate(source.read_text().splitlines(), 1) if ERROR_MARKER.search(line)]


# --------------------------------------------------------------------------- toolchain


@dataclasses.dataclass(frozen=True)
class Toolchain:
    cxx: tuple[str, ...]  # the compiler command, from CXX
    version_text: str  # full `--version` output, part of every cache key
    major: int
    compiler: str  # "gcc" or "clang"
    stdlib: str  # "libstdc++" or "libc++"

    @property
    def variants(self) -> tuple[str, ...]:
        """Variant file names to look for, most specific first."""
        return (("libcxx",) if self.stdlib == "libc++" else ()) + (("clang",) if self.compiler == "clang" else ())

    @property
    def tag(self) -> str:
        """Part of every cache file name, e.g. clang19-libcxx-1a2b3c (the suffix hashes the
        compiler command, so that two commands never prune each other's entries)."""
        command = hashlib.sha256("\0".join(self.cxx).encode()).hexdigest()[:6]
        return f"{self.compiler}{self.major}-{self.stdlib.replace('+', 'x')}-{command}"

    @property
    def label(self) -> str:
        return f"{' '.join(self.cxx)} ({self.compiler} {self.major}, {self.stdlib})"


STDLIB_PROBE = "#include <version>\n#ifdef _LIBCPP_VERSION\nstdlib=libc++\n#else\nstdlib=libstdc++\n#endif\n"


def find_toolchain(cxx: str | None = None) -> Toolchain | None:
    """The compiler named by CXX (default g++), or None if it is not installed."""
    words = tuple(shlex.split(cxx if cxx is not None else (os.environ.get("CXX") or "g++")))
    if not words or shutil.which(words[0]) is None:
        return None
    run = lambda *args, **kw: subprocess.run(  # noqa: E731
        [*words, *args], capture_output=True, text=True, check=True, env=_env(), **kw).stdout
    text = run("--version")
    major = int(run("-dumpversion").strip().split(".")[0])
    compiler = "clang" if "clang" in text.lower() else "gcc"
    probe = run("-std=c++20", "-E", "-P", "-x", "c++", "-", input=STDLIB_PROBE)
    stdlib = "libc++" if "stdlib=libc++" in probe else "libstdc++"
    return Toolchain(words, text, major, compiler, stdlib)


def _env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not SANITIZER_OPTIONS.match(k)}
    env["LC_ALL"] = "C"  # ASCII quotes in diagnostics
    env.pop("GCC_COLORS", None)
    if extra:
        env.update(extra)
    return env


def _key(tc: Toolchain, source: Path, command: list[str]) -> str:
    h = hashlib.sha256()
    for part in (HARNESS_VERSION, source.read_bytes(), "\0".join([*tc.cxx, *command]), tc.version_text,
                 tc.stdlib):
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\0\1\0")
    return h.hexdigest()


def _store(path: Path, data: bytes) -> None:
    """Write atomically (parallel runs may race on the same cache entry)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _prune(prefix: str, keep: Path) -> None:
    for old in CACHE.glob(prefix + "-*"):
        if old != keep and old.name != keep.name + ".stderr" and not old.name.startswith("."):
            try:
                old.unlink()
            except OSError:
                pass


# --------------------------------------------------------------------------- compiling


@dataclasses.dataclass(frozen=True)
class Build:
    ok: bool
    binary: Path | None
    command: str  # human-readable compile command, for messages
    stderr: str
    cached: bool


# A program that needs a later standard shows it instead of the common one.
LATER_STANDARDS = {"-std=c++20": ("-std=c++23",)}


def satisfied(common_flag: str, shown_flags: tuple[str, ...]) -> bool:
    """Whether a shown compile line has a common flag, or a later standard in its place."""
    return common_flag in shown_flags or any(f in shown_flags for f in LATER_STANDARDS.get(common_flag, ()))


def program_flags(m: Manifest, p: Program) -> list[str]:
    return list(p.flags)


def compile_argv(tc: Toolchain, p: Program, output: str) -> list[str]:
    """The shown compile line with g++ replaced by $CXX and the binary written to `output`."""
    args = list(p.shown.compile[1:])
    args[args.index("-o") + 1] = output
    return [*tc.cxx, *args]


def compile_program(tc: Toolchain, m: Manifest, p: Program) -> Build:
    shown = f"cd snippets/cpp && {p.shown.lines[0]}  (g++ = {' '.join(tc.cxx)})"
    key = _key(tc, p.source, ["program", *p.shown.compile])
    binary = CACHE / f"{p.name}-{tc.tag}-{key[:24]}"
    if binary.exists():
        stderr = binary.with_name(binary.name + ".stderr")
        return Build(True, binary, shown, stderr.read_text() if stderr.exists() else "", True)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = CACHE / f".{binary.name}.{os.getpid()}.tmp"
    proc = subprocess.run(
        compile_argv(tc, p, str(tmp)),
        cwd=SNIPPETS, capture_output=True, text=True, env=_env(), timeout=COMPILE_TIMEOUT,
    )
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        return Build(False, None, shown, proc.stderr, False)
    # Warnings are kept with the binary: a warm run must report them too.
    _store(binary.with_name(binary.name + ".stderr"), proc.stderr.encode())
    os.replace(tmp, binary)
    _prune(f"{p.name}-{tc.tag}", binary)
    return Build(True, binary, shown, proc.stderr, False)


@dataclasses.dataclass(frozen=True)
class Compiled:
    """Result of a compile whose output (not a binary) is the product."""
    returncode: int
    stdout: str
    stderr: str
    command: str
    cached: bool


def _cached_compile(tc: Toolchain, source: Path, argv: list[str], shown: str, tag: str) -> Compiled:
    key = _key(tc, source, [tag, *argv])
    entry = CACHE / f"{tag}-{source.stem}-{tc.tag}-{key[:24]}.json"
    if entry.exists():
        d = json.loads(entry.read_text())
        return Compiled(d["returncode"], d["stdout"], d["stderr"], shown, True)
    proc = subprocess.run(
        [*tc.cxx, *argv], cwd=source.parent, capture_output=True, text=True,
        env=_env(), timeout=COMPILE_TIMEOUT,
    )
    CACHE.mkdir(parents=True, exist_ok=True)
    _store(entry, json.dumps(
        {"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}
    ).encode())
    _prune(f"{tag}-{source.stem}-{tc.tag}", entry)
    return Compiled(proc.returncode, proc.stdout, proc.stderr, shown, False)


def error_command(m: Manifest, e: ErrorSnippet) -> list[str]:
    """The command the pages state for a compile-error snippet."""
    return ["g++", *m.common_flags, *m.error_flags, *e.flags, f"{e.name}.cpp"]


def compile_error_snippet(tc: Toolchain, m: Manifest, e: ErrorSnippet) -> Compiled:
    argv = error_command(m, e)[1:]
    shown = f"cd snippets/cpp/errors && g++ {' '.join(argv)}  (g++ = {' '.join(tc.cxx)})"
    return _cached_compile(tc, e.source, argv, shown, "error")


def compile_asm(tc: Toolchain, a: AsmSnippet) -> Compiled:
    argv = [*a.flags, "-S", "-o", "-", f"{a.name}.cpp"]
    shown = f"cd snippets/cpp/asm && g++ {' '.join(argv)}  (g++ = {' '.join(tc.cxx)})"
    return _cached_compile(tc, a.source, argv, shown, "asm")


def build_all(tc: Toolchain, m: Manifest) -> dict:
    """Compile everything in parallel. Returns {("program"|"error"|"asm", name): result}."""
    jobs = []
    # Longest compiles first (sanitizers, debug mode) to shorten the critical path.
    for p in sorted(m.programs.values(), key=lambda p: (not p.flags, p.name)):
        jobs.append((("program", p.name), compile_program, (tc, m, p)))
    for e in m.errors.values():
        jobs.append((("error", e.name), compile_error_snippet, (tc, m, e)))
    for a in m.asm.values():
        if a.arch == platform.machine():  # elsewhere the asm tests skip
            jobs.append((("asm", a.name), compile_asm, (tc, a)))
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {pool.submit(fn, *args): key for key, fn, args in jobs}
        for fut in concurrent.futures.as_completed(futures):
            key = futures[fut]
            try:
                results[key] = fut.result()
            except Exception as exc:  # timeout, OSError: report it on that one test
                results[key] = exc
    return results


# --------------------------------------------------------------------------- running


@dataclasses.dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    aslr_disabled: bool  # re-run under `setarch -R` because the sanitizer could not start


def _no_core_dumps() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run(argv: list[str], env: dict) -> subprocess.CompletedProcess:
    CACHE.mkdir(parents=True, exist_ok=True)  # the working directory; a test may run before any build made it
    return subprocess.run(
        argv, cwd=CACHE, capture_output=True, text=True, errors="replace",
        env=_env(env), timeout=RUN_TIMEOUT, preexec_fn=_no_core_dumps,
    )


def run_binary(binary: Path, sanitized: bool = True, env: dict | None = None) -> Run:
    """Run once, with the environment variables `env` (the shown run line's);
    if a sanitizer runtime could not start (or spun until the timeout, as older
    ASan does on kernels with high mmap_rnd_bits), run again with ASLR disabled
    through `setarch $(uname -m) -R`."""
    env = dict(env or {})
    try:
        proc = _run([str(binary)], env)
    except subprocess.TimeoutExpired:
        if not sanitized:
            raise
        proc = None
    if proc is not None and not (proc.returncode != 0 and SANITIZER_LAYOUT_FAILURE.search(proc.stderr)):
        return Run(proc.returncode, proc.stdout, BENIGN_STDERR.sub("", proc.stderr), False)
    setarch = shutil.which("setarch")
    if setarch is None:
        why = f"timed out after {RUN_TIMEOUT} s" if proc is None else "could not map its shadow memory"
        raise RuntimeError(
            f"the sanitizer runtime {why} (likely ASLR), and setarch is not installed "
            "to re-run it with ASLR disabled" + ("" if proc is None else ":\n" + proc.stderr[-4000:])
        )
    proc = _run([setarch, platform.machine(), "-R", str(binary)], env)
    return Run(proc.returncode, proc.stdout, BENIGN_STDERR.sub("", proc.stderr), True)


# --------------------------------------------------------------------------- text helpers

_PID_PREFIX = re.compile(r"^==\d+==", re.MULTILINE)
_PID_PAREN = re.compile(r" ?\(pid=\d+\)")
_HEX = re.compile(r"0x[0-9a-fA-F]+")


# Sanitizers and libstdc++'s debug mode start a line with ERROR/WARNING/Error;
# libc++'s assertions print "PATH:LINE: assertion EXPR failed: MESSAGE".
_ASSERTION_PATH = re.compile(r"^\S+:\d+: (?=assertion )", re.MULTILINE)


def normalize_report(text: str) -> str:
    """Strip what changes from run to run or machine to machine: PIDs, addresses, header paths."""
    text = _PID_PREFIX.sub("", text)
    text = _PID_PAREN.sub("", text)
    text = _ASSERTION_PATH.sub("", text)
    return _HEX.sub("0x...", text)


def report_headline(stderr: str) -> str | None:
    """The first 'ERROR: ...' / 'WARNING: ...' / 'Error: ...' / 'assertion ... failed' line, normalised."""
    m = re.search(r"^(?:ERROR|WARNING|Error): .*$|^assertion .* failed: .*$", normalize_report(stderr), re.MULTILINE)
    return m.group(0).rstrip() if m else None


def first_location(stderr: str, name: str) -> str | None:
    """'NAME.cpp:LINE' of the first stack frame or diagnostic in the example's own file."""
    m = re.search(rf"\b{re.escape(name)}\.cpp:\d+", stderr)
    return m.group(0) if m else None


def asm_functions(listing: str) -> dict[str, list[str]]:
    """Instructions of each function in a g++ -S listing (directives and local labels dropped)."""
    functions: dict[str, list[str]] = {}
    current = None
    for line in listing.splitlines():
        if m := re.match(r"^([A-Za-z_][\w.$]*):", line):
            current = m.group(1)
            functions[current] = []
        elif current and line.startswith("\t") and not line.lstrip().startswith("."):
            # endbr64: CET landing pads that some distributions' g++ add by default
            # (-fcf-protection); they are not part of the lesson.
            if line.strip() not in ("endbr64", "endbr32"):
                functions[current].append(line.strip())
        elif current and line.strip().startswith(".size"):
            current = None
    return {name: body for name, body in functions.items() if body}


def asm_listing(listing: str, names) -> str:
    """The filtered listing for the page: each function's label and its instructions."""
    funcs = asm_functions(listing)
    out = []
    for name in names:
        out.append(f"{name}:")
        out.extend("\t" + ins for ins in funcs.get(name, []))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- --update


def update(names: list[str]) -> int:
    tc = find_toolchain()
    if tc is None:
        print(GXX_MISSING, file=sys.stderr)
        return 2
    m = load_manifest()
    reference = tc.compiler == "gcc" and tc.stdlib == "libstdc++"
    if reference and tc.major != m.reference_gxx:
        print(f"warning: recording with g++ {tc.major}, manifest says reference_gxx = {m.reference_gxx}",
              file=sys.stderr)
    results = build_all(tc, m)

    def record(default: Path, text: str) -> Path:
        """The reference toolchain writes NAME.out; another writes its variant only where it differs."""
        if reference:
            default.write_text(text)
            return default
        variant = default.with_name(default.name.replace(".", f".{tc.variants[0]}.", 1))
        if default.exists() and default.read_text() == text:
            variant.unlink(missing_ok=True)
            return default
        variant.write_text(text)
        return variant

    wanted = lambda n: not names or n in names  # noqa: E731
    status = 0
    for (kind, name), res in sorted(results.items()):
        if not wanted(name):
            continue
        if isinstance(res, Exception):
            print(f"{kind} {name}: {res}", file=sys.stderr)
            status = 1
            continue
        if kind == "program":
            p = m.programs[name]
            if not res.ok:
                print(f"{name}.cpp does not compile:\n{res.stderr}", file=sys.stderr)
                status = 1
                continue
            run = run_binary(res.binary, env=dict(p.shown.env))
            written = record(p.out_file(), run.stdout)
            if p.expect == "fail":
                headline = report_headline(run.stderr)
                if headline is None:
                    print(f"{name}: no report headline in stderr:\n{run.stderr}", file=sys.stderr)
                    status = 1
                else:
                    record(p.report_file(), headline + "\n")
            print(f"wrote {written.relative_to(REPO)}")
        elif not (reference and tc.major == m.reference_gxx):
            continue  # the compiler texts the pages show are g++ 12's
        elif kind == "error":
            m.errors[name].err_file.write_text(res.stderr)
            print(f"wrote {m.errors[name].err_file.relative_to(REPO)}")
        elif kind == "asm":
            a = m.asm[name]
            a.listing_file.write_text(asm_listing(res.stdout, a.functions))
            print(f"wrote {a.listing_file.relative_to(REPO)}")
    return status


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "--update":
        print(__doc__)
        sys.exit(2)
    sys.exit(update(args[1:]))
