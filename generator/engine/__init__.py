"""The engine: MkDocs and Material behind one adapter, the build cache, compression,
CSS trimming and the atomic swap of the output folder."""
