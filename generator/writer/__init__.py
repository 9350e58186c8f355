"""The writer: MkDocs and Material behind one adapter, the preview's incremental rebuild,
CSS trimming, the atomic swap of the output folder and the hosting files."""
