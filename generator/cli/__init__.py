"""The `regioplan` commands, and the tools behind some of them (bench, scaffold, monitor, own words)."""
