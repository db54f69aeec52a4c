"""Classical supervised algorithms: decision trees (CART)."""
