"""Pure domain rules: plain values in, decisions out. Standard library only."""
