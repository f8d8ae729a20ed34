"""Load-test the web app on loopback: requests/s and p50/p99 latency for its main pages.

Starts `storyline serve` on 127.0.0.1 (a free port) over a store, builds the store first with
`bench/make_store.py` when it does not exist, then runs each scenario with a fixed number of
client threads for a fixed time (and at most --max-requests requests). Only loopback traffic;
the server is stopped at the end. The client shares the machine's cores with the server, so
the numbers are a floor for what the server alone could do.

    python bench/web_load.py --stories 10000 --duration 20 --concurrency 8
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_store import FIRST, LAST, PLACES, THINGS, build

from storyline.store import read_store


@dataclass
class Result:
    scenario: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_kb: float


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, threads: int) -> tuple[subprocess.Popen[bytes], int]:
    """Start `storyline serve` on a free loopback port and wait until it answers."""
    port = _free_port()
    cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port),
           "--threads", str(threads)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/api/stories?size=1")
            resp = conn.getresponse()
            resp.read()
            if resp.status == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    proc.kill()
    raise SystemExit("the server did not start")


def _worker(
    port: int,
    paths: list[str],
    stop: float,
    budget: list[int],
    out: list[tuple[float, int, int]],
    seed: int,
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        while time.monotonic() < stop:
            with LOCK:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                out.append((time.perf_counter() - started, resp.status, len(body)))
            except (OSError, http.client.HTTPException):
                out.append((time.perf_counter() - started, 0, 0))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    finally:
        conn.close()


LOCK = threading.Lock()


def run_scenario(
    name: str, port: int, paths: list[str], concurrency: int, duration: float, max_requests: int
) -> Result:
    """Hit `paths` (chosen at random) with `concurrency` keep-alive clients; summarise."""
    out: list[tuple[float, int, int]] = []
    budget = [max_requests]
    started = time.monotonic()
    stop = started + duration
    workers = [threading.Thread(target=_worker, args=(port, paths, stop, budget, out, i))
               for i in range(concurrency)]  # fmt: skip
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.monotonic() - started
    times = sorted(t for t, status, _ in out if status == 200)
    errors = sum(1 for _, status, _ in out if status != 200)
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [0.0] * 99
    return Result(
        scenario=name, requests=len(out), errors=errors, seconds=round(seconds, 1),
        rps=round(len(times) / seconds, 1), p50_ms=round(q[49] * 1000, 1),
        p90_ms=round(q[89] * 1000, 1), p99_ms=round(q[98] * 1000, 1),
        mean_kb=round(sum(n for *_, n in out) / max(1, len(out)) / 1024, 1),
    )  # fmt: skip


def scenarios(db: Path) -> dict[str, list[str]]:
    """Return the URL pools of each scenario, drawn from the store."""
    with read_store(db) as con:
        keys = [
            r[0] for r in con.execute("SELECT id FROM stories USING SAMPLE 2000 ROWS").fetchall()
        ]
        entities = [
            r[0] for r in con.execute("SELECT DISTINCT id FROM entities LIMIT 2000").fetchall()
        ]
    rng = random.Random(1)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(200)]
    words = [f"{rng.choice(THINGS)} {rng.choice(PLACES)}" for _ in range(200)]
    return {
        "stories list (/)": [f"/?page={p}" for p in range(1, 21)],
        "story page": [f"/stories/{k}" for k in keys],
        "entity page": [f"/entities/{e}" for e in entities],
        "search page (name)": [f"/search?q={quote(n)}" for n in names],
        "search page (words)": [f"/search?q={quote(w)}" for w in words],
        "story JSON (/api)": [f"/api/stories/{k}" for k in keys],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench/results/bench.duckdb"))
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--max-requests", type=int, default=50_000, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="server threads")
    parser.add_argument("--out", type=Path, default=Path("bench/results/web_load.json"))
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.stories} stories into {args.db} ...", file=sys.stderr)
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.stories)
    pools = scenarios(args.db)
    load_before = os.getloadavg()
    proc, port = start_server(args.db, args.threads)
    try:
        results = []
        for name, paths in pools.items():
            run_scenario(name, port, paths, args.concurrency, min(2.0, args.duration), 2000)  # warm
            results.append(
                run_scenario(name, port, paths, args.concurrency, args.duration, args.max_requests)
            )
            r = results[-1]
            print(
                f"| {r.scenario} | {r.rps} | {r.p50_ms} | {r.p99_ms} | {r.requests} | {r.errors} |"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Other work on the machine slows the run down; record how busy it was.
    machine = {
        "cores": os.cpu_count(),
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }
    report = {
        "args": {k: str(v) for k, v in vars(args).items()},
        "machine": machine,
        "results": [asdict(r) for r in results],
    }
    args.out.write_text(json.dumps(report, indent=2))
    print(f"machine: {machine}", file=sys.stderr)
    print(json.dumps([asdict(r) for r in results]))


if __name__ == "__main__":
    main()
