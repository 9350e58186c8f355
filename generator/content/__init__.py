"""Content: read the YAML files, check them against the schema and each other, and hold
the result as one immutable :class:`~generator.content.model.Catalogue`."""
