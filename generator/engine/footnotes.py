"""Python-Markdown's footnotes, with the same output, in linear time.

A footnote cited n times gets back-link ids `fnref:1`, `fnref2:1`, `fnref3:1`, …; the original
looks for the next free one from the first every time, which is quadratic in n. One source
cited on each of 1,000 rows of the directory page cost a second. Here the search goes on from
the id given out last. Configured in `mkdocs.yml` as `generator.engine.footnotes`.
"""

from __future__ import annotations

from typing import Any

from markdown.extensions.footnotes import FootnoteExtension  # type: ignore[import-untyped]


class Footnotes(FootnoteExtension):  # type: ignore[misc]  # Python-Markdown has no types
    def reset(self) -> None:
        super().reset()
        self._last_refs: dict[str, str] = {}

    def unique_ref(self, reference: str, found: bool = False) -> str:
        last = self._last_refs.get(reference) if found else None
        if last is None or last == reference:
            unique: str = super().unique_ref(reference, found)
        else:
            unique = super().unique_ref(last, found)  # the ids before `last` are all taken
            del self.found_refs[last]  # counted there; the count belongs to `reference`
            self.found_refs[reference] += 1
        if found:
            self._last_refs[reference] = unique
        return unique


def makeExtension(**kwargs: Any) -> Footnotes:  # the name Python-Markdown looks for
    return Footnotes(**kwargs)
