"""The learner's journey: access, enrollment, program structure, progress, heartbeats, activity,
events and the dashboard figures. Imports the content and the models, never views, API or admin
(docs/decisions/0029)."""
