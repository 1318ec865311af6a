"""The learner site: what each page shows, the forms learners post, search. Thin: the work is
done by learning.journey and learning.content (docs/decisions/0029)."""
