"""The document model every reader and writer meets at, the inline markup that makes its runs, and
every Decree 30 rule as data."""
