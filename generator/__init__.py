"""kehoach: Vietnamese commune plans kept as YAML, rendered as Decree 30 Word documents."""

__version__ = "0.1.0"
