"""Reserved for assessments (issue 11): quizzes, attempts, grading. They sit beside the journey,
import content and journey, and are imported by views and the API (docs/decisions/0029)."""
