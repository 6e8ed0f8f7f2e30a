"""The commands: the only modules that print or set the exit code."""
