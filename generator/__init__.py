"""Generator for the public site on the Soziale Treffpunkte: YAML content → Markdown pages."""
