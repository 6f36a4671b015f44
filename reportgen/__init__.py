"""reportgen: outcome data to Chinese official briefings (.docx) and meeting decks (.pptx)."""

__version__ = "0.1.0"
