"""Features: scaling, encoding, hashing, binning and crosses."""
