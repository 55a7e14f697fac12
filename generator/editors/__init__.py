"""For editors: the JSON Schema, the field reference, new-file scaffolds and the quality report."""
