"""A WebM as long as a test needs, built from the demo's 6-second clip without an encoder.

The clip's 60 VP8 frames start with its only keyframe, so playing them again and again,
with timestamps that keep counting, is a valid stream: each loop restarts at a keyframe.
"""

import io
import struct

from culturedegree.demo.assets import ASSETS_DIR
from learning.content.media_duration import ebml_elements, ebml_vint

EBML, SEGMENT, INFO, TRACKS, CLUSTER = 0x1A45DFA3, 0x18538067, 0x1549A966, 0x1654AE6B, 0x1F43B675
TIMECODE, SIMPLE_BLOCK, TIMECODE_SCALE, DURATION = 0xE7, 0xA3, 0x2AD7B1, 0x4489


def element(element_id: int, payload: bytes) -> bytes:
    id_bytes = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return id_bytes + b"\x01" + len(payload).to_bytes(7, "big") + payload


def long_webm(*, loops: int) -> tuple[bytes, float]:
    """The demo clip played `loops` times in one file, and its length in seconds."""
    data = (ASSETS_DIR / "dawn.webm").read_bytes()
    stream = io.BytesIO(data)
    header = tracks = b""
    frames: list[tuple[int, bytes, bytes]] = []  # (ms from the start, block head, frame)
    for top, start, end in ebml_elements(stream, 0, len(data)):
        if top == EBML:
            header = element(EBML, data[start:end])
        if top != SEGMENT:
            continue
        for child, child_start, child_end in ebml_elements(stream, start, end):
            if child == TRACKS:
                tracks = element(TRACKS, data[child_start:child_end])
            if child != CLUSTER:
                continue
            cluster_time = 0
            for part, part_start, part_end in ebml_elements(stream, child_start, child_end):
                if part == TIMECODE:
                    cluster_time = int.from_bytes(data[part_start:part_end], "big")
                elif part == SIMPLE_BLOCK:
                    stream.seek(part_start)
                    ebml_vint(stream, keep_marker=False)
                    track = data[part_start : stream.tell()]
                    (relative,) = struct.unpack(">h", stream.read(2))
                    flags = stream.read(1)
                    frames.append(
                        (cluster_time + relative, track + flags, data[stream.tell() : part_end])
                    )
    loop_ms = frames[-1][0] + (frames[-1][0] - frames[-2][0])
    clusters = b"".join(
        element(
            CLUSTER,
            element(TIMECODE, struct.pack(">I", loop * loop_ms))
            + b"".join(
                element(SIMPLE_BLOCK, head[:-1] + struct.pack(">h", at) + head[-1:] + frame)
                for at, head, frame in frames
            ),
        )
        for loop in range(loops)
    )
    info = element(
        INFO,
        element(TIMECODE_SCALE, struct.pack(">I", 1_000_000))
        + element(DURATION, struct.pack(">d", loops * loop_ms)),
    )
    return header + element(SEGMENT, info + tracks + clusters), loops * loop_ms / 1000
