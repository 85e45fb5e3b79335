"""A contact sheet of a rendered video: the frame under every caption line, with the line, to look
at whether each picture shows what is said.

    python tools/contact_sheet.py VIDEO.mp4 [--srt VIDEO.srt] [--out sheet.png] [--at 0.8]

The captions default to the .srt beside the video (manim writes one for a narrated scene). Each
frame is taken at `--at` of its cue (0.8: late in the line, once its animation has played).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import av
import srt
from PIL import Image, ImageDraw, ImageFont

from common.cli import OneLineParser, one_line
from common.files import atomic_write

TILE_W, COLUMNS, TEXT_H = 426, 3, 64
FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def frames_at(video: Path, times: list[float]) -> list[Image.Image]:
    """The decoded frames at (or just after) each time, in seconds."""
    out: list[Image.Image] = []
    with av.open(str(video)) as box:
        stream = box.streams.video[0]
        wanted = iter(sorted(times))
        t = next(wanted, None)
        for frame in box.decode(stream):
            while t is not None and frame.time is not None and frame.time >= t:
                out.append(frame.to_image())
                t = next(wanted, None)
            if t is None:
                break
    return out


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def sheet(video: Path, cues: list[srt.Subtitle], at: float) -> Image.Image:
    times = [c.start.total_seconds() + at * (c.end - c.start).total_seconds() for c in cues]
    frames = frames_at(video, times)
    tile_h = round(TILE_W * frames[0].height / frames[0].width) if frames else 240
    rows = (len(frames) + COLUMNS - 1) // COLUMNS
    page = Image.new("RGB", (COLUMNS * TILE_W, rows * (tile_h + TEXT_H)), "white")
    draw, small = ImageDraw.Draw(page), font(12)
    for k, (frame, cue, t) in enumerate(zip(frames, cues, times)):
        x, y = (k % COLUMNS) * TILE_W, (k // COLUMNS) * (tile_h + TEXT_H)
        page.paste(frame.resize((TILE_W, tile_h)), (x, y))
        text = f"{cue.index} @{t:.1f}s  " + cue.content.replace("\n", " ")
        draw.multiline_text((x + 4, y + tile_h + 2), "\n".join(textwrap.wrap(text, 64)[:4]), fill="black", font=small)
    return page


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("--srt", type=Path, help="the captions (default: the .srt beside the video)")
    parser.add_argument("--out", type=Path, help="the PNG to write (default: VIDEO.sheet.png)")
    parser.add_argument("--at", type=float, default=0.8, help="where in each cue to take its frame (0-1)")
    args = parser.parse_args(argv)
    captions = args.srt or args.video.with_suffix(".srt")
    try:
        cues = list(srt.parse(captions.read_text(encoding="utf-8")))
        if not cues:
            raise ValueError(f"{captions}: no captions")
        image = sheet(args.video, cues, min(max(args.at, 0.0), 1.0))
    except (OSError, ValueError, av.error.FFmpegError, srt.SRTParseError) as e:
        print(one_line(f"error: {e}"), file=sys.stderr)
        return 1
    out = args.out or args.video.with_suffix(".sheet.png")
    atomic_write(out, lambda f: image.save(f, "PNG"))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
