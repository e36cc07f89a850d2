"""Catalogues shipped with sroi_core, as catalogue documents (JSON files in this folder)."""
