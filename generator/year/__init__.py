"""A plan file over the years: the next year's plan (`new`), the differences of two plans
(`diff`), a plan at a git revision, a plan of an earlier kehoach brought to today's format
(`upgrade`), and the round trip that edits a plan file keeping its comments."""
