"""Checks of a built site that hold for any engine's output: the published files parse, the
pages stay within the Content Security Policy.
"""
