"""Evaluation of answers against question sets: datasets, metrics, runs, reports and gates."""
