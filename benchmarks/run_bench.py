"""`make bench`: generate the sites, run every benchmark at 10,000 and 100,000 sites, print the table, write
out/bench/results.json and the README's benchmark tables (benchmarks/report.py).

Each in-process benchmark runs twice, in separate processes: with Debian's Python (shapely 1.8.5, the one QGIS
and qgis_process use) and with the development venv (shapely 2). ``qgis_process.bin`` runs (start-up included,
as a user pays it) use Debian's. Every step is its own process with a throw-away HOME, so QGIS settings from
the user or from other runs never leak in. BENCH_SIZES=2000 gives a quick look (the README is then left alone).

    /usr/bin/python3 benchmarks/run_bench.py        # after `make package`
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from typing import Dict, List, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "out", "bench")
PYTHONS = ("/usr/bin/python3", os.path.join(ROOT, ".venv", "bin", "python"))
WARMUP_SITES = 200
# The 7 maps of the figure set. Not the atlas (a page per site) nor the summary table as a figure (at 2,000 sites
# already 87 pages and 50 s): at 100,000 sites either would take longer than the whole benchmark.
MAP_FIGURES = ("overall", "zones", "key_areas", "sites", "sites_status", "sites_near", "sites_long")
SEED = 2035


def sizes() -> List[int]:
    return [int(part) for part in os.environ.get("BENCH_SIZES", "10000,100000").split(",") if part.strip()]


def repeats(size: int) -> int:
    """Median of 3 at 10,000 sites and below; one run at 100,000 (the runs are long and the spread small)."""
    return 3 if size <= 10000 else 1


def plugin_zip() -> str:
    """dist/pingcheng_plugin-<version in metadata.txt>.zip, as `make package` names it."""
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as handle:
        version = next(line.split("=", 1)[1].strip() for line in handle if line.startswith("version="))
    return os.path.join(ROOT, "dist", f"pingcheng_plugin-{version}.zip")


class Runner:
    """Runs steps as child processes with a private HOME and QGIS profile; records the wall time of each."""

    def __init__(self, folder: str):
        self.folder = folder
        self.home = os.path.join(folder, "home")
        self.profile = os.path.join(folder, "qgis-profile")
        os.makedirs(self.home, mode=0o700, exist_ok=True)
        os.makedirs(self.profile, exist_ok=True)
        # The plugin as users install it: the ZIP from `make package`, unpacked here once. build/ is shared with
        # everyone working in this checkout, and a `make package` meanwhile would empty it under a running step.
        plugins = os.path.join(folder, "plugins")
        with zipfile.ZipFile(plugin_zip()) as archive:
            archive.extractall(plugins)
        # the benchmark scripts too, copied when the plugin is: both change while others work in this checkout
        self.scripts = os.path.join(folder, "benchmarks")
        shutil.copytree(HERE, self.scripts, ignore=shutil.ignore_patterns("__pycache__"))
        # the environment scripts/qgis-process.sh sets up, kept for the whole run: the plugin is enabled once
        # here, so each timed qgis_process.bin run is one start-up as a user's, without the enabling step
        self.env = dict(os.environ, HOME=self.home, XDG_RUNTIME_DIR=self.home, QT_QPA_PLATFORM="offscreen",
                        QGIS_PLUGINPATH=plugins, QGIS_CUSTOM_CONFIG_PATH=self.profile,
                        PINGCHENG_PLUGIN_DIR=plugins)
        self.env.pop("PYTHONPATH", None)
        # QGIS compiles a plugin's modules (.pyc in its folder) on the first start and loads them on every later
        # one: the untimed first run compiles them, as for a user, which a PYTHONDONTWRITEBYTECODE would forbid
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(["qgis_process.bin", "plugins", "enable", "pingcheng_plugin"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def run(self, command: Sequence[str], log: str) -> Dict[str, float]:
        """Run ``command``; its wall time and peak resident memory (MB, from wait4), output to ``log``."""
        with open(os.path.join(self.folder, log), "a", encoding="utf-8") as output:
            output.write(f"$ {' '.join(command)}\n")
            output.flush()
            start = time.perf_counter()
            child = subprocess.Popen(list(command), env=self.env, stdout=output, stderr=subprocess.STDOUT,
                                     cwd=self.scripts)
            _pid, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise RuntimeError(f"{command[:3]} failed ({child.returncode}); see {os.path.join(self.folder, log)}")
        return {"s": elapsed, "peak_rss_mb": usage.ru_maxrss / 1000}

    def qgis_process(self, algorithm: str, log: str, **parameters: object) -> Dict[str, object]:
        """One ``qgis_process.bin run`` (its JSON results parsed) and its wall time."""
        result_file = os.path.join(self.folder, "qgis_process.json")
        arguments = [f"{key}={item}" for key, value in parameters.items()
                     for item in (value if isinstance(value, tuple) else (value,))]  # a tuple: the key repeated
        shell = " ".join(["qgis_process.bin", "run", algorithm, "--json", "--"] + [_quote(a) for a in arguments])
        timing = self.run(["/bin/sh", "-c", f"{shell} > {_quote(result_file)}"], log)
        with open(result_file, encoding="utf-8") as handle:
            timing["results"] = json.load(handle)["results"]
        return timing

    def bench(self, python: str, script: str, log: str, *arguments: str) -> Dict[str, object]:
        """One benchmark script in ``python``; its JSON result."""
        result_file = os.path.join(self.folder, "step.json")
        self.run([python, os.path.join(self.scripts, script), *arguments, "--json", result_file], log)
        with open(result_file, encoding="utf-8") as handle:
            return json.load(handle)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def python_facts(python: str) -> Dict[str, str]:
    code = ("import json, shapely, sys\n"
            "from qgis.core import Qgis\n"
            "try:\n    geos = shapely.geos_version\n"  # shapely 2
            "except AttributeError:\n    from shapely.geos import geos_version as geos\n"  # shapely 1.8
            "print(json.dumps({'python': sys.version.split()[0], 'shapely': shapely.__version__, "
            "'geos': '.'.join(map(str, geos)), 'qgis': Qgis.QGIS_VERSION}))")
    return json.loads(subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout)


def empty_plan(runner: Runner, path: str) -> None:
    """A new plan at ``path`` with the illustrative layout (zones and key areas for the joins) and no sites: the
    13 illustrative sites are deleted, so the plan holds exactly the generated ones after an import."""
    runner.qgis_process("pingcheng:createplan", "setup.log", OUTPUT=path, DEMO="true", OVERWRITE="true")
    code = ("import sys; from osgeo import ogr; d = ogr.Open(sys.argv[1], 1); "
            "d.ExecuteSQL('DELETE FROM project_sites'); d = None")
    runner.run([PYTHONS[0], "-c", code, path], "setup.log")


def generate(runner: Runner, count: int, path: str) -> Dict[str, object]:
    runner.run([PYTHONS[0], os.path.join(runner.scripts, "generate_sites.py"), str(count), path, "--seed",
                str(SEED)], "setup.log")
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    return {"file": os.path.relpath(path, ROOT), "sha256": digest, "bytes": os.path.getsize(path)}


def validity_algorithm(qgis_version: str) -> str:
    """checkvalidity moved from the Python provider (qgis:) to C++ (native:) in QGIS 3.26."""
    major, minor = (int(part) for part in qgis_version.split("-")[0].split(".")[:2])
    return "native:checkvalidity" if (major, minor) >= (3, 26) else "qgis:checkvalidity"


def qgis_process_steps(runner: Runner, size: int, source: str, empty: str, plan: str,
                       validity: str) -> Dict[str, object]:
    """Import, validate (and its peer), summary export, each one ``qgis_process.bin`` run. ``plan`` is a new empty
    plan made at its own path (see :func:`empty_plan`) and is left with the imported sites for the other steps;
    repeated imports go into copies of ``empty``."""
    imports, validates, peers = [], [], []
    for attempt in range(repeats(size)):
        target = plan if attempt == 0 else os.path.join(runner.folder, "import_copy.gpkg")
        if attempt:
            shutil.copyfile(empty, target)
        imports.append(runner.qgis_process("pingcheng:importsites", "qgis_process.log", INPUT=source, PLAN=target,
                                           REJECTED=os.path.join(runner.folder, f"rejected_{size}.gpkg")))
    sites = f"{plan}|layername=project_sites"
    for _ in range(repeats(size)):
        validates.append(runner.qgis_process("pingcheng:validatesites", "qgis_process.log", PLAN=plan,
                                             OUTPUT="TEMPORARY_OUTPUT"))
        parts = [runner.qgis_process(validity, "qgis_process.log", INPUT_LAYER=sites, METHOD="2",
                                     VALID_OUTPUT="TEMPORARY_OUTPUT", INVALID_OUTPUT="TEMPORARY_OUTPUT",
                                     ERROR_OUTPUT="TEMPORARY_OUTPUT")]
        for table, method in (("restoration_zones", "2"), ("key_areas", "0")):
            parts.append(runner.qgis_process("native:joinattributesbylocation", "qgis_process.log", INPUT=sites,
                                             JOIN=f"{plan}|layername={table}", PREDICATE="0", JOIN_FIELDS="code",
                                             METHOD=method, OUTPUT="TEMPORARY_OUTPUT"))
        peers.append(sum(part["s"] for part in parts))
    summary = runner.qgis_process("pingcheng:exportsummary", "qgis_process.log", PLAN=plan,
                                  OUTPUT=os.path.join(runner.folder, f"summary_{size}.xlsx"))
    figures = os.path.join(runner.folder, f"figures_{size}")
    os.makedirs(figures)
    maps = runner.qgis_process("pingcheng:exportfigures", "qgis_process.log", PLAN=plan, OUTPUT_FOLDER=figures,
                               FORMATS="pdf", DPI="150", **{"FIGURES": MAP_FIGURES})
    shutil.rmtree(figures)
    return {"import_s": statistics.median(r["s"] for r in imports), "import_peak_rss_mb": imports[0]["peak_rss_mb"],
            "imported": imports[0]["results"]["IMPORTED"], "rejected": imports[0]["results"]["REJECTED_COUNT"],
            "validate_s": statistics.median(r["s"] for r in validates),
            "validate_errors": validates[0]["results"]["ERRORS"],
            "validate_warnings": validates[0]["results"]["WARNINGS"],
            "peer_s": statistics.median(peers), "summary_xlsx_s": summary["s"], "maps_pdf_s": maps["s"],
            "maps": maps["results"]["COUNT"]}


def in_process_steps(runner: Runner, size: int, python: str, source: str, warmup: str, empty: str,
                     plan: str) -> Dict[str, object]:
    n = str(repeats(size))
    log = f"in_process_{size}.log"
    return {"import": runner.bench(python, "bench_import.py", log, "--source", source, "--plan", empty,
                                   "--warmup", warmup, "--repeat", n),
            "validate": runner.bench(python, "bench_validate.py", log, "--plan", plan, "--warmup", empty,
                                     "--repeat", n),
            # the land-class breakdown against a generated DLTB of 5 parcels per site, on a copy of the plan
            "controls": runner.bench(python, "bench_controls.py", log, "--plan", plan, "--repeat", n)}


def panel_step(runner: Runner, size: int, python: str, plan: str) -> Dict[str, object]:
    """Open, save and validate in the desktop, on ``plan`` itself: a copy would not do, because the QGIS project
    stored in a plan names the plan's own file, and plain QGIS opening a copy reads the original's layers. The
    saves move a few sites by 0.5 m, so this runs after every other step on the plan."""
    return runner.bench(python, "bench_panel.py", f"in_process_{size}.log", "--plan", plan,
                        "--repeat", str(repeats(size)))


def extra_steps(runner: Runner) -> Dict[str, object]:
    """The existing exports benchmarks (size-independent or with their own 100,000 rows), Debian's Python."""
    python = PYTHONS[0]
    return {"figures": runner.bench(python, "bench_figures.py", "extras.log", "--repeat", "3"),
            "summary": runner.bench(python, "bench_summary.py", "extras.log", "--sites", "100000"),
            "xlsx": runner.bench(python, "bench_xlsx.py", "extras.log", "--sites", "100000", "--repeat", "1"),
            # field review (issue 20): a package of 1,000 sites prepared, 100 reviews merged, on both pythons
            "review": {result["shapely"]: result for result in (
                runner.bench(p, "bench_review.py", "extras.log", "--make", "1000", "--repeat", "3")
                for p in PYTHONS)}}


def main() -> None:
    started = time.perf_counter()
    load_before = os.getloadavg()
    shutil.rmtree(os.path.join(OUT, "work"), ignore_errors=True)
    work = os.path.join(OUT, "work")
    data = os.path.join(OUT, "data")
    os.makedirs(work)
    os.makedirs(data, exist_ok=True)
    runner = Runner(work)
    facts = [python_facts(python) for python in PYTHONS]
    results: Dict[str, object] = {
        "machine": {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    "qgis": facts[0]["qgis"], "cores": os.cpu_count(), "pythons": facts,
                    "load_before": load_before},
        "seed": SEED, "sizes": {}, "initgui": {}}
    empty = os.path.join(work, "empty.gpkg")
    empty_plan(runner, empty)
    warmup = os.path.join(work, "warmup.geojson")
    generate(runner, WARMUP_SITES, warmup)
    for size in sizes():
        print(f"--- {size:,} sites", flush=True)
        source = os.path.join(data, f"sites_{size}.geojson")
        entry = {"data": generate(runner, size, source)}
        plan = os.path.join(work, f"plan_{size}.gpkg")
        empty_plan(runner, plan)
        entry["qgis_process"] = qgis_process_steps(runner, size, source, empty, plan,
                                                  validity_algorithm(facts[0]["qgis"]))
        print(f"    qgis_process: {json.dumps(entry['qgis_process'])}", flush=True)
        for python, fact in zip(PYTHONS, facts):
            entry[fact["shapely"]] = in_process_steps(runner, size, python, source, warmup, empty, plan)
        for python, fact in zip(PYTHONS, facts):
            entry[fact["shapely"]]["panel"] = panel_step(runner, size, python, plan)
            print(f"    shapely {fact['shapely']}: {json.dumps(entry[fact['shapely']])}", flush=True)
        results["sizes"][str(size)] = entry
        for leftover in (plan, plan + "-wal", plan + "-shm"):  # QGIS leaves an edited GeoPackage in WAL mode
            if os.path.exists(leftover):
                os.remove(leftover)
    for python, fact in zip(PYTHONS, facts):
        runner.bench(python, "bench_initgui.py", "initgui.log")  # untimed: compiles the modules (.pyc) once
        runs = [runner.bench(python, "bench_initgui.py", "initgui.log") for _ in range(3)]
        results["initgui"][fact["shapely"]] = {key: statistics.median(r[key] for r in runs)
                                               for key in ("ours_s", "peer_s")}
    results["extras"] = extra_steps(runner)
    results["machine"]["load_after"] = os.getloadavg()
    results["machine"]["total_s"] = time.perf_counter() - started
    path = os.path.join(OUT, "results.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=1)
    sys.path.insert(0, HERE)
    import report

    print(report.terminal_table(results))
    if sorted(sizes()) == [10000, 100000]:
        report.update_readme(results, os.path.join(ROOT, "README.md"))
        print("README.md: benchmark tables rewritten")
    print(f"results: {os.path.relpath(path, ROOT)}; total {results['machine']['total_s'] / 60:.1f} min")


if __name__ == "__main__":
    main()
