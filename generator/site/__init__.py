"""Stages 4-5: page contexts and their rendering to Markdown (escaping, charts, the glossary, open-data tables)."""
