"""Extractors: readers turn files into the document model, finders read facts out of it."""
