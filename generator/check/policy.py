"""Content Security Policy for the built site and the server files that send it.

The policy allows scripts, styles, images and fonts from the site itself only. The theme's few
inline scripts are served as files (`site_templates/overrides/partials/javascripts/`), so the
policy needs no hash, and the site check (`markup.py`) refuses a page with any inline script or
style: a template or extension that starts writing one stops publishing instead of being
allowed.
"""

from __future__ import annotations

POLICY = "; ".join(
    [
        "default-src 'self'",
        # Pagefind's search runs as WebAssembly, which a policy must allow by name; nothing
        # else is allowed beyond the site's own script files.
        "script-src 'self' 'wasm-unsafe-eval'",
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
"""Everything from the site itself; nothing inline, nothing from other hosts; WebAssembly for the
search."""

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
