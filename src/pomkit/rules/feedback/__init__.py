"""POM5xx: feedback loops, KPIs and support — what the product learns and promises."""
