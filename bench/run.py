"""Benchmark morctl: start-up ratios and the large generated workspace, in one run.

    python bench/run.py startup
    python bench/run.py large --managers 10000
    python bench/run.py all

Machines are noisy, so start-up is measured as a ratio against a baseline run in the same
loop (interleaved, median of N), and the large benchmarks report wall time and peak
memory of a fresh child process per run. Prints a Markdown table on stdout; progress and
failures go to stderr. A command morctl does not have yet is reported "not available".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
FROM, TO, AS_OF = "2026-01-01", "2026-12-31", "2027-01-15"
FULL_MANAGERS = 10_000
GIB = 1024.0  # in MiB
PYCACHE = BENCH / "out" / "pycache"
# What a failing `--help` says when morctl, or one of its commands, does not exist yet.
ABSENT = ("No such command", "No module named", "No such file or directory")

# Runs one command in a fresh process, so RUSAGE_CHILDREN is that command's peak alone.
WRAPPER = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
out = open(spec["stdout"], "wb") if spec["stdout"] else subprocess.DEVNULL
t0 = time.perf_counter()
try:
    p = subprocess.run(spec["cmd"], stdin=subprocess.DEVNULL, stdout=out,
                       stderr=subprocess.PIPE, cwd=spec["cwd"], timeout=spec["timeout"])
    rc, err = p.returncode, p.stderr
except subprocess.TimeoutExpired as e:
    rc, err = -1000, (e.stderr or b"") + b"\n[timed out]"
except OSError as e:
    rc, err = -1001, str(e).encode()
wall = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": rc, "wall": wall, "maxrss": rss,
                  "stderr": err[-4000:].decode("utf-8", "replace")}))
"""

# The yardstick for `report` (issue 4): a plain DuckDB query doing the report's counting
# over the same CSV files in one pass: per owner x activity, done and skipped, mean rating,
# rows with actions, hollow rows. It neither deduplicates nor matches rows to the schedule
# (deduplicating on (date, activity, owner, with) doubles its time here, grouping per series
# and week makes it ~8x slower); that extra work is what morctl's 10x allowance is for.
DUCKDB_SCRIPT = r"""
import sys
import duckdb
glob = sys.argv[1].replace("'", "''")
query = '''
SELECT owner, activity,
    count(*) FILTER (WHERE status = 'done') AS done,
    count(*) FILTER (WHERE status = 'skipped') AS skipped,
    avg(useful) FILTER (WHERE status = 'done') AS useful,
    count(*) FILTER (WHERE status = 'done' AND actions >= 1) AS with_actions,
    count(*) FILTER (WHERE status = 'done' AND (useful <= 2 OR actions = 0)) AS hollow,
    min(date) AS first, max(date) AS last
FROM read_csv('GLOB', header = true, auto_detect = false,
    columns = {'date': 'DATE', 'activity': 'VARCHAR', 'owner': 'VARCHAR',
               'with': 'VARCHAR', 'status': 'VARCHAR', 'useful': 'INTEGER',
               'actions': 'INTEGER', 'note': 'VARCHAR', 'reason': 'VARCHAR'})
GROUP BY owner, activity ORDER BY owner, activity
'''.replace("GLOB", glob)
con = duckdb.connect()
rows = con.execute(query).fetchall()
threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
done = sum(r[2] for r in rows)
skipped = sum(r[3] for r in rows)
print(f"duckdb {duckdb.__version__} ({threads} threads): {len(rows)} owner x activity rows, "
      f"{done} done, {skipped} skipped", file=sys.stderr)
"""


@dataclass(frozen=True)
class Run:
    """One measured run of one command."""

    rc: int
    wall: float  # seconds
    rss: float  # MiB
    stderr: str

    @property
    def failure(self) -> str | None:
        if self.rc == 0:
            return None
        if self.rc == -1000:
            return "timed out"
        return f"exit {self.rc}"


@dataclass(frozen=True)
class Stat:
    """Several runs of one command: median wall time, worst memory, first failure."""

    runs: tuple[Run, ...]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss for r in self.runs)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if r.rc != 0), None)


@dataclass
class Table:
    """The Markdown result table, and notes printed under it."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, measured: str, target: str, result: str) -> None:
        self.rows.append((name, measured, target, result))
        log(f"  {name}: {measured} [{target}] {result}")

    def markdown(self) -> str:
        lines = ["| benchmark | measured | target | result |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(lines + [""] + [f"- {n}" for n in self.notes])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    """The environment of every measured command.

    Bytecode caching is forced on, into bench/out/pycache, because an installed morctl has
    its .pyc files; with PYTHONDONTWRITEBYTECODE set (as on these machines) every start
    would recompile morctl and the start-up ratios would measure the compiler.
    """
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def run_once(cmd: Sequence[str], *, stdout: Path | None = None, timeout: float = 900.0) -> Run:
    """Run cmd in a fresh wrapper process; wall time and peak RSS of cmd alone."""
    spec = {
        "cmd": list(cmd),
        "stdout": str(stdout) if stdout else None,
        "cwd": str(REPO),
        "timeout": timeout,
    }
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, json.dumps(spec)],
        capture_output=True,
        text=True,
        env=child_env(),
        check=False,
    )
    try:
        data = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return Run(rc=-1002, wall=0.0, rss=0.0, stderr=proc.stderr[-4000:])
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    rss = data["maxrss"] / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(rc=data["rc"], wall=data["wall"], rss=rss, stderr=data["stderr"])


def measure(
    cmd: Sequence[str],
    runs: int,
    *,
    stdout: Path | None = None,
    timeout: float = 900.0,
    before: Callable[[], None] | None = None,
) -> Stat:
    """Median-of-runs measurement; `before` resets state (e.g. an output folder)."""
    out: list[Run] = []
    for _ in range(runs):
        if before:
            before()
        out.append(run_once(cmd, stdout=stdout, timeout=timeout))
        if out[-1].rc != 0:
            break  # a failing command will not get better by repeating it
    return Stat(tuple(out))


def compare(base: Sequence[str], cmd: Sequence[str], runs: int) -> tuple[Stat, Stat]:
    """Interleave baseline and command runs so drift hits both alike; 2 warm-ups each."""
    for _ in range(2):
        run_once(base)
        run_once(cmd)
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(runs):
        a.append(run_once(base))
        b.append(run_once(cmd))
    return Stat(tuple(a)), Stat(tuple(b))


def morctl_base(override: str | None) -> list[str]:
    """The morctl console script next to this interpreter, else `python -m morctl`."""
    if override:
        return shlex.split(override)
    script = Path(sys.executable).parent / "morctl"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "morctl"]


class Bench:
    """Holds the options, the morctl command and the result table."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.morctl = morctl_base(args.morctl)
        self.table = Table()
        self._available: dict[str, str | None] = {}

    def missing(self, sub: str) -> str | None:
        """None when `morctl SUB --help` works, else why not (the last stderr line)."""
        if sub not in self._available:
            cmd = [*self.morctl, *([sub] if sub else []), "--help"]
            try:
                proc = subprocess.run(
                    cmd,
                    capture_output=True,
                    text=True,
                    cwd=REPO,
                    env=child_env(),
                    timeout=120,
                    check=False,
                )
                lines = [ln.strip(" │╭╰─") for ln in proc.stderr.splitlines() if ln.strip()]
                why = None if proc.returncode == 0 else (lines[-1] if lines else "no output")
            except (OSError, subprocess.TimeoutExpired) as exc:
                why = str(exc)
            self._available[sub] = why
            if why:
                log(f"  `morctl {sub} --help` fails: {why}")
        return self._available[sub]

    def unavailable(self, sub: str, *rows: tuple[str, str]) -> bool:
        """True, with a row per (name, target), when `morctl SUB` cannot run.

        "not available" when morctl or the subcommand does not exist yet; "error" when it
        exists but its --help crashes.
        """
        why = self.missing(sub)
        if why is None:
            return False
        absent = any(s in why for s in ABSENT)
        for name, target in rows:
            self.table.add(name, "—", target, "not available" if absent else "error (--help)")
        return True

    def not_available(self, name: str, target: str) -> None:
        self.table.add(name, "—", target, "not available")

    def failed(self, name: str, target: str, stat: Stat) -> bool:
        bad = stat.failed
        if bad is None:
            return False
        log(f"  {name} failed ({bad.failure}); stderr tail:\n{indent(bad.stderr)}")
        self.table.add(name, f"{bad.wall:.2f} s", target, f"error ({bad.failure})")
        return True

    def ratio(self, name: str, base: list[str], sub: str, rest: list[str], limit: float) -> None:
        target = f"≤ {limit:g}x"
        if self.unavailable(sub, (name, target)):
            return
        a, b = compare(base, [*self.morctl, *rest], self.args.startup_runs)
        if self.failed(name, target, a) or self.failed(name, target, b):
            return
        r = b.wall / a.wall
        measured = f"{b.wall * 1000:.0f} ms vs {a.wall * 1000:.0f} ms = {r:.2f}x"
        self.table.add(name, measured, target, verdict(r <= limit))

    def time_and_memory(self, name: str, stat: Stat, seconds: float, mib: float | None) -> None:
        self.table.add(
            f"{name}: time", f"{stat.wall:.2f} s", f"< {seconds:g} s", verdict(stat.wall < seconds)
        )
        if mib is None:
            self.table.add(f"{name}: peak memory", fmt_mib(stat.rss), "—", "info")
        else:
            self.table.add(
                f"{name}: peak memory",
                fmt_mib(stat.rss),
                f"< {fmt_mib(mib)}",
                verdict(stat.rss < mib),
            )


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def fmt_mib(mib: float) -> str:
    return f"{mib / GIB:.2f} GiB" if mib >= GIB else f"{mib:.0f} MiB"


def indent(text: str) -> str:
    return "\n".join("    " + ln for ln in text.strip().splitlines()[-20:])


def startup(bench: Bench) -> None:
    """The two start-up ratios of issue 2."""
    log("start-up benchmarks")
    py = sys.executable
    bench.ratio("`morctl --help` vs `python -c pass`", [py, "-c", "pass"], "", ["--help"], 8)
    acme = REPO / "examples" / "acme"
    name = "`morctl validate examples/acme` vs `import yaml; from pydantic import BaseModel`"
    if not (acme / "rhythm.yaml").exists():
        log("  examples/acme/rhythm.yaml does not exist yet")
        bench.not_available(name, "≤ 1.3x")
        return
    base = [py, "-c", "import yaml; from pydantic import BaseModel"]
    bench.ratio(name, base, "validate", ["validate", "examples/acme"], 1.3)


def ensure_workspace(bench: Bench) -> Path:
    """Generate (or reuse) the workspace and its logs under --work."""
    a = bench.args
    work: Path = a.work
    ws = work / f"ws-m{a.managers}-r{a.reps}-s{a.seed}"
    stamp = work / f"{ws.name}.done"
    if stamp.exists() and not a.regen:
        log(f"reusing {ws} (--regen to rebuild)")
        return ws
    shutil.rmtree(ws, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    seed = ["--seed", str(a.seed)]
    size = ["--managers", str(a.managers), "--reps", str(a.reps)]
    steps = [
        ("gen_workspace", [py, str(BENCH / "gen_workspace.py"), "--out", str(ws), *seed, *size]),
        ("gen_logs", [py, str(BENCH / "gen_logs.py"), str(ws), *seed]),
    ]
    for name, cmd in steps:
        log(f"generating: {shlex.join(cmd)}")
        run = run_once(cmd, timeout=3600)
        log(indent(run.stderr))
        if run.rc != 0:
            raise SystemExit(f"{name} failed ({run.failure})")
        bench.table.notes.append(
            f"{name}: {run.wall:.1f} s, peak {fmt_mib(run.rss)} ({run.stderr.strip()})"
        )
    stamp.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"), encoding="utf-8")
    return ws


def count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            n += chunk.count(b"\n")
    return n


def large(bench: Bench) -> None:
    """validate / expand / calendar / report on the generated workspace."""
    a = bench.args
    log(f"large benchmarks, {a.managers} managers x {a.reps} reps")
    ws = ensure_workspace(bench)
    work: Path = a.work
    m, runs, timeout = bench.morctl, a.runs, a.timeout
    window = ["--from", FROM, "--to", TO]
    if a.managers != FULL_MANAGERS:
        bench.table.notes.append(
            f"scaled run: --managers {a.managers}; the targets are set for {FULL_MANAGERS}"
        )

    name = f"validate {a.managers}-manager workspace"
    if not bench.unavailable("validate", (f"{name}: time", "< 10 s")):
        out = work / "validate.txt"
        stat = measure([*m, "validate", str(ws)], runs, stdout=out, timeout=timeout)
        if stat.failed and out.exists():
            log(f"  validate output (head):\n{indent(out.read_text(errors='replace')[:3000])}")
        if not bench.failed(name, "< 10 s", stat):
            bench.time_and_memory(name, stat, 10, GIB)

    name = "expand 1 year, csv to a file"
    if not bench.unavailable("expand", (f"{name}: time", "< 60 s")):
        out = work / "expand.csv"
        cmd = [*m, "expand", str(ws), *window, "--format", "csv"]
        stat = measure(cmd, runs, stdout=out, timeout=timeout)
        if not bench.failed(name, "< 60 s", stat):
            bench.time_and_memory(name, stat, 60, 2 * GIB)
            n = max(0, count_lines(out) - 1)
            per_s = n / stat.wall if stat.wall else 0.0
            per_m = stat.wall / (n / 1e6) if n else 0.0
            size = out.stat().st_size / 1e6
            measured = (
                f"{n:,} occurrences, {per_s:,.0f}/s, {per_m:.2f} s per million, {size:.0f} MB"
            )
            bench.table.add(f"{name}: throughput", measured, "—", "info")
        if not a.keep:
            out.unlink(missing_ok=True)

    name = "calendar 1 year, all feeds"
    if not bench.unavailable("calendar", (f"{name}: time", "< 60 s")):
        cal = work / "calendar"

        def fresh() -> None:
            # Each run starts empty: an existing feed would turn on SEQUENCE bookkeeping.
            shutil.rmtree(cal, ignore_errors=True)

        cmd = [*m, "calendar", str(ws), "--out", str(cal), *window]
        stat = measure(cmd, runs, timeout=timeout, before=fresh)
        if not bench.failed(name, "< 60 s", stat):
            bench.time_and_memory(name, stat, 60, None)
            feeds = list(cal.glob("*.ics"))
            size = sum(p.stat().st_size for p in feeds) / 1e6
            bench.table.add(f"{name}: output", f"{len(feeds):,} feeds, {size:.0f} MB", "—", "info")
        if not a.keep:
            fresh()

    report(bench, ws, window)


def report(bench: Bench, ws: Path, window: list[str]) -> None:
    """`morctl report --format json` over the year, and DuckDB as the yardstick."""
    a = bench.args
    duck = duckdb_yardstick(bench, ws)
    name = "report 1 year, json"
    if bench.unavailable("report", (f"{name}: time", "< 60 s"), (f"{name} vs DuckDB", "≤ 10x")):
        return
    out = a.work / "report.json"
    cmd = [*bench.morctl, "report", str(ws), *window, "--as-of", AS_OF, "--format", "json"]
    stat = measure(cmd, a.runs, stdout=out, timeout=a.timeout)
    ok = not bench.failed(name, "< 60 s", stat)
    if ok:
        bench.time_and_memory(name, stat, 60, 2 * GIB)
        summarise_report(bench, out)
    if not a.keep:
        out.unlink(missing_ok=True)
    if not ok:
        return
    if duck is None:
        bench.not_available(f"{name} vs DuckDB", "≤ 10x")
        return
    r = stat.wall / duck.wall
    measured = f"{stat.wall:.2f} s vs {duck.wall:.2f} s = {r:.1f}x"
    bench.table.add(f"{name} vs DuckDB", measured, "≤ 10x", verdict(r <= 10))


def duckdb_yardstick(bench: Bench, ws: Path) -> Stat | None:
    """Time DuckDB counting the same logs (median of at least 3 runs), or None."""
    a = bench.args
    name = "DuckDB yardstick: the same counting over logs/*.csv"
    duck_py = str(a.duckdb_python or sys.executable)
    probe = subprocess.run([duck_py, "-c", "import duckdb"], capture_output=True, check=False)
    if probe.returncode != 0:
        log(f"  duckdb is not importable by {duck_py}: pip install -r bench/requirements.txt")
        bench.not_available(name, "—")
        return None
    glob = str(ws / "logs" / "*.csv")
    duck = measure([duck_py, "-c", DUCKDB_SCRIPT, glob], max(a.runs, 3), timeout=a.timeout)
    if bench.failed(name, "—", duck):
        return None
    log(f"  {duck.runs[-1].stderr.strip()}")
    bench.table.add(name, f"{duck.wall:.2f} s, peak {fmt_mib(duck.rss)}", "—", "info")
    return duck


def summarise_report(bench: Bench, out: Path) -> None:
    """A sanity line from the report JSON, if it has the shape of DESIGN.md §8."""
    try:
        data = json.loads(out.read_bytes())
        people = data["people"]
        done = sum(p["done"] for p in people)
        note = (
            f"report: {len(people)} people, {done:,} done, {len(data['unplanned']):,} "
            f"unplanned, {len(data['rejected']):,} rejected completions"
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        note = f"report JSON not summarised ({type(exc).__name__}: {exc})"
    bench.table.notes.append(note)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("what", choices=["startup", "large", "all"])
    p.add_argument("--managers", type=int, default=FULL_MANAGERS, help="size of the workspace")
    p.add_argument("--reps", type=int, default=8, help="reps per manager")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=1, help="runs per large benchmark (median)")
    p.add_argument("--startup-runs", type=int, default=15, help="runs per start-up ratio")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per command")
    p.add_argument(
        "--work", type=Path, default=BENCH / "out", help="where generated files go (bench/out)"
    )
    p.add_argument("--regen", action="store_true", help="regenerate the workspace and logs")
    p.add_argument("--keep", action="store_true", help="keep expand/calendar/report outputs")
    p.add_argument("--morctl", help="command to run instead of the morctl next to python")
    p.add_argument("--duckdb-python", type=Path, help="python with duckdb (default: this one)")
    p.add_argument("--out", type=Path, help="also write the Markdown table to this file")
    args = p.parse_args(argv)
    if min(args.managers, args.reps, args.runs, args.startup_runs) < 1:
        p.error("--managers, --reps, --runs and --startup-runs must be >= 1")
    args.work = args.work.resolve()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)
    log(f"morctl command: {shlex.join(bench.morctl)}")
    if args.what in ("startup", "all"):
        startup(bench)
    if args.what in ("large", "all"):
        large(bench)
    bench.table.notes.append(
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
        f"wall = median of runs, memory = peak RSS of the command's process"
    )
    text = bench.table.markdown()
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
