"""POM2xx: references — every id a model refers to must be defined, of the right kind."""
