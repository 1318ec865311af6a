"""Assessments: quizzes, projects and peer review, graded on the server."""
