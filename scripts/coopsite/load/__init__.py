"""Loaders: one module per content type, files -> models + problems. No output here."""
