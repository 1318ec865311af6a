"""What every criteria module shares."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Status:
    current: int
    target: int
    earned: bool

    def as_progress(self) -> dict:
        return {"current": self.current, "target": self.target}


def positive_int(value, *, key: str, low: int, high: int, message) -> int:
    """A whole number from low to high, or ValidationError({key: message})."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({key: message}) from None
    if (isinstance(value, float) and value != number) or not low <= number <= high:
        raise ValidationError({key: message})
    return number
