"""annodesk's data files (icons, desktop entry), installed as the package ``annodesk.resources``."""
