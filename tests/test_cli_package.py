"""The command line is a face over the library: importing the library never imports typer."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT, need_module

LIBRARY = ("eventcoder", "eventcoder.coder", "eventcoder.store", "eventcoder.ingest",
           "eventcoder.export", "eventcoder.serve.app")  # fmt: skip


def test_library_imports_without_typer():
    code = (
        f"import sys\nimport {', '.join(LIBRARY)}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "[]", f"the library imported the command line: {out.stdout}"


def test_coding_leaves_pytorch_unimported_and_importable():
    """spaCy is imported without thinc's PyTorch bridge (eventcoder.nlp): coding does not pay
    for importing PyTorch, and PyTorch still works after it (the learned classifier's)."""
    need_module("torch")  # without the ml extra there is no PyTorch to leave out
    code = (
        "import sys\nfrom eventcoder import Coder\n"
        "Coder().code('Police arrested ten protesters in Nairobi on Monday.', date='2024-07-14')\n"
        "print('torch' in sys.modules)\n"
        "import torch\nprint(torch.tensor([1.0, 2.0]).sum().item())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.split() == ["False", "3.0"], out.stdout


def test_only_the_cli_package_imports_typer():
    src = ROOT / "src" / "eventcoder"
    importers = sorted(
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if any(line.strip().startswith(("import typer", "from typer"))
               for line in p.read_text(encoding="utf-8").splitlines())
    )  # fmt: skip
    assert importers and all(p.startswith("cli/") for p in importers), importers


def test_python_m_eventcoder_cli_runs():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-m", "eventcoder.cli", "--help"], env=env,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert "code" in out.stdout and "evaluate-geo" in out.stdout
