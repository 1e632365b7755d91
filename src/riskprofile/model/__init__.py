"""Data models: declarations, rules, lists and the profile."""
