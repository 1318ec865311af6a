import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturedegree.settings.production")

application = get_wsgi_application()

# Heartbeats' common case is answered in front of the stack (learning/heartbeat_lane.py,
# docs/decisions/0012-heartbeat-lane.md); everything else goes to Django unchanged.
from learning.heartbeat_lane import HeartbeatLane  # noqa: E402

application = HeartbeatLane(application)
