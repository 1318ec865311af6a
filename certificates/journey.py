"""What achievements use of the learner's journey, in one place (learning's layout moves;
this module follows it). The dependency points one way: learning never imports certificates."""

from learning.journey.access import default_language_code
from learning.journey.activity import local_day
from learning.journey.events import listen

__all__ = ["default_language_code", "listen", "local_day"]
