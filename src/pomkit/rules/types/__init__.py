"""POM7xx: type and archetype consistency — the model is what it says it is."""
