"""Checks of a built site that hold for any engine's output, run before it is published
(`site.py`): the pages stay within the Content Security Policy, their links resolve, the server
files send the policy, the data files parse.
"""
