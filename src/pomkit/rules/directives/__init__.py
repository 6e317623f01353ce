"""POM09x: suppression comments and waivers that no longer do anything, or are wrong."""
