"""Model selection: train/validation/test splits, cross-validation and hyperparameter search."""
