"""What achievements use of the learner's journey, in one place (learning's layout moves;
this module follows it). The dependency points one way: learning never imports certificates."""

from learning.access import default_language_code
from learning.activity import local_day
from learning.events import listen

__all__ = ["default_language_code", "listen", "local_day"]
