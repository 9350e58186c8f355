"""Places: the gazetteer of municipalities and postcodes, its importers, the rule that finds
the office responsible for a place, and the data the browser's lookup reads."""
