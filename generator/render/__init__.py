"""A typed plan through the Jinja2 templates into the document model."""
