"""The document model out: its layout, .docx, HTML, PDF and page estimates; and plan data out as a plan
file."""
