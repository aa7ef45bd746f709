"""Everything language: reading localized text, UI strings, locale formatting."""
