"""POM0xx: reading the file — syntax, duplicate keys, tags, limits, encoding."""
