"""Make docs/report.png, the README's picture of ``newsnlp report``, from the sample issue.

    python tools/report_screenshot.py [--out docs/report.png] [--height 2700]

Runs the pipeline over examples/sample_issue.md, writes the report, has headless Chromium (the
system package) photograph it, and stores the picture with a 256-colour palette (Pillow, which
the report extra brings with matplotlib) so it stays small. Needs the report extra and chromium.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2700)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    from PIL import Image

    import newsnlp

    issue = newsnlp.load()((REPO / "examples" / "sample_issue.md").read_text(encoding="utf-8"))
    issue.id = "examples/sample_issue.md"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        newsnlp.report([issue], report, title="newsnlp report: examples/sample_issue.md")
        shot = Path(tmp) / "shot.png"
        subprocess.run([chromium, *FLAGS, f"--window-size={args.width},{args.height}", f"--screenshot={shot}",
                        report.as_uri()], check=True, capture_output=True)
        image = Image.open(shot).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        image.save(args.out, optimize=True)
    print(f"{args.out}: {args.out.stat().st_size / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
