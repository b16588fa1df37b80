#!/usr/bin/env python3
"""Python side of `mqpool bench`: measures multiprocessing.Pool on mqpool's workloads.

The Java benchmark runs this script (stdlib only, Python 3.8+) to obtain reference
figures for CPython's multiprocessing.Pool on the same workloads it measures for
mqpool, so that it can print mqpool/Python ratios. Workloads:

  trivial  pool.map(square, range(N)), default chunksize and chunksize=1 (tasks/s)
  latency  sequential pool.apply(square, (i,)) round trips on a warm pool: p50, p99 (ms);
           the same on multiprocessing.pool.ThreadPool, ten times as many calls (µs)
  state    a Value('q') incremented under its lock from 2 processes: p50, p99 (ms), rate (/s)
  cpu      parallel speedup of a calibrated pure-CPU burn (map, default chunksize) divided by workers
  sleep    8 sleeping tasks on Pool(8) and 16 on Pool(4), wall time (s)
  startup  Pool(workers) creation + one apply + close + join (ms); startup.cold: the same
           in a fresh interpreter, from its start to its exit (ms)
  memory   imap_unordered over a lazy range: wall time (s) and main-process peak RSS (MB)

Output: one JSON object per row on stdout, {"row": id, "unit": unit, "runs": [...]}.
Unknown workload names are ignored. Diagnostics go to stderr.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def square(n):
    return n * n


def burn(iters):
    """Fixed deterministic integer arithmetic (an LCG); returns the final state."""
    x = 12345
    for _ in range(iters):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


def compute_square(n):
    time.sleep(SLEEP_SECONDS)
    return f"{n} squared is {n * n}"


SLEEP_SECONDS = 2.0  # set from --sleep-seconds; inherited by fork, re-set in spawn workers


def _init_sleep(seconds):
    global SLEEP_SECONDS
    SLEEP_SECONDS = seconds


def emit(row, unit, runs):
    print(json.dumps({"row": row, "unit": unit, "runs": runs}), flush=True)


def log(msg):
    print(f"[pool_bench] {msg}", file=sys.stderr, flush=True)


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(sorted_values) * p // 100))  # ceil(n * p / 100)
    return sorted_values[int(rank) - 1]


def bench_trivial(a):
    for row, n, chunksize in (("trivial.default", a.tasks, None),
                              ("trivial.chunksize1", a.chunksize1_tasks, 1)):
        runs = []
        for _ in range(a.runs):
            with Pool(a.workers) as pool:
                t0 = time.perf_counter()
                pool.map(square, range(n), chunksize)
                runs.append(n / (time.perf_counter() - t0))
                pool.close()
                pool.join()
        emit(row, "tasks/s", runs)


def bench_latency(a):
    for row, pool_type, calls, unit, per_ns in (("latency", Pool, a.latency_calls, "ms", 1e6),
                                                ("latency.threads", ThreadPool, a.latency_calls * 10, "µs", 1e3)):
        p50s, p99s = [], []
        for _ in range(a.runs):
            with pool_type(a.workers) as pool:
                for i in range(50):
                    pool.apply(square, (i,))
                samples = []
                for i in range(calls):
                    t0 = time.perf_counter_ns()
                    pool.apply(square, (i,))
                    samples.append(time.perf_counter_ns() - t0)
                pool.close()
                pool.join()
            samples.sort()
            p50s.append(percentile(samples, 50) / per_ns)
            p99s.append(percentile(samples, 99) / per_ns)
        emit(row + ".p50", unit, p50s)
        emit(row + ".p99", unit, p99s)


def calibrate(millis):
    iters = 100_000
    while True:
        t0 = time.perf_counter()
        burn(iters)
        elapsed = time.perf_counter() - t0
        if elapsed >= 0.05:
            break
        iters *= 4
    result = max(1, int(iters * (millis / 1000.0) / elapsed))
    log(f"cpu: {result} iterations per task (~{millis} ms)")
    return result


def bench_cpu(a):
    iters = calibrate(a.cpu_millis)
    runs = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        expected = [burn(iters) for _ in range(a.cpu_tasks)]
        sequential = time.perf_counter() - t0
        with Pool(a.workers) as pool:
            pool.map(square, range(a.workers), chunksize=1)  # warm-up: workers running
            t0 = time.perf_counter()
            got = pool.map(burn, [iters] * a.cpu_tasks)
            parallel = time.perf_counter() - t0
            pool.close()
            pool.join()
        if got != expected:
            sys.exit("pool_bench: cpu results differ between sequential and parallel")
        runs.append(sequential / parallel / a.workers)
    emit("cpu.efficiency", "speedup/cores", runs)


def bench_sleep(a):
    for row, workers, n in (("sleep.8on8", 8, 8), ("sleep.16on4", 4, 16)):
        runs = []
        for _ in range(a.runs):
            with Pool(workers, initializer=_init_sleep, initargs=(a.sleep_seconds,)) as pool:
                pool.map(square, range(workers))  # warm-up
                t0 = time.perf_counter()
                pool.map(compute_square, range(1, n + 1))
                runs.append(time.perf_counter() - t0)
                pool.close()
                pool.join()
        emit(row, "s", runs)


def bench_startup(a):
    runs = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        pool = Pool(a.workers)
        try:
            pool.apply(square, (3,))
            pool.close()
            pool.join()
        except BaseException:
            pool.terminate()
            raise
        runs.append((time.perf_counter() - t0) * 1000.0)
    emit("startup", "ms", runs)
    cold = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", COLD_START, str(a.workers)], check=True)
        cold.append((time.perf_counter() - t0) * 1000.0)
    emit("startup.cold", "ms", cold)


# The same in a fresh interpreter, timed from its start to its exit: the program a user writes.
COLD_START = """
import sys
from multiprocessing import Pool
if __name__ == "__main__":
    pool = Pool(int(sys.argv[1]))
    assert pool.apply(pow, (3, 2)) == 9
    pool.close()
    pool.join()
"""


def bench_memory(a):
    n = a.memory_tasks
    expected_sum = (n - 1) * n * (2 * n - 1) // 6  # sum of k^2 for k in [0, n)
    seconds, peaks = [], []
    for _ in range(a.runs):
        count = total = 0
        with Pool(a.workers) as pool:
            t0 = time.perf_counter()
            for r in pool.imap_unordered(square, range(n), chunksize=a.memory_chunksize):
                count += 1
                total += r
            seconds.append(time.perf_counter() - t0)
            pool.close()
            pool.join()
        if count != n or total != expected_sum:
            sys.exit(f"pool_bench: memory got {count} results summing to {total}, "
                     f"expected {n} summing to {expected_sum}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        if sys.platform == "darwin":  # ru_maxrss is in bytes there, KiB on Linux
            peak_mb /= 1024.0
        peaks.append(peak_mb)
    emit("memory.seconds", "s", seconds)
    emit("memory.peak-mb", "MB", peaks)


_shared = None


def _init_state(value):
    global _shared
    _shared = value


def count_up_many(times):
    samples = []
    for _ in range(times):
        t0 = time.perf_counter_ns()
        with _shared.get_lock():
            _shared.value += 1
        samples.append(time.perf_counter_ns() - t0)
    return samples


def bench_state(a):
    import multiprocessing
    p50s, p99s, rates = [], [], []
    each = a.state_increments // 2
    for _ in range(a.runs):
        value = multiprocessing.Value("q", 0)
        with Pool(2, initializer=_init_state, initargs=(value,)) as pool:
            pool.map(count_up_many, [max(1, each // 5)] * 2, chunksize=1)
            value.value = 0
            t0 = time.perf_counter()
            samples = [s for part in pool.map(count_up_many, [each] * 2, chunksize=1) for s in part]
            seconds = time.perf_counter() - t0
            pool.close()
            pool.join()
        if value.value != each * 2:
            raise SystemExit(f"{each * 2} increments counted {value.value}")
        samples.sort()
        p50s.append(percentile(samples, 50) / 1e6)
        p99s.append(percentile(samples, 99) / 1e6)
        rates.append(each * 2 / seconds)
    emit("state.p50", "ms", p50s)
    emit("state.p99", "ms", p99s)
    emit("state.rate", "increments/s", rates)


WORKLOADS = {"trivial": bench_trivial, "latency": bench_latency, "cpu": bench_cpu,
             "sleep": bench_sleep, "startup": bench_startup, "memory": bench_memory, "state": bench_state}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--tasks", type=int, default=100_000)
    p.add_argument("--chunksize1-tasks", type=int, default=100_000)
    p.add_argument("--latency-calls", type=int, default=2000)
    p.add_argument("--cpu-tasks", type=int, default=64)
    p.add_argument("--cpu-millis", type=int, default=50)
    p.add_argument("--sleep-seconds", type=float, default=2.0)
    p.add_argument("--memory-tasks", type=int, default=1_000_000)
    p.add_argument("--memory-chunksize", type=int, default=1000)
    p.add_argument("--state-increments", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("workloads", nargs="+", metavar="workload")
    a = p.parse_args()
    global SLEEP_SECONDS
    SLEEP_SECONDS = a.sleep_seconds
    for name in a.workloads:
        fn = WORKLOADS.get(name)
        if fn is None:
            continue  # e.g. 'recovery': no Python equivalent
        t0 = time.perf_counter()
        fn(a)
        log(f"{name}: {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
