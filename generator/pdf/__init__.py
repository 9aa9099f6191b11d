"""The PDFs: documents (from the page code) printed with WeasyPrint, their cache, and filled-in forms."""
