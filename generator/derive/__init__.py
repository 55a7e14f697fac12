"""Stage 2, derive: what follows from the content without being written in it: what concerns
what (relations) and a recommendation's status from its dated history.
"""
