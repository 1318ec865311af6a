"""Assessments (issue 11): quizzes, projects and peer review, graded on the server. They sit
beside the journey, import content and journey, and are imported by views and the API
(docs/decisions/0029, 0032)."""
