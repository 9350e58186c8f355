"""The site: view-models, URLs, interface strings, page rendering and the search index.
Knows nothing of the engine that writes the pages out."""
