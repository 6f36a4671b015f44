"""Charts: specs made from the data during composition, rendered once to PNG, drawn natively in the deck."""
