"""Requests the test live server is still answering (test settings only).

A browser test's pages can send requests as they close (a heartbeat's beacon, a quiz's last
save). The test database is flushed right after the test, so the browser fixtures wait until
the live server has answered every request and none has started for a short while, instead
of sleeping a fixed time.
"""

import threading
import time

_lock = threading.Condition()
_state = {"in_flight": 0, "last_started": 0.0}


class InFlightMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with _lock:
            _state["in_flight"] += 1
            _state["last_started"] = time.monotonic()
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _state["in_flight"] -= 1
                _lock.notify_all()


def wait_until_idle(*, quiet: float = 0.2, timeout: float = 5.0) -> bool:
    """Block until no request is in flight and none started in the last `quiet` seconds, nor
    since this call (a request sent as a page closed may not have arrived yet). Returns False
    if that did not happen within `timeout`."""
    called = time.monotonic()
    deadline = called + timeout
    with _lock:
        while True:
            now = time.monotonic()
            calm_for = now - max(_state["last_started"], called)
            if _state["in_flight"] == 0 and calm_for >= quiet:
                return True
            if now >= deadline:
                return False
            wait = quiet - calm_for if _state["in_flight"] == 0 else deadline - now
            _lock.wait(timeout=max(0.01, min(wait, deadline - now)))
