"""Compile, cache and run the C++ examples in snippets/cpp.

Used by tests/cpp (conftest.py, test_examples.py). The table of programs and
their flags is snippets/cpp/manifest.toml.

Binaries and compiler outputs are cached under <repo>/.cache/cpp/, keyed by the
SHA-256 of (source bytes, compile command, `g++ --version` output), so a warm
run compiles nothing.

Run as a script to (re)write the recorded outputs after changing a snippet:

    .venv/bin/python tests/cpp/cppbuild.py --update [NAME ...]

It rewrites NAME.out / NAME.report (programs), errors/NAME.err and asm/NAME.s
from what the current g++ produces. Review the diff before committing.
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
    "g++ not found: the C++ examples are compiled only where a C++ compiler "
    "is installed; CI installs g++"
)

# Bump to invalidate every cached artefact when the way things are built changes.
HARNESS_VERSION = "1"
COMPILE_TIMEOUT = 300
RUN_TIMEOUT = 20  # every example finishes in well under a second

# Sanitizer settings for deterministic reports: stop at the first report, no
# colours, no leak checking (LeakSanitizer needs ptrace-like privileges that
# some containers lack, and no example is about leaks under a sanitizer).
RUN_ENV = {
    "LC_ALL": "C",
    "ASAN_OPTIONS": "halt_on_error=1:abort_on_error=0:detect_leaks=0:color=never:symbolize=1",
    "TSAN_OPTIONS": "halt_on_error=1:abort_on_error=0:color=never:symbolize=1",
    "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1:color=never",
}
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


@dataclasses.dataclass(frozen=True)
class Program:
    name: str
    flags: tuple[str, ...]  # extra flags, after the common ones
    expect: str  # "pass" or "fail"
    report: str | None
    fixed: str | None

    @property
    def source(self) -> Path:
        return SNIPPETS / f"{self.name}.cpp"

    @property
    def out_file(self) -> Path:
        return SNIPPETS / f"{self.name}.out"

    @property
    def report_file(self) -> Path:
        return SNIPPETS / f"{self.name}.report"


@dataclasses.dataclass(frozen=True)
class ErrorSnippet:
    name: str
    flags: tuple[str, ...]
    diagnostic: str

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
    common_flags: tuple[str, ...]
    reference_gxx: int
    programs: dict[str, Program]
    errors: dict[str, ErrorSnippet]
    asm: dict[str, AsmSnippet]


class ManifestError(ValueError):
    pass


def load_manifest(path: Path = MANIFEST) -> Manifest:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    known = {"reference_gxx", "common", "program", "error", "asm"}
    if unknown := set(data) - known:
        raise ManifestError(f"{path}: unknown top-level keys {sorted(unknown)}")

    programs = {}
    for name, entry in data.get("program", {}).items():
        if unknown := set(entry) - {"flags", "expect", "report", "fixed"}:
            raise ManifestError(f"{path}: [program.{name}] has unknown keys {sorted(unknown)}")
        expect = entry.get("expect", "pass")
        if expect not in ("pass", "fail"):
            raise ManifestError(f"{path}: [program.{name}] expect must be 'pass' or 'fail', not {expect!r}")
        programs[name] = Program(
            name=name,
            flags=tuple(entry.get("flags", ())),
            expect=expect,
            report=entry.get("report"),
            fixed=entry.get("fixed"),
        )
    errors = {}
    for name, entry in data.get("error", {}).items():
        if unknown := set(entry) - {"flags", "diagnostic"}:
            raise ManifestError(f"{path}: [error.{name}] has unknown keys {sorted(unknown)}")
        if "diagnostic" not in entry:
            raise ManifestError(f"{path}: [error.{name}] needs a 'diagnostic' regex")
        errors[name] = ErrorSnippet(name, tuple(entry.get("flags", ())), entry["diagnostic"])
    asm = {}
    for name, entry in data.get("asm", {}).items():
        if unknown := set(entry) - {"flags", "arch", "functions"}:
            raise ManifestError(f"{path}: [asm.{name}] has unknown keys {sorted(unknown)}")
        asm[name] = AsmSnippet(name, tuple(entry["flags"]), entry["arch"], dict(entry["functions"]))
    return Manifest(
        common_flags=tuple(data["common"]["flags"]),
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

    for p in m.programs.values():
        if not p.out_file.exists():
            problems.append(f"{rel(p.out_file)} is missing (expected stdout of {p.name}.cpp)")
        if p.expect == "pass":
            if p.report or p.fixed:
                problems.append(f"[program.{p.name}]: 'report'/'fixed' only make sense with expect = 'fail'")
            if p.report_file.exists():
                problems.append(f"{rel(p.report_file)} exists but {p.name} is not a bug demo")
            continue
        if not p.report:
            problems.append(f"[program.{p.name}]: expect = 'fail' needs a 'report' regex")
        else:
            try:
                re.compile(p.report)
            except re.error as e:
                problems.append(f"[program.{p.name}]: bad report regex: {e}")
        if not p.report_file.exists():
            problems.append(f"{rel(p.report_file)} is missing (the one-line report the page shows)")
        else:
            lines = p.report_file.read_text().splitlines()
            if len(lines) != 1 or not lines[0].strip():
                problems.append(f"{rel(p.report_file)} must hold exactly one non-empty line")
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
    gxx: str
    version_text: str  # full `g++ --version` output, part of every cache key
    major: int


def find_toolchain() -> Toolchain | None:
    gxx = shutil.which("g++")
    if gxx is None:
        return None
    text = subprocess.run(
        [gxx, "--version"], capture_output=True, text=True, check=True, env=_env()
    ).stdout
    major = subprocess.run(
        [gxx, "-dumpversion"], capture_output=True, text=True, check=True, env=_env()
    ).stdout.strip().split(".")[0]
    return Toolchain(gxx, text, int(major))


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["LC_ALL"] = "C"  # ASCII quotes in diagnostics
    env.pop("GCC_COLORS", None)
    if extra:
        env.update(extra)
    return env


def _key(tc: Toolchain, source: Path, command: list[str]) -> str:
    h = hashlib.sha256()
    for part in (HARNESS_VERSION, source.read_bytes(), "\0".join(command), tc.version_text):
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
        if old != keep and not old.name.startswith("."):
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


def program_flags(m: Manifest, p: Program) -> list[str]:
    return [*m.common_flags, *p.flags]


def compile_program(tc: Toolchain, m: Manifest, p: Program) -> Build:
    flags = program_flags(m, p)
    # Debug info names the file "NAME.cpp" wherever the repository lives, so
    # sanitizer reports print "NAME.cpp:LINE". The absolute path is not hashed.
    command = [*flags, f"{p.name}.cpp"]
    shown = f"cd snippets/cpp && g++ {' '.join(command)}"
    key = _key(tc, p.source, ["program", *command])
    binary = CACHE / f"{p.name}-{key[:24]}"
    if binary.exists():
        return Build(True, binary, shown, "", True)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = CACHE / f".{binary.name}.{os.getpid()}.tmp"
    proc = subprocess.run(
        [tc.gxx, *flags, f"-fdebug-prefix-map={SNIPPETS}=.", "-fdiagnostics-color=never",
         "-o", str(tmp), f"{p.name}.cpp"],
        cwd=SNIPPETS, capture_output=True, text=True, env=_env(), timeout=COMPILE_TIMEOUT,
    )
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        return Build(False, None, shown, proc.stderr, False)
    os.replace(tmp, binary)
    _prune(p.name, binary)
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
    entry = CACHE / f"{tag}-{source.stem}-{key[:24]}.json"
    if entry.exists():
        d = json.loads(entry.read_text())
        return Compiled(d["returncode"], d["stdout"], d["stderr"], shown, True)
    proc = subprocess.run(
        [tc.gxx, *argv], cwd=source.parent, capture_output=True, text=True,
        env=_env(), timeout=COMPILE_TIMEOUT,
    )
    CACHE.mkdir(parents=True, exist_ok=True)
    _store(entry, json.dumps(
        {"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}
    ).encode())
    _prune(f"{tag}-{source.stem}", entry)
    return Compiled(proc.returncode, proc.stdout, proc.stderr, shown, False)


def compile_error_snippet(tc: Toolchain, m: Manifest, e: ErrorSnippet) -> Compiled:
    argv = [*m.common_flags, *e.flags, "-fsyntax-only", "-fdiagnostics-color=never", f"{e.name}.cpp"]
    shown = f"cd snippets/cpp/errors && g++ {' '.join(argv)}"
    return _cached_compile(tc, e.source, argv, shown, "error")


def compile_asm(tc: Toolchain, a: AsmSnippet) -> Compiled:
    argv = [*a.flags, "-S", "-fdiagnostics-color=never", "-o", "-", f"{a.name}.cpp"]
    shown = f"cd snippets/cpp/asm && g++ {' '.join(argv)}"
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


def _run(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv, cwd=CACHE, capture_output=True, text=True, errors="replace",
        env=_env(RUN_ENV), timeout=RUN_TIMEOUT, preexec_fn=_no_core_dumps,
    )


def run_binary(binary: Path, sanitized: bool = True) -> Run:
    """Run once; if a sanitizer runtime could not start (or spun until the
    timeout, as older ASan does on kernels with high mmap_rnd_bits), run again
    with ASLR disabled through `setarch $(uname -m) -R`."""
    try:
        proc = _run([str(binary)])
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
    proc = _run([setarch, platform.machine(), "-R", str(binary)])
    return Run(proc.returncode, proc.stdout, BENIGN_STDERR.sub("", proc.stderr), True)


# --------------------------------------------------------------------------- text helpers

_PID_PREFIX = re.compile(r"^==\d+==", re.MULTILINE)
_PID_PAREN = re.compile(r" ?\(pid=\d+\)")
_HEX = re.compile(r"0x[0-9a-fA-F]+")


def normalize_report(text: str) -> str:
    """Strip what changes from run to run: PIDs and addresses."""
    text = _PID_PREFIX.sub("", text)
    text = _PID_PAREN.sub("", text)
    return _HEX.sub("0x...", text)


_HEADLINE = re.compile(r"^(?:ERROR|WARNING|Error): .*$", re.MULTILINE)


def report_headline(stderr: str) -> str | None:
    """The first 'ERROR: ...' / 'WARNING: ...' / 'Error: ...' line, normalised."""
    m = _HEADLINE.search(normalize_report(stderr))
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
    if tc.major != m.reference_gxx:
        print(f"warning: recording with g++ {tc.major}, manifest says reference_gxx = {m.reference_gxx}",
              file=sys.stderr)
    results = build_all(tc, m)
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
            run = run_binary(res.binary)
            p.out_file.write_text(run.stdout)
            if p.expect == "fail":
                headline = report_headline(run.stderr)
                if headline is None:
                    print(f"{name}: no report headline in stderr:\n{run.stderr}", file=sys.stderr)
                    status = 1
                else:
                    p.report_file.write_text(headline + "\n")
            print(f"wrote {p.out_file.relative_to(REPO)}")
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
