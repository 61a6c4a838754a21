"""Stage 1 of the pipeline: YAML files → evaluation records that remember file and line of every value."""
