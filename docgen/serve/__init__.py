"""docgen serve: the workspace in the browser (app, pages), edits written back into YAML (editing), the render API's worker pool (pool), and what is served (workspace)."""
