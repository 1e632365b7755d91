"""Public testing helpers: hypothesis strategies for declarations, goods lines, rules and profiles."""
