"""POM6xx: principles — each declared principle is evidenced by the model."""
