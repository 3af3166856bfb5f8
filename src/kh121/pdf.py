"""A .docx turned into PDF by LibreOffice, for a reviewer to read the pages as printed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from kh121.errors import KnownError

TIMEOUT_S = 180
WANTED = "TimesNewRoman"
_FONT = re.compile(rb"/(?:BaseFont|FontName)\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)")


def fonts(pdf: bytes) -> list[str]:
    """The font families a PDF names ('LiberationSerif'), style suffixes dropped; read with
    pdffonts where installed, else from the PDF's own font dictionaries."""
    names: set[str] = set()
    exe = shutil.which("pdffonts")
    if exe is not None:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            done = subprocess.run([exe, f.name], capture_output=True, text=True, check=False)
        for line in done.stdout.splitlines()[2:]:
            if line.strip():
                names.add(line.split()[0].split("+")[-1])
    else:
        names.update(m.decode("ascii", "replace") for m in _FONT.findall(pdf))
    return sorted({n.split("-")[0].split(",")[0] for n in names})


def substitutes(pdf: bytes) -> list[str]:
    """The fonts used in place of Times New Roman ('Liberation Serif'), if it was missing."""
    used = fonts(pdf)
    if not used or any(n.replace(" ", "").startswith(WANTED) for n in used):
        return []
    return [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", n) for n in used]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


PREFIX = "kh121-pdf-"
STALE_SECONDS = 3600  # no conversion takes an hour: such a folder's kh121 was killed


def sweep_stale(now: float | None = None) -> list[Path]:
    """Remove the work folders of conversions that were killed (kill -9 leaves them behind),
    an hour old or more; the folders removed."""
    import time

    now = time.time() if now is None else now
    gone = []
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            old = folder.is_dir() and not folder.is_symlink()
            if old and now - folder.stat().st_mtime >= STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
                gone.append(folder)
        except OSError:
            continue  # another user's, or gone already: not ours to mind
    return gone


def to_pdf(docx: Path) -> bytes:
    """The PDF of `docx`. LibreOffice runs with a profile of its own in a temporary folder,
    so that it never meets a running instance."""
    exe = soffice()
    if exe is None:
        raise KnownError(
            "không tìm thấy LibreOffice (soffice) để chuyển sang PDF; cài gói"
            " libreoffice-writer-nogui, hoặc mở tệp .docx bằng Word và lưu thành PDF",
            "LibreOffice (soffice) was not found to convert to PDF; install"
            " libreoffice-writer-nogui, or open the .docx in Word and save it as PDF",
        )
    sweep_stale()
    with tempfile.TemporaryDirectory(prefix=PREFIX) as tmp:
        work = Path(tmp)
        source = work / "in.docx"
        shutil.copyfile(docx, source)
        argv = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                argv,
                capture_output=True,
                timeout=TIMEOUT_S,
                env={**os.environ, "HOME": str(work)},
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise KnownError(
                f"LibreOffice không chuyển xong sau {TIMEOUT_S} giây",
                f"LibreOffice did not finish within {TIMEOUT_S} seconds",
            ) from None
        made = work / "in.pdf"
        if done.returncode != 0 or not made.is_file():
            said = done.stderr.decode("utf-8", "replace").strip()[-300:]
            raise KnownError(
                f"LibreOffice không chuyển được sang PDF: {said}",
                f"LibreOffice could not convert to PDF: {said}",
            )
        return made.read_bytes()
