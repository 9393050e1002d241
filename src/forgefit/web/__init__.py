"""The web app: the library's pages, the JSON API and the ExerciseDB-compatible API."""

from forgefit.web.app import create_app

__all__ = ["create_app"]
