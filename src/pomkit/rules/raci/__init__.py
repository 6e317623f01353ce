"""POM3xx: RACI and coverage — every activity has its roles, every role its work."""
