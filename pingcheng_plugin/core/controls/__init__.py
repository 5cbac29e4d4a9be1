"""Control layers of the territorial-space plan (三区三线, 自然保护地) and the land survey's 地类图斑: the land-class
table, each site's overlay with them and the stored per-site results (their import is :mod:`..exchange.control_layers`,
their rules the validator's :mod:`..validation.control_rules`)."""
