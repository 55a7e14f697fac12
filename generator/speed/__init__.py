"""What exists only for speed: work spread over processes, and what a rebuild takes over from
the last one. Imported only by `generator.build` and `generator.engine`.
"""
