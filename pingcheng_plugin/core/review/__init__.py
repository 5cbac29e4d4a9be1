"""Field review: review packages prepared from a plan, reviewed offline and merged back (GeoDiff)."""
