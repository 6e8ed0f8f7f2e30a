"""Reading a plan file: loading with positions, the schema, the typed plan and the checks of its
meaning."""
