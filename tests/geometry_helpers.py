"""Helpers for the tests of the readers with geometry and the layout transforms.

Until the layout transforms and the English profile are registered (entry
points, ``get_profile``), tests run the pipeline with them explicitly; once
registered, the same calls use the registered ones (no duplicates).
"""

from __future__ import annotations

from newsarchive import api
from newsarchive.model import Page
from newsarchive.profiles import Profile
from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
from newsarchive.reorder import Draft, Pipeline
from newsarchive.reorder.assemble import assemble
from newsarchive.reorder.layout_assign import LayoutAssign
from newsarchive.reorder.layout_joins import LayoutJoins
from newsarchive.reorder.layout_line_ends import LayoutLineEnds
from newsarchive.reorder.layout_order import LayoutOrder
from newsarchive.reorder.layout_roles import LayoutRoles

LAYOUT_STEPS = (LayoutOrder, LayoutRoles, LayoutLineEnds, LayoutJoins, LayoutAssign)


def steps(*, layout: bool = True) -> list:
    """The registered transforms, plus (or minus) the layout ones."""
    names = {cls.name for cls in LAYOUT_STEPS}
    base = [t for t in api.transforms() if t.name not in names]
    return base + ([cls() for cls in LAYOUT_STEPS] if layout else [])


def reconstruct(page: Page, *, profile: Profile | None = None, layout: bool = True) -> Page:
    """Run the pipeline with the given profile (English by default)."""
    draft = Draft.from_page(page, profile or EnglishNewspaperProfile())
    return assemble(Pipeline(steps(layout=layout)).run(draft))
