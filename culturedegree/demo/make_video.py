"""Regenerate assets/dawn.webm, the demo's tiny video: a sun rising over hills.

Run once by a developer (the file is committed): it needs an ffmpeg binary with libvpx,
for instance the one the `imageio-ffmpeg` wheel ships.

    python -m culturedegree.demo.make_video /path/to/ffmpeg
"""

import subprocess
import sys
from pathlib import Path

from .drawing import dawn

SIZE = (320, 180)
FPS = 10
SECONDS = 6
OUTPUT = Path(__file__).resolve().parent / "assets" / "dawn.webm"


def main(ffmpeg: str) -> None:
    command = [
        ffmpeg, "-y", "-loglevel", "error",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{SIZE[0]}x{SIZE[1]}", "-r", str(FPS),
        "-i", "-",
        "-c:v", "libvpx", "-b:v", "40k", "-auto-alt-ref", "0", "-an", str(OUTPUT),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.PIPE)  # noqa: S603 - developer tool
    frames = FPS * SECONDS
    for frame in range(frames):
        process.stdin.write(dawn(SIZE, sun_height=frame / (frames - 1)).tobytes())
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("ffmpeg failed")
    print(f"{OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
