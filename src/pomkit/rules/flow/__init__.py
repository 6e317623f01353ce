"""POM4xx: handoffs and flow — work moves from the first lifecycle stage to the last."""
