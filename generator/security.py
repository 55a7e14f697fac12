"""Content Security Policy for the built site, and the server settings that send it.

The policy allows scripts, styles, images and fonts from the site itself only; the few inline
scripts the theme needs are allowed by their SHA-256 hash, computed from the built pages.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(site_dir: Path) -> list[str]:
    """Return the CSP hash source of every inline script in the site's HTML, sorted."""
    bodies = {
        body
        for page in sorted(site_dir.rglob("*.html"))
        for body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8"))
    }
    digests = (base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in bodies)
    return sorted(f"'sha256-{digest}'" for digest in digests)


def content_security_policy(script_hashes: list[str]) -> str:
    """Return the policy: everything from the site itself, nothing inline but hashed scripts."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(script_hashes),
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


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def server_files(policy: str) -> dict[str, str]:
    """Return `_headers` (Netlify, Cloudflare Pages) and an nginx snippet sending the policy."""
    headers = {"Content-Security-Policy": policy, **SECURITY_HEADERS}
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    nginx = "# include in the server block that serves site/\n" + "".join(
        f'add_header {name} "{value}" always;\n' for name, value in headers.items()
    )
    return {"_headers": netlify, "nginx-security-headers.conf": nginx}
