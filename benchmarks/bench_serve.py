"""Served exercise page: requests/second and p99 latency at 64 connections, ForgeFit against
nginx serving the same page as a static file, in the same run.

Needs `wrk` and `nginx` (Debian packages; `make bench` installs them when it can). Every server
gets one worker process so the load generator has the other core; each server is measured in
several alternating rounds and the median is reported, because these machines are shared.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.timing import print_table

PAGE = "/exercise/band-bent-over-kickback"
CONNECTIONS = 64
SECONDS = 8
ROUNDS = 3
# One nginx worker serving files from {root}/{docroot}; `types` and `try_files` vary by benchmark.
NGINX_CONF = """
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
    types {{ {types} }}
    server {{
        listen 127.0.0.1:{port};
        root {root}/{docroot};
        location / {{ try_files {try_files} =404; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(name: str, url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited early (code {process.returncode}) for {url}")
        try:
            status = httpx.get(url, timeout=1).status_code
            if status == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not serve {url} (last status {status})")


def run_wrk(url: str, seconds: int = SECONDS) -> tuple[float, float]:
    result = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", result.stdout)
    assert p99 is not None, result.stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return rps, float(p99.group(1)) * scale


def start_forgefit(server: str, port: int) -> subprocess.Popen[bytes]:
    forgefit = str(Path(sys.executable).parent / "forgefit")
    command = [forgefit, "serve", "--port", str(port), "--server", server, "--workers", "1"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_nginx(
    root: Path,
    port: int,
    *,
    docroot: str = "site",
    types: str = "text/html html;",
    try_files: str = "$uri/index.html $uri",
) -> subprocess.Popen[bytes]:
    (root / "tmp").mkdir(exist_ok=True)
    conf = root / "nginx.conf"
    text = NGINX_CONF.format(
        root=root, port=port, docroot=docroot, types=types, try_files=try_files
    )
    conf.write_text(text)
    return subprocess.Popen(
        ["nginx", "-p", str(root), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def main() -> int:
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (apt-get install wrk nginx)")
        return 0
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        root.chmod(0o755)  # nginx workers run as an unprivileged user
        forgefit = str(Path(sys.executable).parent / "forgefit")
        subprocess.run(
            [forgefit, "site", "build", str(root / "site")], check=True, capture_output=True
        )
        page_bytes = (root / "site" / PAGE.lstrip("/") / "index.html").stat().st_size
        servers = {
            "nginx (static file)": lambda port: start_nginx(root, port),
            "forgefit + granian": lambda port: start_forgefit("granian", port),
            "forgefit + uvicorn": lambda port: start_forgefit("uvicorn", port),
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in servers}
        for _ in range(ROUNDS):
            for name, start in servers.items():
                port = free_port()
                process = start(port)
                try:
                    url = f"http://127.0.0.1:{port}{PAGE}"
                    wait_until_up(name, url, process)
                    run_wrk(url, seconds=2)  # warm-up: connections, caches, branch predictors
                    results[name].append(run_wrk(url))
                finally:
                    stop(process)
    nginx_rps = statistics.median(r for r, _ in results["nginx (static file)"])
    rows = []
    for name, samples in results.items():
        rps = statistics.median(r for r, _ in samples)
        p99 = statistics.median(p for _, p in samples)
        rows.append([name, f"{rps:,.0f}", f"{p99:.2f}", f"{rps / nginx_rps:.0%}"])
    print_table(
        f"Served exercise page ({page_bytes:,} bytes), {CONNECTIONS} connections, "
        f"median of {ROUNDS} x {SECONDS}s rounds, one worker each (aim: >= 50% of nginx)",
        ["server", "req/s", "p99 ms", "vs nginx"],
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
