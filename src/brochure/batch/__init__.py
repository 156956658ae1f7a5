"""Build the matrix: one target (prepare, render, write), every target in parallel and incrementally, atomic output."""
