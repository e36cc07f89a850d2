"""Spreadsheets: XLSX templates, import of XLSX/CSV into documents, export of results.

The layout is generated from the JSON Schema of the document version asked, never from a
hand-kept field list: a ``Document`` sheet holds one field per row (a dotted path and its
value), and each list of objects at the top of a document (``commitments``, ``items``,
``lines``) gets a sheet of its own, one object per row, one dotted path per column. The
mapping is lossless: decimals and dates stay text, exactly as written.
"""
