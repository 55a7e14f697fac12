"""What a built page must not contain: whatever the Content Security Policy would block or
that could run script. Pages are read by an HTML5 parser (selectolax, lexbor), as a browser
reads them; SVG files by an XML parser, as a browser reads them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Mapping

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.content.problems import one_line

SAFE_SCHEMES = frozenset(["http", "https", "mailto", "tel"])
"""URL schemes a link or source may have; anything else (javascript:, data:, vbscript:…) is
refused. Relative URLs have no scheme."""
URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "data",
        "background",
        "cite",
        "ping",
        "manifest",
        "srcset",
        "imagesrcset",
    ]
)
DATA_BLOCK = "application/json"
"""A `<script>` of this type is data (Material's `__config`): the browser does not run it."""
SHOWN = 100
"""Characters of the offending markup quoted in a problem line."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
"""What a browser's URL parser strips or removes: leading and trailing C0 controls and spaces,
tabs and line breaks anywhere. Removing all of them anywhere refuses a little more."""


def url_scheme(value: str) -> str | None:
    """Return the scheme a browser sees in an attribute value as the parser gives it, entities
    decoded (None for a relative URL): `jav\\tascript:` and ` javascript:` are `javascript`."""
    match = _SCHEME.match(_IGNORED.sub("", value))
    return match.group(1).lower() if match else None


def safe_url(value: str) -> bool:
    """Whether a URL is relative or has one of the SAFE_SCHEMES."""
    return url_scheme(value) in (None, *SAFE_SCHEMES)


def other_host(value: str) -> bool:
    """Whether a URL names a host: a scheme, or `//host` (a browser reads `\\` as `/`)."""
    cleaned = _IGNORED.sub("", value).replace("\\", "/")
    return url_scheme(cleaned) is not None or cleaned.startswith("//")


def urls_in(name: str, value: str) -> list[str]:
    """Return the URLs in attribute `name` with `value` (none if it carries no URL)."""
    if name in ("srcset", "imagesrcset"):
        return [candidate.strip().split(" ")[0] for candidate in value.split(",")]
    return [value] if name in URL_ATTRIBUTES else []


def unsafe_markup(html: str) -> list[str]:
    """Return what in one page the policy would block or should never be there (see
    `element_problems`), one line per finding."""
    return [
        line
        for node, name, attributes in elements(LexborHTMLParser(html).root)
        for line in element_problems(node, name, attributes)
    ]


Attributes = dict[str, str]
"""An element's attributes, names in lower case, a value-less attribute as ``."""


def elements(root: LexborNode | None) -> Iterator[tuple[LexborNode, str, Attributes]]:
    """Yield every element under `root` with its name and attributes, in document order."""
    for node in [] if root is None else root.traverse():
        if node.tag and not node.tag.startswith(("_", "-", "!")):  # comments, doctype
            attributes = {key.lower(): value or "" for key, value in node.attributes.items()}
            yield node, node.tag.lower(), attributes


def element_problems(node: LexborNode, name: str, attributes: Attributes) -> list[str]:
    """Return what in one element the policy would block or should never be there: inline
    scripts (data blocks of type application/json are fine) and styles, event-handler and
    `style` attributes, scripts from other hosts, and URLs with a scheme outside SAFE_SCHEMES
    or naming a host without one."""
    found = _attribute_findings(name, attributes)
    if name == "script":
        source = attributes.get("src")
        if source is None and attributes.get("type", "").strip().lower() != DATA_BLOCK:
            return [
                f"Inline-Skript: {one_line((node.html or '')[:SHOWN])}",
                *_shown(found, name, attributes),
            ]
        if source is not None and other_host(source):
            found.append("Skript von anderem Host")
    if name == "style":
        return [
            f"Inline-Stil: {one_line((node.html or '')[:SHOWN])}",
            *_shown(found, name, attributes),
        ]
    return _shown(found, name, attributes)


def _shown(found: list[str], name: str, attributes: Mapping[str, str]) -> list[str]:
    """Each finding with the start tag it was found in (written only when there is one)."""
    return [f"{what}: {_start_tag(name, attributes)}" for what in found]


def _attribute_findings(element: str, attributes: Mapping[str, str]) -> list[str]:
    found = []
    handlers = [name for name in attributes if name.lower().startswith("on") or name == "style"]
    if handlers:
        found.append(f"Attribut {', '.join(handlers)}")
    for name, value in attributes.items():
        if element == "script" and name == "src":
            continue  # a script from another host is reported as such
        urls = urls_in(name.lower(), value)
        if element == "meta" and name == "content" and "http-equiv" in attributes:
            urls = [value.partition("=")[2]]  # <meta http-equiv="refresh" content="0; url=…">
        if any(not safe_url(url) or _host_without_scheme(url) for url in urls):
            found.append(f"Adresse in {name}")
    return found


def _host_without_scheme(url: str) -> bool:
    """`//host/path`: what a template writes when it glues a base URL (`/`) to `/path`."""
    return other_host(url) and url_scheme(url) is None


def _start_tag(name: str, attributes: Mapping[str, str]) -> str:
    written = "".join(
        f' {key}="{value.replace(chr(34), "&quot;")}"' for key, value in attributes.items()
    )
    return one_line(f"<{name}{written}>"[:SHOWN])


# --- SVG ------------------------------------------------------------------------------------


def unsafe_svg(data: bytes) -> list[str]:
    """Return the same for an SVG file, which runs script when opened as a document: script
    and style elements, event-handler and `style` attributes, links with other schemes. A
    file that does not parse is the read-back's to report (`data_files`)."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return []
    found = []
    for element in root.iter():
        name = str(element.tag).rpartition("}")[2]
        attributes = {key.rpartition("}")[2]: value for key, value in element.attrib.items()}
        kinds = {"script": ["Skript"], "style": ["Inline-Stil"]}.get(name, [])
        found += _shown([*kinds, *_attribute_findings(name, attributes)], name, attributes)
    return found
