"""Stages 1-2: the project's files read (YAML with positions), validated and cross-checked into one immutable `Project`."""
