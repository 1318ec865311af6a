"""The journey's records. Django finds them through learning.models, which re-exports them."""
