"""Python-Markdown without the inline syntax that our pages never use.

Content reaches the Markdown escaped (`render.escape_markdown`), so the only syntax on a page
is what the templates write: inline links and images, never reference links (`[text][id]`,
`[id]`) or angle-bracket links (`<https://…>`, `<name@host>`). Python-Markdown tries every
inline pattern on every piece of text of every page; without these six it spends about a sixth
less time on a page. A test converts every page with and without them and compares the HTML.
Configured in `mkdocs.yml` as `generator.engine.inline_syntax`.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]

UNUSED = (
    "reference",
    "short_reference",
    "image_reference",
    "short_image_ref",
    "autolink",
    "automail",
)


class InlineSyntax(Extension):  # type: ignore[misc]  # Python-Markdown has no types
    def extendMarkdown(self, md: Markdown) -> None:
        for name in UNUSED:
            md.inlinePatterns.deregister(name)


def makeExtension(**kwargs: Any) -> InlineSyntax:  # the name Python-Markdown looks for
    return InlineSyntax(**kwargs)
