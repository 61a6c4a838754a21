"""Stage 5: what docgen says about a batch — the check report (text and JSON), later the narrative reports."""
