"""Catalogues shipped with sroi_core, as catalogue documents (JSON files in this folder).

Each file is named ``ID-VERSION.json`` (as ``tools/build_catalogue.py`` writes it): the
catalogue store reads only the files of the id a run asks for.
"""
