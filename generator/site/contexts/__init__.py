"""Stage 3, build contexts: decide which pages exist and compute everything they show.

Each page is a `PageContext` (output path, template, values). All choices, ordering, labels and
links are made here in Python, so templates only lay out what they are given, and a test can
inspect a context without rendering.
"""

from __future__ import annotations

from .base import Lookups, PageContext
from .calendar import CalendarPages
from .compare import ComparePages
from .documents import Document, RegionDocuments
from .feed import FeedPages
from .guide import GuidePages
from .home import HomePages
from .national import NationalPages
from .opendata import OpenDataPages
from .regions import RegionPages

__all__ = ["Document", "Lookups", "PageContext", "build_contexts", "build_documents"]


def build_contexts(lookups: Lookups) -> list[PageContext]:
    """Every generated page of the site, as contexts (pure: reads the project and the day only)."""
    builders = [HomePages, NationalPages, RegionPages, ComparePages, GuidePages, OpenDataPages, FeedPages, CalendarPages]
    return [page for builder in builders for page in builder(lookups).all()]


def build_documents(lookups: Lookups) -> list[Document]:
    """Every PDF of the site, as documents (contexts/documents.py): two per region."""
    return RegionDocuments(lookups).all()
