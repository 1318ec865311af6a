"""How long a video or audio file lasts, read from the file's own headers.

Pure Python, no dependency, for the containers browsers play and the media library takes:
MP4/MOV/M4A (the `mvhd` box), WebM/Matroska (the segment's Duration), Ogg Vorbis and Opus
(the last page's granule position), WAV (data size over byte rate) and MP3 (the Xing, Info
or VBRI frame count, else the first frame's bit rate). Anything else, or a file that does
not say, gives None: the server then completes nothing by itself (docs/progress.md).
"""

import struct
from collections.abc import Iterator
from typing import BinaryIO

OGG_TAIL_BYTES = 65_536
MP3_SYNC_SEARCH_BYTES = 65_536


def probe_duration(stream: BinaryIO) -> float | None:
    """The duration in seconds of the media file open in `stream` (binary, seekable), or
    None. The stream's position is restored."""
    position = stream.tell()
    try:
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(0)
        head = stream.read(12)
        stream.seek(0)
        if head[:4] == b"\x1a\x45\xdf\xa3":
            seconds = _matroska(stream, size)
        elif head[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip"):
            seconds = _mp4(stream, size)
        elif head[:4] == b"OggS":
            seconds = _ogg(stream, size)
        elif head[:4] == b"RIFF" and head[8:12] == b"WAVE":
            seconds = _wav(stream, size)
        elif head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
            seconds = _mp3(stream, size)
        else:
            seconds = None
    except (struct.error, ValueError, IndexError, OSError, ZeroDivisionError):
        seconds = None
    finally:
        stream.seek(position)
    if seconds is None or not 0 < seconds < 1e7:
        return None
    return float(seconds)


def media_file_duration(field_file) -> float | None:
    """The duration of a stored media file (a FieldFile), or None."""
    try:
        with field_file.open("rb") as stream:
            return probe_duration(stream)
    except OSError:
        return None


# MP4 and QuickTime: boxes of (size, type); the movie header holds timescale and duration.
def _boxes(stream: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    offset = start
    while offset + 8 <= end:
        stream.seek(offset)
        size, kind = struct.unpack(">I4s", stream.read(8))
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", stream.read(8))
            header = 16
        elif size == 0:
            size = end - offset
        if size < header:
            return
        yield kind, offset + header, offset + size
        offset += size


def _mp4(stream: BinaryIO, size: int) -> float | None:
    for kind, start, end in _boxes(stream, 0, size):
        if kind != b"moov":
            continue
        for child, child_start, _ in _boxes(stream, start, end):
            if child == b"mvhd":
                stream.seek(child_start)
                version = stream.read(4)[0]
                if version == 1:
                    _, _, timescale, duration = struct.unpack(">QQIQ", stream.read(28))
                else:
                    _, _, timescale, duration = struct.unpack(">IIII", stream.read(16))
                return duration / timescale
    return None


# Matroska and WebM: EBML elements of (variable-length id, variable-length size, data).
SEGMENT, INFO, CLUSTER = 0x18538067, 0x1549A966, 0x1F43B675
TIMECODE_SCALE, DURATION = 0x2AD7B1, 0x4489


def ebml_vint(stream: BinaryIO, *, keep_marker: bool) -> tuple[int, bool]:
    """An EBML variable-length integer, and whether it is the reserved 'unknown size'."""
    first = stream.read(1)[0]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise ValueError("bad EBML integer")
    value = first if keep_marker else first & (0xFF >> length)
    rest = stream.read(length - 1)
    for byte in rest:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, unknown


def ebml_elements(stream: BinaryIO, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    offset = start
    while offset < end:
        stream.seek(offset)
        element, _ = ebml_vint(stream, keep_marker=True)
        length, unknown = ebml_vint(stream, keep_marker=False)
        data = stream.tell()
        stop = end if unknown else data + length
        yield element, data, stop
        if unknown:
            return
        offset = stop


def _matroska(stream: BinaryIO, size: int) -> float | None:
    for element, start, end in ebml_elements(stream, 0, size):
        if element != SEGMENT:
            continue
        for child, child_start, child_end in ebml_elements(stream, start, end):
            if child == CLUSTER:
                return None  # Info always comes before the first cluster.
            if child != INFO:
                continue
            scale, duration = 1_000_000, None
            for field, field_start, field_end in ebml_elements(stream, child_start, child_end):
                stream.seek(field_start)
                data = stream.read(field_end - field_start)
                if field == TIMECODE_SCALE:
                    scale = int.from_bytes(data, "big")
                elif field == DURATION:
                    (duration,) = struct.unpack(">f" if len(data) == 4 else ">d", data)
            return None if duration is None else duration * scale / 1e9
    return None


# Ogg: pages of 'OggS' headers; the last page's granule position counts samples.
def _ogg(stream: BinaryIO, size: int) -> float | None:
    header = stream.read(27)
    serial = header[14:18]
    segments = stream.read(header[26])
    packet = stream.read(sum(segments))
    if packet[:7] == b"\x01vorbis":
        (rate,) = struct.unpack("<I", packet[12:16])
        skip = 0
    elif packet[:8] == b"OpusHead":
        rate = 48_000
        (skip,) = struct.unpack("<H", packet[10:12])
    else:
        return None
    tail_start = max(0, size - OGG_TAIL_BYTES)
    stream.seek(tail_start)
    tail = stream.read()
    index = tail.rfind(b"OggS")
    while index >= 0:
        if tail[index + 14 : index + 18] == serial:
            (granule,) = struct.unpack("<q", tail[index + 6 : index + 14])
            return (granule - skip) / rate if granule > 0 else None
        index = tail.rfind(b"OggS", 0, index)
    return None


# WAV: RIFF chunks; 'fmt ' gives the byte rate, 'data' the size of the samples.
def _wav(stream: BinaryIO, size: int) -> float | None:
    offset, byte_rate = 12, None
    while offset + 8 <= size:
        stream.seek(offset)
        kind, length = struct.unpack("<4sI", stream.read(8))
        if kind == b"fmt ":
            (byte_rate,) = struct.unpack("<I", stream.read(12)[8:12])
        elif kind == b"data" and byte_rate:
            return min(length, size - offset - 8) / byte_rate
        offset += 8 + length + (length & 1)
    return None


# MP3: frames after an optional ID3v2 tag. A VBR file says its frame count in its first frame.
MP3_BITRATES = {
    (1, 1): [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    (1, 2): [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    (1, 3): [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    (2, 1): [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    (2, 2): [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
MP3_SAMPLE_RATES = {1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 25: [11025, 12000, 8000]}


def _mp3(stream: BinaryIO, size: int) -> float | None:
    start = 0
    head = stream.read(10)
    if head[:3] == b"ID3":
        tag_size = 0
        for byte in head[6:10]:
            tag_size = (tag_size << 7) | (byte & 0x7F)
        start = 10 + tag_size + (10 if head[5] & 0x10 else 0)
    stream.seek(start)
    window = stream.read(MP3_SYNC_SEARCH_BYTES)
    for index in range(len(window) - 4):
        if window[index] != 0xFF or window[index + 1] & 0xE0 != 0xE0:
            continue
        version_bits = (window[index + 1] >> 3) & 3
        layer = 4 - ((window[index + 1] >> 1) & 3)
        bitrate_index = window[index + 2] >> 4
        rate_index = (window[index + 2] >> 2) & 3
        if version_bits == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
            continue
        version = {3: 1, 2: 2, 0: 25}[version_bits]
        table = (1, layer) if version == 1 else (2, 1 if layer == 1 else 2)
        bitrate = MP3_BITRATES[table][bitrate_index] * 1000
        sample_rate = MP3_SAMPLE_RATES[version][rate_index]
        samples = 384 if layer == 1 else 576 if layer == 3 and version != 1 else 1152
        mono = window[index + 3] >> 6 == 3
        side_info = (17 if mono else 32) if version == 1 else (9 if mono else 17)
        frame = window[index : index + 200]
        frames = None
        xing = frame[4 + side_info : 4 + side_info + 12]
        if xing[:4] in (b"Xing", b"Info") and struct.unpack(">I", xing[4:8])[0] & 1:
            (frames,) = struct.unpack(">I", xing[8:12])
        elif frame[36:40] == b"VBRI":
            (frames,) = struct.unpack(">I", frame[50:54])
        if frames:
            return frames * samples / sample_rate
        return (size - start - index) * 8 / bitrate
    return None
