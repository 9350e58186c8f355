"""Infrastructure: the bottom layer. Errors and findings, the clock, the build cache, worker
processes, file safety, compression, the HTTP policy. Imports nothing else of the generator."""
