"""Exercises and hubs as documents: Markdown and HTML renderings of the catalog."""

from forgefit.pages.exercise_page import ExercisePage, build_exercise_page
from forgefit.pages.markdown import render_exercise_markdown

__all__ = ["ExercisePage", "build_exercise_page", "render_exercise_markdown"]
