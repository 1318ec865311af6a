"""Refusals: a request the person can fix, said in words they understand.

Domain code raises a subclass of `Refused` with a message and a `code`; the subclass maps
codes to HTTP statuses in `STATUS`. The learner API answers every `Refused` with its JSON
error, `{"message": ...}`, and a `Retry-After` header when `retry_after` is set
(culturedegree.api), so a handler only raises and never translates.
"""


class Refused(Exception):
    STATUS: dict[str, int] = {}
    DEFAULT_STATUS = 422

    def __init__(self, message: str, *, code: str, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.retry_after = retry_after

    @property
    def status(self) -> int:
        return self.STATUS.get(self.code, self.DEFAULT_STATUS)
