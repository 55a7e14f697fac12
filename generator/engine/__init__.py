"""The site engine's side: the MkDocs plugin that hands the generated pages to MkDocs, and the
Markdown extensions the configuration names. The only package that imports MkDocs or Material.
"""
