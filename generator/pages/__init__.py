"""Stage 4, pages: which pages there are (`plan`) and their Markdown from the templates
(`render`).
"""
