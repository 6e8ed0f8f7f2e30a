"""Word documents kehoach did not write: read (`text`), checked against Decree 30 (`check`) and turned
into plan data (`import`)."""
