"""The commands: the top layer. The command line, the build (MkDocs and the atomic swap),
the site checks and the starter project; everything below serves them."""
