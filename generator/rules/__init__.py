"""Stage 3: what the rules say about the data: offers, periods, changes between versions, the toetsing, the plan check."""
