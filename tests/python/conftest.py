"""The output tree under test comes from the environment (VTH_OUT), written by the
integration test `python_release_suite` with `vth run`."""

import json
import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def out() -> Path:
    p = os.environ.get("VTH_OUT")
    if not p:
        pytest.skip("VTH_OUT is not set: run through `cargo test --release`")
    return Path(p)


@pytest.fixture(scope="session")
def manifest(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def packages(out: Path):
    return {
        rel: json.loads((out / folder / "datapackage.json").read_text(encoding="utf-8"))
        for rel, folder in [("open", "data"), ("restricted", "restricted")]
    }
