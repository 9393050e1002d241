"""The media type each kind of page is served with, by the web server and the static export."""

HTML = "text/html; charset=utf-8"
MARKDOWN = "text/markdown; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
CSS = "text/css; charset=utf-8"
JAVASCRIPT = "text/javascript; charset=utf-8"
SVG = "image/svg+xml"
