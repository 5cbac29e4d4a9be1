"""Processing algorithms: thin wrappers mapping parameters to one core call each."""
