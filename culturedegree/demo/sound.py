"""Short recordings for the demo catalog, synthesised with the standard library."""

import io
import math
import wave

RATE = 16_000

# Scales as semitone offsets from the root.
SCALES = {
    "kora": [0, 2, 4, 7, 9, 12, 14, 16],  # a major pentatonic line, as kora tunings often allow
    "in": [0, 1, 5, 7, 8, 12, 13, 17],  # the Japanese in scale (miyako-bushi)
}


def plucked(*, scale: str, root_hz: float, notes: int = 12, note_seconds: float = 0.45) -> bytes:
    """A WAV of plucked notes walking up and down the scale, each decaying like a string."""
    steps = SCALES[scale]
    sequence = steps + steps[-2:0:-1]
    samples = bytearray()
    per_note = int(RATE * note_seconds)
    for index in range(notes):
        frequency = root_hz * 2 ** (sequence[index % len(sequence)] / 12)
        for n in range(per_note):
            t = n / RATE
            envelope = math.exp(-4.5 * t) * min(1.0, n / 40)
            value = math.sin(math.tau * frequency * t) + 0.35 * math.sin(
                math.tau * 2 * frequency * t
            )
            value += 0.12 * math.sin(math.tau * 3 * frequency * t)
            samples += int(max(-1.0, min(1.0, 0.45 * envelope * value)) * 32767).to_bytes(
                2, "little", signed=True
            )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(RATE)
        output.writeframes(bytes(samples))
    return buffer.getvalue()
