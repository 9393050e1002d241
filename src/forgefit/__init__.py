"""ForgeFit: an open exercise library and personal-training engine."""
