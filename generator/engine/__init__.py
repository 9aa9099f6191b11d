"""The site engine: the MkDocs plugin, build and serve, the export for other engines, the search index, and which folders a command may replace."""
