"""Finders: what a read document states — its fields, its figures, the documents it cites."""
