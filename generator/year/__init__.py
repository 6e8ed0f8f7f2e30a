"""From one year's plan to the next: the next year's plan (`new`), the differences of two plans
(`diff`), a plan at a git revision."""
