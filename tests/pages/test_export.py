"""The static export: every page written, byte-identical to what the server returns."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import httpx
import pytest

from forgefit.pages.export import output_file
from tests.conftest import FORGEFIT


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "site"
    result = subprocess.run(
        [FORGEFIT, "site", "build", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stderr
    return out


def test_export_writes_every_page(exported: Path, catalog):
    assert (exported / "exercises" / "index.html").is_file()
    assert (exported / "sitemap.xml").is_file()
    assert (exported / "llms.txt").is_file()
    assert (exported / "404.html").is_file()
    for exercise in catalog.exercises:
        assert (exported / "exercise" / exercise.slug / "index.html").is_file()
        assert (exported / "exercise" / f"{exercise.slug}.md").is_file()


def test_export_has_a_headers_file_with_the_servers_security_headers(
    exported: Path, http: httpx.Client
):
    lines = (exported / "_headers").read_text().splitlines()
    assert lines[0] == "/*"
    sent = dict(line.strip().split(": ", 1) for line in lines[1:])
    served = http.get("/exercises").headers
    for name in ("content-security-policy", "referrer-policy", "x-content-type-options"):
        assert sent[name] == served[name], name


def test_a_sample_of_exported_files_equals_what_the_server_returns(
    exported: Path, http: httpx.Client
):
    sitemap_paths = [
        line.split("<loc>")[1].split("</loc>")[0].split("://", 1)[1].split("/", 1)[1]
        for line in (exported / "sitemap.xml").read_text().splitlines()
        if "<loc>" in line
    ]
    sample = random.Random(7).sample(sitemap_paths, 25)
    sample += ["exercise/band-bent-over-kickback.md", "sitemap.xml", "llms.txt", "robots.txt"]
    for relative in sample:
        path = "/" + relative
        served = http.get(path, headers={"accept-encoding": "identity"})
        assert served.status_code == 200, path
        assert (exported / output_file(path)).read_bytes() == served.content, path


def test_building_into_a_file_fails_with_a_message_and_leaves_it_alone(tmp_path: Path):
    target = tmp_path / "not-a-folder"
    target.write_text("keep me")
    result = subprocess.run(
        [FORGEFIT, "site", "build", str(target)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "is a file" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]
