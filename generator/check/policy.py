"""Content Security Policy for the built site, the server settings that send it, and the check
that keeps every built page within it.

The policy allows scripts, styles, images and fonts from the site itself only. The theme's few
inline scripts are served as files (`site_templates/overrides/partials/javascripts/`), so the
policy needs no hash, and `unsafe_markup` refuses a page with any inline script or style: a
template or extension that starts writing one stops the build instead of being allowed.
"""

from __future__ import annotations

import html as html_text
import re

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
"""Everything from the site itself; nothing inline, nothing from other hosts."""

_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
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
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def url_scheme(value: str) -> str | None:
    """Return the scheme a browser sees in an attribute value (None for a relative URL).

    Entities are decoded once more and control characters and spaces removed, so that
    `jav&#x09;ascript:` and ` javascript:` count as `javascript`."""
    match = _SCHEME.match(_CONTROL.sub("", html_text.unescape(value)))
    return match.group(1).lower() if match else None


def safe_url(value: str) -> bool:
    """Whether a URL is relative or has one of the SAFE_SCHEMES."""
    return url_scheme(value) in (None, *SAFE_SCHEMES)


def urls_in(name: str, value: str) -> list[str]:
    """Return the URLs in attribute `name` with `value` (none if it carries no URL)."""
    if name in ("srcset", "imagesrcset"):
        return [candidate.strip().split(" ")[0] for candidate in value.split(",")]
    return [value] if name in URL_ATTRIBUTES else []


_OTHER_HOST = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)


def unsafe_markup(html: str) -> list[str]:
    """Return what in a built page the policy would block or should never be there: inline
    scripts and styles, event-handler attributes, scripts from other hosts, and URLs with a
    scheme outside SAFE_SCHEMES. Data blocks
    (`<script type="application/json">`) are not run and are fine.

    Page text is escaped by the generator, so a `<` in the HTML always starts real markup."""
    found = []
    for tag in _TAG.finditer(html):
        name = tag[1].lower()
        attributes = {
            match[1].lower(): (match[2] or "").strip("\"'") for match in _ATTRIBUTE.finditer(tag[2])
        }
        shown = tag[0][:100]
        if name == "style":
            found.append(f"Inline-Stil: {shown}")
        handlers = [a for a in attributes if a.startswith("on") or a == "style"]
        if handlers:
            found.append(f"Attribut {', '.join(handlers)}: {shown}")
        for attribute, value in attributes.items():
            if any(
                url_scheme(url) not in (None, *SAFE_SCHEMES) for url in urls_in(attribute, value)
            ):
                found.append(f"Adresse in {attribute}: {shown}")
        if name == "script":
            source = attributes.get("src")
            if source is None and attributes.get("type") != "application/json":
                found.append(f"Inline-Skript: {html[tag.start() : tag.start() + 100]}")
            elif source is not None and _OTHER_HOST.match(source):
                found.append(f"Skript von anderem Host: {shown}")
    return found


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def server_files() -> dict[str, str]:
    """Return `_headers` (Netlify, Cloudflare Pages) and an nginx snippet sending the policy."""
    headers = {"Content-Security-Policy": POLICY, **SECURITY_HEADERS}
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    nginx = "# include in the server block that serves site/\n" + "".join(
        f'add_header {name} "{value}" always;\n' for name, value in headers.items()
    )
    return {"_headers": netlify, "nginx-security-headers.conf": nginx}
