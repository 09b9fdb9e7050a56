"""The web app: a dashboard and a REST API over the knowledge base (`localties serve`)."""

from localties.web.app import create_app
from localties.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
