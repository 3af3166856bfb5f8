"""The conversions the tests ask LibreOffice for (never kh121's own `--pdf`, which runs as it
runs for a user): several files in one soffice call, a warm profile per worker, and each
result kept for the run by the sha256 of the file's bytes and the conversion asked, so that
the same bytes are converted once whichever worker asks first."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock

from shared import build_once, run_dir

SOFFICE = shutil.which("soffice")
TIMEOUT_S = 180


@dataclass
class Converted:
    """The files made (in the order asked; a file LibreOffice did not make is left out), and
    what soffice said if it ran (`runs`: its command, none when every file was converted
    before in this run)."""

    paths: list[Path]
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    runs: list[list[str]] = field(default_factory=list)


def _key(source: Path, to: str) -> str:
    h = hashlib.sha256()
    for part in (source.suffix.lower().encode(), to.encode(), source.read_bytes()):
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


def _made_from(source: Path, work: Path, ext: str) -> list[Path]:
    """What soffice made of `source` in `work`: <name><ext>, or <name>-<sheet><ext> where
    the filter was asked for one sheet."""
    return sorted(
        p
        for p in work.iterdir()
        if p.suffix == ext and (p.stem == source.stem or p.stem.startswith(source.stem + "-"))
    )


def convert(
    sources: Sequence[Path], to: str, outdir: Path, factory: pytest.TempPathFactory
) -> Converted:
    """`soffice --convert-to TO --outdir OUTDIR SOURCES...`: each source's results in OUTDIR,
    named as soffice names them (<name>.<TO's extension>)."""
    assert SOFFICE is not None, "the test should have been skipped: no soffice"
    stems = [s.stem for s in sources]
    clash = [a for a in stems for b in stems if a != b and a.startswith(b + "-")]
    assert len(set(stems)) == len(stems) and not clash, f"one call, one output a name: {stems}"
    ext = "." + to.split(":", 1)[0]
    cache = run_dir(factory) / "kh121-office"
    cache.mkdir(exist_ok=True)
    keys = {s: _key(s, to) for s in sources}
    done = Converted([])
    ran: dict[Path, list[Path]] = {}
    outdir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as held:
        for key in sorted(set(keys.values())):  # one order for every worker: no deadlock
            held.enter_context(FileLock(str(cache / f"{key}.lock")))
        todo = [s for s in sources if not (cache / keys[s]).is_dir()]
        if todo:
            work = Path(tempfile.mkdtemp(prefix="office-", dir=factory.getbasetemp()))
            profile = factory.getbasetemp() / "lo-profile"  # this worker's: one soffice at a time
            argv = [
                SOFFICE,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(work / "out"),
                *map(str, todo),
            ]
            run = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT_S)
            done.returncode, done.stdout, done.stderr = run.returncode, run.stdout, run.stderr
            done.runs.append(argv)
            for source in todo:
                made = _made_from(source, work / "out", ext) if (work / "out").is_dir() else []
                ran[source] = [Path(shutil.copyfile(m, outdir / m.name)) for m in made]
                if made and run.returncode == 0:  # kept for the run only from a clean run
                    keep = work / keys[source]
                    keep.mkdir()
                    for m in made:  # kept without the source's name: "pdf", "-Sheet.csv"
                        m.replace(keep / ("_" + m.name.removeprefix(source.stem)))
                    keep.replace(cache / keys[source])
            shutil.rmtree(work, ignore_errors=True)
    for source in sources:
        if source in ran:
            done.paths += ran[source]
        else:
            for m in sorted((cache / keys[source]).iterdir()):
                named = outdir / (source.stem + m.name.removeprefix("_"))
                done.paths.append(Path(shutil.copyfile(m, named)))
    return done


# The documents tests convert to PDF, each built once a run (shared.build_once), by the test
# that converts it ("test_x.py::test_name"): converted together, in one soffice call, before the
# first of those tests converts its own; each then finds its bytes converted.
PDF_TOGETHER: dict[str, Callable[[pytest.TempPathFactory], Path]] = {}


def pdf_together(test: str, document: Callable[[pytest.TempPathFactory], Path]) -> None:
    """`test` converts the document `document(factory)` builds (once a run) to PDF."""
    PDF_TOGETHER[test] = document


def convert_together(items: Iterable[pytest.Item], factory: pytest.TempPathFactory) -> None:
    """The documents of PDF_TOGETHER whose tests are among `items`, converted to PDF in one
    soffice call, once a run: what they are made of is in the cache, nothing else."""
    selected = {f"{item.path.name}::{getattr(item, 'originalname', item.name)}" for item in items}
    wanted = [make for test, make in sorted(PDF_TOGETHER.items()) if test in selected]

    def build(folder: Path) -> None:
        documents = []
        for make in wanted:
            try:
                documents.append(make(factory))
            except Exception:  # its own test builds it again and says why it fails
                continue
        if documents:
            convert(documents, "pdf", folder, factory)

    if wanted and SOFFICE is not None:
        build_once(factory, "office-pdf-together", build)
