"""Stage 1, content: the YAML files of `content/` read as untrusted data, checked against the
model, and returned as `Content`, or every problem at its `file:line:col`. Imports nothing
later in the pipeline.
"""
